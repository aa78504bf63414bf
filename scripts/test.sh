#!/usr/bin/env bash
# Builds fluxi and runs every test: the doctest suite (unit, CLI, store, tasks) and, when
# ../shared/conformance exists, the conformance baseline (tests/conformance_baseline.txt must
# all pass). With --sanitize, the same in an AddressSanitizer + UBSan build (build-asan/). The libFuzzer
# targets have their own clang build (scripts/fuzz.sh, build-fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  export BUILD_DIR=build-asan
  scripts/build.sh -DFLUXI_SANITIZE=ON
else
  export BUILD_DIR=build
  scripts/build.sh
fi
ctest --test-dir "$BUILD_DIR" --output-on-failure
