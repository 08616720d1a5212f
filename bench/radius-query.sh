#!/usr/bin/env bash
# "Every property within 2 miles of a point" over N synthetic properties, through Ridgeline's query (H3 disk +
# haversine) against a plain latitude/longitude bounding-box query in the same run, on the machine's PostgreSQL 15.
#   bench/radius-query.sh [rows] [queries]     (default 1000000 and 1000; builds the jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
QUERIES="${2:-1000}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
JAR=target/ridgeline.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK="$(mktemp -d /tmp/ridgeline-radius-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$JAVA_BIN/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null

. bench/postgres.sh
bench_postgres 1GB 4GB
psql -q -h localhost -U postgres -c "drop database if exists ridgeline_radius" -c "create database ridgeline_radius" >/dev/null
export RIDGELINE_DB_URL=jdbc:postgresql://localhost:5432/ridgeline_radius RIDGELINE_DB_USERNAME=postgres RIDGELINE_DB_PASSWORD=bench
export RIDGELINE_HOME="$WORK/home"
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
"$JAVA_BIN/java" "${flags[@]}" -jar "$JAR" tenant create --name "Radius Roofing" --owner-name Bench --owner-email bench@bench.test >/dev/null
TENANT=$(psql -h localhost -U postgres -d ridgeline_radius -Atc "select id from identity.tenant limit 1")
"$JAVA_BIN/java" "${flags[@]}" -cp "$WORK/app/ridgeline.jar:$WORK/app/lib/*" bench/RadiusQueryBench.java \
  "$RIDGELINE_DB_URL" postgres bench "$TENANT" "$ROWS" "$QUERIES"
