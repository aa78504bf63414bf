#!/usr/bin/env bash
# Cold process time of a trivial script: runs `fluxi run -e '1 + 1'` N times (default 200) and
# prints the mean wall time per run. Usage: bench/cold_start.sh [BINARY] [N]
set -euo pipefail
BIN=${1:-build/fluxi}
N=${2:-200}
"$BIN" run -e '1 + 1' >/dev/null  # warm the page cache
start=$(date +%s%N)
for _ in $(seq "$N"); do "$BIN" run -e '1 + 1' >/dev/null; done
end=$(date +%s%N)
awk -v ns=$((end - start)) -v n="$N" 'BEGIN { printf "fluxi run -e '\''1 + 1'\'': %.2f ms per cold run (mean of %d)\n", ns / n / 1e6, n }'
start=$(date +%s%N)
for _ in $(seq "$N"); do "$BIN" --version >/dev/null; done
end=$(date +%s%N)
awk -v ns=$((end - start)) -v n="$N" 'BEGIN { printf "fluxi --version:          %.2f ms per cold run (mean of %d)\n", ns / n / 1e6, n }'
