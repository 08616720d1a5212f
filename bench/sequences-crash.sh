#!/usr/bin/env bash
# The sequence engine under crashes: N enrolments in a three-step sequence (email, text, email, each at once) with the
# sandbox channels, an app node killed with kill -9 at random moments K times (some while it starts, most while it
# works) and started again, then left to finish. Afterwards, from the database alone: every (enrolment, step) must
# have been handed to the provider exactly once, and no enrolment may be left running.
#   bench/sequences-crash.sh [enrolments] [kills]      (default 10000 and 20; PostgreSQL 15 of the machine)
# Last line: enrolments=N kills=N duplicates=N lost=N stuck=N
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
KILLS="${2:-20}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-crash.XXXXXX)"
. bench/postgres.sh
bench_postgres 1GB 4GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_crash' -c 'create database ridgeline_crash'" >/dev/null
DB="jdbc:postgresql://localhost:5432/ridgeline_crash"
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
run() { "$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat "$WORK/cp.txt")" bench/SequenceCrashBench.java "$@"; }
run setup "$DB" "$N"
PORT=18282
for kill in $(seq 1 "$KILLS"); do
  run node "$DB" "$PORT" >"$WORK/node.log" 2>&1 &
  node=$!
  # 3 to 15 s: the node takes about 8 s to start, so some kills land while it starts and most while it works.
  sleep "$(( (RANDOM % 13) + 3 )).$(( RANDOM % 10 ))"
  kill -9 "$node" 2>/dev/null || true
  wait "$node" 2>/dev/null || true
  echo "kill $kill: $(run check "$DB" "$kill" | head -1)"
done
run node "$DB" "$PORT" >"$WORK/node.log" 2>&1 &
node=$!
for _ in $(seq 1 600); do
  sleep 2
  line="$(run check "$DB" "$KILLS" | tail -1)"
  case "$line" in *" stuck=0") break ;; esac
done
kill "$node" 2>/dev/null || true
wait "$node" 2>/dev/null || true
run check "$DB" "$KILLS"
