#!/usr/bin/env bash
# Builds and runs the whole test suite in parallel workers, then prints one
# closing line "N passed, N failed" read from the xUnit report (the parallel
# runner's own output has no summary line).
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests "$@" || exit 1
report=.build/test-results.xml
rm -f "$report"
swift test --skip-build --parallel --disable-swift-testing --xunit-output "$report" "$@"
status=$?

if [ ! -f "$report" ]; then
  echo "tests: no report written (the runner crashed?)" >&2
  exit 1
fi
tests=$(grep -o 'tests="[0-9]*"' "$report" | head -1 | grep -o '[0-9]*')
failures=$(grep -o 'failures="[0-9]*"' "$report" | head -1 | grep -o '[0-9]*')
errors=$(grep -o 'errors="[0-9]*"' "$report" | head -1 | grep -o '[0-9]*')
skipped=$(grep -o 'skipped="[0-9]*"' "$report" | head -1 | grep -o '[0-9]*')
failed=$(( ${failures:-0} + ${errors:-0} ))
passed=$(( ${tests:-0} - failed - ${skipped:-0} ))
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  grep -B1 '<failure' "$report" | grep -o 'name="[^"]*"' | sed 's/name=/  /'
fi
echo "$passed passed, $failed failed, ${skipped:-0} skipped"
if [ "${tests:-0}" -eq 0 ]; then
  echo "tests: no test ran" >&2
  exit 1
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
