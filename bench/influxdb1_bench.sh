#!/usr/bin/env bash
# influxdb1.from() benchmark: POINTS generated points (bench/gen_points.py) written to InfluxDB 1.6
# (Debian's influxd, started on loopback ports with its data in a temporary folder) and to fluxi's
# store; each query is run through influxdb1.from() and on the store (results compared byte for byte)
# and timed, best of REPEAT. Prints a Markdown table.
#
#   [REPEAT=3] bench/influxdb1_bench.sh [FLUXI_BINARY] [POINTS]
#
# Needs: python3, curl, influxd (apt-get install influxdb).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
fluxi="${1:-$here/../build/fluxi}"
points="${2:-1000000}"
repeat="${REPEAT:-3}"
[ -x "$fluxi" ] || { echo "influxdb1_bench: no fluxi binary at $fluxi (build it first)" >&2; exit 2; }
command -v influxd >/dev/null || { echo "influxdb1_bench: influxd not found (apt-get install influxdb)" >&2; exit 2; }

work="$(mktemp -d /tmp/fluxi-influxdb1-bench-XXXXXX)"
influx_pid=""
cleanup() {
    if [ -n "$influx_pid" ]; then kill "$influx_pid" 2>/dev/null || true; wait "$influx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

python3 "$here/gen_points.py" "$points" 100 > "$work/points.lp"
"$fluxi" write --bucket bench --data "$work/data" "$work/points.lp"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
  max-body-size = 0
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
CONF
influxd -config "$work/influxdb.conf" > "$work/influxd.log" 2>&1 &
influx_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$url/ping" >/dev/null && break; sleep 0.1; done
curl -sf -XPOST "$url/query" --data-urlencode "q=CREATE DATABASE bench" >/dev/null
curl -sf -XPOST "$url/write?db=bench" --data-binary "@$work/points.lp"

best() {  # best OUT SCRIPT: fastest of $repeat runs of the script, in seconds; the output in OUT
    local out="$1" script="$2" bestt=1e18 a b
    for _ in $(seq 1 "$repeat"); do
        a=$(date +%s.%N)
        "$fluxi" run --format csv --data "$work/data" -e "$script" > "$out"
        b=$(date +%s.%N)
        bestt=$(python3 -c "print(min($bestt, $b - $a))")
    done
    python3 -c "print(f'{$bestt:.3f}')"
}

range='range(start: 2023-11-14T22:00:00Z, stop: 2023-11-16T00:00:00Z)'
echo "| query | influxdb1.from | from(bucket:) on the store | rows | same |"
echo "| --- | --- | --- | --- | --- |"
for pipe in "|> $range |> count()" \
            "|> $range |> filter(fn: (r) => r._field == \"usage_user\") |> aggregateWindow(every: 5m, fn: mean, createEmpty: false)" \
            "|> $range |> filter(fn: (r) => r.region == \"r1\") |> aggregateWindow(every: 1h, fn: max)" \
            "|> $range |> filter(fn: (r) => r.host == \"host007\")" \
            "|> $range |> filter(fn: (r) => r._field == \"usage_user\") |> aggregateWindow(every: 5m, fn: median, createEmpty: false)"; do
    remote=$(best "$work/remote.csv" "import \"fluxi/influxdb1\" influxdb1.from(host: \"$url\", db: \"bench\") $pipe")
    local_=$(best "$work/local.csv" "from(bucket: \"bench\") $pipe")
    rows=$(grep -c '^,[^r]' "$work/local.csv" || true)
    same=$(cmp -s "$work/remote.csv" "$work/local.csv" && echo yes || echo NO)
    echo "| \`$(echo "$pipe" | sed 's/|/\\|/g')\` | $remote s | $local_ s | $rows | $same |"
done
