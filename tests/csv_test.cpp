// Tests of the annotated CSV reader (every datatype, annotations, several tables and results,
// quoting, raw mode, errors with line numbers), of the RFC3339 helpers, and a scan that reads every
// annotated CSV literal of the conformance suite.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/annotated_csv_reader.h"
#include "format/rfc3339.h"
#include "tests/support/conformance.h"

using namespace fluxi;

namespace {

int64_t t(const char* s) {
    int64_t v = 0;
    std::string err;
    REQUIRE_MESSAGE(rfc3339::parse(s, v, &err), err);
    return v;
}

const Table& only(const std::vector<CsvResult>& rs) {
    REQUIRE(rs.size() == 1);
    REQUIRE(rs[0].tables.size() == 1);
    return *rs[0].tables[0];
}

// The CsvError raised by reading `text`.
CsvError errorOf(std::string_view text, CsvMode mode = CsvMode::Annotations) {
    try {
        readAnnotatedCsv(text, mode);
    } catch (const CsvError& e) {
        return e;
    }
    FAIL("expected a CsvError");
    return CsvError(0, "", "");
}

}  // namespace

TEST_CASE("rfc3339: parse and format") {
    CHECK(t("1970-01-01T00:00:00Z") == 0);
    CHECK(t("2021-03-12T13:58:59Z") == 1615557539LL * 1000000000LL);
    CHECK(t("2021-03-12T13:58:59.5Z") == 1615557539LL * 1000000000LL + 500000000);
    CHECK(t("2021-03-12T13:58:59.123456789Z") == 1615557539LL * 1000000000LL + 123456789);
    CHECK(t("2021-03-12T13:58:59.1234567891Z") == 1615557539LL * 1000000000LL + 123456789);  // truncated
    CHECK(t("2021-03-12T15:58:59+02:00") == t("2021-03-12T13:58:59Z"));
    CHECK(t("2021-03-12T08:28:59-05:30") == t("2021-03-12T13:58:59Z"));
    CHECK(t("1969-12-31T23:59:59.999999999Z") == -1);
    CHECK(t("2020-02-29T00:00:00z") == t("2020-02-29T00:00:00Z"));

    int64_t v;
    std::string err;
    CHECK_FALSE(rfc3339::parse("2021-02-29T00:00:00Z", v, &err));
    CHECK(err.find("day 29") != std::string::npos);
    CHECK_FALSE(rfc3339::parse("2021-13-01T00:00:00Z", v, &err));
    CHECK(err.find("month 13") != std::string::npos);
    CHECK_FALSE(rfc3339::parse("2021-01-01T24:00:00Z", v, &err));
    CHECK_FALSE(rfc3339::parse("2021-01-01T00:00:00", v, &err));
    CHECK(err.find("time zone") != std::string::npos);
    CHECK_FALSE(rfc3339::parse("2021-01-01", v, &err));
    CHECK_FALSE(rfc3339::parse("2021-01-01T00:00:00.Z", v, &err));
    CHECK_FALSE(rfc3339::parse("2021-01-01T00:00:00Zjunk", v, &err));
    CHECK_FALSE(rfc3339::parse("3000-01-01T00:00:00Z", v, &err));
    CHECK(err.find("out of range") != std::string::npos);

    CHECK(rfc3339::formatNano(0) == "1970-01-01T00:00:00Z");
    CHECK(rfc3339::formatNano(-1) == "1969-12-31T23:59:59.999999999Z");
    CHECK(rfc3339::formatNano(t("2021-03-12T13:58:59.5Z")) == "2021-03-12T13:58:59.5Z");
    CHECK(rfc3339::formatNano(t("2021-03-12T13:58:59.000120Z")) == "2021-03-12T13:58:59.00012Z");
    CHECK(rfc3339::formatNano(INT64_MAX) == "2262-04-11T23:47:16.854775807Z");
    CHECK(rfc3339::formatNano(INT64_MIN) == "1677-09-21T00:12:43.145224192Z");
    for (int64_t x : {int64_t{0}, int64_t{-1}, int64_t{1}, INT64_MAX, INT64_MIN, int64_t{951782400123000000}})
        CHECK(t(rfc3339::formatNano(x).c_str()) == x);
}

