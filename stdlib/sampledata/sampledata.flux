package sampledata


// Defined in Flux by the reference, implemented in C++ by fluxi (types of the reference's definitions).
builtin start : time
builtin stop : time
builtin float : (?includeNull: bool) => stream[A] where A: Record
builtin int : (?includeNull: bool) => stream[A] where A: Record
builtin uint : (?includeNull: bool) => stream[A] where A: Record
builtin string : (?includeNull: bool) => stream[A] where A: Record
builtin bool : (?includeNull: bool) => stream[A] where A: Record
builtin numericBool : (?includeNull: bool) => stream[A] where A: Record
