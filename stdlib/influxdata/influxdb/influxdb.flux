package influxdb

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
