#!/usr/bin/env bash
# Email through SMTP with DKIM: messages/s through the app's SMTP adapter (a marketing email with its unsubscribe
# headers, DKIM-signed with a 2048-bit RSA key, one connection per message as the adapter sends) to GreenMail on
# this machine, against the same messages unsigned and against bare Jakarta Mail (Transport.send) in the same run.
#   bench/email-smtp.sh [messages] [threads]     (default 2000 and 4)
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES="${1:-2000}"
THREADS="${2:-4}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK="$(mktemp -d /tmp/ridgeline-smtp-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
"$JAVA_BIN/java" -cp "target/classes:$(cat "$WORK/cp.txt")" bench/SmtpBench.java "$MESSAGES" "$THREADS"