TEST_CASE("csv: every datatype, nulls and defaults") {
    std::string text =
        "#datatype,string,long,string,long,unsignedLong,double,boolean,dateTime:RFC3339,dateTime:RFC3339Nano\n"
        "#group,false,false,false,false,false,false,false,false,false\n"
        "#default,_result,,,7,,,,,\n"
        ",result,table,s,i,u,f,b,t,tn\n"
        ",,0,hello,-67,152,42.69,false,2021-03-12T13:58:59Z,2021-03-12T13:58:59.123456789Z\n"
        ",,0,,,,,,,\n"
        ",,0,x,+5,18446744073709551615,-Inf,TRUE,2021-03-12T13:58:59+01:00,2021-03-12T13:58:59.5Z\n"
        ",,0,y,-9223372036854775808,0,NaN,0,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z\n"
        ",,0,z,1,1,+Inf,t,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z\n"
        ",,0,w,1,1,1e-400,F,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z\n";
    auto rs = readAnnotatedCsv(text);
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].name == "_result");
    const Table& tb = only(rs);
    REQUIRE(tb.numColumns() == 7);  // result and table are not columns
    CHECK(tb.meta[0] == ColumnMeta{"s", ColType::String});
    CHECK(tb.meta[1] == ColumnMeta{"i", ColType::Int});
    CHECK(tb.meta[2] == ColumnMeta{"u", ColType::UInt});
    CHECK(tb.meta[3] == ColumnMeta{"f", ColType::Float});
    CHECK(tb.meta[4] == ColumnMeta{"b", ColType::Bool});
    CHECK(tb.meta[5] == ColumnMeta{"t", ColType::Time});
    CHECK(tb.meta[6] == ColumnMeta{"tn", ColType::Time});
    CHECK(tb.key.cols.empty());
    REQUIRE(tb.nrows == 6);

    CHECK(tb.column(0).get(0).asString() == "hello");
    CHECK(tb.column(1).get(0).asInt() == -67);
    CHECK(tb.column(2).get(0).asUInt() == 152u);
    CHECK(tb.column(3).get(0).asFloat() == 42.69);
    CHECK(tb.column(4).get(0).asBool() == false);
    CHECK(tb.column(5).get(0).asTime() == t("2021-03-12T13:58:59Z"));
    CHECK(tb.column(6).get(0).asTime() == t("2021-03-12T13:58:59.123456789Z"));

    // row 2: empty cells are null, except i whose #default is 7
    CHECK(tb.column(0).isNull(1));
    CHECK(tb.column(1).get(1).asInt() == 7);
    for (size_t c = 2; c < 7; c++) CHECK(tb.column(c).isNull(1));

    CHECK(tb.column(1).get(2).asInt() == 5);
    CHECK(tb.column(2).get(2).asUInt() == UINT64_MAX);
    CHECK(tb.column(3).get(2).asFloat() == -INFINITY);
    CHECK(tb.column(4).get(2).asBool());
    CHECK(tb.column(5).get(2).asTime() == t("2021-03-12T12:58:59Z"));
    CHECK(tb.column(1).get(3).asInt() == INT64_MIN);
    CHECK(std::isnan(tb.column(3).get(3).asFloat()));
    CHECK_FALSE(tb.column(4).get(3).asBool());
    CHECK(tb.column(3).get(4).asFloat() == INFINITY);
    CHECK(tb.column(3).get(5).asFloat() == 0.0);  // underflow rounds to zero
    CHECK_FALSE(tb.column(4).get(5).asBool());
}

