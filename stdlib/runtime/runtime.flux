package runtime


builtin version : () => string
