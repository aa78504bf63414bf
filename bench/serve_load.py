#!/usr/bin/env python3
"""Load test and HTTP benchmark of `fluxi serve` (run on demand; figures go to bench/RESULTS.md).

  bench/serve_load.py [--fluxi build/fluxi] [--clients 50] [--seconds 60] [--influxd]

Starts `fluxi serve` on a free loopback port with a temporary data folder, then runs CLIENTS threads
for SECONDS: each writes batches of line protocol (v2 /api/v2/write) and runs a Flux count query, with
no error allowed. At the end every acknowledged point is counted back (no point may be lost), and the
write throughput and query latencies (p50/p95/p99) are printed.

With --influxd, also measures the same write load over the v1 /write API against `fluxi serve` and
Debian's influxd (1.x, started with a temporary config), and the latency of the same query on the
same data: Flux `range |> filter |> mean` on fluxi, InfluxQL `SELECT mean(...) ... GROUP BY *` on
influxd.
"""
import argparse, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time
import urllib.request, urllib.error


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=60):
    req = urllib.request.Request(url, data=body.encode() if isinstance(body, str) else body, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def start_fluxi(binary, tmp):
    log = open(os.path.join(tmp, "serve.log"), "w+")
    p = subprocess.Popen([binary, "serve", "--bind", "127.0.0.1:0", "--data", os.path.join(tmp, "data"), "--quiet",
                          "--max-concurrent-queries", "8", "--max-queued-queries", "256"], stderr=log)
    for _ in range(200):
        log.seek(0)
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read())
        if m:
            return p, m.group(1)
        time.sleep(0.05)
    raise SystemExit("fluxi serve did not start")


def start_influxd(tmp):
    http_port, bind_port = free_port(), free_port()
    os.makedirs(tmp, exist_ok=True)
    conf = os.path.join(tmp, "influxdb.conf")
    with open(conf, "w") as f:
        f.write(f"""reporting-disabled = true
bind-address = "127.0.0.1:{bind_port}"
[meta]
  dir = "{tmp}/meta"
[data]
  dir = "{tmp}/data"
  wal-dir = "{tmp}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:{http_port}"
  log-enabled = false
[continuous_queries]
  enabled = false
""")
    p = subprocess.Popen(["influxd", "-config", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    for _ in range(200):
        try:
            if http("GET", url + "/ping")[0] == 204:
                return p, url
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("influxd did not start")


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def load(url, clients, seconds, write_path, query):
    """CLIENTS threads writing 100-point batches and querying; returns (acked points, write s, query latencies)."""
    stop = time.time() + seconds
    acked = [0] * clients
    write_time = [0.0] * clients
    latencies = []
    errors = []
    lock = threading.Lock()

    def client(c):
        batch = 0
        while time.time() < stop and not errors:
            lines = "".join(f"load,client=c{c} v={i}i {(c * 1_000_000 + batch) * 1000 + i}\n" for i in range(100))
            t0 = time.perf_counter()
            st, body = http("POST", url + write_path, lines)
            write_time[c] += time.perf_counter() - t0
            if st != 204:
                errors.append(f"write: HTTP {st}: {body}")
                return
            acked[c] += 100
            batch += 1
            if query and batch % 5 == 0:
                t0 = time.perf_counter()
                st, body = query(c)
                with lock:
                    latencies.append(time.perf_counter() - t0)
                if st != 200:
                    errors.append(f"query: HTTP {st}: {body}")
                    return

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise SystemExit("errors under load: " + errors[0])
    return sum(acked), wall, latencies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fluxi", default=os.path.join(os.path.dirname(__file__), "..", "build", "fluxi"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--influxd", action="store_true")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fluxi_serve_load_")
    procs = []
    try:
        p, url = start_fluxi(a.fluxi, tmp)
        procs.append(p)
        http("POST", url + "/api/v2/buckets", json.dumps({"name": "load"}))

        def flux_count(c):
            q = f'from(bucket: "load") |> range(start: 0) |> filter(fn: (r) => r.client == "c{c}") |> count()'
            return http("POST", url + "/api/v2/query", q, {"Content-Type": "application/vnd.flux"})

        points, wall, lat = load(url, a.clients, a.seconds, "/api/v2/write?bucket=load&precision=ns", flux_count)
        st, body = http("POST", url + "/api/v2/query",
                        'from(bucket: "load") |> range(start: 0) |> group() |> count()',
                        {"Content-Type": "application/vnd.flux"})
        counted = int(body.strip().split("\r\n")[1].split(",")[-1])
        print(f"fluxi serve, {a.clients} clients, {wall:.1f}s: {points} points acknowledged, {counted} counted back "
              f"({'OK' if counted == points else 'LOST POINTS'}); {points / wall:,.0f} points/s written; "
              f"{len(lat)} queries, latency p50 {percentile(lat, .5) * 1e3:.1f} ms, p95 {percentile(lat, .95) * 1e3:.1f} ms, "
              f"p99 {percentile(lat, .99) * 1e3:.1f} ms")
        if counted != points:
            sys.exit(1)
        if a.influxd:
            if not shutil.which("influxd"):
                raise SystemExit("influxd is missing: apt-get install influxdb")
            ip, iurl = start_influxd(os.path.join(tmp, "influxd"))
            procs.append(ip)
            http("POST", iurl + "/query?q=CREATE%20DATABASE%20load")
            http("POST", url + "/api/v2/buckets", json.dumps({"name": "v1load"}))
            for name, base, path in (("fluxi serve", url, "/write?db=v1load&precision=ns"),
                                     ("influxd 1.x", iurl, "/write?db=load&precision=ns")):
                points, wall, _ = load(base, a.clients, min(a.seconds, 20), path, None)
                print(f"v1 /write, {name}: {points / wall:,.0f} points/s ({a.clients} clients, 100-point batches)")
            # query latency on the same data: mean per client series
            def timed(fn, n=50):
                ts = []
                for i in range(n):
                    t0 = time.perf_counter()
                    st, body = fn(i % a.clients)
                    ts.append(time.perf_counter() - t0)
                    assert st == 200, body
                return percentile(ts, .5) * 1e3, percentile(ts, .95) * 1e3
            f50, f95 = timed(lambda c: http("POST", url + "/api/v2/query",
                f'from(bucket: "v1load") |> range(start: 0) |> filter(fn: (r) => r.client == "c{c}") |> mean()',
                {"Content-Type": "application/vnd.flux"}))
            i50, i95 = timed(lambda c: http("GET", iurl + "/query?db=load&q=" + urllib.request.quote(
                f"SELECT mean(v) FROM load WHERE client = 'c{c}' AND time >= 0")))
            print(f"query latency (mean of one client's series): fluxi serve p50 {f50:.1f} ms p95 {f95:.1f} ms; "
                  f"influxd p50 {i50:.1f} ms p95 {i95:.1f} ms")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
