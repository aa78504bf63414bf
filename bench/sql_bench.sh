#!/usr/bin/env bash
# sql.to / sql.from throughput: writes N generated rows (_start, _stop, _time, _value, f, s) into a
# SQLite file (and, when PG_DSN is set, into that PostgreSQL database), then reads them back with
# sql.from |> count(). Prints wall-clock seconds per step. Usage: bench/sql_bench.sh build/fluxi [N]
set -euo pipefail
FLUXI=${1:?usage: bench/sql_bench.sh FLUXI [ROWS]}
ROWS=${2:-200000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
run() {  # driver dsn table
  local write="import \"sql\"
import \"generate\"
generate.from(count: $ROWS, fn: (n) => n, start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)
  |> map(fn: (r) => ({r with f: float(v: r._value) * 0.5, s: \"row\"}))
  |> sql.to(driverName: \"$1\", dataSourceName: \"$2\", table: \"$3\")
  |> count()"
  local read="import \"sql\"
sql.from(driverName: \"$1\", dataSourceName: \"$2\", query: \"SELECT * FROM $3\") |> count(column: \"f\")"
  local t0 t1 t2
  t0=$(date +%s.%N); "$FLUXI" run -e "$write" >/dev/null
  t1=$(date +%s.%N); "$FLUXI" run -e "$read" >/dev/null
  t2=$(date +%s.%N)
  echo "$1: write $ROWS rows $(echo "$t1 - $t0" | bc) s, read $(echo "$t2 - $t1" | bc) s"
}
run sqlite3 "$DIR/bench.db" bench_rows
if [ -n "${PG_DSN:-}" ]; then run postgres "$PG_DSN" "bench_rows_$$"; fi
