import "generate"

generate.from(count: 20, fn: (n) => n * n, start: 2024-01-01T00:00:00Z, stop: 2024-01-01T00:20:00Z)
    |> window(every: 5m)
    |> mean()
    |> group()
    |> sort(columns: ["_value"], desc: true)
