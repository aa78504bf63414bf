package debug


builtin sink : (<-tables: stream[A]) => stream[A] where A: Record
builtin getOption : (pkg: string, name: string) => A
builtin null : (?type: string) => A where A: Basic
builtin feature : (key: string) => A

// Defined in Flux by fluxi (pass-throughs); types of the reference's declarations.
builtin pass : (<-tables: stream[A]) => stream[A] where A: Record
builtin opaque : (<-tables: stream[A]) => stream[B] where A: Record, B: Record
builtin slurp : (<-tables: stream[A]) => stream[A] where A: Record

// Options
builtin vectorize : bool
