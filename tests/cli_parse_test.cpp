// Tests of the `fluxi parse` and `fluxi check` verbs: run the real binary (FLUXI_BINARY) on files
// in a temporary directory and look at the exit status and the output.
#include <doctest/doctest.h>

#include "tests/support/cli_run.h"

using namespace fluxi::testutil;

TEST_CASE("cli parse: prints the tree of a file that parses and exits 0") {
    TempDir dir;
    auto file = dir.write("ok.flux", "x = 1 + 2 * 3\n");
    Run r = runFluxi(dir, "parse " + q(file));
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("VariableAssignment id=\"x\" @1:1-1:14") != std::string::npos);
    CHECK(r.out.find("BinaryExpr operator=\"*\"") != std::string::npos);

    r = runFluxi(dir, "parse --json " + q(file));
    CHECK(r.status == 0);
    CHECK(r.out.find("\"type\": \"BinaryExpr\"") != std::string::npos);
    CHECK(r.out.find("\"operator\": \"+\"") != std::string::npos);
    CHECK(r.out.front() == '{');
}

TEST_CASE("cli parse: reads standard input for '-'") {
    TempDir dir;
    std::string src = "import \"strings\"\nstrings.toUpper(v: \"a\")\n";
    Run r = runFluxi(dir, "parse -", &src);
    CHECK(r.status == 0);
    CHECK(r.out.find("ImportDeclaration path=\"strings\"") != std::string::npos);
    CHECK(r.out.find("File name=\"<stdin>\"") != std::string::npos);
}

TEST_CASE("cli parse: syntax errors go to stderr with the line and a caret, exit 1") {
    TempDir dir;
    auto file = dir.write("bad.flux", "a = 1\nb = f(x: 1\nc = [1 2]\n");
    Run r = runFluxi(dir, "parse " + q(file));
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    const std::string name = file.string();
    CHECK(r.err.find(name + ":2:11: error: expected ')' or ',' (to close the '(' at 2:6), found identifier 'c' at 3:1\n"
                            " 2 | b = f(x: 1\n"
                            "   |           ^\n") != std::string::npos);
    CHECK(r.err.find(name + ":3:8: error: expected ']', ',' or ':'") != std::string::npos);
    CHECK(r.err.find("2 syntax errors") != std::string::npos);
}

TEST_CASE("cli parse: a missing file is reported, exit 2") {
    TempDir dir;
    Run r = runFluxi(dir, "parse " + q(dir.path / "nope.flux"));
    CHECK(r.status == 2);
    CHECK(r.err.find("nope.flux") != std::string::npos);
}

TEST_CASE("cli check: all clean files exit 0, any error exits 1 and every error is listed") {
    TempDir dir;
    auto good1 = dir.write("g1.flux", "x = 1\n");
    auto good2 = dir.write("g2.flux", "f = (r) => r._value > 0\n");
    auto bad1 = dir.write("b1.flux", "x = (1\n");
    auto bad2 = dir.write("b2.flux", "y = 1 +\nz = \"unterminated\n");
    Run r = runFluxi(dir, "check " + q(good1) + " " + q(good2));
    CHECK(r.status == 0);
    CHECK(r.out.find("checked 2 files: no errors") != std::string::npos);
    CHECK(r.err.empty());

    r = runFluxi(dir, "check " + q(good1) + " " + q(bad1) + " " + q(good2) + " " + q(bad2));
    CHECK(r.status == 1);
    CHECK(r.err.find(bad1.string() + ":1:7: error: expected ')'") != std::string::npos);
    CHECK(r.err.find(bad2.string() + ":2:5: error: unterminated string") != std::string::npos);
    CHECK(r.err.find(good1.string()) == std::string::npos);
    CHECK(r.err.find("in 2 files") != std::string::npos);

    std::string src = "x = \n";
    r = runFluxi(dir, "check -", &src);
    CHECK(r.status == 1);
    CHECK(r.err.find("<stdin>:1:4: error: expected an expression, found end of file") != std::string::npos);
}

