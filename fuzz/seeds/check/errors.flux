x = 1 + "a"
y = strings.toUpper(v: 1)
z = sum(colum: "v")