TEST_CASE("csv: group keys, table ids, blocks and results") {
    std::string text =
        "#group,false,false,true,false\n"  // annotations in any order
        "#datatype,string,long,string,double\n"
        "#default,_result,,,\n"
        ",result,table,host,_value\n"
        ",,0,a,1\n"
        ",,0,a,2\n"
        ",,1,b,3\n"
        "\n"
        "#datatype,string,long,string,double\n"
        "#group,false,false,true,false\n"
        "#default,_result,,,\n"
        ",result,table,host,_value\n"
        ",,0,c,4\n"  // table 0 again, but a new block: a new table
        "\r\n"
        "#datatype,string,long,string,long\n"
        "#group,false,false,true,false\n"
        "#default,other,,,\n"
        ",result,table,host,n\n"
        ",,0,d,5\n"
        ",mean,0,d,6\n";
    auto rs = readAnnotatedCsv(text);
    REQUIRE(rs.size() == 3);
    CHECK(rs[0].name == "_result");
    CHECK(rs[1].name == "other");
    CHECK(rs[2].name == "mean");
    REQUIRE(rs[0].tables.size() == 3);
    const Table& a = *rs[0].tables[0];
    CHECK(a.nrows == 2);
    REQUIRE(a.key.cols.size() == 1);
    CHECK(a.key.cols[0] == ColumnMeta{"host", ColType::String});
    CHECK(a.key.values[0].asString() == "a");
    CHECK(rs[0].tables[1]->key.values[0].asString() == "b");
    CHECK(rs[0].tables[2]->key.values[0].asString() == "c");
    CHECK(rs[0].tables[2]->column(1).get(0).asFloat() == 4);
    REQUIRE(rs[1].tables.size() == 1);
    CHECK(rs[1].tables[0]->meta[1] == ColumnMeta{"n", ColType::Int});
    CHECK(rs[2].tables[0]->column(1).get(0).asInt() == 6);
}

TEST_CASE("csv: the group key comes from the first row of a table") {
    // The reference implementation does not check later rows; the conformance suite relies on that.
    auto rs = readAnnotatedCsv("#datatype,string,long,string\n#group,false,false,true\n#default,_result,,\n"
                               ",result,table,host\n,,0,a\n,,0,b\n");
    const Table& tb = only(rs);
    CHECK(tb.nrows == 2);
    CHECK(tb.key.values[0].asString() == "a");
    CHECK(tb.column(0).get(1).asString() == "b");
}

TEST_CASE("csv: times outside the int64 nanosecond range are an error with the line, never wrapped") {
    CsvError late = errorOf("#datatype,string,long,dateTime:RFC3339\n#group,false,false,false\n"
                            "#default,_result,,\n,result,table,t\n,,0,2020-01-01T00:00:00Z\n"
                            ",,0,2263-01-01T00:00:00Z\n");
    CHECK(late.line() == 6);
    CHECK(late.column() == "t");
    CHECK(late.detail().find("out of range") != std::string::npos);
    CsvError early = errorOf("#datatype,string,long,dateTime:RFC3339\n#group,false,false,false\n"
                             "#default,_result,,\n,result,table,t\n,,0,1677-09-21T00:12:43.145224191Z\n");
    CHECK(early.line() == 5);
    CsvError far = errorOf("#datatype,string,long,dateTime:RFC3339\n#group,false,false,false\n"
                           "#default,_result,,\n,result,table,t\n,,0,9999-12-31T00:00:00Z\n");
    CHECK(far.line() == 5);
    int64_t v;
    CHECK_FALSE(rfc3339::parse("2554-07-21T23:34:33.709551615Z", v));
    REQUIRE(rfc3339::parse("2262-04-11T23:47:16.854775807Z", v));
    CHECK(v == INT64_MAX);
    REQUIRE(rfc3339::parse("1677-09-21T00:12:43.145224192Z", v));
    CHECK(v == INT64_MIN);
}

