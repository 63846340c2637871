#!/usr/bin/env bash
# Load soak of `c8 serve` (issue 10, "Hostile input and load"): first the
# maximum HTTP throughput of a mixed workload is measured, then the server
# is held at a fraction of it (80 %) for N minutes, in segments, and each
# segment reports throughput, p50/p99 latency, errors and the server's
# resident memory — so a leak shows as RSS climbing and a degradation as
# p99 climbing.
#
#   scripts/soak.sh                       # 10 minutes at 80 %, release build
#   scripts/soak.sh --minutes 2           # a short run
#   C8=.build/debug/c8 scripts/soak.sh --minutes 1 --segment 15
#   scripts/soak.sh --fraction 0.5 --connections 64
#
# Workload (scripts/soak.lua, wrk): 60 % GET of a document of 1000, 20 %
# document inserts, 15 % C8QL cursors (a key lookup, a small COLLECT),
# 5 % stream publishes; every request authenticated with an API key. The
# rate is held with wrk's per-request delay (a mean in milliseconds that
# soak.lua dithers between whole ones, which is all wrk can wait), corrected
# halfway towards the target after each segment, so segments scatter around it.
# One region (`--regions us-east`), as scripts/bench/http.sh does.
#
# Output: one table row per segment, then a summary (errors, RSS first vs
# last segment, p99 range) that also goes to $WORK/summary.txt. Exit status
# 1 when any request failed or RSS grew over 10 % in the last 40 % of the run
# (before that the bounded caches are still filling).
# Use `nice` around it on a shared box; the load generator shares the cores
# with the server, as in every benchmark here.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=10
FRACTION=0.8
SEGMENT=30
CONNECTIONS=32
THREADS=2
CALIBRATE=15
PORT=${PORT:-0}   # 0: the kernel picks a free one (read back from the log)
KEY=soak-admin-key
DOCS=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --fraction) FRACTION=$2; shift 2 ;;
    --segment) SEGMENT=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --calibrate) CALIBRATE=$2; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "soak.sh: needs wrk (apt-get install wrk)" >&2; exit 2; }
if [ -z "${C8:-}" ]; then
  swift build -c release --product c8 >&2
  C8="$(swift build -c release --show-bin-path)/c8"
fi
WORK=$(mktemp -d /tmp/c8-soak.XXXXXX)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  echo "soak.sh: work dir $WORK (server log c8.log)" >&2
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

"$C8" bench --count "$DOCS" gen-docs "$WORK/docs.jsonl" >/dev/null 2>&1
"$C8" import --data-dir "$WORK/data" --regions us-east --collection docs --create "$WORK/docs.jsonl" >/dev/null
chmod 700 "$WORK/data"
"$C8" serve --data-dir "$WORK/data" --port "$PORT" --admin-key "$KEY" >"$WORK/c8.log" 2>&1 &
SERVER_PID=$!
# The listening line names the port (another server may hold a fixed one).
for _ in $(seq 1 150); do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/c8.log" >&2; echo "soak.sh: c8 serve exited" >&2; exit 1; }
  grep -q '^c8 serve: http on ' "$WORK/c8.log" && break
  sleep 0.2
