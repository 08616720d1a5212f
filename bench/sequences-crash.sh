#!/usr/bin/env bash
# The sequence engine under crashes: N enrolments in a three-step sequence (email, text, email, each at once) with the
# sandbox channels, an app node killed with kill -9 at random moments K times (some while it starts, most while it
# works) and started again, then left to finish. Afterwards, from the database alone: every (enrolment, step) must
# have been handed to the provider exactly once, and no enrolment may be left running.
# With a third argument of 2, two nodes run side by side on the one database and each round kills one of them, at
# random, while the other goes on: the two-node test (no step may go out twice between them either).
#   bench/sequences-crash.sh [enrolments] [kills] [nodes]   (default 10000, 20 and 1; PostgreSQL 15 of the machine)
# Stuck: enrolments still running, and messages still on their way to the provider (a node that stopped mid-send
# leaves them to the recovery sweep, which takes them up after 2 or 5 minutes). Lost: steps never recorded, and
# messages that failed without reaching the provider.
# Last line: enrolments=N kills=N duplicates=N lost=N stuck=N
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
KILLS="${2:-20}"
NODES="${3:-1}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-crash.XXXXXX)"
. bench/postgres.sh
bench_postgres 1GB 4GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_crash' -c 'create database ridgeline_crash'" >/dev/null
DB="jdbc:postgresql://localhost:5432/ridgeline_crash"
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp -r target/classes "$WORK/app"
"$JAVA_BIN/javac" -d "$WORK/classes" -cp "$WORK/app:$(cat "$WORK/cp.txt")" bench/SequenceCrashBench.java bench/SmsCallbackBench.java
JAVA=("$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED -cp "$WORK/classes:$WORK/app:$(cat "$WORK/cp.txt")" SequenceCrashBench)
run() { "${JAVA[@]}" "$@"; }
mkdir -p "$WORK/home"
run setup "$DB" "$N" "$WORK/home"
PORT=18282
declare -a pids
# Started directly (not through a shell function), so $! is the JVM itself and kill -9 kills it.
start_node() { "${JAVA[@]}" node "$DB" "$((PORT + $1))" "$WORK/home" >"$WORK/node-$1.log" 2>&1 & pids[$1]=$!; }
for n in $(seq 1 "$NODES"); do start_node "$n"; done
# Ready when it answers HTTP (it starts sending steps at the same moment); at most 90 s.
wait_ready() { for _ in $(seq 1 180); do curl -s -o /dev/null "http://localhost:$((PORT + $1))/login" && return 0; sleep 0.5; done; }
for kill in $(seq 1 "$KILLS"); do
  victim=$(( (RANDOM % NODES) + 1 ))
  if (( RANDOM % 4 == 0 )); then
    # One kill in four at any moment, starting up included.
    sleep "$(( (RANDOM % 12) + 1 )).$(( RANDOM % 10 ))"
  else
    # The rest while the node works: 3 to 18 s after it is ready.
    wait_ready "$victim"
    sleep "$(( (RANDOM % 16) + 3 )).$(( RANDOM % 10 ))"
  fi
  kill -9 "${pids[$victim]}" 2>/dev/null || true
  wait "${pids[$victim]}" 2>/dev/null || true
  if kill -0 "${pids[$victim]}" 2>/dev/null; then echo "node ${pids[$victim]} survived kill -9" >&2; exit 1; fi
  echo "kill $kill (node $victim of $NODES): $(run check "$DB" "$kill" | head -1)"
  start_node "$victim"
done
for _ in $(seq 1 600); do
  sleep 2
  line="$(run check "$DB" "$KILLS" | tail -1)"
  case "$line" in *" stuck=0") break ;; esac
done
for n in $(seq 1 "$NODES"); do kill "${pids[$n]}" 2>/dev/null || true; wait "${pids[$n]}" 2>/dev/null || true; done
run check "$DB" "$KILLS"
