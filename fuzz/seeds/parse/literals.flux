a = [1, -2, 3.5, 1h30m, 2024-01-02T03:04:05.123456789+02:00, "s\"q\n", /a\/b/, true, 0xff]
b = ["k": {x: 1, y: [2]}, "l": {x: 3, y: []}]
c = (r=<-, fn) => r |> fn()
d = not exists a[0] or b["k"].x == 1
testcase t extends "x" { e = (a) => ({a with b: a}) }
