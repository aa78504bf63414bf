package universe


// Values
builtin true : bool
builtin false : bool
builtin inf : duration

// Type conversions
builtin bool : (v: A) => bool
builtin bytes : (v: A) => bytes
builtin duration : (v: A) => duration
builtin float : (v: A) => float
builtin int : (v: A) => int
builtin string : (v: A) => string
builtin time : (v: A) => time
builtin uint : (v: A) => uint

// Functions on values
builtin contains : (value: A, set: [A]) => bool where A: Nullable
builtin die : (msg: string) => A
builtin display : (v: A) => string
builtin length : (<-arr: [A]) => int
builtin today : () => time
builtin linearBins : (start: float, width: float, count: int, ?infinity: bool) => [float]
builtin logarithmicBins : (start: float, factor: float, count: int, ?infinity: bool) => [float]
builtin sleep : (<-v: A, duration: duration) => A

// Transformations
builtin chandeMomentumOscillator : (<-tables: stream[A], n: int, ?columns: [string]) => stream[B]
    where
    A: Record,
    B: Record
builtin columns : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin count : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin covariance : (<-tables: stream[A], ?pearsonr: bool, ?valueDst: string, columns: [string]) => stream[B]
    where
    A: Record,
    B: Record
builtin cumulativeSum : (<-tables: stream[A], ?columns: [string]) => stream[B] where A: Record, B: Record
builtin derivative : (
        <-tables: stream[A],
        ?unit: duration,
        ?nonNegative: bool,
        ?columns: [string],
        ?timeColumn: string,
        ?initialZero: bool,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin difference : (
        <-tables: stream[T],
        ?nonNegative: bool,
        ?columns: [string],
        ?keepFirst: bool,
        ?initialZero: bool,
    ) => stream[R]
    where
    T: Record,
    R: Record
builtin distinct : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin drop : (<-tables: stream[A], ?fn: (column: string) => bool, ?columns: [string]) => stream[B]
    where
    A: Record,
    B: Record
builtin duplicate : (<-tables: stream[A], column: string, as: string) => stream[B] where A: Record, B: Record
builtin elapsed : (<-tables: stream[A], ?unit: duration, ?timeColumn: string, ?columnName: string) => stream[B]
    where
    A: Record,
    B: Record
builtin exponentialMovingAverage : (<-tables: stream[{B with _value: A}], n: int) => stream[{B with _value: A}]
    where
    A: Numeric
builtin fill : (<-tables: stream[A], ?column: string, ?value: B, ?usePrevious: bool) => stream[C]
    where
    A: Record,
    C: Record
builtin filter : (<-tables: stream[A], fn: (r: A) => bool, ?onEmpty: string) => stream[A] where A: Record
builtin first : (<-tables: stream[A], ?column: string) => stream[A] where A: Record
builtin group : (<-tables: stream[A], ?mode: string, ?columns: [string]) => stream[A] where A: Record
builtin histogram : (
        <-tables: stream[A],
        ?column: string,
        ?upperBoundColumn: string,
        ?countColumn: string,
        bins: [float],
        ?normalize: bool,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin histogramQuantile : (
        <-tables: stream[A],
        ?quantile: float,
        ?countColumn: string,
        ?upperBoundColumn: string,
        ?valueColumn: string,
        ?minValue: float,
        ?onNonmonotonic: string,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin holtWinters : (
        <-tables: stream[A],
        n: int,
        interval: duration,
        ?withFit: bool,
        ?withMinSSE: bool,
        ?column: string,
        ?timeColumn: string,
        ?seasonality: int,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin integral : (
        <-tables: stream[A],
        ?unit: duration,
        ?timeColumn: string,
        ?column: string,
        ?interpolate: string,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin join : (<-tables: A, ?method: string, ?on: [string]) => stream[B] where A: Record, B: Record
builtin kaufmansAMA : (<-tables: stream[A], n: int, ?column: string) => stream[B] where A: Record, B: Record
builtin keep : (<-tables: stream[A], ?columns: [string], ?fn: (column: string) => bool) => stream[B]
    where
    A: Record,
    B: Record
builtin keyValues : (<-tables: stream[A], ?keyColumns: [string]) => stream[{C with _key: string, _value: B}]
    where
    A: Record,
    C: Record
builtin keys : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin last : (<-tables: stream[A], ?column: string) => stream[A] where A: Record
builtin limit : (<-tables: stream[A], n: int, ?offset: int) => stream[A]
builtin map : (<-tables: stream[A], fn: (r: A) => B, ?mergeKey: bool) => stream[B]
builtin max : (<-tables: stream[A], ?column: string) => stream[A] where A: Record
builtin mean : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin min : (<-tables: stream[A], ?column: string) => stream[A] where A: Record
builtin mode : (<-tables: stream[A], ?column: string) => stream[{C with _value: B}] where A: Record, C: Record
builtin movingAverage : (<-tables: stream[{B with _value: A}], n: int) => stream[{B with _value: float}]
    where
    A: Numeric
builtin quantile : (
        <-tables: stream[A],
        ?column: string,
        q: float,
        ?compression: float,
        ?method: string,
    ) => stream[A]
    where
    A: Record
builtin pivot : (<-tables: stream[A], rowKey: [string], columnKey: [string], valueColumn: string) => stream[B]
    where
    A: Record,
    B: Record
builtin range : (
        <-tables: stream[{A with _time: time}],
        start: B,
        ?stop: C,
    ) => stream[{A with _time: time, _start: time, _stop: time}]
builtin reduce : (<-tables: stream[A], fn: (r: A, accumulator: B) => B, identity: B) => stream[C]
    where
    A: Record,
    B: Record,
    C: Record
builtin relativeStrengthIndex : (<-tables: stream[A], n: int, ?columns: [string]) => stream[B]
    where
    A: Record,
    B: Record
builtin rename : (<-tables: stream[A], ?fn: (column: string) => string, ?columns: B) => stream[C]
    where
    A: Record,
    B: Record,
    C: Record
builtin sample : (<-tables: stream[A], n: int, ?pos: int, ?column: string) => stream[A] where A: Record
builtin set : (<-tables: stream[A], key: string, value: string) => stream[A] where A: Record
builtin tail : (<-tables: stream[A], n: int, ?offset: int) => stream[A]
builtin timeShift : (<-tables: stream[A], duration: duration, ?columns: [string]) => stream[A]
builtin spread : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin sort : (<-tables: stream[A], ?columns: [string], ?desc: bool) => stream[A] where A: Record
builtin _sortLimit : (<-tables: stream[A], n: int, desc: bool, ?columns: [string]) => stream[A] where A: Record
builtin stateTracking : (
        <-tables: stream[A],
        fn: (r: A) => bool,
        ?countColumn: string,
        ?durationColumn: string,
        ?durationUnit: duration,
        ?timeColumn: string,
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin skew : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin stddev : (<-tables: stream[A], ?column: string, ?mode: string) => stream[B] where A: Record, B: Record
builtin sum : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
builtin tripleExponentialDerivative : (<-tables: stream[{B with _value: A}], n: int) => stream[{B with _value: float}]
    where
    A: Numeric,
    B: Record
builtin union : (tables: [stream[A]]) => stream[A] where A: Record
builtin unique : (<-tables: stream[A], ?column: string) => stream[A] where A: Record
builtin yield : (<-tables: stream[A], ?name: string) => stream[A] where A: Record
builtin tableFind : (<-tables: stream[A], fn: (key: B) => bool) => stream[A] where A: Record, B: Record
builtin getColumn : (<-table: stream[A], column: string) => [B] where A: Record
builtin getRecord : (<-table: stream[A], idx: int) => A where A: Record
builtin findColumn : (<-tables: stream[A], fn: (key: B) => bool, column: string) => [C] where A: Record, B: Record
builtin findRecord : (<-tables: stream[A], fn: (key: B) => bool, idx: int) => A where A: Record, B: Record

// Defined in Flux by the reference, implemented in C++ by fluxi (types of the reference's definitions).
builtin aggregateWindow : (
        <-tables: stream[D],
        every: duration,
        fn: (<-: stream[B], column: A) => stream[C],
        ?column: A,
        ?createEmpty: bool,
        ?location: {zone: string, offset: duration},
        ?offset: duration,
        ?period: duration,
        ?timeDst: string,
        ?timeSrc: string,
    ) => stream[E]
    where
    B: Record,
    C: Record,
    D: Record,
    E: Record
builtin hourSelection : (
        <-tables: stream[A],
        start: int,
        stop: int,
        ?location: {zone: string, offset: duration},
        ?timeColumn: string,
    ) => stream[A]
    where
    A: Record
builtin increase : (<-tables: stream[A], ?columns: [string]) => stream[B] where A: Record, B: Record
builtin median : (<-tables: stream[A], ?column: string, ?compression: float, ?method: string) => stream[A]
    where
    A: Record
builtin truncateTimeColumn : (<-tables: stream[{B with _time: C}], unit: duration, ?timeColumn: A) => stream[{B with _time: time}]
    where
    C: Timeable
builtin window : (
        <-tables: stream[A],
        ?every: duration,
        ?period: duration,
        ?offset: duration,
        ?location: {zone: string, offset: duration},
        ?timeColumn: string,
        ?startColumn: string,
        ?stopColumn: string,
        ?createEmpty: bool,
    ) => stream[B]
    where
    A: Record,
    B: Record

// The reference declares these in influxdata/influxdb, which is part of its prelude (visible without
// an import); fluxi registers them in universe too.
builtin buckets : (
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
    ) => stream[{
        name: string,
        id: string,
        organizationID: string,
        retentionPolicy: string,
        retentionPeriod: int,
    }]
builtin from : (
        ?bucket: string,
        ?bucketID: string,
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
    ) => stream[{B with _measurement: string, _field: string, _time: time, _value: A}]
builtin to : (
        <-tables: stream[A],
        ?bucket: string,
        ?bucketID: string,
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
        ?timeColumn: string,
        ?measurementColumn: string,
        ?tagColumns: [string],
        ?fieldFn: (r: A) => B,
    ) => stream[A]
    where
    A: Record,
    B: Record

// fluxi's own helper behind toBool/toInt/toUInt/toFloat/toString/toTime (not in the reference).
builtin _convertValues : (<-tables: stream[A], fn: (v: B) => C, type: string, ?name: string) => stream[D]
    where
    A: Record,
    D: Record

// Options
builtin now : () => time
builtin location : {zone: string, offset: duration}

