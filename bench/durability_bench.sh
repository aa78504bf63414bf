#!/usr/bin/env bash
# Write-time cost of `--durability full` (the default: SQLite synchronous = FULL, the write-ahead log
# synced at every commit) against `--durability fast` (synchronous = NORMAL). Three loads, each into
# a fresh store, best of REPEAT runs: the whole FILE in one transaction, FILE committed every BATCH
# lines (--batch-size), and K separate `fluxi write` processes of one line each.
# Usage: bench/durability_bench.sh BINARY FILE.lp [BATCH (default 1000)] [K (default 200)] [REPEAT (3)]
# Put FILE and the stores on the disk you mean to measure (fsync costs nothing on tmpfs).
set -euo pipefail
BIN=$1
FILE=$2
BATCH=${3:-1000}
K=${4:-200}
REPEAT=${5:-3}
WORK=$(mktemp -d "$(dirname "$FILE")/durability-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
head -1 "$FILE" > "$WORK/one.lp"
now() { date +%s%N; }
best() {  # best of REPEAT: best COMMAND... (a fresh store each time), prints seconds
  local b=""
  for _ in $(seq "$REPEAT"); do
    rm -rf "$WORK/data"
    local s; s=$(now)
    "$@" >/dev/null
    local e; e=$(now)
    b=$(awk -v x=$((e - s)) -v b="$b" 'BEGIN { x /= 1e9; print (b == "" || x < b) ? x : b }')
  done
  echo "$b"
}
small_writes() {
  for i in $(seq "$K"); do "$BIN" write --durability "$1" --data "$WORK/data" -b bench "$WORK/one.lp"; done
}
lines=$(wc -l < "$FILE")
for mode in full fast; do
  one=$(best "$BIN" write --durability "$mode" --data "$WORK/data" -b bench "$FILE")
  batched=$(best "$BIN" write --durability "$mode" --data "$WORK/data" -b bench --batch-size "$BATCH" "$FILE")
  small=$(best small_writes "$mode")
  printf '%-4s  %d lines in one transaction: %.3f s | committed every %d lines (%d commits): %.3f s | %d one-line writes: %.3f s (%.1f ms each)\n' \
    "$mode" "$lines" "$one" "$BATCH" $(((lines + BATCH - 1) / BATCH)) "$batched" "$K" "$small" \
    "$(awk -v s="$small" -v k="$K" 'BEGIN { print s / k * 1000 }')"
done
