#!/usr/bin/env bash
# Instructions per query of each query shape, for one or more c8 binaries:
# deterministic figures for A/B comparisons on a busy box, where the clock
# is not (Docs/BENCHMARKS.md, queries).
#
#   scripts/bench/instructions.sh DATA_DIR BIN [BIN…]
#   SHAPES="eq traverse" scripts/bench/instructions.sh /tmp/qdata /tmp/c8-base .build/release/c8
#
# DATA_DIR: a data dir loaded by scripts/bench/query.sh (or `c8 import` plus
# `c8 bench query` once). Each binary and shape gets a fresh copy of it,
# opened twice first (an open can start RocksDB's own compactions and adds
# a small table), then runs under valgrind --tool=callgrind with LOW and
# HIGH timed runs (each after as many warm-up runs); instructions per
# query = (total at HIGH − total at LOW) / the queries between: the same
# seeded queries, start-up and shutdown cancel.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,15p "$0"; exit 2; }
data=$(realpath "$1"); shift
bins=()
for bin in "$@"; do bins+=("$(realpath "$bin")"); done
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh
SHAPES=${SHAPES:-"eq range traverse"}
LOW=${LOW:-20}
HIGH=${HIGH:-120}
bench_require valgrind:valgrind
work=$(mktemp -d /tmp/c8-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT

total() {  # BIN DIR SHAPE RUNS → instructions of the whole process
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" bench --runs "$4" --scan-runs "$4" \
    query --data-dir "$2" "$3" 2>&1 | awk '/Collected/ { gsub(",", "", $4); print $4 }'
}

printf '| binary | shape | instructions per query |\n|---|---|---:|\n'
for bin in "${bins[@]}"; do
  for shape in $SHAPES; do
    rm -rf "$work/d" && cp -r "$data" "$work/d"
    for _ in 1 2; do "$bin" bench --runs 1 query --data-dir "$work/d" floor >/dev/null 2>&1; done
    low=$(total "$bin" "$work/d" "$shape" "$LOW")
    high=$(total "$bin" "$work/d" "$shape" "$HIGH")
    # `c8 bench query` runs an indexed shape RUNS times after as many
    # discarded warm-up runs (the full scan after one): 2 × RUNS queries.
    queries=$(( 2 * (HIGH - LOW) ))
    [ "$shape" = collect ] && queries=$(( HIGH - LOW ))
    printf '| %s | %s | %d |\n' "$bin" "$shape" $(( (high - low) / queries ))
  done
done
