import "array"
import "math"

add = (a, b) => a + b
x = add(a: 1, b: 2)
s = add(a: "a", b: "b")
rows = array.from(rows: [{t: 2024-01-01T00:00:00Z, v: 1.0}, {t: 2024-01-01T00:01:00Z, v: math.pi}])
rows |> map(fn: (r) => ({r with w: r.v * 2.0})) |> sum(column: "w")
