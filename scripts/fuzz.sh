#!/usr/bin/env bash
# Runs libFuzzer targets (fuzz/*.cpp) for a fixed time each:
#     scripts/fuzz.sh TARGET SECONDS       one target: parse, check, csv, line_protocol, block_codec, run
#     scripts/fuzz.sh all SECONDS          every target, one after the other
# Builds them first (clang, AddressSanitizer + UBSan + libFuzzer, in build-fuzz/ or $FUZZ_BUILD_DIR;
# FUZZ_NO_BUILD=1 skips that). Each run starts from a seed corpus made now (never committed): the
# seeds and reproducers in fuzz/, the .flux files of tests/, stdlib/ and ../shared/conformance, and the
# annotated CSV held in those .flux files. What a run finds new is kept in $BUILD_DIR/fuzz-corpus/TARGET
# for the next run; a crash, leak, time-out (10 s per input) or sanitizer report is saved under
# $BUILD_DIR/fuzz-findings/TARGET/ and makes the script exit 1. Runs niced, one process (one core).
set -euo pipefail
cd "$(dirname "$0")/.."
ALL_TARGETS=(parse check csv line_protocol block_codec run)
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS   (targets: ${ALL_TARGETS[*]})" >&2
  exit 2
fi
if [ "$1" = all ]; then
  targets=("${ALL_TARGETS[@]}")
else
  [[ " ${ALL_TARGETS[*]} " == *" $1 "* ]] || { echo "unknown fuzz target '$1' (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
  targets=("$1")
fi
seconds=$2
export BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  CXX=clang++ scripts/build.sh -DCMAKE_CXX_COMPILER=clang++ -DFLUXI_FUZZ=ON >/dev/null
fi
conformance=../shared/conformance

# The annotated CSV documents written as multi-line strings in .flux files, one file each.
extract_csv() {
  local out=$1; shift
  local i=0 f
  for f in "$@"; do
    i=$((i + 1))
    awk -v prefix="$out/flux${i}_" '
      incsv && /^"/ { incsv = 0; close(name); next }
      incsv { print > name; next }
      /^ *"$/ { if ((getline line) > 0 && line ~ /^#/) { n++; name = prefix n ".csv"; incsv = 1; print line > name } }
    ' "$f"
  done
}

flux_files() {
  find tests stdlib fuzz/seeds -name '*.flux' -type f
  [ -d "$conformance" ] && find "$conformance" -name '*.flux' -type f
  return 0
}

make_seeds() {  # TARGET DIR
  local target=$1 dir=$2
  rm -rf "$dir" && mkdir -p "$dir"
  for kind in seeds regressions; do
    [ -d "fuzz/$kind/$target" ] && cp "fuzz/$kind/$target"/* "$dir"/ 2>/dev/null || true
  done
  case $target in
    parse|check|run)
      local i=0 f
      while read -r f; do i=$((i + 1)); cp "$f" "$dir/flux$i.flux"; done < <(flux_files) ;;
    csv)
      mapfile -t files < <(flux_files)
      extract_csv "$dir" "${files[@]}" ;;
  esac
}

status=0
summary=()
for target in "${targets[@]}"; do
  bin="$BUILD_DIR/fuzz_$target"
  [ -x "$bin" ] || { echo "missing $bin: build with FLUXI_FUZZ=ON (clang)" >&2; exit 1; }
  corpus="$BUILD_DIR/fuzz-corpus/$target" seeds="$BUILD_DIR/fuzz-seeds/$target" findings="$BUILD_DIR/fuzz-findings/$target"
  mkdir -p "$corpus" "$findings"
  make_seeds "$target" "$seeds"
  log="$BUILD_DIR/fuzz-$target.log"
  echo "fuzzing $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) in the corpus; log: $log)"
  rc=0
  nice -n 10 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$target: FAILED after $runs runs (exit $rc): see $log and $findings/")
    grep -m3 -E 'ERROR|SUMMARY|invariant broken|Timeout|leak' "$log" >&2 || true
  else
    summary+=("$target: ${seconds}s, $runs runs, coverage $cov, nothing found")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
