#!/usr/bin/env bash
# Query benchmark: the same logical queries on the same data in c8, SQLite
# and PostgreSQL, side by side in one run, per-query latency at one client
# with warm caches, medians, and c8's speed relative to the faster peer.
#
#   scripts/bench/query.sh                      # 1,000,000 documents, 100,000 vertices, 1,000,000 edges
#   COUNT=100000 ROUNDS=2 scripts/bench/query.sh
#   C8=/path/to/c8 scripts/bench/query.sh       # skip the release build
#
# Data: `c8 bench gen-docs` (COUNT ~200-byte documents, the ingest corpus)
# and `c8 bench gen-graph` (VERTICES vertices, 10 × VERTICES random edges,
# no self-loops), both deterministic, loaded into
#   c8          c8 import: docs, verts, edge collection edges; persistent
#               indexes on docs.created and docs.score, then one compaction
#               of the store into a single sorted run (c8 bench query adds
#               the indexes and compacts once after creating them: the
#               bulk-load step, as ANALYZE / VACUUM ANALYZE for the peers)
#   SQLite      docs(key TEXT PRIMARY KEY, body TEXT) with expression indexes
#               on json_extract(body,'$.created') and json_extract(body,'$.score');
#               edges(_from, _to) with an index on _from; ANALYZE
#   PostgreSQL  docs(body jsonb) with btree expression indexes on body->>'_key'
#               (unique), body->>'created' and (body->>'score')::float8;
#               edges(_from, _to) with an index on _from; VACUUM ANALYZE
#
# Shapes (parameters drawn uniformly at random per query, same ranges on
# every side): floor (an empty query: what each harness costs), key (point
# lookup by key), eq (equality on created, ~200 matches in 1 M), range
# (score in [lo, lo+10), ORDER BY score LIMIT 10), collect (full scan,
# group by city — 10 values — with count and sum of score), traverse (1..3
# hops outbound from a random vertex; SQL: a recursive CTE over edges).
#
# What is timed, the same on each side: one query sent as text with bind
# parameters, parsed and planned every time, all result rows fetched into
# the client's values —
#   c8          `c8 bench query`: QueryEngine.query(text, bindVariables:) in
#               process, results as JSON values
#   SQLite      python3's sqlite3 module, statement cache off
#               (cached_statements=0), execute(sql, params).fetchall()
#   PostgreSQL  pgbench -M extended (Parse/Bind/Execute per query, so planned
#               every time), one client over the Unix socket, per-query
#               latencies from its -l log
# Each round runs every engine once (c8, SQLite, PostgreSQL), each shape
# RUNS times (SCAN_RUNS for collect) after as many discarded warm-up runs
# (one for collect) — the same on every side, so that each engine's caches
# are warm: c8 starts a fresh process each round, PostgreSQL's server keeps
# its shared buffers; the report gives the median of the per-round medians.
#
# Before timing, every side answers the same fixed query of each shape and
# the answers are compared (keys, counts, scores, groups).
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-1000000}
VERTICES=${VERTICES:-100000}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-200}
SCAN_RUNS=${SCAN_RUNS:-3}
SHAPES=(floor key eq range collect traverse)
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_install_peers
command -v python3 >/dev/null || { echo "query.sh needs python3 (standard library only)" >&2; exit 1; }
bench_build_c8
bench_work_dir query
bench_pg_start

