package opsgenie


builtin respondersToJSON : (v: [string]) => string
