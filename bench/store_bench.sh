#!/usr/bin/env bash
# Store benchmark: writes POINTS generated points (bench/gen_points.py: 100 hosts, 2 float fields,
# one point per host every 10 s) with `fluxi write`, reads them back with from |> range, computes
# the mean per 5 minutes per host, and does the same with InfluxDB 1.6 (Debian package `influxdb`)
# started on a loopback port with its data in a temporary folder. Prints a Markdown section.
#
#   [REPEAT=3] bench/store_bench.sh [FLUXI_BINARY] [POINTS]
#
# fluxi's write and every query are timed REPEAT times and the best run is reported (InfluxDB's
# write once, into a fresh database; its queries REPEAT times).
# Needs: python3, curl, influxd (apt-get install influxdb) for the comparison (skipped when absent).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
fluxi="${1:-$here/../build/fluxi}"
points="${2:-1000000}"
repeat="${REPEAT:-3}"
hosts=100
[ -x "$fluxi" ] || { echo "store_bench: no fluxi binary at $fluxi (build it first)" >&2; exit 2; }

work="$(mktemp -d /tmp/fluxi-store-bench-XXXXXX)"
influx_pid=""
cleanup() {
    if [ -n "$influx_pid" ]; then kill "$influx_pid" 2>/dev/null || true; wait "$influx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):,.0f}')"; }

python3 "$here/gen_points.py" "$points" "$hosts" > "$work/points.lp"
lines=$(wc -l < "$work/points.lp")
# time range covering every point: 2023-11-14T22:13:20Z + lines/hosts * 10 s
start="2023-11-14T22:00:00Z"
stop="2023-11-16T00:00:00Z"

# ---- fluxi -------------------------------------------------------------------------------------
# Each timing is the best of $repeat runs (the machine is shared; the best run is the least disturbed).
best() {  # best "$@": runs the command $repeat times, sets best_t0/best_t1 to the fastest run
    best_t0=0; best_t1=1e18
    for _ in $(seq 1 "$repeat"); do
        [ -n "${before_each:-}" ] && eval "$before_each"
        local a b; a=$(now); "$@"; b=$(now)
        if python3 -c "import sys; sys.exit(0 if $b - $a < $best_t1 - $best_t0 else 1)"; then best_t0=$a; best_t1=$b; fi
    done
}
data="$work/fluxi-data"
before_each='rm -rf "$data"'
best "$fluxi" write --create-bucket --bucket bench --data "$data" "$work/points.lp"
before_each=''
t0=$best_t0; t1=$best_t1
fluxi_write=$(elapsed "$t0" "$t1"); fluxi_write_rate=$(rate "$points" "$t0" "$t1")

read_script="from(bucket: \"bench\") |> range(start: $start, stop: $stop) |> count()"
best sh -c '"$0" run --data "$1" --format csv -e "$2" > "$3"' "$fluxi" "$data" "$read_script" "$work/fluxi-count.csv"
t0=$best_t0; t1=$best_t1
fluxi_read=$(elapsed "$t0" "$t1"); fluxi_read_rate=$(rate "$points" "$t0" "$t1")
counted=$(python3 - "$work/fluxi-count.csv" <<'PY'
import csv, sys
total = 0
rows = [r for r in csv.reader(open(sys.argv[1])) if r and not r[0].startswith('#')]
hdr = rows[0]; i = hdr.index('_value')
for r in rows[1:]:
    if r[i] != '_value' and r[i] != '': total += int(r[i])
print(total)
PY
)

# aggregateWindow when this fluxi has it, else the same windows with window() |> mean()
mean_fn="aggregateWindow(every: 5m, fn: mean, createEmpty: false)"
if ! "$fluxi" run -e 'aggregateWindow' >/dev/null 2>&1; then mean_fn="window(every: 5m, createEmpty: false) |> mean()"; fi
mean_script="from(bucket: \"bench\") |> range(start: $start, stop: $stop)
  |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage_user\")
  |> $mean_fn"
best sh -c '"$0" run --data "$1" --format csv -e "$2" > "$3"' "$fluxi" "$data" "$mean_script" "$work/fluxi-mean.csv"
t0=$best_t0; t1=$best_t1
fluxi_mean=$(elapsed "$t0" "$t1")
fluxi_mean_rows=$(grep -c '^,[^r]' "$work/fluxi-mean.csv" || true)

