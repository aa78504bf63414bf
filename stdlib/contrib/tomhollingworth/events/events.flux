package events

builtin duration : (
        <-tables: stream[A],
        ?unit: duration,
        ?timeColumn: string,
        ?columnName: string,
        ?stopColumn: string,
        ?stop: time,
    ) => stream[B]
    where
    A: Record,
    B: Record
