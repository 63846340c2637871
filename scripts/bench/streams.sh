#!/usr/bin/env bash
# Streams benchmark: c8's streams over its WebSocket API (Pulsar's v2) vs
# Redis 7 Streams, side by side on the same machine in the same run, driven
# by the same load generator (`c8 bench streams`, one Swift process), plus
# c8's stream engine in process (issue 7, "Performance").
#
#   scripts/bench/streams.sh                   # 1,000,000 messages of 100 bytes, 5 rounds
#   QUICK=1 RUNS=1 scripts/bench/streams.sh    # 100,000 messages, 3 s latency run
#   ONLY=latency scripts/bench/streams.sh      # one workload: publish, e2e, latency, embedded
#   C8=/path/to/c8 scripts/bench/streams.sh    # skip the release build
#   C8_SCRATCH=.build-streams scripts/bench/streams.sh   # build in that scratch path
#   NICE=-10 scripts/bench/streams.sh          # both servers and the load generator at nice -10 (root)
#
# Workloads (Sources/C8CLI/Bench/StreamLoad.swift, EmbeddedStreamBenchmark.swift):
# (a) publish: P producers (PRODUCERS, default "1 4") publish COUNT messages
#     of 100 bytes between them, as fast as the window allows; msgs/s from
#     the first write to the last publish receipt.
# (b) end-to-end: P producers and P consumers of one subscription (c8:
#     Exclusive for 1, Shared for more; Redis: one consumer group) at once,
#     every message acknowledged; msgs/s from the first write to the last
#     delivery.
# (c) latency: 1 producer paced at RATE (10,000) msgs/s for SECONDS (10),
#     1 consumer; each payload carries its send time (monotonic clock, same
#     process); publish→deliver p50/p99/max over every message.
# (d) embedded (c8 only): a StreamService in process over RocksDB — publish,
#     then consume the backlog from earliest, then both at once; no network.
#
# The same client code drives both sides, one message per write:
# - c8: producer `ws://…/_ws/ws/v2/producer/persistent/c8/c8global._system/
#   c8globals.<s>` sending `{"payload": base64}` and reading
#   `{"result":"ok","messageId"}` receipts; consumer `…/consumer/…/<s>/bench?
#   subscriptionType=…&receiverQueueSize=WINDOW` reading `{"messageId",
#   "payload",…}` and acking each with `{"messageId"}` (C8Net's
#   WebSocketClient). A new global stream per run (REST), deleted after it.
# - Redis: `XADD key * p <payload>`, the reply (the entry id) is the
#   receipt; `XREADGROUP GROUP bench c<i> COUNT WINDOW BLOCK 200 STREAMS key >`
#   and one `XACK key bench <id>` per message (a RESP2 client over C8Net's
#   TCPClientSocket). A new key per run, its group made with `XGROUP CREATE
#   … $ MKSTREAM` first, `DEL` after.
# - Window: WINDOW (1000) messages in flight per producer (written, receipt
#   not yet read) and per consumer (c8: receiverQueueSize, the server grants
#   a permit back per frame written; Redis: XREADGROUP COUNT), on both sides.
#
# Durability, as each side is run:
# - c8 serve: persistent streams; every publish is a RocksDB write through
#   its write-ahead log, not fsynced (StreamServiceOptions.syncWrites is
#   off, the default): a process crash loses nothing, a power loss may lose
#   the last writes. Acks persist the subscription's cursor the same way.
# - redis-server 7: `appendonly yes`, `appendfsync everysec` (the log is
#   written every event-loop turn, fsynced once a second in the background
#   — the same guarantee class), `save ""` (no RDB snapshots), default AOF
#   rewrite thresholds, no `maxmemory`.
#
# Each workload runs c8 then Redis, RUNS times, after a discarded warm-up
# (20,000 messages end-to-end per side); the table has the medians and
# c8/Redis. The load generator shares the 2 cores with the servers; the
# system load is printed before and after.
#
# Installs redis-server from Debian when missing; starts `c8 serve` (temp
# data dir, port C8_PORT, admin key) and redis-server (temp dir, port
# REDIS_PORT) and stops both, removing the temp dir, on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
PRODUCERS=${PRODUCERS:-"1 4"}
WINDOW=${WINDOW:-1000}
RATE=${RATE:-10000}
QUICK=${QUICK:-0}
ONLY=${ONLY:-}
C8_PORT=${C8_PORT:-18530}
REDIS_PORT=${REDIS_PORT:-16390}
KEY=${KEY:-streams-bench-admin-key}
NICE=${NICE:-0}
if [ "$QUICK" = 1 ]; then COUNT=${COUNT:-100000}; SECONDS_LATENCY=${SECONDS_LATENCY:-3}; else
  COUNT=${COUNT:-1000000}; SECONDS_LATENCY=${SECONDS_LATENCY:-10}; fi
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

