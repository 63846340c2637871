#!/usr/bin/env bash
# Regions benchmark (issue 8): what the federation costs and how far behind
# replication runs.
#
#   scripts/bench/regions.sh                # 1,000,000 documents, 3 runs each
#   COUNT=100000 RUNS=1 QUICK=1 scripts/bench/regions.sh   # QUICK=1: 3 s lag run, 3 s partition
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
QUICK=${QUICK:-0}
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_build_c8
bench_work_dir regions

JSONL="$WORK/docs.jsonl"
bench_gen_docs "$COUNT" "$JSONL"

load_single() {
  rm -rf "$WORK/single"
  bench_rss c8 "c8 import, one region" "$C8" import --data-dir "$WORK/single" --regions us-east --collection docs --create "$JSONL" >/dev/null
}
load_federation() {
  rm -rf "$WORK/federation"
  bench_rss c8 "c8 import, default federation" "$C8" import --data-dir "$WORK/federation" --collection docs --create "$JSONL" >/dev/null
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
quick=(); [ "$QUICK" = 1 ] && quick=(--quick)
bench_rss c8 "c8 bench regions (3 regions in process)" "$C8" bench "${quick[@]}" regions | tee "$WORK/regions.md"

# --- machine-readable (scripts/bench/run; nothing without BENCH_RESULTS) ------------------
bench_record measure="ingest $COUNT docs: default federation vs one region" label="federation vs 1 region" unit=s \
  better=lower c8="$federation" peer="c8, one region" peer_value="$single"
# Rows of c8 bench regions: link | configured | p50 | p99 | max | p99 − configured | met | changes,
# then partition | writes per side | convergence | documents | conflicts.
awk -F'|' '{ line = $0; for (i = 2; i < NF; i++) gsub(/^ +| +$/, "", $i) }
  line ~ /^\| [^|]*→/ { printf "lag\t%s\t%s\t%s\t%s\n", $2, $3 + 0, $4 + 0, $5 + 0 }
  line ~ /^\| [^|]*✕/ { printf "convergence\t%s\t%s\n", $2, $4 + 0 }' "$WORK/regions.md" |
while IFS=$'\t' read -r kind name a b c; do
  if [ "$kind" = lag ]; then  # a: configured, b: p50, c: p99 (ms)
    group="replication lag $name (configured $a ms)"
    bench_record measure="$group: p50" label="lag p50 $name ($a ms)" unit=ms better=lower c8="$b" latency=p50 group="$group"
    bench_record measure="$group: p99" label="lag p99 $name ($a ms)" unit=ms better=lower c8="$c" latency=p99 group="$group" \
      goal_max="$(awk -v a="$a" 'BEGIN { print a + 10 }')" goal="≤ configured + 10 ms"
  else
    bench_record measure="convergence after partition, $name" label="convergence" unit=s better=lower c8="$a"
  fi
done
