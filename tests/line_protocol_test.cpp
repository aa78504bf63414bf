// Tests of the line protocol parser: every escape rule, every value form, every error kind with its
// line and column.
#include <doctest/doctest.h>

#include <cmath>

#include "store/line_protocol.h"
#include "store/write_batch_impl.h"

using namespace fluxi::store;

namespace {

struct Parsed {
    WriteBatch batch;
    LineProtocolStats stats;
};

Parsed parse(std::string_view text, Precision p = Precision::ns, int64_t now = 777) {
    Parsed r;
    r.stats = parseLineProtocol(text, "b", p, now, r.batch);
    return r;
}

const WriteBatch::Impl::Series& seriesOf(const Parsed& p, size_t point) {
    const auto& m = p.batch.impl();
    return m.series[m.points.at(point).series];
}
const WriteBatch::Impl::Point& pointAt(const Parsed& p, size_t i) { return p.batch.impl().points.at(i); }
std::string stringAt(const Parsed& p, size_t i) {
    const auto& pt = pointAt(p, i);
    return p.batch.impl().strings.substr(pt.v.u, pt.strLen);
}

LineProtocolError errorOf(std::string_view text, Precision p = Precision::ns) {
    try {
        parse(text, p);
    } catch (const LineProtocolError& e) {
        return e;
    }
    FAIL("expected a line protocol error for: " << text);
    return LineProtocolError(0, 0, "");
}

}  // namespace

TEST_CASE("line protocol: basic point with tags, fields and timestamp") {
    auto p = parse("cpu,host=a,region=eu usage=1.5,count=3i 1000\n");
    CHECK(p.stats.lines == 1);
    CHECK(p.stats.points == 2);
    REQUIRE(p.batch.size() == 2);
    const auto& s0 = seriesOf(p, 0);
    CHECK(s0.bucket == "b");
    CHECK(s0.measurement == "cpu");
    REQUIRE(s0.tags.size() == 2);
    CHECK(s0.tags[0] == Tag{"host", "a"});
    CHECK(s0.tags[1] == Tag{"region", "eu"});
    CHECK(s0.field == "usage");
    CHECK(s0.type == ValueType::Float);
    CHECK(pointAt(p, 0).v.f == 1.5);
    CHECK(pointAt(p, 0).time == 1000);
    CHECK(seriesOf(p, 1).field == "count");
    CHECK(seriesOf(p, 1).type == ValueType::Int);
    CHECK(pointAt(p, 1).v.i == 3);
}

TEST_CASE("line protocol: tags are sorted and the same series is interned once") {
    auto p = parse("m,z=1,a=2 f=1 1\nm,a=2,z=1 f=2 2\n");
    CHECK(p.batch.seriesCount() == 1);
    CHECK(seriesOf(p, 0).tags[0].key == "a");
}

TEST_CASE("line protocol: default timestamp and precision") {
    auto p = parse("m f=1");
    CHECK(pointAt(p, 0).time == 777);
    CHECK(parse("m f=1 5", Precision::s).batch.impl().points[0].time == 5000000000LL);
    CHECK(parse("m f=1 5", Precision::ms).batch.impl().points[0].time == 5000000LL);
    CHECK(parse("m f=1 5", Precision::us).batch.impl().points[0].time == 5000LL);
    CHECK(parse("m f=1 -5", Precision::ns).batch.impl().points[0].time == -5);
    Precision pr;
    CHECK(parsePrecision("ms", pr));
    CHECK(pr == Precision::ms);
    CHECK_FALSE(parsePrecision("h", pr));
}

