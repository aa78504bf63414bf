package record


builtin any : A where A: Record
builtin get : (r: {A with K: V}, key: string, default: V) => V where A: Record
