package http


builtin post : (url: string, ?headers: A, ?data: bytes) => int where A: Record
builtin basicAuth : (u: string, p: string) => string
builtin pathEscape : (inputString: string) => string
