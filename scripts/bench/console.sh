#!/usr/bin/env bash
# Console benchmark: render + diff per frame at 200×60, first frame after
# start, keypress → redraw while a query runs, memory while paging — the
# console machinery in process on an in-memory terminal, against absolute
# goals (no peer; Sources/C8CLI/Bench/ConsoleBenchmark.swift says what each
# row times). This script gives it the shape of the others for scripts/bench/run.
#
#   scripts/bench/console.sh                    # 1,000,000 documents
#   COUNT=20000 RUNS=50 scripts/bench/console.sh
#   C8=/path/to/c8 scripts/bench/console.sh     # skip the release build
#
# The data dir is built first with `c8 import`, in its own process, so the
# console's memory figures (and its peak RSS) do not carry the import.
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-1000000}
RUNS=${RUNS:-}
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_build_c8
bench_work_dir console

bench_gen_docs "$COUNT" "$WORK/docs.jsonl"
"$C8" import --data-dir "$WORK/data" --regions us-east --collection docs --create "$WORK/docs.jsonl" >/dev/null
rm -f "$WORK/docs.jsonl"

runs=(); [ -n "$RUNS" ] && runs=(--runs "$RUNS")
bench_rss c8 "c8 bench console (engine + console in one process)" \
  "$C8" bench --count "$COUNT" "${runs[@]}" --data-dir "$WORK/data" console | tee "$WORK/console.md"

# --- machine-readable (scripts/bench/run; nothing without BENCH_RESULTS) ------------
# The first table: measure (details in parentheses) | figure | goal | met or missed.
awk -F'|' '/^$/ { exit } NR > 2 && NF >= 5 { for (i = 2; i <= 5; i++) gsub(/^ +| +$/, "", $i); print $2 "\t" $3 "\t" $4 "\t" $5 }' \
  "$WORK/console.md" |
while IFS=$'\t' read -r name figure goal verdict; do
  met=false; [ "$verdict" = met ] && met=true
  short=${name%% (*}
  case $figure in
    *" ms")  # a time against "≤ N ms"
      g=${goal#≤ }
      bench_record measure="console: $short" label="console $short" unit=ms better=lower c8="${figure% ms}" \
        goal_max="${g% ms}" met="$met" ;;
    *)       # the memory row, "A → B MB" against "flat"
      bench_record measure="console: $short" label="console memory" unit=MB better=lower c8="$(echo "$figure" | awk '{print $3}')" \
        goal="$goal ($figure)" met="$met" ;;
  esac
done
