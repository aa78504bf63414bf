package v1


builtin databases : (
        ?org: string,
        ?orgID: string,
        ?host: string,
        ?token: string,
    ) => stream[{
        organizationID: string,
        databaseName: string,
        retentionPolicy: string,
        retentionPeriod: int,
        default: bool,
        bucketID: string,
    }]
builtin json : (?json: string, ?file: string) => stream[A] where A: Record
