#!/usr/bin/env bash
# Ingest benchmark: `c8 import` vs SQLite 3 vs PostgreSQL COPY, side by side
# on the same machine in the same run, loading the same documents.
#
#   scripts/bench/ingest.sh                 # 1,000,000 documents, 3 runs each
#   COUNT=100000 RUNS=1 scripts/bench/ingest.sh
#   C8=/path/to/c8 scripts/bench/ingest.sh  # skip the release build
#
# Input: `c8 bench gen-docs` writes COUNT ~200-byte documents with `_key`
# as JSON lines (deterministic). SQLite's json_each() needs one JSON array,
# so the script also writes an array copy of the same documents; PostgreSQL
# COPY reads the JSON lines file. Each side loads into a fresh target each
# run (new data dir / new database file / truncated table), alternating
# c8, sqlite, postgres, and the medians and ratios are printed as Markdown.
#
# Every side ends durable and keyed: c8 syncs its write-ahead log on close;
# SQLite commits one transaction into a table with a primary key; PostgreSQL
# COPY commits into a jsonb table with a unique index on body->>'_key'.
#
# Installs the peers from Debian packages when missing (sqlite3, postgresql),
# runs a throwaway PostgreSQL cluster on a temp dir and port $PGPORT (5439)
# as the `postgres` user when run as root, and removes everything at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-1000000}
RUNS=${RUNS:-3}
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_install_peers
bench_build_c8
bench_work_dir ingest
bench_pg_start
# Autovacuum would analyze the 1 M new rows in the background after each
# COPY, on the core the next loader (c8, which uses both) needs; like the
# CHECKPOINT below, PostgreSQL's after-work stays out of the others' time.
psql_run -c "CREATE TABLE docs(body jsonb NOT NULL) WITH (autovacuum_enabled = off); CREATE UNIQUE INDEX docs_key ON docs ((body->>'_key'));"

# --- input -------------------------------------------------------------------
JSONL="$WORK/docs.jsonl"
ARRAY="$WORK/docs.json"
bench_gen_docs "$COUNT" "$JSONL"
bench_json_array "$JSONL" "$ARRAY"
BYTES=$(stat -c %s "$JSONL")

# --- the three loads -----------------------------------------------------------
# One region: the engine alone, as the peers are one server alone. What the
# default federation (3 regions × 3 storage nodes) costs on top is measured
# by scripts/bench/regions.sh.
load_c8() {
  rm -rf "$WORK/c8data"
  bench_rss c8 "c8 import" "$C8" import --data-dir "$WORK/c8data" --regions us-east --collection docs --create "$JSONL" >/dev/null
}
load_sqlite() {
  rm -f "$WORK/docs.db" "$WORK/docs.db-journal"
  bench_rss SQLite "sqlite3 (in-process engine)" sqlite3 "$WORK/docs.db" "CREATE TABLE docs(key TEXT PRIMARY KEY, body TEXT);
    BEGIN; INSERT INTO docs SELECT json_extract(value, '\$._key'), value FROM json_each(readfile('$ARRAY')); COMMIT;"
}
load_postgres() {
  # COPY's text format would treat backslashes as escapes; CSV with quote and
  # delimiter bytes that never occur in JSON passes every line through as is.
  psql_run -c "COPY docs(body) FROM '$JSONL' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
}

declare -A times=()
for run in $(seq 1 "$RUNS"); do
  for side in c8 sqlite postgres; do
    [ "$side" = postgres ] && psql_run -c "TRUNCATE docs"
    sync
    start=$(now)
    "load_$side"
    t=$(elapsed "$start")
    times[$side]+="$t "
    printf 'run %d %-8s %6.2f s\n' "$run" "$side" "$t" >&2
    # PostgreSQL writes its dirty buffers back after COPY returns; do it now,
    # untimed, so that work does not land in the next loader's time.
    [ "$side" = postgres ] && psql_run -c "CHECKPOINT"
    sync
  done
done

# --- every side loaded every document -------------------------------------------
c8_count=$("$C8" export --data-dir "$WORK/c8data" --collection docs | wc -l)
sqlite_count=$(sqlite3 "$WORK/docs.db" "SELECT count(*) FROM docs")
pg_count=$(psql_run -tA -c "SELECT count(*) FROM docs")
for pair in "c8:$c8_count" "sqlite:$sqlite_count" "postgres:$pg_count"; do
  if [ "${pair#*:}" -ne "$COUNT" ]; then
    echo "ingest.sh: ${pair%%:*} holds ${pair#*:} documents, expected $COUNT" >&2
    exit 1
  fi
done

c8_t=$(echo "${times[c8]}" | median)
sqlite_t=$(echo "${times[sqlite]}" | median)
pg_t=$(echo "${times[postgres]}" | median)
rate() { awk -v n="$COUNT" -v t="$1" 'BEGIN { printf "%d", n / t }'; }

echo "$COUNT documents, $BYTES bytes of JSON lines ($((BYTES / COUNT)) per document), median of $RUNS runs"
echo
echo "| loader | seconds | docs/s | c8 speed / peer |"
echo "|---|---:|---:|---:|"
printf '| c8 import (JSON lines) | %.2f | %s | |\n' "$c8_t" "$(rate "$c8_t")"
printf '| SQLite %s json_each(readfile()) (JSON array), one transaction | %.2f | %s | %s× (goal 1.5×) |\n' \
  "$(sqlite3 --version | cut -d' ' -f1)" "$sqlite_t" "$(rate "$sqlite_t")" "$(ratio "$sqlite_t" "$c8_t")"
printf '| PostgreSQL %s COPY into jsonb + unique index (JSON lines) | %.2f | %s | %s× (goal 2×) |\n' \
  "$(pg_version)" "$pg_t" "$(rate "$pg_t")" "$(ratio "$pg_t" "$c8_t")"

# --- machine-readable (scripts/bench/run; nothing without BENCH_RESULTS) ------------
bench_record measure="ingest $COUNT docs: c8 import vs SQLite" label="ingest vs SQLite" unit=s better=lower \
  c8="$c8_t" peer=SQLite peer_value="$sqlite_t" goal_ratio=1.5
bench_record measure="ingest $COUNT docs: c8 import vs PostgreSQL COPY" label="ingest vs PostgreSQL" unit=s better=lower \
  c8="$c8_t" peer=PostgreSQL peer_value="$pg_t" goal_ratio=2
