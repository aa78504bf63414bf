package polyline

builtin rdp : (
        <-tables: stream[A],
        ?valColumn: string,
        ?timeColumn: string,
        ?epsilon: float,
        ?retention: float,
    ) => stream[B]
    where
    A: Record,
    B: Record
