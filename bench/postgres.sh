# Sourced by the benchmarks: starts the machine's PostgreSQL 15, sizes it for the run (PostgreSQL's defaults,
# 128 MB of shared buffers and 1 GB of WAL between checkpoints, are far below its own advice for a 24 GB machine),
# sets the postgres password to "bench", and puts the settings back when the benchmark exits (with $WORK removed).
#   bench_postgres SHARED_BUFFERS MAX_WAL_SIZE
bench_postgres() {
  pg_ctlcluster 15 main start 2>/dev/null || true
  until pg_isready -q -h localhost -p 5432; do sleep 0.5; done
  su postgres -c "psql -q -c \"alter system set shared_buffers = '$1'\" -c \"alter system set max_wal_size = '$2'\"" >/dev/null
  pg_ctlcluster 15 main restart
  until pg_isready -q -h localhost -p 5432; do sleep 0.5; done
  trap 'rm -rf "$WORK"; su postgres -c "psql -q -c \"alter system reset shared_buffers\" -c \"alter system reset max_wal_size\"" >/dev/null; pg_ctlcluster 15 main restart' EXIT
  su postgres -c "psql -q -c \"alter user postgres with password 'bench'\"" >/dev/null
  export PGPASSWORD=bench
}
