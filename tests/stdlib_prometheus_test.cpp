// experimental/prometheus: histogramQuantile over both metric versions (bucket rows tagged `le`, and
// one field per bucket with the `sum` and `count` fields left out); scrape is an "unimplemented"
// error naming what it needs. Expected values are computed by hand in
// each case (linear interpolation inside the bucket holding the rank, as universe.histogramQuantile).
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::errorLine;
using fluxi::testutil::runCsv;
using fluxi::testutil::runScript;

namespace {
const char* kData = R"(import "csv"
import "experimental/prometheus"
v2 = "#datatype,string,long,string,string,dateTime:RFC3339,double,string,string
#group,false,false,true,true,false,false,true,true
#default,_result,,,,,,,
,result,table,_field,_measurement,_time,_value,le,org
,,0,d,prometheus,2021-10-08T00:00:00Z,0,0.001,0001
,,0,d,prometheus,2021-10-08T00:00:00Z,0,0.625,0001
,,0,d,prometheus,2021-10-08T00:00:00Z,0,3.125,0001
,,0,d,prometheus,2021-10-08T00:00:00Z,10,15.625,0001
,,0,d,prometheus,2021-10-08T00:00:00Z,10,+Inf,0001
,,1,d,prometheus,2021-10-08T00:00:00Z,1,0.001,0002
,,1,d,prometheus,2021-10-08T00:00:00Z,84,0.025,0002
,,1,d,prometheus,2021-10-08T00:00:00Z,980,0.125,0002
,,1,d,prometheus,2021-10-08T00:00:00Z,1370,0.625,0002
,,1,d,prometheus,2021-10-08T00:00:00Z,1398,3.125,0002
,,1,d,prometheus,2021-10-08T00:00:00Z,1402,+Inf,0002
"
v1 = "#datatype,string,long,string,string,dateTime:RFC3339,double,string
#group,false,false,true,true,false,false,true
#default,_result,,,,,,
,result,table,_field,_measurement,_time,_value,org
,,0,0.5,m,2021-10-08T00:00:00Z,2,0001
,,1,1,m,2021-10-08T00:00:00Z,6,0001
,,2,+Inf,m,2021-10-08T00:00:00Z,8,0001
,,3,sum,m,2021-10-08T00:00:00Z,99,0001
,,4,count,m,2021-10-08T00:00:00Z,8,0001
"
)";
}  // namespace

TEST_CASE("prometheus.histogramQuantile, metric version 2: one result per series, grouped with quantile") {
    // Series 0001: 10 observations, all in (3.125, 15.625]: rank 9.9 lies 0.99 of the way -> 15.5.
    // Series 0002: rank 0.99 * 1402 = 1387.98 in (0.625, 3.125] (1370 .. 1398): 0.625 + 2.5 * 17.98 / 28.
    std::string csv = runCsv(std::string(kData) + "csv.from(csv: v2) |> prometheus.histogramQuantile(quantile: 0.99)");
    CHECK(csv.find(",result,table,_field,_measurement,_time,org,_value,quantile\n") != std::string::npos);
    CHECK(csv.find(",,0,d,prometheus,2021-10-08T00:00:00Z,0001,15.5,0.99\n") != std::string::npos);
    CHECK(csv.find(",,1,d,prometheus,2021-10-08T00:00:00Z,0002,2.2303571428571445,0.99\n") != std::string::npos);
    CHECK(csv.find("#group,false,false,true,true,false,true,false,true") != std::string::npos);
}

TEST_CASE("prometheus.histogramQuantile, metric version 1: bucket fields, sum and count ignored") {
    // Buckets 0.5: 2, 1: 6, +Inf: 8; the median (rank 4) is halfway between 0.5 and 1.
    std::string csv =
        runCsv(std::string(kData) + "csv.from(csv: v1) |> prometheus.histogramQuantile(quantile: 0.5, metricVersion: 1)");
    CHECK(csv.find(",result,table,_measurement,_time,org,_value,quantile\n,,0,m,2021-10-08T00:00:00Z,0001,0.75,0.5\n") !=
          std::string::npos);
}

TEST_CASE("prometheus: a bad metricVersion and scrape are clear errors") {
    auto r = runScript(std::string(kData) + "csv.from(csv: v1) |> prometheus.histogramQuantile(quantile: 0.5, metricVersion: 3)");
    CHECK(errorLine(r) == "error: Invalid metricVersion. Available versions are 1 and 2.");
    auto s = runScript("import \"experimental/prometheus\"\nprometheus.scrape(url: \"http://127.0.0.1:1/metrics\")");
    CHECK(!s.ok);
    CHECK(s.code == fluxi::ErrorCode::Unimplemented);
    CHECK(errorLine(s).find("not implemented here: it needs a Prometheus metrics endpoint") != std::string::npos);
}
