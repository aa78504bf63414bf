package generate


builtin from : (start: A, stop: A, count: int, fn: (n: int) => B) => stream[{_start: time, _stop: time, _time: time, _value: B}]
    where
    A: Timeable
