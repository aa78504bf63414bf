// Engine::check: syntax, names and types of a script, without running it.
#include <doctest/doctest.h>

#include "api/engine.h"

TEST_CASE("Engine::check: accepts a well-typed script and reports errors with their position") {
    fluxi::Engine engine;
    fluxi::CheckResult ok = engine.check("import \"strings\"\nx = strings.toUpper(v: \"a\") + \"b\"\n", "ok.flux");
    CHECK(ok.ok);
    CHECK(ok.error.empty());

    fluxi::CheckResult bad = engine.check("f = (r) => r.a + 1\ny = f(r: {a: \"s\"})\n", "bad.flux");
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("bad.flux:2:10: error: expected int but found string (argument r)") != std::string::npos);

    fluxi::CheckResult names = engine.check("y = nosuch + 1\n", "names.flux");
    CHECK_FALSE(names.ok);
    CHECK(names.error.find("names.flux:1:5:") != std::string::npos);

    fluxi::CheckResult syntax = engine.check("y = (1 +\n", "syntax.flux");
    CHECK_FALSE(syntax.ok);
    CHECK(syntax.error.find("syntax.flux:") == 0);
}

TEST_CASE("Engine::check: builtins registered by the host are known to the names check") {
    fluxi::Engine engine;
    engine.registerBuiltin("myapp", "double", "v", [](fluxi::CallContext&, const fluxi::Args& a) {
        return fluxi::Value::integer(a.get("v")->asInt() * 2);
    });
    fluxi::CheckResult r = engine.check("import \"myapp\"\nx = myapp.double(v: 21)\n", "host.flux");
    CHECK_MESSAGE(r.ok, r.error);
    // without the registration the package does not exist
    fluxi::Engine plain;
    CHECK_FALSE(plain.check("import \"myapp\"\nx = myapp.double(v: 21)\n", "host.flux").ok);
}

TEST_CASE("Engine::setTypeCheck: run() refuses an ill-typed script before anything runs") {
    fluxi::Engine e;
    fluxi::RunResult r = e.run("x = 1 + \"a\"\nx", "t.flux");  // without the check: a run-time error
    CHECK_FALSE(r.ok);
    e.setTypeCheck(true);
    r = e.run("import \"array\"\narray.from(rows: [{v: 1}]) |> yield()\nx = 1 + \"a\"\n", "t.flux");
    CHECK_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::Invalid);
    CHECK(r.error.find("t.flux:3:9: error: expected int but found string") != std::string::npos);
    CHECK(r.results.empty());  // nothing ran
    r = e.run("1 + 2", "t.flux");
    REQUIRE(r.ok);
}

TEST_CASE("Engine::setOption on a package that does not exist creates it") {
    fluxi::Engine engine;
    engine.setOption("myapp", "threshold", fluxi::Value::integer(5));
    engine.setOption("myapp", "label", fluxi::Value::string("cpu"));
    fluxi::RunResult r = engine.run("import \"myapp\"\nmyapp.threshold * 2\nmyapp.label\n", "opts.flux");
    INFO(r.error);
    REQUIRE(r.ok);
    REQUIRE(r.values.size() == 2);
    CHECK(r.values[0].asInt() == 10);
    CHECK(r.values[1].asString() == "cpu");
    // A package nobody created is still an error.
    fluxi::RunResult missing = engine.run("import \"nosuchpkg\"\nnosuchpkg.x\n", "missing.flux");
    CHECK_FALSE(missing.ok);
}
