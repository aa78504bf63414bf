#!/usr/bin/env bash
# Whole-process time of `fluxi check` (parse + names + types) and `fluxi run` on scripts with very
# large literals: a record with N keys, a function with N/2 parameters called with as many arguments,
# a dictionary with N/2 entries in descending key order. Usage: bench/large_literals.sh [BINARY] [N]
# (default N = 200000).
set -euo pipefail
BIN=${1:-build/fluxi}
N=${2:-200000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 - "$DIR" "$N" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
m = n // 2
with open(f"{d}/record.flux", "w") as f:
    f.write("r = {" + ", ".join(f"k{i}: {i}" for i in range(n)) + "}\n")
    f.write(f"s = {{r with k{n // 2}: -1, extra: 1}}\nr.k{n - 1} + s.k{n // 2} + s.extra\n")
with open(f"{d}/params.flux", "w") as f:
    f.write("f = (" + ", ".join(f"p{i}" for i in range(m)) + f") => p0 + p{m - 1}\n")
    f.write("f(" + ", ".join(f"p{i}: {i}" for i in range(m)) + ")\n")
with open(f"{d}/dict.flux", "w") as f:
    f.write('import "dict"\nd = [' + ", ".join(f"{i}: {2 * i}" for i in range(m - 1, -1, -1)) + "]\n")
    f.write("dict.get(dict: d, key: 7, default: -1)\n")
PY
for shape in record params dict; do
  for verb in check run; do
    start=$(date +%s%N)
    out=$("$BIN" "$verb" "$DIR/$shape.flux" 2>&1 | tail -c 200) || true
    end=$(date +%s%N)
    awk -v ns=$((end - start)) -v s="$shape" -v v="$verb" -v b="$(stat -c %s "$DIR/$shape.flux")" -v o="$out" \
      'BEGIN { gsub(/\n/, " ", o); printf "%-7s %-5s %9d bytes %7.3f s  %s\n", s, v, b, ns / 1e9, o }'
  done
done
