// testing.shouldError (a stream of non-matching messages, as the reference returns), the test-case
// helpers testing.inspect / run / benchmark / loadStorage / loadMem, and experimental/array.toBool ... toUInt.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::runTables;

namespace {
const char* kCase = R"(import "testing"
inData = "
#datatype,string,long,string,dateTime:RFC3339,string,double
#group,false,false,true,false,true,false
#default,_result,,,,,
,result,table,_measurement,_time,_field,_value
,,0,m,2021-01-01T00:00:00Z,t,1.2
,,0,m,2021-01-02T00:00:00Z,t,1.4
,,0,m,2021-01-03T00:00:00Z,t,2.2
"
outData = "
#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,string,string,double
#group,false,false,true,true,true,true,false
#default,_result,,,,,,
,result,table,_start,_stop,_measurement,_field,_value
,,0,2021-01-01T00:00:00Z,2021-01-03T01:00:00Z,m,t,WANT
"
t_sum = (table=<-) => table |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-03T01:00:00Z) |> sum()
)";
std::string withWant(const std::string& want, const std::string& expr) {
    std::string s = kCase;
    s.replace(s.find("WANT"), 4, want);
    return runTables(s + expr);
}
}  // namespace

TEST_CASE("testing.shouldError returns the non-matching message as a stream") {
    const std::string t = "import \"testing\"\n";
    CHECK(runTables(t + "testing.shouldError(fn: () => die(msg: \"error message\"), want: /message$/)") == "[] v:string");
    CHECK(runTables(t + "testing.shouldError(fn: () => die(msg: \"boom\"), want: /other/)") == "[] v:string\n\"boom\"");
    CHECK(runTables(t + "testing.shouldError(fn: () => 1, want: /x/)") == "error: shouldError expected an error");
}

TEST_CASE("testing.run / benchmark / inspect over a case built with loadStorage and loadMem") {
    CHECK(withWant("4.8", "testing.benchmark(case: () => ({input: testing.loadStorage(csv: inData), want: "
                          "testing.loadMem(csv: outData), fn: t_sum}))") ==
          "[_start=2021-01-01T00:00:00Z,_stop=2021-01-03T01:00:00Z,_measurement=\"m\",_field=\"t\"] "
          "_start:time,_stop:time,_measurement:string,_field:string,_value:float\n"
          "2021-01-01T00:00:00Z,2021-01-03T01:00:00Z,\"m\",\"t\",4.8");
    std::string run = "testing.run(case: () => ({input: testing.loadStorage(csv: inData), want: "
                      "testing.loadMem(csv: outData), fn: t_sum}))";
    CHECK(withWant("4.8", run).find("error") == std::string::npos);
    CHECK(withWant("4.9", run).rfind("error: assertEmpty", 0) == 0);
    CHECK(withWant("4.8", "r = testing.inspect(case: () => ({input: testing.loadMem(csv: inData), want: "
                          "testing.loadMem(csv: outData), fn: t_sum}))\nr.diff |> count()")
              .find("error") == std::string::npos);
}

TEST_CASE("testing.loadStorage requires _field, _measurement and _time") {
    std::string csv = "import \"testing\"\ntesting.loadStorage(csv: \"#datatype,string,long,dateTime:RFC3339,double\\n"
                      "#group,false,false,false,false\\n#default,_result,,,\\n,result,table,_time,_value\\n"
                      ",,0,2021-01-01T00:00:00Z,1.0\\n\")";
    CHECK(runTables(csv) == "error: test input table does not have _field column");
}

TEST_CASE("experimental/array toBool ... toUInt convert each element like the universe conversions") {
    const std::string t = "import \"array\"\nimport ea \"experimental/array\"\n";
    CHECK(runTables(t + "array.from(rows: [1, 0] |> ea.toBool() |> array.map(fn: (x) => ({v: x})))") ==
          "[] v:bool\ntrue\nfalse");
    CHECK(runTables(t + "array.from(rows: [\"1.5\"] |> ea.toFloat() |> array.map(fn: (x) => ({v: x})))") ==
          "[] v:float\n1.5");
    CHECK(runTables(t + "array.from(rows: [-1.5, 2.7] |> ea.toInt() |> array.map(fn: (x) => ({v: x})))") ==
          "[] v:int\n-1\n2");
    CHECK(runTables(t + "array.from(rows: [3] |> ea.toUInt() |> array.map(fn: (x) => ({v: x})))") == "[] v:uint\n3");
    CHECK(runTables(t + "array.from(rows: [60000000000] |> ea.toDuration() |> array.map(fn: (x) => ({v: string(v: x)})))") ==
          "[] v:string\n\"1m\"");
    CHECK(runTables(t + "array.from(rows: [0] |> ea.toTime() |> array.map(fn: (x) => ({v: x})))") ==
          "[] v:time\n1970-01-01T00:00:00Z");
    CHECK(runTables(t + "array.from(rows: [true] |> ea.toString() |> array.map(fn: (x) => ({v: x})))") ==
          "[] v:string\n\"true\"");
    CHECK(runTables(t + "[\"x\"] |> ea.toInt()").rfind("error:", 0) == 0);
}
