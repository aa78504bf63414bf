// Tests of the evaluator's resource limits and value lifetimes that the sanitizer build found wanting:
// deep recursion must end in a Flux error (never a stack overflow), also on threads with small stacks,
// and function values that outlive their run stay printable without keeping the run's globals alive.
#include <doctest/doctest.h>
#include <pthread.h>

#include <functional>
#include <string>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

namespace {

// Runs `fn` on a new thread whose stack is `stackBytes` large, and waits for it.
void onThreadWithStack(size_t stackBytes, std::function<void()> fn) {
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, stackBytes) == 0);
    pthread_t thread;
    auto trampoline = [](void* p) -> void* {
        (*static_cast<std::function<void()>*>(p))();
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, trampoline, &fn) == 0);
    pthread_attr_destroy(&attr);
    pthread_join(thread, nullptr);
}

// `g(n)` recursing n times, each call nesting `nesting` parenthesised additions around the next one.
std::string nestedRecursion(int nesting, int n) {
    std::string body;
    for (int i = 0; i < nesting; ++i) body += "1 + (";
    body += "g(n: n - 1)";
    body += std::string(static_cast<size_t>(nesting), ')');
    return "g = (n) => if n == 0 then 0 else " + body + "\ng(n: " + std::to_string(n) + ")\n";
}

}  // namespace

TEST_CASE("eval: deep recursion with deeply nested bodies is an error, not a crash") {
    // 1990 calls are under the call-count limit, but each nests 60 expressions: this used to overflow
    // the 8 MiB stack of the normal build (SIGSEGV) before the stack itself was checked.
    std::string got = eval(nestedRecursion(60, 1990));
    if (got.rfind("error: ", 0) == 0)
        CHECK(got.find("call stack too deep") != std::string::npos);
    else
        CHECK(got == "119400");
    CHECK(eval(nestedRecursion(60, 1000000)).find("error: call stack too deep") == 0);
}

TEST_CASE("eval: the stack check follows the stack of the thread the script runs on") {
    std::string got, small;
    onThreadWithStack(1024 * 1024, [&] {
        got = eval("f = (n) => if n == 0 then 0 else 1 + f(n: n - 1)\nf(n: 1990)\n");
        small = eval("f = (n) => if n == 0 then 0 else 1 + f(n: n - 1)\nf(n: 20)\n");
    });
    CHECK(got.rfind("error: call stack too deep (", 0) == 0);
    CHECK(got.find(" nested calls have nearly used up the stack)") != std::string::npos);
    CHECK(small == "20");
}

TEST_CASE("eval: function values outlive their run") {
    // The closure refers to its module (for the AST) and the module's globals hold the closure; the
    // interpreter breaks that cycle when it goes, so nothing leaks and the value stays printable.
    CHECK(eval("k = 2\nf = (x) => x * k\nf") == "<function f(x)>");
    CHECK(eval("f = (x, y=1) => x + y\n[f, f]") == "[<function f(x, ?y)>, <function f(x, ?y)>]");
    CHECK(eval("f = (x) => x\nr = {f: f, g: (y) => f(x: y)}\nr") ==
          "{f: <function f(x)>, g: <function anonymous(y)>}");
}
