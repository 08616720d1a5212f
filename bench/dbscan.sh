#!/usr/bin/env bash
# DBSCAN over N synthetic roofing permits: Ridgeline's own implementation against ELKI 0.8.0's DBSCAN (R*-tree,
# great-circle distance) on the same points; checks that the clusters are identical and compares median times.
#   bench/dbscan.sh [points] [epsMiles] [minPoints]     (default 100000, 0.15 and 5; builds the jar if missing)
# ELKI is AGPL-3.0: it is fetched from Maven Central into a temporary folder for this run only and is no dependency
# of Ridgeline (never add it to pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
POINTS="${1:-100000}"
EPS="${2:-0.15}"
MIN_POINTS="${3:-5}"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
JAR=target/ridgeline.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK="$(mktemp -d /tmp/ridgeline-dbscan-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$JAVA_BIN/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null

# ELKI: elki-geo holds LatLngDistance, elki-core-dbids-int the DBID implementation the database needs at run time.
mkdir -p "$WORK/elki"
cat >"$WORK/elki/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>elki-for-bench</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.github.elki-project</groupId><artifactId>elki-clustering</artifactId><version>0.8.0</version></dependency>
    <dependency><groupId>io.github.elki-project</groupId><artifactId>elki-index-rtree</artifactId><version>0.8.0</version></dependency>
    <dependency><groupId>io.github.elki-project</groupId><artifactId>elki-geo</artifactId><version>0.8.0</version></dependency>
    <dependency><groupId>io.github.elki-project</groupId><artifactId>elki-core-dbids-int</artifactId><version>0.8.0</version></dependency>
  </dependencies>
</project>
EOF
./mvnw -q -B -f "$WORK/elki/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/elki/lib"

flags=(-Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
"$JAVA_BIN/java" "${flags[@]}" -cp "$WORK/app/ridgeline.jar:$WORK/app/lib/*:$WORK/elki/lib/*" bench/DbscanBench.java \
  "$POINTS" "$EPS" "$MIN_POINTS"
