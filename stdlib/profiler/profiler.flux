package profiler

// Options
builtin enabledProfilers : [string]
