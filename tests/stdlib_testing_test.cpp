// Flux-level tests of the testing package's assertions: testing.assertEquals takes a required test
// name (as in the reference) and reports it when the streams differ.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::runTables;

namespace {
const char* kStreams = R"(import "array"
import "testing"
a = array.from(rows: [{_value: 1}, {_value: 2}])
b = array.from(rows: [{_value: 1}, {_value: 3}])
)";
std::string T(const std::string& expr) { return runTables(std::string(kStreams) + expr); }
}  // namespace

TEST_CASE("testing.assertEquals: name is required; equal streams pass through") {
    CHECK(T("testing.assertEquals(name: \"same\", got: a, want: a)") == "[] _value:int\n1\n2");
    CHECK(T("a |> testing.assertEquals(name: \"piped\", want: a)") == "[] _value:int\n1\n2");
    CHECK(T("testing.assertEquals(got: a, want: a)") == "error: assertEquals: missing required argument name");
    CHECK(T("a |> testing.assertEquals(want: a)") == "error: assertEquals: missing required argument name");
}

TEST_CASE("testing.assertEquals: differing streams fail with the test name") {
    std::string r = T("testing.assertEquals(name: \"t1\", got: a, want: b)");
    CHECK(r.rfind("error: assertEquals t1: the streams differ", 0) == 0);
}

TEST_CASE("testing.diff: rows are compared outside the group key (annotated CSV key cells may differ)") {
    // The second row's `t` cell says "y", but the table's key (from the first row) says "x": the
    // reference's diff compares only the non-key columns, so this equals a table of two "x" rows.
    std::string src = R"(import "csv"
import "testing"
import "array"
data = "#datatype,string,long,string,long
#group,false,false,true,false
#default,_result,,,
,result,table,t,_value
,,0,x,1
,,0,y,2
"
want = csv.from(csv: data)
got = array.from(rows: [{t: "x", _value: 1}, {t: "x", _value: 2}]) |> group(columns: ["t"])
testing.diff(got: got, want: want) |> count()
)";
    CHECK(runTables(src) == "");
    // A difference outside the key is still found.
    std::string differs = R"(import "testing"
import "array"
want = array.from(rows: [{t: "x", _value: 1}]) |> group(columns: ["t"])
got = array.from(rows: [{t: "x", _value: 2}]) |> group(columns: ["t"])
testing.diff(got: got, want: want) |> keep(columns: ["_diff", "_value"])
)";
    CHECK(runTables(differs) == "[] _diff:string,_value:int\n\"-\",1\n\"+\",2");
}
