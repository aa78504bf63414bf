package bitwise


builtin uand : (a: uint, b: uint) => uint
builtin uor : (a: uint, b: uint) => uint
builtin unot : (a: uint) => uint
builtin uxor : (a: uint, b: uint) => uint
builtin uclear : (a: uint, b: uint) => uint
builtin ulshift : (a: uint, b: uint) => uint
builtin urshift : (a: uint, b: uint) => uint
builtin sand : (a: int, b: int) => int
builtin sor : (a: int, b: int) => int
builtin snot : (a: int) => int
builtin sxor : (a: int, b: int) => int
builtin sclear : (a: int, b: int) => int
builtin slshift : (a: int, b: int) => int
builtin srshift : (a: int, b: int) => int