TEST_CASE("csv: an empty table takes its key from #default") {
    std::string text =
        "#datatype,string,long,string,double\n"
        "#group,false,false,true,false\n"
        "#default,_result,3,zz,\n"
        ",result,table,host,_value\n"
        "\n"
        "#datatype,string,long,string,double\n"
        "#group,false,false,true,false\n"
        "#default,_result,,,\n"
        ",result,table,host,_value\n"
        ",,4,a,1\n";
    auto rs = readAnnotatedCsv(text);
    REQUIRE(rs.size() == 1);
    REQUIRE(rs[0].tables.size() == 2);
    const Table& e = *rs[0].tables[0];
    CHECK(e.nrows == 0);
    CHECK(e.numColumns() == 2);
    REQUIRE(e.key.cols.size() == 1);
    CHECK(e.key.values[0].asString() == "zz");
    CHECK(rs[0].tables[1]->nrows == 1);
}

TEST_CASE("csv: quoted fields, escapes and embedded newlines") {
    std::string text =
        "#datatype,string,long,string,string\n"
        "#group,false,false,false,false\n"
        "#default,_result,,,\n"
        ",result,table,a,b\n"
        ",,0,\"x,y\",\"say \"\"hi\"\"\"\n"
        ",,0,\"line1\r\nline2\nline3\",\"\"\n"
        ",,0,plain\"quote,\" lead\"\r\n"
        ",,0,last,bad";
    auto rs = readAnnotatedCsv(text);
    const Table& tb = only(rs);
    REQUIRE(tb.nrows == 4);
    CHECK(tb.column(0).get(0).asString() == "x,y");
    CHECK(tb.column(1).get(0).asString() == "say \"hi\"");
    CHECK(tb.column(0).get(1).asString() == "line1\nline2\nline3");
    CHECK(tb.column(1).isNull(1));  // "" is an empty cell
    CHECK(tb.column(0).get(2).asString() == "plain\"quote");  // a quote inside an unquoted field is kept
    CHECK(tb.column(1).get(2).asString() == " lead");
    CHECK(tb.column(1).get(3).asString() == "bad");  // no newline at the end

    // line numbers keep counting through quoted newlines
    std::string bad =
        "#datatype,string,long,string,long\n"
        "#group,false,false,false,false\n"
        "#default,_result,,,\n"
        ",result,table,a,n\n"
        ",,0,\"multi\nline\",1\n"
        ",,0,x,oops\n";
    CsvError e = errorOf(bad);
    CHECK(e.line() == 7);
    CHECK(e.column() == "n");
}

TEST_CASE("csv: repeated strings share one object") {
    std::string text =
        "#datatype,string,long,string,string\n"
        "#group,false,false,true,false\n"
        "#default,_result,,,\n"
        ",result,table,host,v\n"
        ",,0,a,x\n"
        ",,0,a,x\n"
        ",,0,a,y\n"
        ",,0,a,x\n";
    auto rs = readAnnotatedCsv(text);
    const Table& tb = only(rs);
    const StrRef* host = tb.column(0).strings();
    CHECK(host[0].get() == host[1].get());
    CHECK(host[0].get() == host[3].get());
    const StrRef* v = tb.column(1).strings();
    CHECK(v[0].get() == v[1].get());
    CHECK(v[1].get() != v[2].get());
    CHECK(v[3]->s == "x");
}

