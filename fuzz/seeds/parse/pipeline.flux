import "strings"

option now = () => 2024-01-01T00:00:00Z

data = from(bucket: "b")
    |> range(start: -1h, stop: now())
    |> filter(fn: (r) => r._measurement == "cpu" and r.host =~ /^web-\d+$/)
    |> map(fn: (r) => ({r with upper: strings.toUpper(v: r.host), n: float(v: r._value) * 1.5e3}))

f = (x, y=2) => if x > y then "${x}" else "no"

data |> aggregateWindow(every: 5m, fn: mean, createEmpty: false) |> yield(name: "mean")
