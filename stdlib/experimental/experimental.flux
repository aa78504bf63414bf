package experimental


builtin addDuration : (d: duration, to: A, ?location: {zone: string, offset: duration}) => time where A: Timeable
builtin subDuration : (d: duration, from: A, ?location: {zone: string, offset: duration}) => time where A: Timeable
builtin alignTime : (<-tables: stream[B], ?alignTo: A) => stream[C] where B: Record, C: Record
builtin catch : (fn: () => A) => {value: A, msg: string, code: uint}
builtin chain : (first: stream[A], second: stream[B]) => stream[B] where A: Record, B: Record
builtin count : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: int}]
builtin diff : (<-got: stream[A], want: stream[A]) => stream[{A with _diff: string}]
builtin distinct : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin fill : (<-tables: stream[{B with _value: A}], ?value: A, ?usePrevious: bool) => stream[{B with _value: A}]
builtin first : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin group : (<-tables: stream[A], mode: string, columns: [string]) => stream[A] where A: Record
builtin histogram : (<-tables: stream[{A with _value: float}], bins: [float], ?normalize: bool) => stream[{A with le: float, _value: float}]
builtin histogramQuantile : (
        <-tables: stream[{A with le: float, _value: float}],
        ?quantile: float,
        ?minValue: float,
    ) => stream[{A with _value: float}]
builtin integral : (<-tables: stream[{A with _value: B, _time: time}], ?unit: duration, ?interpolate: string) => stream[{A with _value: B}]
builtin join : (left: stream[A], right: stream[B], fn: (left: A, right: B) => C) => stream[C]
    where
    A: Record,
    B: Record,
    C: Record
builtin kaufmansAMA : (<-tables: stream[{A with _value: B}], n: int) => stream[{A with _value: float}] where B: Numeric
builtin last : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin max : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin mean : (<-tables: stream[{A with _value: float}]) => stream[{A with _value: float}]
builtin min : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin mode : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin objectKeys : (o: A) => [string] where A: Record
builtin preview : (<-tables: stream[A], ?nrows: int, ?ntables: int) => stream[A] where A: Record
builtin quantile : (
        <-tables: stream[{A with _value: float}],
        q: float,
        ?compression: float,
        ?method: string,
    ) => stream[{A with _value: float}]
builtin set : (<-tables: stream[B], o: A) => stream[C] where A: Record, B: Record, C: Record
builtin skew : (<-tables: stream[{A with _value: float}]) => stream[{A with _value: float}]
builtin spread : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}] where B: Numeric
builtin stddev : (<-tables: stream[{A with _value: float}], ?mode: string) => stream[{A with _value: float}]
builtin sum : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}] where B: Numeric
builtin to : (
        <-tables: stream[A],
        ?bucket: string,
        ?bucketID: string,
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
    ) => stream[A]
    where
    A: Record
builtin unique : (<-tables: stream[{A with _value: B}]) => stream[{A with _value: B}]
builtin unpivot : (<-tables: stream[{A with _time: time}], ?otherColumns: [string]) => stream[{B with _value: C, _field: string}]
    where
    A: Record,
    B: Record
builtin window : (
        <-tables: stream[{A with _time: time, _start: time, _stop: time}],
        ?every: duration,
        ?period: duration,
        ?offset: duration,
        ?location: {zone: string, offset: duration},
        ?createEmpty: bool,
    ) => stream[{A with _time: time, _start: time, _stop: time}]