done
PORT=$(sed -n 's/^c8 serve: http on .*:\([0-9]*\)$/\1/p' "$WORK/c8.log" | head -1)
[ -n "$PORT" ] || { cat "$WORK/c8.log" >&2; echo "soak.sh: c8 serve did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
AUTH="Authorization: apikey $KEY"
curl -fsS -o /dev/null -H "$AUTH" -X POST "$BASE/_fabric/_system/_api/collection" -d '{"name":"soakwrites"}'
curl -fsS -o /dev/null -H "$AUTH" -X POST -d "" "$BASE/_fabric/_system/_api/streams/soak?global=false"
# Every request kind answers before the load starts.
curl -fsS -o /dev/null -H "$AUTH" "$BASE/_fabric/_system/_api/document/docs/d0"
curl -fsS -o /dev/null -H "$AUTH" -X POST "$BASE/_fabric/_system/_api/streams/c8locals.soak/publish" -d 'hello'

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# run_wrk SECONDS DELAY_MS -> sets RATE P50 P99 ERRORS (from wrk's report)
run_wrk() {
  local out="$WORK/wrk.out"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${1}s" --latency -s scripts/soak.lua "$BASE" -- "$KEY" "$2" "$DOCS" >"$out" 2>&1 || true
  RATE=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  P50=$(awk '$1 == "50%" { print $2 }' "$out")
  P99=$(awk '$1 == "99%" { print $2 }' "$out")
  local socket non2xx timeouts
  socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 }' "$out")
  timeouts=$(awk '/Socket errors:/ { gsub(",", ""); print $10 }' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out")
  ERRORS=$(( ${socket:-0} + ${timeouts:-0} + ${non2xx:-0} ))
  [ -n "$RATE" ] || { cat "$out" >&2; echo "soak.sh: wrk failed" >&2; exit 1; }
}

# Latencies in wrk's units (us, ms, s) as milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

echo "soak.sh: $(uptime)"
echo "soak.sh: calibrating ${CALIBRATE}s at full speed, $CONNECTIONS connections…"
run_wrk "$CALIBRATE" 0
MAX_RATE=$RATE
MAX_P99=$(to_ms "$P99")
TARGET=$(awk -v m="$MAX_RATE" -v f="$FRACTION" 'BEGIN { printf "%.0f", m * f }')
# Cycle time per connection at the target, minus the service time measured
# at full speed; corrected after each segment from what it achieved.
DELAY=$(awk -v c="$CONNECTIONS" -v m="$MAX_RATE" -v t="$TARGET" 'BEGIN { d = 1000 * c / t - 1000 * c / m; printf "%.3f", (d < 0 ? 0 : d) }')
echo "soak.sh: max $MAX_RATE req/s (p99 ${MAX_P99} ms, errors $ERRORS); target $TARGET req/s ($FRACTION), start delay ${DELAY} ms"
RSS_START=$(rss_mib)

SEGMENTS=$(( (MINUTES * 60 + SEGMENT - 1) / SEGMENT ))
printf '\n| t (s) | req/s | p50 ms | p99 ms | errors | RSS MiB |\n|---:|---:|---:|---:|---:|---:|\n' | tee "$WORK/segments.md"
TOTAL_ERRORS=0
FIRST_RSS= LAST_RSS= SETTLED_RSS= P99_MIN= P99_MAX= RATE_SUM=0
# Memory is judged over the last 40 % of the run: before that the bounded
# caches (document cache, block cache, memtables) are still filling.
SETTLED_SEGMENT=$(( SEGMENTS * 6 / 10 ))
[ "$SETTLED_SEGMENT" -ge 1 ] || SETTLED_SEGMENT=1
for i in $(seq 1 "$SEGMENTS"); do
  run_wrk "$SEGMENT" "$DELAY"
  p50=$(to_ms "$P50"); p99=$(to_ms "$P99"); rss=$(rss_mib)
  TOTAL_ERRORS=$(( TOTAL_ERRORS + ERRORS ))
  RATE_SUM=$(( RATE_SUM + RATE ))
  FIRST_RSS=${FIRST_RSS:-$rss}; LAST_RSS=$rss
  [ "$i" -eq "$SETTLED_SEGMENT" ] && SETTLED_RSS=$rss
  P99_MIN=$(awk -v a="${P99_MIN:-$p99}" -v b="$p99" 'BEGIN { print (b < a ? b : a) }')
  P99_MAX=$(awk -v a="${P99_MAX:-$p99}" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  printf '| %d | %d | %s | %s | %d | %d |\n' $(( i * SEGMENT )) "$RATE" "$p50" "$p99" "$ERRORS" "$rss" | tee -a "$WORK/segments.md"
  # Correct the delay towards the target: cycle = delay + service time.
  DELAY=$(awk -v c="$CONNECTIONS" -v r="$RATE" -v t="$TARGET" -v d="$DELAY" \
    'BEGIN { if (r <= 0) { print d; exit } s = 1000 * c / r - d; n = 1000 * c / t - s; n = (n + d) / 2; printf "%.3f", (n < 0 ? 0 : n) }')
done
AVG_RATE=$(( RATE_SUM / SEGMENTS ))
GROWTH=$(awk -v a="$FIRST_RSS" -v b="$LAST_RSS" 'BEGIN { printf "%.0f", (a > 0 ? 100 * (b - a) / a : 0) }')
SETTLED_GROWTH=$(awk -v a="${SETTLED_RSS:-$FIRST_RSS}" -v b="$LAST_RSS" 'BEGIN { printf "%.0f", (a > 0 ? 100 * (b - a) / a : 0) }')
{
  echo
  echo "soak.sh: $MINUTES min at $FRACTION of max $MAX_RATE req/s: average $AVG_RATE req/s, $TOTAL_ERRORS errors"
  echo "soak.sh: RSS ${RSS_START} MiB after calibration, ${FIRST_RSS} MiB after the first segment, ${SETTLED_RSS:-$FIRST_RSS} MiB at 60 % of the run, ${LAST_RSS} MiB at the end (${GROWTH} % overall, ${SETTLED_GROWTH} % over the last 40 %)"
  echo "soak.sh: p99 between ${P99_MIN} and ${P99_MAX} ms (full speed: ${MAX_P99} ms)"
  echo "soak.sh: $(uptime)"
} | tee "$WORK/summary.txt"
if [ "$TOTAL_ERRORS" -gt 0 ] || [ "$SETTLED_GROWTH" -gt 10 ]; then exit 1; fi
