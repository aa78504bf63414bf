// Error kinds (the reference's error codes) carried by runtime errors: what experimental.catch,
// internal/testing.shouldErrorWithCode and the embedding API's RunResult::code report for each kind
// of failure.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "api/engine.h"
#include "tests/support/flux_run.h"

using fluxi::testutil::eval;
using fluxi::testutil::runTables;

namespace {

// The code experimental.catch reports for the body of `fn`, e.g. "3", or "null" when it succeeds.
std::string codeOf(const std::string& prelude, const std::string& body) {
    return eval("import \"experimental\"\n" + prelude + "\nexperimental.catch(fn: () => " + body + ").code");
}

fluxi::ErrorCode runCode(const std::string& src) {
    fluxi::Engine e;
    e.setNow(std::string_view("2024-01-01T00:00:00Z"));
    return e.run(src, "test.flux").code;
}

const char* kRows =
    "import \"array\"\n"
    "data = array.from(rows: [{_time: 2024-01-01T00:00:00Z, _value: 1, t: \"a\"},"
    " {_time: 2024-01-01T00:01:00Z, _value: 2, t: \"a\"}]) |> group(columns: [\"t\"])\n";

}  // namespace

TEST_CASE("error codes: names as the reference spells them") {
    using fluxi::ErrorCode;
    CHECK(fluxi::errorCodeName(ErrorCode::Invalid) == "invalid");
    CHECK(fluxi::errorCodeName(ErrorCode::NotFound) == "not found");
    CHECK(fluxi::errorCodeName(ErrorCode::FailedPrecondition) == "failed precondition");
    CHECK(fluxi::errorCodeName(ErrorCode::OutOfRange) == "out of range");
    CHECK(fluxi::errorCodeName(ErrorCode::Unimplemented) == "unimplemented");
    CHECK(fluxi::errorCodeName(ErrorCode::Internal) == "internal");
    CHECK(static_cast<int>(ErrorCode::Unimplemented) == 12);
    CHECK(static_cast<int>(ErrorCode::Internal) == 13);
}

TEST_CASE("error codes: experimental.catch reports the kind of each error") {
    CHECK(codeOf("", "1") == "null");
    CHECK(codeOf("", "die(msg: \"boom\")") == "3");                      // invalid
    CHECK(codeOf("", "int(v: \"x\")") == "3");                           // bad argument
    CHECK(codeOf("", "1 / 0") == "9");                                   // failed precondition
    CHECK(codeOf("", "uint(v: 7) % uint(v: 0)") == "9");
    CHECK(codeOf("f = (x) => x / 0", "f(x: 3)") == "9");                 // raised inside a called function
    CHECK(codeOf(kRows, "(data |> tableFind(fn: (key) => key.t == \"zz\"))") == "5");  // not found
    CHECK(codeOf(kRows, "(data |> tableFind(fn: (key) => key.t == \"a\") |> getRecord(idx: 5))") == "11");
    CHECK(codeOf(kRows, "(data |> tableFind(fn: (key) => key.t == \"a\") |> getColumn(column: \"nope\"))") == "3");
    CHECK(codeOf(kRows, "(data |> sum(column: \"nope\") |> tableFind(fn: (key) => true))") == "9");
    CHECK(codeOf(kRows, "(data |> pivot(rowKey: [\"_time\"], columnKey: [\"nope\"], valueColumn: \"_value\")"
                        " |> tableFind(fn: (key) => true))") == "3");  // the reference's pivot says invalid
    CHECK(codeOf(kRows, "(data |> join(tables: {a: data, b: data}, on: [\"_time\"], method: \"outer\")"
                        " |> tableFind(fn: (key) => true))") == "12");  // unimplemented
    CHECK(codeOf(kRows, "(data |> map(fn: (r) => ({r with _start: 1})) |> range(start: 2023-01-01T00:00:00Z)"
                        " |> tableFind(fn: (key) => true))") == "9");
    CHECK(codeOf(kRows, "(data |> range(start: 2024-01-02T00:00:00Z, stop: 2024-01-01T00:00:00Z))") == "3");
    // an error raised by a function called per row while a stream is pulled keeps its kind
    CHECK(codeOf(kRows, "(data |> map(fn: (r) => ({r with _value: r._value / 0})) |> tableFind(fn: (key) => true))") ==
          "9");
    CHECK(codeOf(kRows, "(data |> filter(fn: (r) => die(msg: \"no\")) |> tableFind(fn: (key) => true))") == "3");
    // the message is the error's message, the value null
    CHECK(eval("import \"experimental\"\nexperimental.catch(fn: () => 1 / 0).msg") == "\"cannot divide by zero\"");
}

