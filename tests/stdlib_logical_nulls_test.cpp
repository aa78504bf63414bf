// Three-valued `and`/`or` and the type of the null they give: the null operand itself is the result,
// so a null that stands for a bool (a null cell of a bool column, internal/debug.null(type: "bool"))
// still makes map() output a bool column, while a missing field's untyped null is dropped by map(),
// as in the reference (conformance universe/map_test.flux logical_*_null cases).
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;
using fluxi::testutil::runTables;

TEST_CASE("and/or with null: three-valued results") {
    CHECK(eval("x = {a: 1}\nx.b or true") == "true");
    CHECK(eval("x = {a: 1}\nx.b and false") == "false");
    CHECK(eval("x = {a: 1}\nx.b or false") == "null");
    CHECK(eval("x = {a: 1}\ntrue and x.b") == "null");
}

TEST_CASE("map(): a null from a bool operand keeps the column; an untyped null drops it") {
    std::string typed = R"(import "array"
import "internal/debug"
array.from(rows: [{f: false, n: debug.null(type: "bool")}])
    |> map(fn: (r) => ({a: r.n or r.f, b: r.f and r.n, c: r.n and r.f}))
)";
    CHECK(runTables(typed) == "[] a:bool,b:bool,c:bool\nnull,false,false");
    std::string untyped = R"(import "array"
array.from(rows: [{f: false, t: true}])
    |> map(fn: (r) => ({a: r.missing or r.f, b: r.missing or r.t}))
)";
    CHECK(runTables(untyped) == "[] b:bool\ntrue");
}
