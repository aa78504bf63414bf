package json

builtin parse : (data: bytes) => A
