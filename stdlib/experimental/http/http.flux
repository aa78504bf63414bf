package http


builtin get : (url: string, ?headers: A, ?timeout: duration) => {statusCode: int, body: bytes, headers: B}
    where
    A: Record,
    B: Record
