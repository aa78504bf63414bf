import "csv"

data = "#datatype,string,long,dateTime:RFC3339,string,string,double
#group,false,false,false,true,true,false
#default,_result,,,,,
,result,table,_time,_field,host,_value
,,0,2024-01-01T00:00:00Z,a,h1,1.5
,,0,2024-01-01T00:01:00Z,a,h1,2.5
,,1,2024-01-01T00:00:00Z,b,h1,3.5
"

csv.from(csv: data)
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> map(fn: (r) => ({r with total: r.a + (if exists r.b then r.b else 0.0)}))
    |> cumulativeSum(columns: ["total"])
