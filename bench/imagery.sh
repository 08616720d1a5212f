#!/usr/bin/env bash
# Imagery for N homes from local tile and image servers: an Esri-shaped tile server and a Mapillary-shaped search and
# photo server run inside the benchmark, the app is pointed at them with only free sources switched on. Prints the
# homes a second of a bare baseline (the same HTTP calls without the router), of the router's first pass (fetch,
# stitch, store, ledger) and of its second (from the cache), the cache hit rate of each pass and the money spent.
#   bench/imagery.sh [homes]   (default 1000; PostgreSQL 15 of the machine)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-imagery.XXXXXX)"
. bench/postgres.sh
bench_postgres 512MB 2GB
su postgres -c "psql -q -c 'drop database if exists ridgeline_imagery' -c 'create database ridgeline_imagery'" >/dev/null
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp -r target/classes "$WORK/app"
"$JAVA_BIN/javac" -d "$WORK/classes" -cp "$WORK/app:$(cat "$WORK/cp.txt")" bench/ImageryBench.java
mkdir -p "$WORK/home"
"$JAVA_BIN/java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Dsun.net.httpserver.nodelay=true -Xmx2g \
  -cp "$WORK/classes:$WORK/app:$(cat "$WORK/cp.txt")" ImageryBench \
  "jdbc:postgresql://localhost:5432/ridgeline_imagery" "$WORK/home" "$N"
