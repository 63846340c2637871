#!/usr/bin/env bash
# JSON benchmark: c8's JSON parse and serialize vs Foundation's
# JSONSerialization, both in one `c8 bench json` process on the same
# generated corpus, alternating, medians (Sources/C8CLI/Bench/JSONBenchmark.swift).
# This script only gives it the shape of the others (build, sizes, records)
# for scripts/bench/run.
#
#   scripts/bench/json.sh                       # 50 MB corpus, 5 runs
#   SIZE_MB=2 RUNS=3 scripts/bench/json.sh      # quicker
#   C8=/path/to/c8 scripts/bench/json.sh        # skip the release build
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${SIZE_MB:-50}
RUNS=${RUNS:-5}
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_build_c8
bench_work_dir json

bench_rss c8 "c8 bench json (c8 and Foundation in one process)" \
  "$C8" bench --size-mb "$SIZE_MB" --runs "$RUNS" json | tee "$WORK/json.md"

# --- machine-readable (scripts/bench/run; nothing without BENCH_RESULTS) ------------
# Rows: workload | c8 MB/s | peer MB/s | c8 / peer. The first two are the
# goal (≥ 3× Foundation); the third compares c8's binary form with its own parser.
awk -F'|' 'NR > 2 && NF >= 5 { for (i = 2; i <= 5; i++) gsub(/^ +| +$/, "", $i); print $2 "\t" $3 "\t" $4 "\t" $5 }' "$WORK/json.md" |
while IFS=$'\t' read -r name c8 peer ratio; do
  case $name in
    parse*) bench_record measure="JSON $name" label="JSON parse" unit=MB/s better=higher c8="$c8" \
              peer=Foundation peer_value="$peer" ratio="$ratio" goal_ratio=3 ;;
    serialize*) bench_record measure="JSON $name" label="JSON serialize" unit=MB/s better=higher c8="$c8" \
              peer=Foundation peer_value="$peer" ratio="$ratio" goal_ratio=3 ;;
    *) bench_record measure="JSON $name" label="JSON stored doc read" unit=MB/s better=higher c8="$c8" \
         peer="c8 JSON.parse" peer_value="$peer" ratio="$ratio" ;;
  esac
done
