option task = {name: "downsample", every: 1h, offset: 5m}

from(bucket: "in")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._field == "usage")
    |> aggregateWindow(every: 5m, fn: mean)
    |> to(bucket: "out")
