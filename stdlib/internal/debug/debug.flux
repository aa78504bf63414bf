package debug


builtin sink : (<-tables: stream[A]) => stream[A] where A: Record
builtin getOption : (pkg: string, name: string) => A
builtin null : (?type: string) => A where A: Basic
