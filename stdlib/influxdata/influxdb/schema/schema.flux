package schema


// fluxi's own helpers behind tagKeys/tagValues and friends, answered from the store's series index
// (not in the reference, which defines those functions in Flux over from/range/filter).
builtin _indexable : (fn: (r: A) => bool, ?column: string) => bool where A: Record
builtin _indexTagValues : (bucket: string, tag: string, predicate: (r: A) => bool, start: B, stop: C) => stream[{_value: string}]
    where
    A: Record
builtin _indexTagKeys : (bucket: string, predicate: (r: A) => bool, start: B, stop: C) => stream[{_value: string}]
    where
    A: Record
