#!/usr/bin/env bash
# The main job, end to end: build fluxi, write one day of generated `mem` data (3 hosts, 10 s
# interval) into example-bucket of a fresh embedded store, run the seed downsampling task
# (examples/downsample.flux) for the run scheduled at 2024-01-02T00:00:00Z, and show the 5-minute
# means it wrote to example-downsampled.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
DATA=${FLUXI_DATA:-build/main-job-data}
rm -rf "$DATA"
END=2024-01-02T00:00:00Z
echo "== writing one day of mem data into example-bucket ($DATA)"
sh examples/generate_mem_data.sh "$END" | build/fluxi write --data "$DATA" --bucket example-bucket --create-bucket
build/fluxi bucket list --data "$DATA"
echo "== running the task for the run scheduled at $END"
build/fluxi task run examples/downsample.flux --now "$END" --data "$DATA"
echo "== example-downsampled now holds"
build/fluxi run --data "$DATA" --format table -e '
from(bucket: "example-downsampled")
    |> range(start: 2024-01-01T00:00:00Z, stop: 2024-01-03T00:00:00Z)
    |> filter(fn: (r) => r._field == "used_percent")'
