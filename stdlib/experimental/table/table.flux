package table


builtin fill : (<-tables: stream[A]) => stream[A] where A: Record
