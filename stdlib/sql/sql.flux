package sql


builtin from : (driverName: string, dataSourceName: string, query: string) => stream[A] where A: Record
builtin to : (
        <-tables: stream[A],
        driverName: string,
        dataSourceName: string,
        table: string,
        ?batchSize: int,
    ) => stream[A]