TEST_CASE("cli: an unknown command is named, with the closest verb suggested; `fluxi version`") {
    TempDir dir;
    Run r = runFluxi(dir, "cehck x.flux");
    CHECK(r.status == 2);
    CHECK(r.err.find("unknown command \"cehck\" (did you mean \"check\"?)") != std::string::npos);
    r = runFluxi(dir, "query");
    CHECK(r.status == 2);
    CHECK(r.err.find("unknown command \"query\"") != std::string::npos);
    CHECK(r.err.find("did you mean") == std::string::npos);
    r = runFluxi(dir, "version");
    CHECK(r.status == 0);
    CHECK(r.out.rfind("fluxi ", 0) == 0);
    r = runFluxi(dir, "--help");
    CHECK(r.out.find("Usage: fluxi ") != std::string::npos);
}

TEST_CASE("cli run: with --format csv or json, stdout is only the document and values go to stderr") {
    TempDir dir;
    auto file = dir.write("mixed.flux", "import \"array\"\n1 + 1\narray.from(rows: [{_value: 1}])\n");
    Run r = runFluxi(dir, "run --format json " + q(file));
    CHECK(r.status == 0);
    CHECK(r.out.rfind("[{\"result\":\"_result\"", 0) == 0);
    CHECK(r.err == "2\n");
    r = runFluxi(dir, "run --format csv " + q(file));
    CHECK(r.status == 0);
    CHECK(r.out.rfind("#datatype", 0) == 0);
    CHECK(r.err == "2\n");
    r = runFluxi(dir, "run --format table " + q(file));
    CHECK(r.out.rfind("2\n", 0) == 0);
}

TEST_CASE("cli test: a diff of values whose types differ shows each cell's type") {
    TempDir dir;
    dir.write("types_test.flux",
              "import \"testing\"\nimport \"array\"\nimport \"csv\"\n"
              "want = \"#datatype,string,long,double,string\n#group,false,false,false,true\n#default,_result,,,\n"
              ",result,table,_value,g\n,,0,1,a\n\"\n"
              "testcase types { testing.diff(got: array.from(rows: [{_value: 1, g: \"a\"}]) |> group(columns: [\"g\"]),"
              " want: csv.from(csv: want)) }\n");
    Run r = runFluxi(dir, "test " + q(dir.path / "types_test.flux"));
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.out.find("  table {g=\"a\"}: _diff:string, _value:string, g:string\n"
                             "    _diff=\"-\", _value=\"1 (float)\", g=\"a\"\n"
                             "    _diff=\"+\", _value=\"1 (int)\", g=\"a\"\n") != std::string::npos,
                  r.out);
}

TEST_CASE("cli test: one name per test in PASS/FAIL lines, typed diffs with group keys, a missing path once, --junit") {
    TempDir dir;
    dir.write("a_test.flux",
              "import \"testing\"\nimport \"array\"\n"
              "testcase ok { testing.assertEqualValues(got: 1, want: 1) }\n"
              "testcase bad { testing.diff(got: array.from(rows: [{t: \"x\", v: 2}]) |> group(columns: [\"t\"]),"
              " want: array.from(rows: [{t: \"x\", v: 1}]) |> group(columns: [\"t\"])) }\n");
    Run r = runFluxi(dir, "test -v --junit " + q(dir.path / "report.xml") + " " + q(dir.path / "a_test.flux") + " " +
                              q(dir.path / "missing"));
    CHECK(r.status == 1);
    CHECK(r.out.find("PASS a_test.flux::ok\n") != std::string::npos);
    CHECK(r.out.find("FAIL a_test.flux::bad: testing.diff found differences:\n"
                     "  table {t=\"x\"}: _diff:string, t:string, v:int\n") != std::string::npos);
    CHECK(r.out.find("FAIL " + (dir.path / "missing").string() + ": no such file or folder\n") != std::string::npos);
    CHECK(r.out.find("1 passed, 2 failed, 0 skipped") != std::string::npos);
    std::string xml = readFile(dir.path / "report.xml");
    CHECK(xml.find("<testsuite name=\"fluxi test\" tests=\"3\" failures=\"2\" skipped=\"0\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"a_test.flux\" name=\"ok\"") != std::string::npos);
    CHECK(xml.find("<failure message=\"testing.diff found differences:\">") != std::string::npos);
}
