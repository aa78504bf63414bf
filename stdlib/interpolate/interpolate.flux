package interpolate


builtin linear : (<-tables: stream[{A with _time: time, _value: float}], every: duration) => stream[{A with _time: time, _value: float}]
