#!/usr/bin/env bash
# The long crash and fault campaigns of Docs/RELIABILITY.md, one after the
# other (never two at once: they time kills against a loaded 2-core box),
# each with its knob turned up. Prints one line per campaign with its time
# and outcome; exits non-zero when any failed.
#
#   scripts/reliability.sh                  everything (~10 min on the 2-core box)
#   scripts/reliability.sh crash streams    only those campaigns
#
# Campaigns: crash (kill -9 of c8 serve under HTTP writes, and of the
# debug-crash-writer), streams (kill -9 under WebSocket producers and a
# consumer), disk (full tmpfs and read-only data dir, repeated), regions
# (seeded fault schedules in the simulator). Knobs (defaults in brackets):
# ROUNDS [50] for crash and streams, SCHEDULES [1000], DISK_ROUNDS [10],
# SEED (C8_CRASH_SEED, to replay a failing crash or stream round).
set -uo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-50}
SCHEDULES=${SCHEDULES:-1000}
DISK_ROUNDS=${DISK_ROUNDS:-10}
campaigns=("$@")
[ ${#campaigns[@]} -eq 0 ] && campaigns=(crash streams disk regions)

nice -n 12 swift build --build-tests >/dev/null 2>&1 || { echo "the build failed: swift build --build-tests" >&2; exit 1; }
failed=0
log=$(mktemp -t c8-reliability.XXXXXX)

run() {  # name, filter, env...
  local name=$1 filter=$2
  shift 2
  local start=$SECONDS
  if env "$@" ${SEED:+C8_CRASH_SEED=$SEED} nice -n 12 swift test --skip-build --filter "$filter" >"$log" 2>&1; then
    echo "$name: passed in $(( SECONDS - start )) s — $(grep -hE '^(ServeCrashTests|ServeStreamCrashTests|RegionFaultCampaignTests|DiskFaultTests):' "$log" | tr '\n' ' ')"
  else
    failed=1
    echo "$name: FAILED in $(( SECONDS - start )) s; the failures:"
    grep -E 'error:|C8_CRASH_SEED|C8_SCHEDULE_SEED' "$log" | cut -c1-400 | head -20
  fi
}

for campaign in "${campaigns[@]}"; do
  case $campaign in
    crash)
      run "crash ($ROUNDS rounds)" 'ServeCrashTests|CrashRecoveryTests' C8_CRASH_ROUNDS="$ROUNDS" ;;
    streams)
      run "streams ($ROUNDS rounds)" ServeStreamCrashTests C8_CRASH_ROUNDS="$ROUNDS" ;;
    disk)
      for round in $(seq "$DISK_ROUNDS"); do
        run "disk (round $round of $DISK_ROUNDS)" 'DiskFaultTests|StorageWriteFailureTests'
      done ;;
    regions)
      run "regions ($SCHEDULES schedules)" 'RegionFaultCampaignTests|ReplicationPropertyTests' \
        C8_SCHEDULES="$SCHEDULES" C8_SIM_SCHEDULES="$SCHEDULES" ;;
    *) echo "unknown campaign $campaign (crash, streams, disk, regions)" >&2; exit 2 ;;
  esac
done
rm -f "$log"
exit $failed
