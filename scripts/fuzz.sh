#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/Harnesses and runs them
# (Docs/FUZZING.md says what each one checks and how the build works).
#
#   scripts/fuzz.sh                      every harness, 1 M executions each (the campaign)
#   scripts/fuzz.sh --ci                 every harness for a short time (CI); fails on any finding
#   scripts/fuzz.sh json http            some harnesses only
#   scripts/fuzz.sh --build-only         build, do not run
#   scripts/fuzz.sh json -- -runs=0      extra libFuzzer arguments after --
#   scripts/fuzz.sh --repro json FILE…   run a harness on saved inputs (a crash artifact)
#
# Environment: FUZZ_CI_SECONDS (default 25) per harness with --ci;
# FUZZ_RUNS (default 1000000) per harness without it; SWIFTC; FUZZ_BUILD
# (default .build/fuzz).
#
# The harnesses are not SwiftPM targets: the sources of the modules they
# test are compiled here with `swiftc -sanitize=fuzzer,address` into
# .build/fuzz, so `swift build` and `make test` never see the fuzzer
# runtime. Findings land in .build/fuzz/artifacts/<harness>/; the inputs
# libFuzzer finds interesting grow .build/fuzz/corpus/<harness>/, with the
# committed seeds in Fuzz/Corpus/<harness>/ read alongside.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

SWIFTC=${SWIFTC:-swiftc}
BUILD=${FUZZ_BUILD:-.build/fuzz}
CI_SECONDS=${FUZZ_CI_SECONDS:-25}
RUNS=${FUZZ_RUNS:-1000000}
NICE=(nice -n 12)
# Swift's own crash backtracer reads the crashed process's memory, which
# ASan reports as a second, bogus error; libFuzzer's report is the one we want.
export SWIFT_BACKTRACE=enable=no
ALL_HARNESSES=(json binary http websocket c8ql auth)

mode=campaign
harnesses=()
extra=()
repro_files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) mode=ci ;;
    --build-only) mode=build ;;
    --repro) mode=repro ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *)
      if [ "$mode" = repro ] && [ ${#harnesses[@]} -eq 1 ]; then repro_files+=("$1")
      else harnesses+=("$1"); fi ;;
  esac
  shift
done
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${ALL_HARNESSES[@]}")

# --- The modules, as the fuzz build compiles them -----------------------
# Whole modules where their dependencies allow; otherwise the files that the
# harness reaches, which import C8Core only (so no RocksDB, no engine).
module_sources() {
  case "$1" in
    C8Core)   find Sources/C8Core -name '*.swift' | sort ;;
    C8Crypto) find Sources/C8Crypto -name '*.swift' | sort ;;
    C8Net)    find Sources/C8Net -name '*.swift' | sort ;;
    C8Query)  find Sources/C8Query/Language -name '*.swift' | sort ;;
    C8Engine) printf '%s\n' Sources/C8Engine/Auth/AuthorizationCredentials.swift \
                            Sources/C8Engine/Auth/C8Error+Auth.swift Sources/C8Engine/Auth/Session.swift ;;
    C8Server) printf '%s\n' Sources/C8Server/Routing/PathDecoder.swift Sources/C8Server/Request/QueryParameters.swift ;;
    *) echo "fuzz: unknown module $1" >&2; exit 2 ;;
  esac
}

# Modules each harness links, in dependency order.
harness_modules() {
  case "$1" in
    json|binary) echo C8Core ;;
    http)        echo C8Core C8Crypto C8Net C8Server ;;
    websocket)   echo C8Core C8Crypto C8Net ;;
    c8ql)        echo C8Core C8Query ;;
    auth)        echo C8Core C8Crypto C8Engine ;;
    *) echo "fuzz: unknown harness $1 (have: ${ALL_HARNESSES[*]})" >&2; exit 2 ;;
  esac
}

FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -I "$BUILD/modules" -I Sources/COpenSSL)
LIBS=(-lssl -lcrypto)
mkdir -p "$BUILD/modules" "$BUILD/bin"

