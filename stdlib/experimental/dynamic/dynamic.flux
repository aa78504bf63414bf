package dynamic

builtin asArray : (<-v: dynamic) => [dynamic]
builtin dynamic : (v: A) => dynamic
builtin isType : (v: dynamic, type: string) => bool
builtin jsonEncode : (v: dynamic) => bytes
builtin jsonParse : (data: bytes) => dynamic
