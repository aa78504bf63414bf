package mqtt


builtin to : (
        <-tables: stream[A],
        broker: string,
        ?topic: string,
        ?qos: int,
        ?retain: bool,
        ?clientid: string,
        ?username: string,
        ?password: string,
        ?name: string,
        ?timeout: duration,
        ?timeColumn: string,
        ?tagColumns: [string],
        ?valueColumns: [string],
    ) => stream[B]
    where
    A: Record,
    B: Record
builtin publish : (
        broker: string,
        topic: string,
        message: string,
        ?qos: int,
        ?retain: bool,
        ?clientid: string,
        ?username: string,
        ?password: string,
        ?timeout: duration,
    ) => bool
