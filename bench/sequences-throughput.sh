#!/usr/bin/env bash
# Sustained sequence steps a second: N enrolments of a three-step sequence (email, text, email, each at once) with the
# sandbox channels, made due at RATE steps a second, worked by one app node; per round the steps a second it kept up,
# the delay from due to recorded and from due to accepted by the provider, then PostgreSQL's own commit rate on the
# same machine in the same run (8 clients of single-row inserts), and the median of the rounds as a table.
#   bench/sequences-throughput.sh [enrolments] [rate] [rounds]   (default 20000, 1000 and 3; PostgreSQL 15 of the machine)
# The sandbox's delivery reports come 1 s and 2 s after each hand-over, during the run; BENCH_SANDBOX_DELAY=30s
# puts them after it, to see what they cost.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
RATE="${2:-1000}"
ROUNDS="${3:-3}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-throughput.XXXXXX)"
. bench/postgres.sh
bench_postgres 1GB 4GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_steps' -c 'create database ridgeline_steps'" >/dev/null
DB="jdbc:postgresql://localhost:5432/ridgeline_steps"
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp -r target/classes "$WORK/app"
"$JAVA_BIN/javac" -d "$WORK/classes" -cp "$WORK/app:$(cat "$WORK/cp.txt")" bench/SequenceCrashBench.java bench/SmsCallbackBench.java
JAVA=("$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED -Xmx2g ${BENCH_JVM_OPTS:-} -cp "$WORK/classes:$WORK/app:$(cat "$WORK/cp.txt")" SequenceCrashBench)
mkdir -p "$WORK/home"
"${JAVA[@]}" setup "$DB" "$N" "$WORK/home"
[ -n "${PGSS:-}" ] && su postgres -c "psql -q -d ridgeline_steps -c \"create extension if not exists pg_stat_statements\" -c \"select pg_stat_statements_reset()\"" >/dev/null
"${JAVA[@]}" throughput "$DB" "$WORK/home" "$RATE" "$ROUNDS"
