package boolean

builtin false : bool
builtin true : bool
