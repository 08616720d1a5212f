#!/usr/bin/env bash
# Local speech for live calls: word error rate of the local recogniser (call-words model against PocketSphinx's
# general English model) and the live loop's delay from the end of the caller's speech to the first audio back
# (against a loop whose recogniser answers at once). Needs Debian's espeak-ng, festival, festvox-us-slt-hts,
# pocketsphinx and pocketsphinx-en-us; no database.
#   bench/voice.sh [conversations]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-voice.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp -r target/classes "$WORK/app"
"$JAVA_BIN/javac" -d "$WORK/classes" -cp "$WORK/app:$(cat "$WORK/cp.txt")" bench/VoiceBench.java
"$JAVA_BIN/java" -cp "$WORK/classes:$WORK/app:$(cat "$WORK/cp.txt")" VoiceBench "$N" 2>&1 | grep -v "WARN\|INFO"
