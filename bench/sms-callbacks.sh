#!/usr/bin/env bash
# Twilio delivery reports: signed callbacks verified (X-Twilio-Signature) and durably stored before their 200, per
# second with p50/p99 latency, against a bare endpoint (a static file) and PostgreSQL's own single-row commit rate
# (8 clients) in the same run, on the machine's PostgreSQL 15; the load comes from wrk in a second process.
#   bench/sms-callbacks.sh [seconds per round] [connections]     (default 10 and 64; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_ROUND="${1:-10}"
CLIENTS="${2:-64}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-sms-bench.XXXXXX)"
. bench/postgres.sh
bench_postgres 1GB 4GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_bench' -c 'create database ridgeline_bench'" >/dev/null
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
"$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "target/classes:$(cat "$WORK/cp.txt")" \
  bench/SmsCallbackBench.java "jdbc:postgresql://localhost:5432/ridgeline_bench" "$SECONDS_PER_ROUND" "$CLIENTS"