# ---- InfluxDB 1.6 ------------------------------------------------------------------------------
influx_section="InfluxDB not measured: influxd not found (apt-get install influxdb)."
if command -v influxd >/dev/null; then
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
  enabled = true
  bind-address = "127.0.0.1:$port"
  log-enabled = false
  max-body-size = 0
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
CONF
    influxd -config "$work/influxdb.conf" > "$work/influxd.log" 2>&1 &
    influx_pid=$!
    url="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do curl -sf "$url/ping" >/dev/null && break; sleep 0.1; done
    curl -sf -XPOST "$url/query" --data-urlencode "q=CREATE DATABASE bench" >/dev/null
    t0=$(now)
    curl -sf -XPOST "$url/write?db=bench&precision=ns" --data-binary "@$work/points.lp"
    t1=$(now)
    influx_write=$(elapsed "$t0" "$t1"); influx_write_rate=$(rate "$points" "$t0" "$t1")
    q="SELECT count(*) FROM cpu WHERE time >= '$start' AND time < '$stop'"
    best sh -c 'curl -sf -G "$0/query" --data-urlencode "db=bench" --data-urlencode "q=$1" > "$2"' "$url" "$q" "$work/influx-count.json"
    t0=$best_t0; t1=$best_t1
    influx_read=$(elapsed "$t0" "$t1")
    q="SELECT mean(usage_user) FROM cpu WHERE time >= '$start' AND time < '$stop' GROUP BY time(5m), host"
    best sh -c 'curl -sf -G "$0/query" --data-urlencode "db=bench" --data-urlencode "q=$1" > "$2"' "$url" "$q" "$work/influx-mean.json"
    t0=$best_t0; t1=$best_t1
    influx_mean=$(elapsed "$t0" "$t1")
    influx_mean_rows=$(python3 -c "
import json,sys
d=json.load(open('$work/influx-mean.json'))
print(sum(len([v for v in s['values'] if v[1] is not None]) for s in d['results'][0]['series']))")
    # do both engines agree? (aggregateWindow stamps a window with its stop, InfluxQL with its start)
    agreement=$(python3 - "$work/fluxi-mean.csv" "$work/influx-mean.json" <<'PY'
import csv, json, sys
from datetime import datetime, timedelta
def t(s):
    return datetime.fromisoformat(s.replace('Z', '+00:00'))
fl = {}
hdr = None
for r in csv.reader(open(sys.argv[1])):
    if not r or r[0].startswith('#'):
        continue
    if r[1] == 'result':
        hdr = r
        continue
    row = dict(zip(hdr, r))
    if '_time' in row:
        fl[(row['host'], t(row['_time']) - timedelta(minutes=5))] = float(row['_value'])
    else:  # window() |> mean(): windows are stamped by _start
        fl[(row['host'], t(row['_start']))] = float(row['_value'])
d = json.load(open(sys.argv[2]))
ix = {}
for s in d['results'][0]['series']:
    for v in s['values']:
        if v[1] is not None:
            ix[(s['tags']['host'], t(v[0]))] = v[1]
common = set(fl) & set(ix)
diff = max((abs(fl[k] - ix[k]) for k in common), default=float('nan'))
print(f"{len(common)} windows in common of {len(fl)} / {len(ix)}, largest difference {diff:.2e}")
PY
)
    influx_section="| InfluxDB $(influxd version | awk '{print $2}') | ${influx_write} s (${influx_write_rate} points/s, one HTTP request) | ${influx_read} s (\`SELECT count(*)\`) | ${influx_mean} s (\`GROUP BY time(5m), host\`, ${influx_mean_rows} rows) |"
fi

cat <<REPORT
Best of $repeat runs. Points: $points ($lines lines of line protocol, $hosts hosts, 2 float fields, one line per host every 10 s).

| engine | write | read all points | mean per 5 minutes per host |
| --- | --- | --- | --- |
| fluxi | ${fluxi_write} s (${fluxi_write_rate} points/s, \`fluxi write\`) | ${fluxi_read} s (${fluxi_read_rate} points/s, \`from |> range |> count()\`, counted ${counted}) | ${fluxi_mean} s (\`${mean_fn}\`, ${fluxi_mean_rows} rows) |
$influx_section

Mean per 5 minutes per host, fluxi against InfluxDB: ${agreement:-not compared}.
REPORT
