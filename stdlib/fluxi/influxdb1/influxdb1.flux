package influxdb1


// fluxi's own package (not in the reference): reading an InfluxDB 1.x database -- or any server that
// answers InfluxQL on /query, such as InfluxDB 3's v1 compatibility API -- as the tables
// `from(bucket:) |> range() |> filter()` gives (see stdlib/fluxi/influxdb1/from.cpp).
builtin from : (
        host: string,
        db: string,
        ?rp: string,
        ?measurement: string,
        ?username: string,
        ?password: string,
        ?token: string,
    ) => stream[{B with _measurement: string, _field: string, _time: time, _value: A}]
