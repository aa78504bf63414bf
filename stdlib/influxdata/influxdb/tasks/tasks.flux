package tasks


builtin _zeroTime : time
builtin _lastSuccess : (orTime: T, lastSuccessTime: time) => time where T: Timeable
