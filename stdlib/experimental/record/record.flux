package record


builtin any : A where A: Record
builtin get : (r: B, key: string, default: A) => A where B: Record
