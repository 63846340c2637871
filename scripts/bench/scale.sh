#!/usr/bin/env bash
# Scale benchmark (issue 9, "Scale on paper"): how c8's costs grow with the
# data and with the number of regions. No peer: the figures are c8 against
# itself at 10 k, 100 k and 1 M documents, and at 1, 2, 4 and 8 regions.
#
#   scripts/bench/scale.sh                    # sizes 10000 100000 1000000, regions 1 2 4 8
#   SIZES="10000 100000" REGIONS="1 2" scripts/bench/scale.sh
#   C8=/path/to/c8 scripts/bench/scale.sh     # skip the release build
#
# 1. Data: for each size N, the first N documents of the ingest corpus
#    (`c8 bench gen-docs`) and a gen-graph graph of N/10 vertices and N
#    edges, imported into one region (`--regions us-east`); then
#    `c8 bench query` on it (the query benchmark's shapes: point lookup,
#    equality on an index, range + sort + limit, full-scan COLLECT, 1..3-hop
#    traversal), medians of RUNS runs (SCAN_RUNS for the scan). Reported:
#    import seconds, data dir size, each shape's median and its rows, the
#    query process's peak resident memory.
# 2. Regions: for each count R, REGION_DOCS documents imported into a
#    federation of R regions (time until the local region has them durably,
#    and peak memory), and for R ≥ 2 `c8 bench --quick --rate 2000 regions`
#    with those regions: replication lag p99 of the slowest link over its
#    configured latency, and convergence after a 3 s partition of the first
#    two regions with 10,000 writes on each side.
# shellcheck source=scripts/bench/lib.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-10000 100000 1000000}
REGIONS=${REGIONS:-1 2 4 8}
REGION_DOCS=${REGION_DOCS:-100000}
RUNS=${RUNS:-200}
SCAN_RUNS=${SCAN_RUNS:-3}
REGION_NAMES=(us-east eu-west ap-south us-west eu-north ap-east sa-east af-south)
. scripts/bench/lib.sh

bench_require /usr/bin/time:time
bench_build_c8
bench_work_dir scale

largest=0
for n in $SIZES; do [ "$n" -gt "$largest" ] && largest=$n; done
[ "$REGION_DOCS" -gt "$largest" ] && largest=$REGION_DOCS
bench_gen_docs "$largest" "$WORK/corpus.jsonl"

# peak_rss_mb FILE: GNU time's %M (KiB) in FILE as MB.
peak_rss_mb() { awk '{printf "%.0f", $1 / 1024}' "$1"; }
size_mb() { du -sm "$1" | awk '{print $1}'; }

echo "## Data size" >&2
printf '| documents | import s | data dir MB | point lookup µs | equality µs (rows) | range µs | full-scan COLLECT ms | traversal µs (rows) | query peak RSS MB |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  dir="$WORK/data-$n"
  head -n "$n" "$WORK/corpus.jsonl" > "$WORK/docs-$n.jsonl"
  mkdir -p "$WORK/graph-$n"
  "$C8" bench --count $((n / 10)) gen-graph "$WORK/graph-$n" >&2
  start=$(now)
  "$C8" import --data-dir "$dir" --regions us-east --collection docs --create "$WORK/docs-$n.jsonl" >/dev/null
  import_s=$(elapsed "$start")
  "$C8" import --data-dir "$dir" --regions us-east --collection verts --create "$WORK/graph-$n/vertices.jsonl" >/dev/null
  "$C8" import --data-dir "$dir" --regions us-east --collection edges --create --edge "$WORK/graph-$n/edges.jsonl" >/dev/null
  # The first pass builds the indexes the shapes use; the second is measured.
  "$C8" bench --runs 1 --scan-runs 1 query --data-dir "$dir" >/dev/null 2>&1
  /usr/bin/time -f %M -o "$WORK/rss" "$C8" bench --runs "$RUNS" --scan-runs "$SCAN_RUNS" query --data-dir "$dir" \
    2>"$WORK/query-$n.log" >/dev/null
  shape() { awk -v s="$1:" '$1 == s {print $3}' "$WORK/query-$n.log"; }
  rows() { awk -v s="$1:" '$1 == s {print $(NF-3)}' "$WORK/query-$n.log"; }
  printf '| %s | %s | %s | %s | %s (%s) | %s | %.0f | %s (%s) | %s |\n' \
    "$n" "$import_s" "$(size_mb "$dir")" "$(shape key)" "$(shape eq)" "$(rows eq)" "$(shape range)" \
    "$(awk -v v="$(shape collect)" 'BEGIN {print v / 1000}')" "$(shape traverse)" "$(rows traverse)" \
    "$(peak_rss_mb "$WORK/rss")"
  rm -rf "$dir" "$WORK/docs-$n.jsonl" "$WORK/graph-$n"
done

echo "## Regions" >&2
head -n "$REGION_DOCS" "$WORK/corpus.jsonl" > "$WORK/region-docs.jsonl"
printf '\n| regions | import s (local region durable) | import peak RSS MB | lag p99 over configured, worst link | convergence after a 3 s partition |\n'
printf '|---:|---:|---:|---:|---:|\n'
for r in $REGIONS; do
  names=$(IFS=,; echo "${REGION_NAMES[*]:0:$r}")
  dir="$WORK/regions-$r"
  start=$(now)
  /usr/bin/time -f %M -o "$WORK/rss" "$C8" import --data-dir "$dir" --regions "$names" --collection docs --create \
    "$WORK/region-docs.jsonl" >/dev/null
  import_s=$(elapsed "$start")
  rss=$(peak_rss_mb "$WORK/rss")
  lag=— convergence=—
  if [ "$r" -ge 2 ]; then
    "$C8" bench --quick --rate 2000 --regions "$names" regions > "$WORK/regions-$r.md" 2>/dev/null
    lag=$(awk -F'|' 'BEGIN {worst = -1e9} / → / {gsub(/ ms| /, "", $7); if ($7 + 0 > worst) worst = $7 + 0} END {printf "%.1f ms", worst}' "$WORK/regions-$r.md")
    convergence=$(awk -F'|' '/ ✕ / {gsub(/^ +| +$/, "", $4); print $4}' "$WORK/regions-$r.md")
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$r" "$import_s" "$rss" "$lag" "$convergence"
  rm -rf "$dir"
done
