package v1

builtin json : (?json: string, ?file: string) => stream[A] where A: Record
