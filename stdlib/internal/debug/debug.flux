package debug

builtin feature : (key: string) => A