TEST_CASE("csv: raw mode") {
    std::string text =
        "\xEF\xBB\xBF"  // byte order mark
        "time,float,int\n"
        "2021-03-12T13:58:59Z,42.69,-67\n"
        "\n"
        "x,,\"a,b\"\n";
    auto rs = readAnnotatedCsv(text, CsvMode::Raw);
    const Table& tb = only(rs);
    CHECK(rs[0].name == "_result");
    REQUIRE(tb.numColumns() == 3);
    CHECK(tb.meta[0] == ColumnMeta{"time", ColType::String});
    CHECK(tb.meta[2] == ColumnMeta{"int", ColType::String});
    CHECK(tb.key.cols.empty());
    REQUIRE(tb.nrows == 2);
    CHECK(tb.column(0).get(0).asString() == "2021-03-12T13:58:59Z");
    CHECK(tb.column(1).get(0).asString() == "42.69");
    CHECK(tb.column(1).isNull(1));
    CHECK(tb.column(2).get(1).asString() == "a,b");

    CHECK(readAnnotatedCsv("", CsvMode::Raw).empty());
    CHECK(readAnnotatedCsv("\n\n", CsvMode::Annotations).empty());
    auto headerOnly = readAnnotatedCsv("a,b\n", CsvMode::Raw);
    CHECK(only(headerOnly).nrows == 0);

    CsvError e = errorOf("a,b\n1,2\n3\n", CsvMode::Raw);
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("expected 2 fields") != std::string::npos);
    CsvMode m;
    CHECK(parseCsvMode("raw", m));
    CHECK(m == CsvMode::Raw);
    CHECK(parseCsvMode("annotations", m));
    CHECK(m == CsvMode::Annotations);
    CHECK_FALSE(parseCsvMode("json", m));
}

