package testutil

builtin fail : () => bool
builtin makeAny : (typ: string) => A
builtin makeRecord : (o: A) => B where A: Record, B: Record
builtin yield : (<-v: A) => A