# A module is rebuilt when its sources, the flags or a module it imports changed.
build_module() {
  local name=$1; shift
  local deps=("$@")
  local stamp_file="$BUILD/modules/$name.stamp" stamp
  stamp=$( { echo "${FLAGS[*]}"; module_sources "$name" | xargs cat;
             for d in "${deps[@]}"; do cat "$BUILD/modules/$d.stamp" 2>/dev/null; done; } | sha1sum | cut -d' ' -f1)
  if [ -f "$BUILD/modules/$name.o" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then return 0; fi
  echo "fuzz: compiling $name (instrumented)"
  # shellcheck disable=SC2046
  "${NICE[@]}" "$SWIFTC" "${FLAGS[@]}" -module-name "$name" -enable-testing -wmo -c \
    -emit-module -emit-module-path "$BUILD/modules/$name.swiftmodule" \
    $(module_sources "$name") -o "$BUILD/modules/$name.o" || { rm -f "$stamp_file"; return 1; }
  echo "$stamp" > "$stamp_file"
}

build_harness() {
  local harness=$1 modules objects=() done=() m
  read -r -a modules <<< "$(harness_modules "$harness")"
  for m in "${modules[@]}"; do
    build_module "$m" "${done[@]}" || return 1
    done+=("$m")
    objects+=("$BUILD/modules/$m.o")
  done
  local out="$BUILD/bin/fuzz-$harness"
  local newest
  newest=$(ls -t "${objects[@]}" Fuzz/Support/*.swift "Fuzz/Harnesses/$harness.swift" "$out" 2>/dev/null | head -1)
  if [ -x "$out" ] && [ "$newest" = "$out" ]; then return 0; fi
  echo "fuzz: linking fuzz-$harness"
  "${NICE[@]}" "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz_$harness" \
    Fuzz/Support/*.swift "Fuzz/Harnesses/$harness.swift" "${objects[@]}" "${LIBS[@]}" -o "$out" \
    2> >(grep -v "Cannot export local symbol '__asan" >&2)
}

failed=()
for h in "${harnesses[@]}"; do
  harness_modules "$h" > /dev/null || exit 2
  build_harness "$h" || { echo "fuzz: building $h failed" >&2; exit 1; }
done
[ "$mode" = build ] && { echo "fuzz: built ${harnesses[*]} in $BUILD/bin"; exit 0; }

if [ "$mode" = repro ]; then
  h=${harnesses[0]}
  exec "$BUILD/bin/fuzz-$h" "${extra[@]}" "${repro_files[@]}"
fi

summary=()
for h in "${harnesses[@]}"; do
  corpus="$BUILD/corpus/$h" artifacts="$BUILD/artifacts/$h"
  mkdir -p "$corpus" "$artifacts"
  args=(-artifact_prefix="$artifacts/" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1)
  [ -f "Fuzz/Dictionaries/$h.dict" ] && args+=(-dict="Fuzz/Dictionaries/$h.dict")
  if [ "$mode" = ci ]; then args+=(-max_total_time="$CI_SECONDS")
  else args+=(-runs="$RUNS"); fi
  log="$BUILD/$h.log"
  echo "fuzz: running $h ($mode)"
  start=$(date +%s)
  "${NICE[@]}" "$BUILD/bin/fuzz-$h" "${args[@]}" "${extra[@]}" "$corpus" "Fuzz/Corpus/$h" > "$log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  line="$h: status $status, ${execs:-?} executions in ${seconds}s, corpus $(ls "$corpus" | wc -l) files"
  summary+=("$line")
  if [ "$status" -ne 0 ]; then
    failed+=("$h")
    echo "fuzz: $h FAILED (status $status); log $log; artifacts:" >&2
    ls "$artifacts" >&2
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|fuzz property' "$log" >&2
    tail -40 "$log" >&2
  fi
done

echo "fuzz summary:"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs under $BUILD/artifacts/)" >&2
  exit 1
fi
