package csv


builtin from : (?csv: string, ?file: string, ?mode: string) => stream[A] where A: Record
