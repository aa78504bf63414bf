package sensu


builtin toSensuName : (v: string) => string
