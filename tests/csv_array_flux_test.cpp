// Flux-level tests of csv.from (annotations and raw modes, csv and file, errors), array.from,
// array.concat/filter/map and experimental/array, run through the embedding API.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "eval/builtin.h"
#include "api/engine.h"
#include "format/annotated_csv_writer.h"
#include "tests/support/flux_run.h"

using namespace fluxi;
using fluxi::testutil::eval;
using fluxi::testutil::runCsv;

namespace {

// A Flux string literal holding `text` (only quotes and backslashes need escaping here).
std::string fluxString(const std::string& text) {
    std::string s = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') s.push_back('\\');
        if (c == '$') s.push_back('\\');
        s.push_back(c);
    }
    return s + "\"";
}

const std::string kAnnotated =
    "#datatype,string,long,string,dateTime:RFC3339,double\n"
    "#group,false,false,true,false,false\n"
    "#default,_result,,,,\n"
    ",result,table,host,_time,_value\n"
    ",,0,a,2021-01-01T00:00:00Z,1.5\n"
    ",,0,a,2021-01-01T00:00:10Z,\n"
    ",,1,b,2021-01-01T00:00:00Z,-2\n";

}  // namespace

TEST_CASE("csv.from: annotated CSV from a string") {
    std::string out = runCsv("import \"csv\"\ncsv.from(csv: " + fluxString(kAnnotated) + ")");
    CHECK(out == kAnnotated + "\n");  // the writer gives back the same text
}

TEST_CASE("csv.from: raw mode makes string columns in one table") {
    std::string out = runCsv("import \"csv\"\ncsv.from(mode: \"raw\", csv: \"a,b\\n1,x\\n2,\\n\")");
    CHECK(out ==
          "#datatype,string,long,string,string\n"
          "#group,false,false,false,false\n"
          "#default,_result,,,\n"
          ",result,table,a,b\n"
          ",,0,1,x\n"
          ",,0,2,\n"
          "\n");
}

TEST_CASE("csv.from: file") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("fluxi_csv_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / "data.csv";
    {
        std::ofstream f(file, std::ios::binary);
        f << kAnnotated;
    }
    std::string out = runCsv("import \"csv\"\ncsv.from(file: " + fluxString(file.string()) + ")");
    CHECK(out == kAnnotated + "\n");
    std::string missing = runCsv("import \"csv\"\ncsv.from(file: " + fluxString((dir / "nope.csv").string()) + ")");
    CHECK(missing.rfind("error: csv.from: cannot read file", 0) == 0);
    {
        std::ofstream f(file, std::ios::binary);
        f << "#datatype,string,long,long\n#group,false,false,false\n#default,_result,,\n,result,table,n\n,,0,x\n";
    }
    std::string bad = runCsv("import \"csv\"\ncsv.from(file: " + fluxString(file.string()) + ")");
    CHECK(bad == "error: csv.from: file \"" + file.string() +
                     "\" line 5, column \"n\": invalid long value \"x\" (expected an integer such as -42)");
    fs::remove_all(dir);
}

TEST_CASE("csv.from: argument and data errors") {
    CHECK(runCsv("import \"csv\"\ncsv.from()") ==
          "error: csv.from: missing the data: give csv (the CSV text), file (a path) or url");
    CHECK(runCsv("import \"csv\"\ncsv.from(csv: \"\")") ==
          "error: csv.from: missing the data: give csv (the CSV text), file (a path) or url");
    CHECK(runCsv("import \"csv\"\ncsv.from(csv: \"a\", file: \"b\")") ==
          "error: csv.from: give only one of csv, file and url");
    CHECK(runCsv("import \"csv\"\ncsv.from(csv: \"a\", mode: \"json\")") ==
          "error: csv.from: unknown mode \"json\" (expected \"annotations\" or \"raw\")");
    CHECK(runCsv("import \"csv\"\ncsv.from(csv: \"a,b\\n1,2\\n\")").rfind(
              "error: csv.from: csv line 1: expected the annotation rows", 0) == 0);
    std::string two = kAnnotated + "\n" +
                      "#datatype,string,long,long\n#group,false,false,false\n#default,other,,\n,result,table,n\n,,0,1\n";
    CHECK(runCsv("import \"csv\"\ncsv.from(csv: " + fluxString(two) + ")") ==
          "error: csv.from: the CSV holds 2 results (\"_result\", \"other\"); csv.from reads only one");
}

