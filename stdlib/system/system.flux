package system

builtin time : () => time
