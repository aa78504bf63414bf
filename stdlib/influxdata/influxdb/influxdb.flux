package influxdb


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
builtin wideTo : (
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
builtin cardinality : (
        ?bucket: string,
        ?bucketID: string,
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
        start: A,
        ?stop: B,
        ?predicate: (r: {T with _measurement: string, _field: string, _value: S}) => bool,
    ) => stream[{_start: time, _stop: time, _value: int}]
    where
    A: Timeable,
    B: Timeable
