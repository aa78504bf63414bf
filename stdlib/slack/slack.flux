package slack


builtin validateColorString : (color: string) => string
