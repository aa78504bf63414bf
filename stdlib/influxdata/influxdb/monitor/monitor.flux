package monitor


// Defined in Flux by the reference, implemented in C++ by fluxi (types of the reference's definitions).
builtin stateChanges : (<-tables: stream[{C with _level: D}], ?fromLevel: A, ?toLevel: B) => stream[E]
    where
    A: Equatable,
    B: Equatable,
    D: Equatable,
    E: Record
builtin stateChangesOnly : (<-tables: stream[{C with _level: D}]) => stream[E] where D: Equatable, E: Record
