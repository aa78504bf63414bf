// universe.top, bottom and the highest*/lowest* family, written in Flux over sort, limit, group and
// the aggregates: top/bottom sort each table by `columns` (descending/ascending) and keep its first
// n rows; highestX/lowestX regroup by `groupColumns`, reduce each group with max/mean/last (highest)
// or min/mean/last (lowest), merge the results into one table and keep its n top/bottom rows.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("universe", R"flux(
_sortLimit = (n, desc, columns=["_value"], tables=<-) =>
    tables |> sort(columns: columns, desc: desc) |> limit(n: n)

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