# --- inputs ---------------------------------------------------------------------
bench_gen_docs "$COUNT" "$WORK/docs.jsonl"
bench_json_array "$WORK/docs.jsonl" "$WORK/docs.json"
mkdir -p "$WORK/graph"
"$C8" bench --count "$VERTICES" gen-graph "$WORK/graph" >&2
chmod 755 "$WORK/graph"
chmod 644 "$WORK/graph"/*
EDGES=$(wc -l < "$WORK/graph/edges.csv")

# --- loads (timed for the record, not compared) ------------------------------------
load() {  # load NAME COMMAND…
  local start
  start=$(now)
  "${@:2}" >/dev/null
  printf 'load %-40s %7.2f s\n' "$1" "$(elapsed "$start")" >&2
}
C8DATA="$WORK/c8data"
load "c8: docs" "$C8" import --data-dir "$C8DATA" --regions us-east --collection docs --create "$WORK/docs.jsonl"
load "c8: verts" "$C8" import --data-dir "$C8DATA" --regions us-east --collection verts --create "$WORK/graph/vertices.jsonl"
load "c8: edges" "$C8" import --data-dir "$C8DATA" --regions us-east --collection edges --create --edge "$WORK/graph/edges.jsonl"
load "c8: indexes, compaction (+ one pass of every shape)" \
  "$C8" bench --runs 1 --scan-runs 1 query --data-dir "$C8DATA"

DB="$WORK/docs.db"
cat > "$WORK/sqlite-load.sql" <<SQL
CREATE TABLE docs(key TEXT PRIMARY KEY, body TEXT NOT NULL);
INSERT INTO docs SELECT json_extract(value, '\$._key'), value FROM json_each(readfile('$WORK/docs.json'));
CREATE INDEX docs_created ON docs(json_extract(body, '\$.created'));
CREATE INDEX docs_score ON docs(json_extract(body, '\$.score'));
CREATE TABLE edges(_from TEXT NOT NULL, _to TEXT NOT NULL);
.import --csv $WORK/graph/edges.csv edges
CREATE INDEX edges_from ON edges(_from);
ANALYZE;
SQL
load "SQLite: docs + indexes + edges + index" sqlite3 "$DB" ".read $WORK/sqlite-load.sql"

load "PostgreSQL: docs + indexes + edges + index" psql_run -c "
  CREATE TABLE docs(body jsonb NOT NULL);
  COPY docs(body) FROM '$WORK/docs.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02');
  CREATE UNIQUE INDEX docs_key ON docs ((body->>'_key'));
  CREATE INDEX docs_created ON docs ((body->>'created'));
  CREATE INDEX docs_score ON docs (((body->>'score')::float8));
  CREATE TABLE edges(_from text NOT NULL, _to text NOT NULL);
  COPY edges FROM '$WORK/graph/edges.csv' WITH (FORMAT csv);
  CREATE INDEX edges_from ON edges(_from);"
load "PostgreSQL: VACUUM ANALYZE" psql_run -c "VACUUM ANALYZE"

# --- the queries ---------------------------------------------------------------------
# c8's texts live in Sources/C8CLI/Bench/QueryBenchmark.swift (the same
# shapes, names and parameter ranges); the SQL ones here.
cat > "$WORK/harness.py" <<'PY'
"""SQLite side of query.sh and the answer check. Standard library only."""
import json, random, sqlite3, statistics, sys, time

SQL = {
    "floor": "SELECT 1",
    "key": "SELECT body FROM docs WHERE key = ?",
    "eq": "SELECT body FROM docs WHERE json_extract(body, '$.created') = ?",
    "range": "SELECT body FROM docs WHERE json_extract(body, '$.score') >= ? AND json_extract(body, '$.score') < ? "
             "ORDER BY json_extract(body, '$.score') LIMIT 10",
    "collect": "SELECT json_extract(body, '$.city') AS city, count(*) AS n, sum(json_extract(body, '$.score')) AS total "
               "FROM docs GROUP BY city",
    "traverse": "WITH RECURSIVE t(v, depth) AS (SELECT _to, 1 FROM edges WHERE _from = ? "
                "UNION ALL SELECT e._to, t.depth + 1 FROM t JOIN edges e ON e._from = t.v WHERE t.depth < 3) "
                "SELECT v FROM t",
}

def parameters(shape, r, count, vertices):
    if shape == "key":
        return ("d%d" % r.randrange(count),)
    if shape == "eq":
        return ("%d-%02d-%02d" % (2010 + r.randrange(15), 1 + r.randrange(12), 1 + r.randrange(28)),)
    if shape == "range":
        lo = r.randrange(90)
        return (lo, lo + 10)
    if shape == "traverse":
        return ("verts/v%d" % r.randrange(vertices),)
    return ()

def run(db, count, vertices, runs, scan_runs, seed):
    con = sqlite3.connect(db, cached_statements=0)  # prepare every time, as c8 and pgbench -M extended do
    r = random.Random(seed)
    for shape, sql in SQL.items():
        timed = scan_runs if shape == "collect" else runs
        warm = 1 if shape == "collect" else timed
        params = [parameters(shape, r, count, vertices) for _ in range(warm + timed)]
        times, rows = [], 0
        for i, p in enumerate(params):
            t0 = time.perf_counter_ns()
            result = con.execute(sql, p).fetchall()
            t1 = time.perf_counter_ns()
            if i >= warm:
                times.append((t1 - t0) / 1e3)
                rows += len(result)
        print("%s %.1f %.1f" % (shape, statistics.median(times), rows / timed))

# The check: one fixed query per shape on every side, reduced to a signature.
def signature(shape, rows):
    """rows: the shape's result rows as JSON values (documents, groups or vertex keys)."""
    if shape == "floor":
        return json.dumps(rows)
    if shape == "key":
        return json.dumps([d["_key"] for d in rows])
    if shape == "eq":
        keys = sorted(d["_key"] for d in rows)
        return "%d %s" % (len(keys), json.dumps(keys[:3]))
    if shape == "range":
        return json.dumps([round(d["score"], 3) for d in rows])
    if shape == "collect":
        # scores are multiples of 0.001, so their sums round to 3 decimals the same whatever the order
        return json.dumps(sorted([g["city"], g["n"], round(g["total"], 3)] for g in rows), ensure_ascii=False)
    if shape == "traverse":
        keys = sorted(str(v).split("/")[-1] for v in rows)
        return "%d %d %s" % (len(keys), len(set(keys)), json.dumps(keys[:3]))

def sqlite_rows(db, shape, params):
    con = sqlite3.connect(db)
    result = con.execute(SQL[shape], params).fetchall()
    if shape in ("key", "eq", "range"):
        return [json.loads(row[0]) for row in result]
    if shape == "collect":
        return [{"city": c, "n": n, "total": t} for c, n, t in result]
    if shape == "traverse":
        return [row[0] for row in result]
    return [row[0] for row in result]

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "run":
        db, count, vertices, runs, scan_runs, seed = sys.argv[2:8]
        run(db, int(count), int(vertices), int(runs), int(scan_runs), int(seed))
    elif command == "sqlite-signature":  # db shape params-json
        print(signature(sys.argv[3], sqlite_rows(sys.argv[2], sys.argv[3], tuple(json.loads(sys.argv[4])))))
    elif command == "signature":  # shape, JSON rows on stdin
        rows = json.load(sys.stdin)
        if sys.argv[2] == "floor" and rows and isinstance(rows[0], dict):  # PostgreSQL's json_agg of SELECT 1
            rows = [list(rows[0].values())[0]]
        print(signature(sys.argv[2], rows or []))
PY

PGSCRIPTS="$WORK/pgbench"
mkdir -p "$PGSCRIPTS"
cat > "$PGSCRIPTS/floor.sql" <<'SQL'
SELECT 1;
SQL
cat > "$PGSCRIPTS/key.sql" <<'SQL'
\set k random(0, :count - 1)
SELECT body FROM docs WHERE body->>'_key' = 'd' || :k::text;
SQL
cat > "$PGSCRIPTS/eq.sql" <<'SQL'
\set y random(2010, 2024)
\set m random(1, 12)
\set d random(1, 28)
SELECT body FROM docs WHERE body->>'created' = :y::text || '-' || lpad(:m::text, 2, '0') || '-' || lpad(:d::text, 2, '0');
SQL
cat > "$PGSCRIPTS/range.sql" <<'SQL'
\set lo random(0, 89)
SELECT body FROM docs WHERE (body->>'score')::float8 >= :lo::float8 AND (body->>'score')::float8 < :lo::float8 + 10 ORDER BY (body->>'score')::float8 LIMIT 10;
SQL
cat > "$PGSCRIPTS/collect.sql" <<'SQL'
SELECT body->>'city' AS city, count(*) AS n, sum((body->>'score')::float8) AS total FROM docs GROUP BY 1;
SQL
cat > "$PGSCRIPTS/traverse.sql" <<'SQL'
\set v random(0, :vertices - 1)
WITH RECURSIVE t(v, depth) AS (SELECT _to, 1 FROM edges WHERE _from = 'verts/v' || :v::text UNION ALL SELECT e._to, t.depth + 1 FROM t JOIN edges e ON e._from = t.v WHERE t.depth < 3) SELECT v FROM t;
SQL

# --- the check: same answers everywhere ------------------------------------------------------
KEY="d$((COUNT / 2))"; DATE="2015-06-15"; LO=50; START="verts/v$((VERTICES / 2))"
declare -A C8Q=(
  [floor]="RETURN 1"
  [key]="FOR d IN docs FILTER d._key == @key RETURN d"
  [eq]="FOR d IN docs FILTER d.created == @date RETURN d"
  [range]="FOR d IN docs FILTER d.score >= @lo AND d.score < @hi SORT d.score LIMIT 10 RETURN d"
  [collect]="FOR d IN docs COLLECT city = d.city AGGREGATE n = COUNT(1), total = SUM(d.score) RETURN {city, n, total}"
  [traverse]="FOR v IN 1..3 OUTBOUND @start edges RETURN v._key"
)
declare -A C8BIND=([floor]='{}' [key]="{\"key\":\"$KEY\"}" [eq]="{\"date\":\"$DATE\"}"
  [range]="{\"lo\":$LO,\"hi\":$((LO + 10))}" [collect]='{}' [traverse]="{\"start\":\"$START\"}")
declare -A SQLITEP=([floor]='[]' [key]="[\"$KEY\"]" [eq]="[\"$DATE\"]" [range]="[$LO,$((LO + 10))]"
  [collect]='[]' [traverse]="[\"$START\"]")
declare -A PGQ=(
  [floor]="SELECT 1"
  [key]="SELECT body FROM docs WHERE body->>'_key' = '$KEY'"
  [eq]="SELECT body FROM docs WHERE body->>'created' = '$DATE'"
  [range]="SELECT body FROM docs WHERE (body->>'score')::float8 >= $LO AND (body->>'score')::float8 < $((LO + 10)) ORDER BY (body->>'score')::float8 LIMIT 10"
  [collect]="SELECT json_build_object('city', body->>'city', 'n', count(*), 'total', sum((body->>'score')::float8)) FROM docs GROUP BY body->>'city'"
  [traverse]="WITH RECURSIVE t(v, depth) AS (SELECT _to, 1 FROM edges WHERE _from = '$START' UNION ALL SELECT e._to, t.depth + 1 FROM t JOIN edges e ON e._from = t.v WHERE t.depth < 3) SELECT v FROM t"
)
for shape in "${SHAPES[@]}"; do
  c8_sig=$("$C8" query --data-dir "$C8DATA" --bind "${C8BIND[$shape]}" "${C8Q[$shape]}" | python3 "$WORK/harness.py" signature "$shape")
  sqlite_sig=$(python3 "$WORK/harness.py" sqlite-signature "$DB" "$shape" "${SQLITEP[$shape]}")
  pg_sig=$(psql_run -tA -c "SELECT coalesce(json_agg(x.*), '[]') FROM (${PGQ[$shape]}) x" \
    | python3 -c 'import json, sys
rows = json.load(sys.stdin)
print(json.dumps([next(iter(r.values())) if len(r) == 1 else r for r in rows]))' \
    | python3 "$WORK/harness.py" signature "$shape")
  printf 'check %-8s c8: %s\n' "$shape" "$c8_sig" >&2
  if [ "$c8_sig" != "$sqlite_sig" ] || [ "$c8_sig" != "$pg_sig" ]; then
    printf 'query.sh: answers differ for %s\n  SQLite: %s\n  PostgreSQL: %s\n' "$shape" "$sqlite_sig" "$pg_sig" >&2
    exit 1
  fi
done
echo "check: c8, SQLite and PostgreSQL give the same answers" >&2

# --- timed rounds ------------------------------------------------------------------------------
pg_shape() {  # pg_shape SHAPE → median µs of RUNS (SCAN_RUNS) runs after the warm-up
  local shape=$1 timed warm logdir
  if [ "$shape" = collect ]; then timed=$SCAN_RUNS; warm=1; else timed=$RUNS; warm=$RUNS; fi
  logdir=$(mktemp -d "$WORK/pglog.XXXXXX")
  pgbench -n -h "$PGDIR" -p "$PGPORT" -U postgres -M extended -c 1 -j 1 -t $((warm + timed)) \
    -D count="$COUNT" -D vertices="$VERTICES" -f "$PGSCRIPTS/$shape.sql" \
    -l --log-prefix="$logdir/log" postgres >/dev/null 2>"$logdir/err" \
    || { cat "$logdir/err" >&2; exit 1; }
  # log lines: client transaction latency-µs script epoch µs — skip the warm-up
  cat "$logdir"/log.* | tail -n +$((warm + 1)) | awk '{print $3}' | median
  rm -rf "$logdir"
}

declare -A results=()
for round in $(seq 1 "$ROUNDS"); do
  # c8
  while IFS='|' read -r _ shape _ _ med _; do
    shape=$(echo "$shape" | xargs); med=$(echo "$med" | xargs)
    [[ " ${SHAPES[*]} " == *" $shape "* ]] || continue
    results[c8.$shape]+="$med "
    printf 'round %d c8       %-8s %10s µs\n' "$round" "$shape" "$med" >&2
  done < <(bench_rss c8 "c8 bench query (in-process engine)" \
    "$C8" bench --runs "$RUNS" --scan-runs "$SCAN_RUNS" query --data-dir "$C8DATA" 2>/dev/null)
  # SQLite
  while read -r shape med _; do
    results[sqlite.$shape]+="$med "
    printf 'round %d sqlite   %-8s %10s µs\n' "$round" "$shape" "$med" >&2
  done < <(bench_rss SQLite "python3 + sqlite3 module (in-process engine)" \
    python3 "$WORK/harness.py" run "$DB" "$COUNT" "$VERTICES" "$RUNS" "$SCAN_RUNS" "$round")
  # PostgreSQL
  for shape in "${SHAPES[@]}"; do
    med=$(pg_shape "$shape")
    [ -n "$med" ] || { echo "query.sh: pgbench failed for $shape" >&2; exit 1; }
    results[postgres.$shape]+="$med "
    printf 'round %d postgres %-8s %10s µs\n' "$round" "$shape" "$med" >&2
  done
done

# --- report -------------------------------------------------------------------------------------
declare -A LABEL=(
  [floor]="empty query (RETURN 1 / SELECT 1): harness floor"
  [key]="point lookup by key"
  [eq]="equality on an indexed attribute (~$((COUNT / 5040)) rows)"
  [range]="range + SORT + LIMIT 10 on an indexed attribute"
  [collect]="full scan, COLLECT by city with COUNT and SUM"
  [traverse]="1..3-hop traversal (SQL: recursive CTE)"
)
fmt() { awk -v v="$1" 'BEGIN { if (v >= 100) printf "%d", v + 0.5; else printf "%.1f", v }'; }
echo "$COUNT documents ($(($(stat -c %s "$WORK/docs.jsonl") / COUNT)) bytes each), graph of $VERTICES vertices and $EDGES edges;"
echo "per-query latency in µs, one client, warm caches, median of $ROUNDS rounds × $RUNS runs ($SCAN_RUNS for the scan);"
echo "c8 $(git rev-parse --short HEAD 2>/dev/null || echo '?'), SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'), PostgreSQL $(pg_version)"
echo
echo "| query shape | c8 µs | SQLite µs | PostgreSQL µs | c8 speed / faster peer (goal ≥ 1×) |"
echo "|---|---:|---:|---:|---:|"
for shape in "${SHAPES[@]}"; do
  c8=$(echo "${results[c8.$shape]}" | median)
  sq=$(echo "${results[sqlite.$shape]}" | median)
  pg=$(echo "${results[postgres.$shape]}" | median)
  best=$(awk -v a="$sq" -v b="$pg" 'BEGIN { print (a < b ? a : b) }')
  peer=$(awk -v a="$sq" -v b="$pg" 'BEGIN { print (a < b ? "SQLite" : "PostgreSQL") }')
  printf '| %s | %s | %s | %s | %s× (vs %s) |\n' "${LABEL[$shape]}" "$(fmt "$c8")" "$(fmt "$sq")" "$(fmt "$pg")" \
    "$(ratio "$best" "$c8")" "$peer"
  # machine-readable (scripts/bench/run): against the faster peer, as the
  # goal is; the floor is each harness's own cost, no goal.
  goal=(goal_ratio=1); [ "$shape" = floor ] && goal=()
  bench_record measure="query $shape: ${LABEL[$shape]}" label="query $shape" unit=µs better=lower \
    c8="$c8" peer="$peer" peer_value="$best" "${goal[@]}"
done
