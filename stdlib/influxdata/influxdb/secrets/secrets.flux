package secrets


builtin get : (key: string) => string
