package date


builtin Sunday : int
builtin Monday : int
builtin Tuesday : int
builtin Wednesday : int
builtin Thursday : int
builtin Friday : int
builtin Saturday : int
builtin January : int
builtin February : int
builtin March : int
builtin April : int
builtin May : int
builtin June : int
builtin July : int
builtin August : int
builtin September : int
builtin October : int
builtin November : int
builtin December : int
builtin second : (t: T) => int where T: Timeable
builtin minute : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin hour : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin weekDay : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin monthDay : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin yearDay : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin month : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin year : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin week : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin quarter : (t: T, ?location: {zone: string, offset: duration}) => int where T: Timeable
builtin millisecond : (t: T) => int where T: Timeable
builtin microsecond : (t: T) => int where T: Timeable
builtin nanosecond : (t: T) => int where T: Timeable
builtin time : (t: T, ?location: {zone: string, offset: duration}) => time where T: Timeable
builtin truncate : (t: T, unit: duration, ?location: {zone: string, offset: duration}) => time where T: Timeable
builtin add : (d: duration, to: T, ?location: {zone: string, offset: duration}) => time where T: Timeable
builtin sub : (d: duration, from: T, ?location: {zone: string, offset: duration}) => time where T: Timeable
builtin scale : (d: duration, n: int) => duration
