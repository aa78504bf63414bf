// The vectorized filter path must select exactly the rows the interpreter would, for every
// predicate shape it compiles, including nulls, absent columns and mixed int/float comparisons.
#include <doctest/doctest.h>

#include <random>
#include <sstream>

#include "eval/interpreter.h"
#include "eval/row_predicate.h"
#include "eval/stream.h"
#include "api/engine.h"
#include "format/annotated_csv_writer.h"
#include "parser/parser.h"

namespace {

fluxi::TablePtr sampleTable() {
    using namespace fluxi;
    std::mt19937 rng(42);
    TableBuilder b;
    int host = b.addColumn("host", ColType::String);
    int value = b.addColumn("_value", ColType::Float);
    int count = b.addColumn("n", ColType::Int);
    int flag = b.addColumn("ok", ColType::Bool);
    int time = b.addColumn("_time", ColType::Time);
    StrRef hosts[] = {make<StringObj>("a"), make<StringObj>("b"), make<StringObj>("myHost")};
    for (int i = 0; i < 500; i++) {
        if (rng() % 7 == 0) b.column(host).appendNull();
        else b.column(host).appendString(hosts[rng() % 3]);
        if (rng() % 5 == 0) b.column(value).appendNull();
        else b.column(value).appendFloat(static_cast<double>(rng() % 1000) / 1000.0);
        b.column(count).appendInt(static_cast<int64_t>(rng() % 20) - 10);
        if (rng() % 9 == 0) b.column(flag).appendNull();
        else b.column(flag).appendBool(rng() % 2);
        b.column(time).appendInt(1700000000000000000LL + i * 1000000000LL);
    }
    return b.finish();
}

std::string runFilter(const fluxi::TablePtr& t, const std::string& fnSource) {
    fluxi::Engine e;
    e.registerBuiltin("fixture", "data", "", [t](fluxi::CallContext&, const fluxi::Args&) {
        return fluxi::Value::stream(fluxi::makeMaterializedStream({t}, "fixture"));
    });
    auto r = e.run("import \"fixture\"\nfixture.data() |> filter(fn: " + fnSource + ")");
    if (!r.ok) return "error: " + r.error;
    std::ostringstream out;
    fluxi::writeAnnotatedCsv(r.results, out);
    return out.str();
}

// An error's message without its position (the two spellings of a predicate put it in other columns).
std::string withoutPosition(const std::string& out) {
    if (out.rfind("error: ", 0) != 0) return out;
    size_t at = out.find("error: ", 7);
    std::string msg = at == std::string::npos ? out : out.substr(at);
    return msg.substr(0, msg.find('\n'));
}

bool compiles(const fluxi::TablePtr& t, const std::string& fnSource) {
    fluxi::Execution exec;
    fluxi::Interpreter interp(exec);
    auto parsed = fluxi::parseFlux("f = " + fnSource + "\nf", "p.flux");
    REQUIRE(parsed.ok());
    auto values = interp.evalFile(std::shared_ptr<fluxi::ast::File>(std::move(parsed.file)), interp.newModule("p"));
    return fluxi::CompiledPredicate::compile(interp, values.back(), *t) != nullptr;
}

}  // namespace

TEST_CASE("compiled filter predicates select what the interpreter selects") {
    auto t = sampleTable();
    const char* predicates[] = {
        "r.host == \"myHost\"",
        "r.host != \"a\"",
        "r._value > 0.5",
        "r._value <= 0.25 or r.host == \"b\"",
        "r.host == \"myHost\" and r._value > 0.5",
        "not (r._value > 0.5)",
        "r.n > 0",
        "r.n >= 2.5",
        "0.5 < r._value",
        "exists r._value",
        "not exists r.host",
        "r.ok",
        "r.ok == false",
        "r.host =~ /^my/",
        "r.host !~ /a|b/",
        "r.missing == \"x\"",
        "exists r.missing or r.n < -5",
        "r[\"host\"] == \"a\"",
        "not (r._value > 0.5 and r.ok)",
        "not (r.host == \"a\" or r._value < 0.3)",
        "r._time >= 2023-11-14T22:20:00Z and true",
    };
    for (const char* p : predicates) {
        CAPTURE(p);
        std::string fast = "(r) => " + std::string(p);
        std::string slow = "(r) => { return " + std::string(p) + " }";
        CHECK(compiles(t, fast));
        CHECK(withoutPosition(runFilter(t, fast)) == withoutPosition(runFilter(t, slow)));
    }
}

TEST_CASE("predicates the compiler must leave to the interpreter") {
    auto t = sampleTable();
    CHECK_FALSE(compiles(t, "(r) => r.host == 1"));     // type error belongs to the interpreter
    CHECK_FALSE(compiles(t, "(r) => r._value + 1 > 2"));  // float + int: a type error too
    CHECK_FALSE(compiles(t, "(r) => r.host =~ r.host"));  // not a regex constant
    CHECK(runFilter(t, "(r) => r.host == 1") == runFilter(t, "(r) => { return r.host == 1 }"));
    CHECK(withoutPosition(runFilter(t, "(r) => r._value + 1 > 2")) ==
          withoutPosition(runFilter(t, "(r) => { return r._value + 1 > 2 }")));
}

TEST_CASE("general expressions in predicates go to the shared column-expression compiler") {
    auto t = sampleTable();
    const char* predicates[] = {
        "r._value + 1.0 > 1.5",
        "r.n == r.n",
        "r.n * 2 > r.n + 3",
        "float(v: r.n) / 10.0 < r._value",
        "(if r.ok then r.n else -r.n) > 0",
        "r.host + \"x\" == \"ax\" and r._value * 2.0 >= 1.0",
        "10 / r.n > 2",  // division by zero in some rows: the interpreter raises it
        "r.n == 0 or 10 / r.n > 2",  // ... unless and/or decides first
        "string(v: r.n) == \"3\"",
        "int(v: r._value * 10.0) % 2 == 0",
    };
    for (const char* p : predicates) {
        CAPTURE(p);
        std::string fast = "(r) => " + std::string(p);
        std::string slow = "(r) => { return " + std::string(p) + " }";
        CHECK(compiles(t, fast));
        CHECK(withoutPosition(runFilter(t, fast)) == withoutPosition(runFilter(t, slow)));
    }
}
