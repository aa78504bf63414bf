package timezone


builtin utc : {zone: string, offset: duration}
builtin fixed : (offset: A) => {zone: string, offset: A}
builtin location : (name: string) => {zone: string, offset: duration}
