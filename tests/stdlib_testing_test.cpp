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