TEST_CASE("csv: errors name the line, the column and what was expected") {
    const std::string head =
        "#datatype,string,long,long,double\n"
        "#group,false,false,false,false\n"
        "#default,_result,,,\n"
        ",result,table,n,f\n";
    SUBCASE("bad long") {
        CsvError e = errorOf(head + ",,0,1,1.5\n,,0,abc,2\n");
        CHECK(e.line() == 6);
        CHECK(e.column() == "n");
        CHECK(std::string(e.what()) ==
              "line 6, column \"n\": invalid long value \"abc\" (expected an integer such as -42)");
    }
    SUBCASE("bad double") {
        CsvError e = errorOf(head + ",,0,1,x1\n");
        CHECK(e.line() == 5);
        CHECK(e.column() == "f");
        CHECK(e.detail().find("invalid double") != std::string::npos);
    }
    SUBCASE("long out of range") {
        CsvError e = errorOf(head + ",,0,9223372036854775808,1\n");
        CHECK(e.column() == "n");
    }
    SUBCASE("double overflow") { CHECK(errorOf(head + ",,0,1,1e999\n").column() == "f"); }
    SUBCASE("wrong field count") {
        CsvError e = errorOf(head + ",,0,1\n");
        CHECK(e.line() == 5);
        CHECK(e.detail() == "expected 5 fields as in the header, found 4");
    }
    SUBCASE("junk in the annotation column") {
        CsvError e = errorOf(head + "x,,0,1,2\n");
        CHECK(e.line() == 5);
        CHECK(e.detail().find("first column") != std::string::npos);
    }
    SUBCASE("no annotations at all") {
        CsvError e = errorOf("a,b\n1,2\n");
        CHECK(e.line() == 1);
        CHECK(e.detail().find("mode: \"raw\"") != std::string::npos);
    }
    SUBCASE("a missing annotation") {
        CsvError e = errorOf("#datatype,string,long,long\n#default,_result,,\n,result,table,n\n");
        CHECK(e.line() == 3);
        CHECK(e.detail().find("#group") != std::string::npos);
    }
    SUBCASE("no header") {
        CsvError e = errorOf("#datatype,string,long,long\n#group,false,false,false\n#default,_result,,\n");
        CHECK(e.line() == 1);
        CHECK(e.detail().find("header") != std::string::npos);
    }
    SUBCASE("header without result and table") {
        CsvError e =
            errorOf("#datatype,string,long,long\n#group,false,false,false\n#default,_result,,\n,a,b,n\n");
        CHECK(e.line() == 4);
        CHECK(e.detail().find(",result,table") != std::string::npos);
    }
    SUBCASE("annotation rows of different widths") {
        CsvError e = errorOf("#datatype,string,long,long\n#group,false,false\n#default,_result,,\n,result,table,n\n");
        CHECK(e.line() == 2);
    }
    SUBCASE("unknown datatype") {
        CsvError e = errorOf("#datatype,string,long,integer\n#group,false,false,false\n#default,_result,,\n"
                             ",result,table,n\n");
        CHECK(e.line() == 1);
        CHECK(e.column() == "n");
        CHECK(e.detail().find("unknown datatype \"integer\"") != std::string::npos);
    }
    SUBCASE("duration datatype is rejected") {
        CsvError e = errorOf("#datatype,string,long,duration\n#group,false,false,false\n#default,_result,,\n"
                             ",result,table,d\n,,0,1h\n");
        CHECK(e.column() == "d");
        CHECK(e.detail().find("\"duration\" is not supported") != std::string::npos);
    }
    SUBCASE("bad group flag") {
        CsvError e = errorOf("#datatype,string,long,long\n#group,false,false,yes\n#default,_result,,\n"
                             ",result,table,n\n");
        CHECK(e.line() == 2);
        CHECK(e.column() == "n");
    }
    SUBCASE("bad default") {
        CsvError e = errorOf("#datatype,string,long,long\n#group,false,false,false\n#default,_result,,x\n"
                             ",result,table,n\n");
        CHECK(e.line() == 3);
        CHECK(e.detail().find("in #default") != std::string::npos);
    }
    SUBCASE("bad time") {
        CsvError e = errorOf("#datatype,string,long,dateTime:RFC3339\n#group,false,false,false\n"
                             "#default,_result,,\n,result,table,_time\n,,0,2021-01-01\n");
        CHECK(e.line() == 5);
        CHECK(e.column() == "_time");
        CHECK(e.detail().find("invalid dateTime value \"2021-01-01\"") != std::string::npos);
    }
    SUBCASE("bad boolean") { CHECK(errorOf("#datatype,string,long,boolean\n#group,false,false,false\n"
                                           "#default,_result,,\n,result,table,b\n,,0,yes\n")
                                       .column() == "b"); }
    SUBCASE("duplicate column name") {
        CsvError e = errorOf("#datatype,string,long,long,long\n#group,false,false,false,false\n"
                             "#default,_result,,,\n,result,table,n,n\n");
        CHECK(e.line() == 4);
        CHECK(e.column() == "n");
    }
    SUBCASE("unclosed quote") {
        CsvError e = errorOf(head + ",,0,1,2\n,,0,\"1,2\n");
        CHECK(e.line() == 6);
        CHECK(e.detail().find("not closed") != std::string::npos);
    }
    SUBCASE("text after a closing quote") {
        CsvError e = errorOf(head + ",,0,\"1\"x,2\n");
        CHECK(e.line() == 5);
    }
    SUBCASE("a serialized query error") {
        CsvError e = errorOf("#datatype,string,string\n#group,true,true\n#default,,\n,error,reference\n"
                             ",\"failed to run, badly\",\n");
        CHECK(e.detail() == "the CSV holds a query error: failed to run, badly");
    }
}

// Reads every annotated CSV string literal in the conformance suite's Flux files: the reader must
// accept all the data the reference implementation's tests use.
TEST_CASE("csv: reads every annotated CSV literal of the conformance suite" * doctest::test_suite("conformance")) {
    size_t literals = 0, failures = 0, outOfRange = 0;
    for (const auto& lit : fluxi::testutil::conformanceCsvLiterals()) {
        literals++;
        try {
            readAnnotatedCsv(lit.text);
        } catch (const CsvError& e) {
            // The reference wraps times past 2262 around (to_convert_test's to_time writes
            // uint 2^64 - 1 as 2554-07-21T23:34:33.709551615Z); fluxi refuses them.
            if (lit.file.filename() == "to_convert_test.flux" &&
                e.detail().find("time out of range") != std::string::npos) {
                outOfRange++;
                continue;
            }
            failures++;
            MESSAGE(lit.file.string() << ": " << e.what());
        }
    }
    MESSAGE(literals, " annotated CSV literals read");
    CHECK(literals > 400);
    CHECK(failures == 0);
    CHECK(outOfRange == 3);
}
