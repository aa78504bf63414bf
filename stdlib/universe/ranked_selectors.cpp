// universe.top, bottom and the highest*/lowest* family, written in Flux over _sortLimit (sort.cpp:
// sort |> limit without sorting the whole table), group and the aggregates: top/bottom keep the
// first n rows of each table sorted by `columns` (descending/ascending); highestX/lowestX regroup by `groupColumns`, reduce each group with max/mean/last (highest)
// or min/mean/last (lowest), merge the results into one table and keep its n top/bottom rows.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("universe", R"flux(
top = (n, columns=["_value"], tables=<-) => tables |> _sortLimit(n: n, columns: columns, desc: true)
bottom = (n, columns=["_value"], tables=<-) => tables |> _sortLimit(n: n, columns: columns, desc: false)

_highestOrLowest = (n, _sortLimit, reducer, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> group(columns: groupColumns)
        |> reducer()
        |> group(columns: [])
        |> _sortLimit(n: n, columns: [column])

highestMax = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> max(column: column), _sortLimit: top)
highestAverage = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> mean(column: column), _sortLimit: top)
highestCurrent = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> last(column: column), _sortLimit: top)
lowestMin = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> min(column: column), _sortLimit: bottom)
lowestAverage = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> mean(column: column), _sortLimit: bottom)
lowestCurrent = (n, column="_value", groupColumns=[], tables=<-) =>
    tables |> _highestOrLowest(n: n, column: column, groupColumns: groupColumns,
        reducer: (tables=<-) => tables |> last(column: column), _sortLimit: bottom)
)flux");

}  // namespace fluxi
