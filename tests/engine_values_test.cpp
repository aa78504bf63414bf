// The public value helpers of the embedding API (include/fluxi/composite_values.h): a host builtin
// that reads an array and a record argument and returns a record, with nothing but public headers'
// functions.
#include <doctest/doctest.h>

#include <stdexcept>

#include "fluxi/fluxi.h"

TEST_CASE("composite values: a host builtin reads arrays and records and makes a record") {
    fluxi::Engine e;
    e.registerBuiltin("myapp", "summary", "values, opts", [](fluxi::CallContext& ctx, const fluxi::Args& a) {
        double sum = 0;
        for (const fluxi::Value& v : fluxi::arrayElements(ctx.require(a, "values", fluxi::Kind::Array))) sum += v.asFloat();
        fluxi::Value label = fluxi::recordField(ctx.require(a, "opts", fluxi::Kind::Record), "label");
        return fluxi::recordValue({{"label", label}, {"sum", fluxi::Value::floating(sum)},
                                   {"parts", fluxi::arrayValue({fluxi::Value::integer(1), fluxi::Value::integer(2)})}});
    });
    fluxi::RunResult r = e.run("import \"myapp\"\ns = myapp.summary(values: [1.5, 2.5], opts: {label: \"x\"})\ns\ns.parts[1]\n",
                               "values.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.values.size() == 2);
    CHECK(fluxi::formatValue(r.values[0]) == "{label: \"x\", sum: 4.0, parts: [1, 2]}");
    CHECK(r.values[1].asInt() == 2);
    std::vector<std::pair<std::string, fluxi::Value>> fields = fluxi::recordFields(r.values[0]);
    REQUIRE(fields.size() == 3);
    CHECK(fields[1].first == "sum");
    CHECK(fluxi::recordField(r.values[0], "missing").isNull());
}

TEST_CASE("composite values: wrong kinds and mixed arrays are refused") {
    CHECK_THROWS_AS(fluxi::arrayElements(fluxi::Value::integer(1)), std::invalid_argument);
    CHECK_THROWS_AS(fluxi::recordFields(fluxi::arrayValue({})), std::invalid_argument);
    CHECK_THROWS_WITH_AS(fluxi::arrayValue({fluxi::Value::integer(1), fluxi::Value::string("a")}),
                         "arrayValue: elements of different kinds (int and string)", std::invalid_argument);
    CHECK(fluxi::arrayElements(fluxi::arrayValue({fluxi::Value::null(), fluxi::Value::integer(3)})).size() == 2);
}
