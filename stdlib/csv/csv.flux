package csv


// url: a fluxi extension (the reference reads URLs with experimental/csv.from).
builtin from : (?csv: string, ?file: string, ?url: string, ?mode: string) => stream[A] where A: Record
