package testing


builtin assertEquals : (name: string, <-got: stream[A], want: stream[A]) => stream[A]
builtin assertEmpty : (<-tables: stream[A]) => stream[A]

// Defined in Flux by the reference, implemented in C++ by fluxi (types of the reference's definitions).
builtin diff : (
        <-got: stream[A],
        want: stream[A],
        ?verbose: bool,
        ?epsilon: float,
        ?nansEqual: bool,
    ) => stream[{A with _diff: string}]
builtin assertEqualValues : (got: A, want: A) => stream[{v: A, _diff: string}]
builtin shouldError : (fn: () => A, want: regexp) => stream[{v: string}]

// Options
builtin tags : [string]
