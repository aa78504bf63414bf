package location

// Options
builtin location : {zone: string, offset: duration}