TEST_CASE("line protocol: field value forms") {
    auto p = parse("m a=1,b=-2.5,c=1e3,d=-4E-2,e=7i,f=-7i,g=9u,h=\"x\",i=t,j=T,k=true,l=True,m=TRUE,n=f,o=F,p=false,q=False,r=FALSE,s=.5,t=+3 1");
    REQUIRE(p.batch.size() == 20);
    CHECK(pointAt(p, 0).v.f == 1.0);
    CHECK(pointAt(p, 1).v.f == -2.5);
    CHECK(pointAt(p, 2).v.f == 1000.0);
    CHECK(pointAt(p, 3).v.f == doctest::Approx(-0.04));
    CHECK(seriesOf(p, 4).type == ValueType::Int);
    CHECK(pointAt(p, 4).v.i == 7);
    CHECK(pointAt(p, 5).v.i == -7);
    CHECK(seriesOf(p, 6).type == ValueType::UInt);
    CHECK(pointAt(p, 6).v.u == 9u);
    CHECK(seriesOf(p, 7).type == ValueType::String);
    CHECK(stringAt(p, 7) == "x");
    for (int i = 8; i <= 12; i++) {
        CHECK(seriesOf(p, static_cast<size_t>(i)).type == ValueType::Bool);
        CHECK(pointAt(p, static_cast<size_t>(i)).v.i == 1);
    }
    for (int i = 13; i <= 17; i++) CHECK(pointAt(p, static_cast<size_t>(i)).v.i == 0);
    CHECK(pointAt(p, 18).v.f == 0.5);
    CHECK(pointAt(p, 19).v.f == 3.0);
    auto big = parse("m i=9223372036854775807i,j=-9223372036854775808i,u=18446744073709551615u 1");
    CHECK(pointAt(big, 0).v.i == INT64_MAX);
    CHECK(pointAt(big, 1).v.i == INT64_MIN);
    CHECK(pointAt(big, 2).v.u == UINT64_MAX);
}

TEST_CASE("line protocol: escapes in measurement, tag keys, tag values and field keys") {
    auto p = parse("my\\ meas\\,x,t\\ k\\=1\\,=v\\ 1\\,2\\=3 f\\ k\\=\\,=1 1");
    const auto& s = seriesOf(p, 0);
    CHECK(s.measurement == "my meas,x");
    REQUIRE(s.tags.size() == 1);
    CHECK(s.tags[0].key == "t k=1,");
    CHECK(s.tags[0].value == "v 1,2=3");
    CHECK(s.field == "f k=,");
    // a backslash before an ordinary character is kept; a doubled backslash is one backslash
    auto q = parse("a\\b,t=c\\d f\\x=1,g=\"\\n\" 1\nm,t=x\\\\ f=1 1");
    CHECK(seriesOf(q, 0).measurement == "a\\b");
    CHECK(seriesOf(q, 0).tags[0].value == "c\\d");
    CHECK(seriesOf(q, 0).field == "f\\x");
    CHECK(stringAt(q, 1) == "\\n");
    CHECK(seriesOf(q, 2).tags[0].value == "x\\");
    // '=' need not be escaped in a measurement name
    CHECK(seriesOf(parse("a=b f=1 1"), 0).measurement == "a=b");
}

TEST_CASE("line protocol: string field escapes and multi-line strings") {
    auto p = parse("m s=\"say \\\"hi\\\" \\\\ back, a=b c\" 1\nm s=\"two\nlines\" 2\nm s=\"\" 3");
    CHECK(stringAt(p, 0) == "say \"hi\" \\ back, a=b c");
    CHECK(stringAt(p, 1) == "two\nlines");
    CHECK(pointAt(p, 1).time == 2);
    CHECK(stringAt(p, 2) == "");
    CHECK(p.stats.lines == 3);
}

TEST_CASE("line protocol: comments, blank lines, CRLF and surrounding whitespace") {
    auto p = parse("# a comment\n\n   \ncpu f=1 1\r\n  # indented comment\n\tcpu f=2 2   \ncpu  f=3   3\n");
    CHECK(p.stats.lines == 3);
    CHECK(pointAt(p, 1).time == 2);
    CHECK(pointAt(p, 2).v.f == 3);
    CHECK(parse("").stats.lines == 0);
    CHECK(parse("# only\n# comments").stats.lines == 0);
}

TEST_CASE("line protocol: duplicate fields on one line keep both, the later one last") {
    auto p = parse("m f=1,f=2 1");
    REQUIRE(p.batch.size() == 2);
    CHECK(pointAt(p, 1).v.f == 2);
}