TEST_CASE("array.from: columns from the records") {
    std::string out = runCsv(
        "import \"array\"\n"
        "array.from(rows: [{_time: 2021-01-01T00:00:00Z, v: 1, s: \"a\"},\n"
        "                  {_time: 2021-01-01T00:00:01Z, s: \"b\", extra: true},\n"
        "                  {v: 3, _time: 2021-01-01T00:00:02Z, s: \"c\"}])");
    CHECK(out ==
          "#datatype,string,long,dateTime:RFC3339,long,string,boolean\n"
          "#group,false,false,false,false,false,false\n"
          "#default,_result,,,,,\n"
          ",result,table,_time,v,s,extra\n"
          ",,0,2021-01-01T00:00:00Z,1,a,\n"
          ",,0,2021-01-01T00:00:01Z,,b,true\n"
          ",,0,2021-01-01T00:00:02Z,3,c,\n"
          "\n");
    // the pipe form
    CHECK(runCsv("import \"array\"\n[{x: 1.5}] |> array.from()") ==
          "#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,x\n,,0,1.5\n\n");
}

TEST_CASE("array.from: errors") {
    CHECK(runCsv("import \"array\"\narray.from(rows: [{a: 1}, {a: 1.5}])") ==
          "error: array.from: column \"a\" has mixed types: int in row 0 but float in row 1");
    CHECK(runCsv("import \"array\"\narray.from(rows: [])") ==
          "error: array.from: rows must not be empty (there would be no columns to build a table from)");
    CHECK(runCsv("import \"array\"\narray.from(rows: [1, 2])") ==
          "error: array.from: rows must be records, but row 0 is int");
    CHECK(runCsv("import \"array\"\narray.from(rows: [{d: 1h}])") ==
          "error: array.from: field \"d\" of row 0 is duration; table columns hold bool, int, uint, float, "
          "string or time values");
}

TEST_CASE("array: concat, filter, map") {
    CHECK(eval("import \"array\"\n[1, 2] |> array.concat(v: [3])") == "[1, 2, 3]");
    CHECK(eval("import \"array\"\n[] |> array.concat(v: [\"a\"])") == "[\"a\"]");
    CHECK(eval("import \"array\"\n[1, 2] |> array.concat(v: [\"a\"])") ==
          "error: array.concat: cannot append an array of string to an array of int");
    CHECK(eval("import \"array\"\n[1, 2, 3, 4] |> array.filter(fn: (x) => x % 2 == 0)") == "[2, 4]");
    CHECK(eval("import \"array\"\n[1, 2] |> array.filter(fn: (x) => x)") ==
          "error: array.filter: fn must return a bool, got int");
    CHECK(eval("import \"array\"\n[1, 2] |> array.map(fn: (x) => ({v: x * 10}))") == "[{v: 10}, {v: 20}]");
    CHECK(eval("import \"array\"\narray.map(arr: [], fn: (x) => x)") == "[]");
}

TEST_CASE("experimental/array: the array functions and element conversions") {
    // The package's Flux part uses the universe conversions: without them it cannot be built.
    CHECK(eval("import \"experimental/array\"\n[1] |> array.concat(v: [2])") == "[1, 2]");
    CHECK(eval("import \"experimental/array\"\narray.toInt(arr: [\"1\", \"-2\"])") == "[1, -2]");
    CHECK(eval("import \"experimental/array\"\n[1, 0] |> array.toBool()") == "[true, false]");
    CHECK(eval("import \"experimental/array\"\n[1.5] |> array.toString()") == "[\"1.5\"]");
}