TEST_CASE("error codes: the embedding API's run result") {
    using fluxi::ErrorCode;
    CHECK(runCode("1 + 1") == ErrorCode::OK);
    CHECK(runCode("1 +") == ErrorCode::Invalid);  // syntax error
    CHECK(runCode("die(msg: \"x\")") == ErrorCode::Invalid);
    CHECK(runCode("x = 1 / 0") == ErrorCode::FailedPrecondition);
    CHECK(runCode("import \"no/such/package\"") == ErrorCode::NotFound);
    CHECK(runCode(std::string(kRows) + "data |> tableFind(fn: (key) => false)") == ErrorCode::NotFound);
    CHECK(runCode(std::string(kRows) + "data |> mean(column: \"nope\")") == ErrorCode::FailedPrecondition);
}

TEST_CASE("internal/testing.shouldErrorWithCode") {
    const std::string t = "import \"internal/testing\"\n";
    // the right code and a matching message: an empty diff (no table)
    CHECK(runTables(t + "testing.shouldErrorWithCode(fn: () => die(msg: \"bad thing\"), want: /bad/, code: uint(v: 3))") ==
          "");
    CHECK(runTables(t + "testing.shouldErrorWithCode(fn: () => 1 / 0, want: /divide by zero/, code: 9)") == "");
    // a wrong code or a message that does not match: the diff has rows, which fails a testcase
    CHECK(runTables(t + "testing.shouldErrorWithCode(fn: () => die(msg: \"bad\"), want: /bad/, code: uint(v: 5))") !=
          "");
    CHECK(runTables(t + "testing.shouldErrorWithCode(fn: () => die(msg: \"bad\"), want: /other/, code: uint(v: 3))") !=
          "");
    CHECK(runTables(t + "testing.shouldErrorWithCode(fn: () => 1, want: /x/, code: uint(v: 3))") ==
          "error: shouldErrorWithCode expected an error");
}

TEST_CASE("internal/testing.assertMatches returns a stream, or fails") {
    const std::string t = "import \"internal/testing\"\n";
    CHECK(runTables(t + "testing.assertMatches(got: \"123\", want: /12/)") == "");
    CHECK(eval(t + "testing.assertMatches(got: \"abc\", want: /^x/)") == "error: Regex `^x` does not match `abc`");
}

TEST_CASE("error codes: host builtins") {
    fluxi::Engine e;
    e.registerBuiltin("host", "missing", "", [](fluxi::CallContext& ctx, const fluxi::Args&) -> fluxi::Value {
        ctx.fail(fluxi::ErrorCode::NotFound, "host.missing: no such thing");
    });
    e.registerBuiltin("host", "broken", "", [](fluxi::CallContext&, const fluxi::Args&) -> fluxi::Value {
        throw std::runtime_error("disk on fire");
    });
    auto run = [&](const std::string& body) {
        fluxi::RunResult r = e.run("import \"host\"\nimport \"experimental\"\n" + body, "test.flux");
        REQUIRE(r.ok);
        return fluxi::formatValue(r.values.back());
    };
    CHECK(run("experimental.catch(fn: () => host.missing()).code") == "5");
    CHECK(run("experimental.catch(fn: () => host.broken())") == "{value: null, code: 2, msg: \"disk on fire\"}");
    CHECK(e.run("import \"host\"\nhost.missing()", "test.flux").code == fluxi::ErrorCode::NotFound);
    CHECK(e.run("import \"host\"\nhost.broken()", "test.flux").code == fluxi::ErrorCode::Unknown);
}
