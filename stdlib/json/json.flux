package json


builtin encode : (v: A) => bytes
