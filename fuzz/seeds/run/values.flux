import "strings"
import "array"

f = (n) => if n <= 1 then 1 else n * f(n: n - 1)
f(n: 10)
strings.repeat(v: "ab", i: 5)
[1, 2, 3] |> array.map(fn: (x) => x * 2)
array.from(rows: [{a: 1, b: "x"}, {a: 2, b: "y"}]) |> filter(fn: (r) => r.a > 1)
