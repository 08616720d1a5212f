#!/usr/bin/env bash
# Lead scoring at scale: a full analysis pass over N synthetic homes with every explanation rendered (against COPY
# of the same result rows), an unchanged rescoring, and three days of 500 hail reports each rescored by the storm
# pass (against the raw exposure computed by one SQL join), on the machine's PostgreSQL 15.
#   bench/insight.sh [homes]     (default 1000000; builds the jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
HOMES="${1:-1000000}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
JAR=target/ridgeline.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK="$(mktemp -d /tmp/ridgeline-insight-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$JAVA_BIN/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null

. bench/postgres.sh
bench_postgres 2GB 8GB
psql -q -h localhost -U postgres -c "drop database if exists ridgeline_insight" -c "create database ridgeline_insight" >/dev/null
export RIDGELINE_DB_URL=jdbc:postgresql://localhost:5432/ridgeline_insight RIDGELINE_DB_USERNAME=postgres RIDGELINE_DB_PASSWORD=bench
export RIDGELINE_HOME="$WORK/home"
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
"$JAVA_BIN/java" "${flags[@]}" -jar "$JAR" tenant create --name "Insight Roofing" --owner-name Bench --owner-email bench@bench.test >/dev/null
TENANT=$(psql -h localhost -U postgres -d ridgeline_insight -Atc "select id from identity.tenant limit 1")
"$JAVA_BIN/java" "${flags[@]}" -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$WORK/app/ridgeline.jar:$WORK/app/lib/*" bench/InsightBench.java \
  "$RIDGELINE_DB_URL" postgres bench "$TENANT" "$WORK" "$HOMES"
