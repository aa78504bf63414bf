package types


builtin isType : (v: A, type: string) => bool where A: Basic

// Defined in Flux by the reference, implemented in C++ by fluxi (type of the reference's definition).
builtin isNumeric : (v: A) => bool where A: Basic