bench_require redis-server:redis-server redis-cli:redis-tools curl:curl
bench_build_c8
bench_work_dir streams
LOAD_BEFORE=$(uptime)

# --- c8 serve ---------------------------------------------------------------------
# One region, as Redis is one server: a global stream of the default
# federation is also replicated to two more regions (scripts/bench/regions.sh
# measures the federation).
nice -n "$NICE" "$C8" serve --data-dir "$WORK/c8data" --regions us-east --host 127.0.0.1 --port "$C8_PORT" --admin-key "$KEY" >"$WORK/c8.log" 2>&1 &
C8_PID=$!
bench_on_exit 'kill "$C8_PID" 2>/dev/null; wait "$C8_PID" 2>/dev/null'
bench_rss_watch c8 "c8 serve" "$C8_PID"
bench_wait_http "http://127.0.0.1:$C8_PORT/_api/version"

# --- redis-server -------------------------------------------------------------------
mkdir -p "$WORK/redis"
nice -n "$NICE" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" \
  --appendonly yes --appendfsync everysec --save "" --daemonize no --logfile "$WORK/redis/redis.log" &
REDIS_PID=$!
bench_on_exit 'kill "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null'
bench_rss_watch Redis "redis-server" "$REDIS_PID"
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null

# --- the load generator ---------------------------------------------------------------
ARGS=(--runs "$RUNS" --count "$COUNT" --url "http://127.0.0.1:$C8_PORT" --api-key "$KEY"
      --redis "127.0.0.1:$REDIS_PORT" --producers "${PRODUCERS// /,}" --window "$WINDOW"
      --rate "$RATE" --seconds "$SECONDS_LATENCY")
bench_rss "load generator" "c8 bench streams (drives both sides)" \
  nice -n "$NICE" "$C8" bench "${ARGS[@]}" streams $ONLY >"$WORK/table.md"
LOAD_AFTER=$(uptime)

# --- report -----------------------------------------------------------------------------
echo
echo "c8 $("$C8" --version | awk '{print $2}') ($(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')), $(redis-server --version | awk '{print $1, $2, $3}'), $(nproc) cores, $(uname -r)"
echo "$COUNT messages of 100 bytes, window $WINDOW, producers/consumers: $PRODUCERS; latency: $RATE msgs/s for $SECONDS_LATENCY s; medians of $RUNS rounds, c8 and Redis alternating"
echo "redis: appendonly yes, appendfsync everysec, save \"\"; c8: RocksDB WAL, no fsync per write (syncWrites off)"
echo "load before: ${LOAD_BEFORE#*load average: } · after: ${LOAD_AFTER#*load average: } · nice $NICE"
echo
cat "$WORK/table.md"

# --- machine-readable (scripts/bench/run; nothing without BENCH_RESULTS) ------------------
# One record per row of c8 bench's table: workload | unit | c8 | Redis | c8 / Redis | goal | met.
if [ -n "${BENCH_RESULTS:-}" ]; then
  awk -F'|' 'NR > 2 && NF >= 8 { for (i = 2; i <= 8; i++) gsub(/^ +| +$/, "", $i); print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' \
    "$WORK/table.md" |
  while IFS=$'\t' read -r name unit c8 redis ratio goal; do
    args=(measure="streams: $name" unit="$unit" c8="${c8//,/}")
    # c8 bench prints c8 ÷ Redis on every row; for latencies that is not
    # c8's speed (above 1 there means c8 is slower): record.py turns those.
    if [ "$unit" = ms ]; then args+=(better=lower); else args+=(better=higher ratio="$ratio"); fi
    [ "$redis" != "—" ] && args+=(peer=Redis peer_value="${redis//,/}")
    case $goal in
      "≥ 1× Redis") args+=(goal_ratio=1) ;;
      "≤ "*" ms") goal=${goal#≤ }; args+=(goal_max="${goal% ms}") ;;
    esac
    case $name in  # short names for the charts; latency rows are grouped there
      publish,\ *) label="streams publish ${name#publish, }" ;;
      end-to-end,\ *) n=${name#end-to-end, }; label="streams e2e ${n%% *} + ${n%% *}" ;;
      publish→deliver*) label="streams deliver ${name##*, }"; args+=(latency="${name##*, }" group="streams publish→deliver at $RATE msgs/s") ;;
      *) label="streams $name" ;;
    esac
    bench_record "${args[@]}" label="$label"
  done
fi
