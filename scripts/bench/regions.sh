#!/usr/bin/env bash
# Regions benchmark (issue 8): what the federation costs and how far behind
# replication runs.
#
#   scripts/bench/regions.sh                # 1,000,000 documents, 3 runs each
#   COUNT=100000 RUNS=1 QUICK=1 scripts/bench/regions.sh
#   C8=/path/to/c8 scripts/bench/regions.sh # skip the release build
#
# 1. Ingest cost: `c8 import` of the ingest benchmark's documents into a
#    fresh data dir as one region (`--regions us-east`: no nodes, no
#    replication — raw speed) and as the default federation (3 regions × 3
#    storage nodes, every shard on 2 nodes, every change logged for the other
#    regions), alternating, medians. The import returns once the local
#    region has the documents durably; the other regions apply them
#    asynchronously (what 2. measures).
# 2. `c8 bench regions`: replication lag per link at 5,000 writes/s against
#    the configured link latency (goal: p99 within 10 ms of it), and the time
#    the regions take to converge after a 10 s partition with 50,000 writes
#    on each side.
# No peer: the comparison is c8 with and without its federation.
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-1000000}
RUNS=${RUNS:-3}
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_build_c8
bench_work_dir regions

JSONL="$WORK/docs.jsonl"
bench_gen_docs "$COUNT" "$JSONL"

load_single() {
  rm -rf "$WORK/single"
  "$C8" import --data-dir "$WORK/single" --regions us-east --collection docs --create "$JSONL" >/dev/null
}
load_federation() {
  rm -rf "$WORK/federation"
  "$C8" import --data-dir "$WORK/federation" --collection docs --create "$JSONL" >/dev/null
}

declare -A times=()
for run in $(seq 1 "$RUNS"); do
  for side in single federation; do
    sync
    start=$(now)
    "load_$side"
    t=$(elapsed "$start")
    times[$side]+="$t "
    printf 'run %d %-10s %6.2f s\n' "$run" "$side" "$t" >&2
  done
done
single=$(echo "${times[single]}" | median)
federation=$(echo "${times[federation]}" | median)

echo "Ingest of $COUNT documents with \`c8 import\`, medians of $RUNS runs:"
echo
echo "| c8 | import time | docs/s | federation / single |"
echo "|---|---:|---:|---:|"
printf '| one region (`--regions us-east`) | %.2f s | %s | |\n' "$single" "$(awk -v n="$COUNT" -v t="$single" 'BEGIN { printf "%d", n / t }')"
printf '| default federation (3 regions × 3 nodes, RF 2) | %.2f s | %s | %s× |\n' "$federation" \
  "$(awk -v n="$COUNT" -v t="$federation" 'BEGIN { printf "%d", n / t }')" "$(ratio "$federation" "$single")"
echo
"$C8" bench ${QUICK:+--quick} regions
