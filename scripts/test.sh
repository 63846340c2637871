#!/usr/bin/env bash
# Builds and runs the whole test suite in parallel workers, then the pyC8
# acceptance suite (scripts/test-pyc8.sh) against the binary just built, and
# prints one closing line "N passed, N failed, N skipped" that adds both
# suites' counts, read from their JUnit/xUnit reports (the parallel runner's
# own output has no summary line). Fails when either suite fails or writes
# no report.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests "$@" || exit 1
report=.build/test-results.xml
pyc8_report=.build/pyc8-results.xml
rm -f "$report" "$pyc8_report"
swift test --skip-build --parallel --disable-swift-testing --xunit-output "$report" "$@"
status=$?

C8_BIN="$(swift build --show-bin-path "$@")/c8" scripts/test-pyc8.sh --junitxml="$pyc8_report" -q </dev/null
pyc8_status=$?

# In CI (CI=true, or C8_FUZZ_CI=1) a short run of every fuzz harness
# (Docs/FUZZING.md): each FUZZ_CI_SECONDS (10) long, failing on any finding.
fuzz_status=0
if [ "${CI:-}" = true ] || [ "${C8_FUZZ_CI:-}" = 1 ]; then
  FUZZ_CI_SECONDS=${FUZZ_CI_SECONDS:-10} scripts/fuzz.sh --ci
  fuzz_status=$?
  [ "$fuzz_status" -eq 0 ] || echo "tests: the fuzz harnesses failed (scripts/fuzz.sh --ci)" >&2
fi

# Totals of a JUnit/xUnit report: the first element carrying the counts is
# the whole run in both formats. A missing report counts as a failure (the
# runner crashed before writing it).
total_tests=0 total_failed=0 total_skipped=0 missing=0
attribute() { grep -o "$2=\"[0-9]*\"" "$1" | head -1 | grep -o '[0-9]*'; }
count() {
  local report=$1 name=$2
  if [ ! -f "$report" ]; then
    echo "tests: $name wrote no report ($report; the runner crashed?)" >&2
    missing=$(( missing + 1 ))
    return
  fi
  local tests failures errors skipped failed
  tests=$(attribute "$report" tests) failures=$(attribute "$report" failures)
  errors=$(attribute "$report" errors) skipped=$(attribute "$report" skipped)
  failed=$(( ${failures:-0} + ${errors:-0} ))
  # XCTest's report has one element per line; pytest's failures are listed
  # in its own summary above ("FAILED …").
  if [ "$failed" -gt 0 ] && [ "$name" = swift ]; then
    echo "Failed tests:"
    grep -B1 '<failure' "$report" | grep -o 'name="[^"]*"' | sed 's/name=/  /'
  fi
  if [ "${tests:-0}" -eq 0 ]; then
    echo "tests: no $name test ran" >&2
    missing=$(( missing + 1 ))
  fi
  total_tests=$(( total_tests + ${tests:-0} ))
  total_failed=$(( total_failed + failed ))
  total_skipped=$(( total_skipped + ${skipped:-0} ))
}
count "$report" swift
count "$pyc8_report" pyC8

[ "$fuzz_status" -eq 0 ] || missing=$(( missing + 1 ))
passed=$(( total_tests - total_failed - total_skipped ))
echo "$passed passed, $(( total_failed + missing )) failed, $total_skipped skipped"
[ "$status" -eq 0 ] && [ "$pyc8_status" -eq 0 ] && [ "$total_failed" -eq 0 ] && [ "$missing" -eq 0 ]
