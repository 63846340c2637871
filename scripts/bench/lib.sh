# Shared parts of the side-by-side benchmark scripts (ingest.sh, query.sh, http.sh, …):
# the peers, the c8 build, a work directory, a throwaway PostgreSQL cluster,
# the generated inputs, the arithmetic of the report and the machine-readable
# results. Source it from a script that has run `set -euo pipefail` and `cd`
# to the repository root.
#
#   bench_install_peers       sqlite3 and postgresql from Debian when missing; sets PGBIN
#   bench_require CMD:PKG …   installs Debian package PKG when command CMD is missing
#   bench_build_c8            release build unless $C8 names a binary; sets C8
#                             ($C8_SCRATCH: swift build --scratch-path)
#   bench_work_dir NAME       a fresh /tmp/c8-NAME.XXXXXX in WORK, removed on exit
#   bench_pg_start            a cluster in $WORK/pg on port $PGPORT (5439), stopped
#                             on exit; then psql_run ARGS… runs psql as postgres
#   bench_gen_docs COUNT FILE `c8 bench gen-docs`, readable by the PostgreSQL server
#   bench_json_array IN OUT   the JSON lines IN as one JSON array (for SQLite's json_each)
#   bench_on_exit COMMAND     runs COMMAND (eval'd) on exit, last registered first
#   bench_wait_http URL       polls URL (curl) until it answers, 20 s at most
#   now, elapsed START, median (numbers on stdin), ratio A B
#
# With BENCH_RESULTS naming a file (scripts/bench/run sets it), also:
#   bench_record key=value …  appends one result as a JSON line (scripts/bench/record.py)
#   bench_rss SIDE WHAT CMD…  runs CMD under GNU time and records its peak RSS
#   bench_rss_watch SIDE WHAT PID   samples a server's peak memory until exit (rss.py)
# Unset, these do nothing but run CMD: the scripts print their tables, no more.
# BENCH_PIDS (also from run) collects the servers that leave the script's
# process group (PostgreSQL), for run's clean-up after a failed workload.

PGPORT=${PGPORT:-5439}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- exit hooks ---------------------------------------------------------------
BENCH_EXIT_HOOKS=()
bench_on_exit() { BENCH_EXIT_HOOKS+=("$1"); }
bench_run_exit_hooks() {
  local i
  for ((i = ${#BENCH_EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
    eval "${BENCH_EXIT_HOOKS[$i]}" || true
  done
}
trap bench_run_exit_hooks EXIT

# --- machine-readable results (scripts/bench/run) ------------------------------
BENCH_NAME=${BENCH_NAME:-$(basename "$0" .sh)}
bench_record() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  # A recording slip is reported, not fatal: the table above is the result.
  python3 scripts/bench/record.py workload="$BENCH_NAME" "$@" >>"$BENCH_RESULTS" \
    || echo "$BENCH_NAME: could not record: $*" >&2
}
bench_rss_line() {  # SIDE WHAT KIB METHOD
  printf '{"type": "rss", "workload": "%s", "side": "%s", "what": "%s", "kib": %d, "method": "%s"}\n' \
    "$BENCH_NAME" "$1" "$2" "${3:-0}" "$4" >>"$BENCH_RESULTS"
}
# GNU time's %M is the kernel's maximum RSS of the process (wait4). It
# needs an executable, not a shell function; timings taken around it grow
# by one fork and exec.
bench_rss() {
  local side=$1 what=$2 out status=0
  shift 2
  if [ -z "${BENCH_RESULTS:-}" ]; then "$@"; return; fi
  out=$(mktemp)
  /usr/bin/time -f %M -o "$out" "$@" || status=$?
  bench_rss_line "$side" "$what" "$(tail -1 "$out")" maxrss
  rm -f "$out"
  return "$status"
}
# Call it after registering the server's stop hook: hooks run last first,
# so the sampler takes its last sample while the server still runs.
bench_rss_watch() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  local out pid
  out=$(mktemp)
  python3 scripts/bench/rss.py "$3" "$out" &
  pid=$!
  bench_on_exit "kill $pid 2>/dev/null; wait $pid 2>/dev/null; read -r kib method <'$out' && bench_rss_line '$1' '$2' \"\$kib\" \"\$method\"; rm -f '$out'"
}
# PID and its start time (field 22 of /proc/PID/stat), so that run never
# signals a process that merely got the same number later.
bench_started() {
  [ -n "${BENCH_PIDS:-}" ] || return 0
  echo "$1 $(sed 's/.*) //' "/proc/$1/stat" | awk '{print $20}')" >>"$BENCH_PIDS"
}

# --- peers ----------------------------------------------------------------------
bench_install_peers() {
  local missing=()
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

bench_require() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

bench_wait_http() {
  local i
  for ((i = 0; i < 200; i++)); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

# --- c8 -------------------------------------------------------------------------
bench_build_c8() {
  if [ -z "${C8:-}" ]; then
    local scratch=()
    [ -n "${C8_SCRATCH:-}" ] && scratch=(--scratch-path "$C8_SCRATCH")
    swift build -c release "${scratch[@]}" --product c8 >&2
    C8="$(swift build -c release "${scratch[@]}" --show-bin-path)/c8"
  fi
}

# --- work dir ---------------------------------------------------------------------
bench_work_dir() {
  WORK=$(mktemp -d "/tmp/c8-$1.XXXXXX")
  chmod 755 "$WORK"  # the PostgreSQL server reads input files from here
  bench_on_exit 'rm -rf "$WORK"'
}

# --- PostgreSQL -------------------------------------------------------------------
bench_pg_start() {
  if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS=postgres  # initdb and postgres refuse to run as root
    as_pg() { runuser -u postgres -- "$@"; }
  else
    PGUSER_OS=$(id -un)
    as_pg() { "$@"; }
  fi
  PGDIR="$WORK/pg"
  install -d -m 700 -o "$PGUSER_OS" "$PGDIR"
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
  bench_on_exit 'as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1'
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=''" start >/dev/null
  PG_PID=$(head -1 "$PGDIR/data/postmaster.pid")
  bench_started "$PG_PID"  # pg_ctl starts it in a session of its own
  bench_rss_watch PostgreSQL "PostgreSQL server (all processes)" "$PG_PID"
}
psql_run() { psql -X -q -h "$PGDIR" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
pg_version() { "$PGBIN/postgres" --version | awk '{print $3}'; }

# --- inputs -------------------------------------------------------------------------
bench_gen_docs() {
  "$C8" bench --count "$1" gen-docs "$2" >&2
  chmod 644 "$2"
}

bench_json_array() {
  sed '1s/^/[/; $!s/$/,/; $s/$/]/' "$1" > "$2"
  chmod 644 "$2"
}

# --- arithmetic -----------------------------------------------------------------------
now() { date +%s.%N; }
elapsed() { awk -v end="$(now)" -v start="$1" 'BEGIN { printf "%.3f", end - start }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf (r < 0.1 ? "%.3f" : "%.2f"), r }'; }
