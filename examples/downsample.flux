// Downsampling task: every hour, the 5-minute means of the last hour of myHost's `mem` data are
// written to example-downsampled. Try it with examples/generate_mem_data.sh and `fluxi task run`.
option task = {name: "downsample_5m_precision", every: 1h, offset: 0m}

from(bucket: "example-bucket")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "mem" and r.host == "myHost")
    |> aggregateWindow(every: 5m, fn: mean)
    |> to(bucket: "example-downsampled")
