package promql

builtin changes : (<-tables: stream[{A with _value: float}]) => stream[{B with _value: float}]
builtin emptyTable : () => stream[{_start: time, _stop: time, _time: time, _value: float}]
builtin extrapolatedRate : (
        <-tables: stream[{A with _start: time, _stop: time, _time: time, _value: float}],
        ?isCounter: bool,
        ?isRate: bool,
    ) => stream[{B with _value: float}]
builtin holtWinters : (
        <-tables: stream[{A with _time: time, _value: float}],
        ?smoothingFactor: float,
        ?trendFactor: float,
    ) => stream[{B with _value: float}]
builtin instantRate : (
        <-tables: stream[{A with _time: time, _value: float}],
        ?isRate: bool,
    ) => stream[{B with _value: float}]
builtin labelReplace : (
        <-tables: stream[{A with _value: float}],
        source: string,
        destination: string,
        regex: string,
        replacement: string,
    ) => stream[{B with _value: float}]
builtin linearRegression : (
        <-tables: stream[{A with _time: time, _stop: time, _value: float}],
        ?predict: bool,
        ?fromNow: float,
    ) => stream[{B with _value: float}]
builtin promHistogramQuantile : (
        <-tables: stream[A],
        ?quantile: float,
        ?countColumn: string,
        ?upperBoundColumn: string,
        ?valueColumn: string,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin promqlDayOfMonth : (timestamp: float) => float
builtin promqlDayOfWeek : (timestamp: float) => float
builtin promqlDaysInMonth : (timestamp: float) => float
builtin promqlHour : (timestamp: float) => float
builtin promqlMinute : (timestamp: float) => float
builtin promqlMonth : (timestamp: float) => float
builtin promqlYear : (timestamp: float) => float
builtin resets : (<-tables: stream[{A with _value: float}]) => stream[{B with _value: float}]
builtin timestamp : (<-tables: stream[{A with _value: float}]) => stream[{A with _value: float}]
