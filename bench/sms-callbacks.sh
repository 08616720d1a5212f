#!/usr/bin/env bash
# Twilio delivery reports: signed callbacks verified (X-Twilio-Signature) and durably stored before their 200, per
# second with p50/p99 latency, against a bare endpoint (a static file) and PostgreSQL's own single-row commit rate
# (8 clients) in the same run, on the machine's PostgreSQL 15. Each callback moves its own text to DELIVERED.
#   bench/sms-callbacks.sh [requests per round] [concurrent clients]     (default 20000 and 64)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${1:-20000}"
CLIENTS="${2:-64}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-sms-bench.XXXXXX)"
. bench/postgres.sh
bench_postgres 1GB 4GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_bench' -c 'create database ridgeline_bench'" >/dev/null
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
"$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat "$WORK/cp.txt")" \
  bench/SmsCallbackBench.java "jdbc:postgresql://localhost:5432/ridgeline_bench" "$REQUESTS" "$CLIENTS"
