#!/usr/bin/env bash
# Cold start to a healthy app, embedded PostgreSQL included, in three launch forms, against two baselines measured
# in the same run: PostgreSQL 18 alone (same binaries and data folder, pg_ctl start -w) and a bare JVM
# (java -version). Runs are interleaved so machine noise spreads over all forms; medians are reported.
#   bench/cold-start.sh [runs]      (default 5; builds the jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR=target/ridgeline.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
HOME_DIR="$(mktemp -d /tmp/ridgeline-bench.XXXXXX)"
APP_PORT=18080
PG_PORT=54339
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
trap 'pkill -f "ridgeline-bench" >/dev/null 2>&1 || true; rm -rf "$HOME_DIR"' EXIT

now_ms() { date +%s%3N; }

start_app() {  # start_app <jar> [jvm flags...]; sets MS to the milliseconds from launch to /actuator/health UP
  local jar=$1 t0 t1
  shift
  t0=$(now_ms)
  RIDGELINE_HOME="$HOME_DIR" "$JAVA" "${FLAGS[@]}" "$@" -Dridgeline.bench=ridgeline-bench -jar "$jar" \
    --server.port=$APP_PORT --ridgeline.db.embedded-port=$PG_PORT > "$HOME_DIR/app.log" 2>&1 &
  APP_PID=$!
  until curl -fs "http://localhost:$APP_PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died; see $HOME_DIR/app.log" >&2; tail -20 "$HOME_DIR/app.log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(now_ms)
  MS=$((t1 - t0))
}

stop_app() {  # sets MS to the milliseconds from SIGTERM to exit (graceful shutdown, embedded PostgreSQL stopped)
  local t0 t1
  t0=$(now_ms)
  kill -TERM "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  t1=$(now_ms)
  MS=$((t1 - t0))
}

pg_alone() {
  local bin t0 t1
  bin=$(dirname "$(find "$HOME_DIR/postgres/binaries" -name pg_ctl -type f | head -1)")
  t0=$(now_ms)
  unshare -U "$bin/pg_ctl" -D "$HOME_DIR/postgres/data" -o "-p $PG_PORT -c listen_addresses=localhost" -w -s start >/dev/null
  t1=$(now_ms)
  unshare -U "$bin/pg_ctl" -D "$HOME_DIR/postgres/data" -m fast -w -s stop >/dev/null
  MS=$((t1 - t0))
}

jvm_alone() {
  local t0 t1
  t0=$(now_ms)
  "$JAVA" -version >/dev/null 2>&1
  t1=$(now_ms)
  MS=$((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# First start: initdb and unpacking the PostgreSQL binaries.
start_app "$JAR"; first=$MS; stop_app
# The unpacked jar, and its AOT cache recorded by one training run (what bin/ridgeline does).
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$HOME_DIR/unpacked" >/dev/null
start_app "$HOME_DIR/unpacked/ridgeline.jar" "-XX:AOTCacheOutput=$HOME_DIR/ridgeline.aot"; training=$MS; stop_app

nested=(); unpacked=(); aot=(); stop=(); pg=(); jvm=()
for i in $(seq "$RUNS"); do
  start_app "$JAR"; nested+=("$MS"); stop_app; stop+=("$MS")
  start_app "$HOME_DIR/unpacked/ridgeline.jar"; unpacked+=("$MS"); stop_app
  start_app "$HOME_DIR/unpacked/ridgeline.jar" "-XX:AOTCache=$HOME_DIR/ridgeline.aot"; aot+=("$MS"); stop_app
  pg_alone; pg+=("$MS")
  jvm_alone; jvm+=("$MS")
done
m() { printf '%s\n' "$@" | median; }
m_nested=$(m "${nested[@]}"); m_unpacked=$(m "${unpacked[@]}"); m_aot=$(m "${aot[@]}")
m_stop=$(m "${stop[@]}"); m_pg=$(m "${pg[@]}"); m_jvm=$(m "${jvm[@]}")

printf '\nCold start of Ridgeline, %s interleaved runs per form (%s cores, %s)\n\n' "$RUNS" "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)"
row() { printf '| %-52s | %9s | %-32s |\n' "$1" "$2" "$3"; }
row "measure" "median ms" "runs (ms)"
printf '|%s|%s|%s|\n' "------------------------------------------------------" "-----------" "----------------------------------"
row "first start ever (initdb, unpack PostgreSQL)" "$first" "1 run"
row "AOT training run (first start of bin/ridgeline)" "$training" "1 run"
row "java -jar target/ridgeline.jar -> health UP" "$m_nested" "${nested[*]}"
row "unpacked jar -> health UP" "$m_unpacked" "${unpacked[*]}"
row "unpacked jar + AOT cache (bin/ridgeline) -> health UP" "$m_aot" "${aot[*]}"
row "graceful stop (SIGTERM to exit)" "$m_stop" "${stop[*]}"
row "baseline: PostgreSQL 18 alone (pg_ctl start -w)" "$m_pg" "${pg[*]}"
row "baseline: bare JVM (java -version)" "$m_jvm" "${jvm[*]}"
awk -v n="$m_nested" -v u="$m_unpacked" -v a="$m_aot" -v p="$m_pg" -v j="$m_jvm" 'BEGIN {
  printf "\nratios to PostgreSQL alone: java -jar %.0fx, unpacked %.0fx, AOT %.0fx; to a bare JVM: %.0fx, %.0fx, %.0fx\n", n/p, u/p, a/p, n/j, u/j, a/j
  printf "goal (under 10000 ms after the first run): java -jar %s, unpacked %s, bin/ridgeline %s\n", (n<10000?"met":"not met"), (u<10000?"met":"not met"), (a<10000?"met":"not met") }'
