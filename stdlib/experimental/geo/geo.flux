package geo


builtin stContains : (region: A, geometry: B, units: {distance: string}) => bool where A: Record, B: Record
builtin stDistance : (region: A, geometry: B, units: {distance: string}) => float where A: Record, B: Record
builtin stLength : (geometry: A, units: {distance: string}) => float where A: Record
builtin getGrid : (
        region: T,
        ?minSize: int,
        ?maxSize: int,
        ?level: int,
        ?maxLevel: int,
        units: {distance: string},
    ) => {level: int, set: [string]}
    where
    T: Record
builtin getLevel : (token: string) => int
builtin s2CellIDToken : (?token: string, ?point: {lat: float, lon: float}, level: int) => string
builtin s2CellLatLon : (token: string) => {lat: float, lon: float}
