#!/usr/bin/env python3
"""Generates the store benchmark's points as line protocol on stdout: measurement `cpu`, tags `host`
(HOSTS hosts) and `region`, fields usage_user and usage_system (floats), one point every 10 s per host,
POINTS field values in all, deterministic (seeded)."""
import random
import sys

points = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
hosts = int(sys.argv[2]) if len(sys.argv) > 2 else 100
start = 1_700_000_000 * 1_000_000_000  # 2023-11-14T22:13:20Z
step = 10 * 1_000_000_000
rng = random.Random(42)
fields_per_line = 2
lines = points // fields_per_line
per_host = lines // hosts
out = sys.stdout
buf = []
for t in range(per_host):
    ts = start + t * step
    for h in range(hosts):
        buf.append(f"cpu,host=host{h:03d},region=r{h % 4} usage_user={rng.random() * 100:.3f},"
                   f"usage_system={rng.random() * 20:.3f} {ts}\n")
    if len(buf) > 10000:
        out.write("".join(buf))
        buf.clear()
out.write("".join(buf))