TEST_CASE("line protocol: errors carry line, column and what was expected") {
    struct Case {
        const char* text;
        size_t line, column;
        const char* fragment;
    };
    const Case cases[] = {
        {"m f=1 1\n,t=1 f=1", 2, 1, "expected a measurement name"},
        {"m,=v f=1", 1, 3, "expected a tag key"},
        {"m,t f=1", 1, 4, "expected '=' after tag key \"t\""},
        {"m,t= f=1", 1, 5, "missing value for tag key \"t\""},
        {"m,t=a=b f=1", 1, 6, "unescaped '='"},
        {"m,t=a,t=b f=1", 1, 7, "duplicate tag key \"t\""},
        {"m", 1, 2, "missing field set"},
        {"m,t=a ", 1, 7, "missing field set"},
        {"m =1", 1, 3, "expected a field key"},
        {"m f", 1, 4, "expected '=' after field key \"f\""},
        {"m f=", 1, 5, "missing value for field \"f\""},
        {"m f=1,", 1, 7, "expected a field key"},
        {"m f=abc", 1, 5, "expected a number, a quoted string or a boolean"},
        {"m f=tru", 1, 5, "expected a boolean"},
        {"m f=1.5i", 1, 5, "expected an integer"},
        {"m f=99999999999999999999i", 1, 5, "out of range"},
        {"m f=-1u", 1, 5, "negative"},
        {"m f=1x", 1, 5, "expected a number"},
        {"m f=nan", 1, 5, "expected a number"},
        {"m f=-inf", 1, 5, "expected a finite number"},
        {"m f=\"abc", 1, 5, "unterminated string"},
        {"m f=1 12ab", 1, 7, "invalid timestamp"},
        {"m f=1 1 2", 1, 9, "unexpected text after the timestamp"},
        {"m f=1 99999999999999999999", 1, 7, "out of range"},
        {"m f=1\"x\"", 1, 5, "expected a number"},
        {"m f=\"x\"y", 1, 8, "expected ',' or a space"},
        {"a f=1 1\nb f=1 2\n\n# c\nm f=1,f=2i 3", 5, 7, "field type conflict"},
        {"m s=\"a\nb\" 1\nm f=oops", 3, 5, "expected a number"},
        {"m f=1 1\nm,_field=x f=1 2", 2, 3, "tag key \"_field\" is reserved"},
        {"m,_measurement=x f=1", 1, 3, "is reserved"},
        {"m,a=1,_time=x f=1", 1, 7, "is reserved"},
        {"m,_start=x f=1", 1, 3, "is reserved"},
        {"m,_stop=x f=1", 1, 3, "is reserved"},
        {"m,_value=x f=1", 1, 3, "is reserved"},
        {"m,t=a\xff f=1", 1, 6, "invalid UTF-8 in a tag value"},
        {"m,\xc3t=a f=1", 1, 3, "invalid UTF-8 in a tag key"},
        {"m f\xe2\x82=1", 1, 4, "invalid UTF-8 in a field key"},
        {"\xc0\xafm f=1", 1, 1, "invalid UTF-8 in a measurement name"},
        {"m f=1 9223372036854775807", 1, 7, "out of range: expected nanoseconds between"},
        {"m f=1 -9223372036854775807", 1, 7, "out of range: expected nanoseconds between"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        LineProtocolError e = errorOf(c.text);
        CHECK(e.line() == c.line);
        CHECK(e.column() == c.column);
        CHECK(e.message().find(c.fragment) != std::string::npos);
        CHECK(std::string(e.what()).find("line " + std::to_string(c.line) + ", column ") == 0);
    }
    LineProtocolError e = errorOf("m f=1 9223372036854775807", Precision::s);
    CHECK(e.message().find("out of range for this precision") != std::string::npos);
    // NUL inside a name (a C string literal would end at it)
    LineProtocolError nul = errorOf(std::string_view("m,t=a\0b f=1", 11));
    CHECK(nul.column() == 6);
    CHECK(nul.message().find("NUL byte in a tag value") != std::string::npos);
    // the ends of the accepted range, and non-reserved names that start with '_' or hold UTF-8
    auto p = parse("m,_tag=x,h\xc3\xa9=\xe2\x82\xac f=1 9223372036854775806\nm f=1 -9223372036854775806\n");
    CHECK(p.stats.points == 2);
    CHECK(pointAt(p, 0).time == INT64_MAX - 1);
    CHECK(pointAt(p, 1).time == INT64_MIN + 2);
}

TEST_CASE("line protocol: formatting helpers escape what the parser unescapes") {
    std::string line;
    appendEscapedMeasurement(line, "my meas,x");
    line += ',';
    appendEscapedKey(line, "t k=1,");
    line += '=';
    appendEscapedKey(line, "v 1\\");
    line += ' ';
    appendEscapedKey(line, "f=");
    line += '=';
    appendQuotedString(line, "a \"q\" \\ b");
    line += " 5";
    auto p = parse(line);
    const auto& s = seriesOf(p, 0);
    CHECK(s.measurement == "my meas,x");
    CHECK(s.tags[0].key == "t k=1,");
    CHECK(s.tags[0].value == "v 1\\");
    CHECK(s.field == "f=");
    CHECK(stringAt(p, 0) == "a \"q\" \\ b");
}
