#!/usr/bin/env bash
# Roof analysis speed: one roof at a time (median and p99, JPEG decode included) and a batch of N roofs over every
# core, beside the JPEG decode of the same images alone. Needs no database.
#   bench/roof.sh [roofs]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-roof.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp -r target/classes "$WORK/app"
"$JAVA_BIN/javac" -d "$WORK/classes" -cp "$WORK/app:$(cat "$WORK/cp.txt")" bench/RoofBench.java
"$JAVA_BIN/java" -Djava.awt.headless=true -Xmx2g -cp "$WORK/classes:$WORK/app:$(cat "$WORK/cp.txt")" RoofBench "$N"
