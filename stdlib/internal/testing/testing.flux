package testing


// Defined in Flux by the reference, implemented in C++ by fluxi (type of the reference's definition).
builtin assertMatches : (got: string, want: regexp) => stream[{v: string, _diff: string}]
