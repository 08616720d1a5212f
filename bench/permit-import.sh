#!/usr/bin/env bash
# Import of N synthetic building permits (Nashville layout) through Ridgeline's pipeline (parse, classify, H3 cell,
# stage by COPY, de-duplicate, merge on the natural key), against PostgreSQL's own COPY of the same file into a
# plain table, on the same server in the same run. Uses the machine's PostgreSQL 15 (started if it is not running).
#   bench/permit-import.sh [rows]     (default 1000000; builds the jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR=target/ridgeline.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK="$(mktemp -d /tmp/ridgeline-permit-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/permits.csv"

. bench/postgres.sh
bench_postgres 2GB 8GB
psql -q -h localhost -U postgres -c "drop database if exists ridgeline_bench" -c "create database ridgeline_bench" >/dev/null

python3 - "$FILE" "$ROWS" <<'PY'
import csv, random, sys
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(20261126)
types = [("Building Residential - Roofing / Siding", "Single Family Residence", "Remove and replace shingles, tear off to deck"),
         ("Building Residential - Rehab", "Single Family Residence", "Kitchen remodel, no structural work"),
         ("Building Residential - New", "Single Family Residence", "New single family residence"),
         ("Building Residential - Addition", "Single Family Residence", "Rear addition with new roof over porch"),
         ("Building Commercial - Rehab", "Retail, Department / Retail Stores", "Interior finish out"),
         ("Building Residential Rehab Storm Damage", "Single Family Residence", "Hail damage: replace roof and gutters")]
weights = [10, 30, 25, 15, 15, 5]
streets = ["MAIN ST", "ELM HILL PIKE", "18TH AVE S", "BELMONT BLVD", "DICKERSON PIKE", "GALLATIN AVE", "HARDING PL", "NOLENSVILLE PIKE"]
with open(path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow("Permit__,Permit_Type_Description,Permit_Subtype_Description,Parcel,Date_Entered,Date_Issued,Const_Cost,Address,City,State,Subdivision_Lot,Contact,Per_Ty,Per_SubTy,IVR_Trk_,Purpose,Council_Dist,Lon,Lat,ObjectId,ZIP".split(","))
    for i in range(rows):
        t, sub, purpose = random.choices(types, weights)[0]
        w.writerow([f"B{i:09d}", t, sub, f"{random.randrange(10**10):011d}", 1609480800000 + random.randrange(1000) * 86400000, "",
                    random.randrange(500, 400000), f"{random.randrange(1, 9999)} {random.choice(streets)}", "NASHVILLE", "TN", "",
                    "ACME ROOFING LLC", "CARA", "CAA01R301", str(random.randrange(10**7)), purpose, random.randrange(1, 35),
                    f"{-86.9 + random.random() * 0.4:.6f}", f"{36.0 + random.random() * 0.3:.6f}", i, 37200 + random.randrange(30)])
PY
BYTES=$(stat -c %s "$FILE")

# Baseline: COPY of the same file into a plain table of text columns.
psql -q -h localhost -U postgres -d ridgeline_bench -c "create table raw_permits (c1 text,c2 text,c3 text,c4 text,c5 text,c6 text,c7 text,c8 text,c9 text,c10 text,c11 text,c12 text,c13 text,c14 text,c15 text,c16 text,c17 text,c18 text,c19 text,c20 text,c21 text)"
t0=$(date +%s%3N)
psql -q -h localhost -U postgres -d ridgeline_bench -c "\\copy raw_permits from '$FILE' with (format csv, header)"
copy_ms=$(( $(date +%s%3N) - t0 ))

export RIDGELINE_DB_URL=jdbc:postgresql://localhost:5432/ridgeline_bench RIDGELINE_DB_USERNAME=postgres RIDGELINE_DB_PASSWORD=bench
export RIDGELINE_HOME="$WORK/home"
run() { "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$JAR" "$@"; }
run tenant create --name "Bench Roofing" --owner-name Bench --owner-email bench@bench.test >/dev/null
first=$(run import permits "$FILE" --profile nashville --json | grep "^{\"read\"" | tail -1)
again=$(run import permits "$FILE" --profile nashville --json | grep "^{\"read\"" | tail -1)
ms() { echo "$1" | sed -E 's/.*"millis":([0-9]+).*/\1/'; }
field() { echo "$1" | sed -E "s/.*\"$2\":([0-9]+).*/\1/"; }
import_ms=$(ms "$first"); rerun_ms=$(ms "$again")

# Second baseline: COPY of the very rows Ridgeline stored into an empty table shaped and indexed like signals.permit
# (same columns, primary key, natural key and three secondary indexes): what PostgreSQL alone takes to store them.
DUMP="$WORK/stored.csv"
psql -q -h localhost -U postgres -d ridgeline_bench \
  -c "create table permit_copy (like signals.permit including all)" \
  -c "\\copy signals.permit to '$DUMP' with (format csv)"
t0=$(date +%s%3N)
psql -q -h localhost -U postgres -d ridgeline_bench -c "\\copy permit_copy from '$DUMP' with (format csv)"
indexed_ms=$(( $(date +%s%3N) - t0 ))

printf '\nImport of %s synthetic permits (%s MB), PostgreSQL 15 on this machine (%s cores)\n\n' "$ROWS" "$((BYTES / 1048576))" "$(nproc)"
printf '| %-50s | %9s | %10s |\n' "measure" "ms" "rows/s"
printf '|%s|%s|%s|\n' "----------------------------------------------------" "-----------" "------------"
printf '| %-50s | %9s | %10s |\n' "baseline: psql \\copy into a plain text table" "$copy_ms" "$((ROWS * 1000 / copy_ms))"
printf '| %-50s | %9s | %10s |\n' "baseline: psql \\copy into a copy of signals.permit" "$indexed_ms" "$((ROWS * 1000 / indexed_ms))"
printf '| %-50s | %9s | %10s |\n' "Ridgeline import (stored $(field "$first" stored), rejected $(field "$first" rejected))" "$import_ms" "$((ROWS * 1000 / import_ms))"
printf '| %-50s | %9s | %10s |\n' "Ridgeline re-import (unchanged $(field "$again" unchanged))" "$rerun_ms" "$((ROWS * 1000 / rerun_ms))"
awk -v c="$copy_ms" -v x="$indexed_ms" -v i="$import_ms" -v n="$ROWS" 'BEGIN {
  printf "\nRidgeline runs at %.2f of COPY into a text table, %.2f of COPY into an indexed permit table (goal at least 0.50),\n", c/i, x/i
  printf "and %d rows/s (goal at least 50000)\n", n*1000/i }'
