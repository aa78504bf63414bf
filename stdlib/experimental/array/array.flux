package array


builtin from : (<-rows: [A]) => stream[A] where A: Record
builtin concat : (<-arr: [A], v: [A]) => [A]
builtin map : (<-arr: [A], fn: (x: A) => B) => [B]
builtin filter : (<-arr: [A], fn: (x: A) => bool) => [A]
