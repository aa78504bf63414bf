// Tests of the table model (columns, validity bitmaps, group keys, the table builder) and of the
// stream recipes (materialized, map, flat-map, blocking, collect).
#include <doctest/doctest.h>

#include <stdexcept>

#include "eval/stream.h"
#include "eval/table.h"

using namespace fluxi;

namespace {

GroupKey makeKey(std::vector<std::pair<std::string, Value>> kv) {
    GroupKey k;
    for (auto& [name, v] : kv) {
        ColType t = ColType::String;
        REQUIRE(kindToColType(v.kind(), t));
        k.cols.push_back({name, t});
        k.values.push_back(v);
    }
    return k;
}

TablePtr intTable(std::vector<int64_t> vals, std::string tag = "a") {
    TableBuilder b(makeKey({{"t", Value::string(tag)}}));
    int t = b.addColumn("t", ColType::String);
    int v = b.addColumn("_value", ColType::Int);
    StrRef s = make<StringObj>(tag);
    for (int64_t x : vals) {
        b.column(t).appendString(s);
        b.column(v).appendInt(x);
    }
    return b.finish();
}

}  // namespace

TEST_CASE("tables: column type names and kinds") {
    CHECK(std::string(colTypeName(ColType::Bool)) == "bool");
    CHECK(std::string(colTypeName(ColType::Int)) == "int");
    CHECK(std::string(colTypeName(ColType::UInt)) == "uint");
    CHECK(std::string(colTypeName(ColType::Float)) == "float");
    CHECK(std::string(colTypeName(ColType::String)) == "string");
    CHECK(std::string(colTypeName(ColType::Time)) == "time");
    ColType t;
    CHECK(kindToColType(Kind::Time, t));
    CHECK(t == ColType::Time);
    CHECK(colTypeKind(ColType::UInt) == Kind::UInt);
    CHECK_FALSE(kindToColType(Kind::Duration, t));
    CHECK_FALSE(kindToColType(Kind::Null, t));
    CHECK_FALSE(kindToColType(Kind::Record, t));
}

TEST_CASE("tables: column without nulls has no bitmap and reads back values") {
    Column c(ColType::Float);
    c.reserve(3);
    c.appendFloat(1.5);
    c.appendFloat(-2);
    CHECK(c.size() == 2);
    CHECK(c.nullCount() == 0);
    CHECK(c.isValid(0));
    CHECK(c.isValid(1));
    CHECK(c.floats()[1] == -2);
    Value v = c.get(0);
    CHECK(v.is(Kind::Float));
    CHECK(v.asFloat() == 1.5);
}

TEST_CASE("tables: validity bitmap across word boundaries") {
    Column c(ColType::Int);
    // 70 valid rows, then a null at 70, valid 71..129, null at 130 (third word), valid 131.
    for (int i = 0; i < 70; i++) c.appendInt(i);
    c.appendNull();
    for (int i = 71; i < 130; i++) c.appendInt(i);
    c.appendNull();
    c.appendInt(131);
    REQUIRE(c.size() == 132);
    CHECK(c.nullCount() == 2);
    for (size_t i = 0; i < c.size(); i++) {
        bool expectNull = (i == 70 || i == 130);
        CHECK_MESSAGE(c.isNull(i) == expectNull, "row ", i);
        if (!expectNull) CHECK(c.get(i).asInt() == static_cast<int64_t>(i));
    }
    CHECK(c.get(70).isNull());
    CHECK(c.ints()[70] == 0);  // placeholder
}

TEST_CASE("tables: first row null and exactly 64 rows before a null") {
    Column a(ColType::Bool);
    a.appendNull();
    a.appendBool(true);
    CHECK(a.isNull(0));
    CHECK(a.isValid(1));
    CHECK(a.get(1).asBool());

    Column b(ColType::UInt);
    for (int i = 0; i < 64; i++) b.appendUInt(i);
    b.appendNull();
    b.appendUInt(7);
    CHECK(b.isValid(63));
    CHECK(b.isNull(64));
    CHECK(b.isValid(65));
    CHECK(b.get(65).asUInt() == 7u);
}

TEST_CASE("tables: string columns share their string objects") {
    Column c(ColType::String);
    StrRef s = make<StringObj>("host-a");
    c.appendString(s);
    c.appendString(s);
    c.appendString(std::string_view("other"));
    c.appendString(StrRef());  // a missing object is a null cell
    CHECK(c.size() == 4);
    CHECK(c.strings()[0].get() == s.get());
    CHECK(c.strings()[1].get() == s.get());
    CHECK(s->refs.load() == 3);  // s + two cells
    Value v = c.get(1);
    CHECK(v.asString() == "host-a");
    CHECK(s->refs.load() == 4);  // get() shares the object, copies nothing
    CHECK(c.get(2).asString() == "other");
    CHECK(c.get(3).isNull());
}

TEST_CASE("tables: appendValue checks kinds; appendFrom copies cells and nulls") {
    Column t(ColType::Time);
    CHECK(t.appendValue(Value::time(42)));
    CHECK(t.appendValue(Value::null()));
    CHECK_FALSE(t.appendValue(Value::integer(1)));  // an int is not a time
    CHECK_FALSE(t.appendValue(Value::string("x")));
    CHECK(t.size() == 2);
    CHECK(t.get(0).is(Kind::Time));
    CHECK(t.get(0).asTime() == 42);
    CHECK(t.get(1).isNull());

    Column s(ColType::String);
    CHECK(s.appendValue(Value::string("a")));
    Column copy(ColType::String);
    copy.appendFrom(s, 0);
    Column tc(ColType::Time);
    tc.appendFrom(t, 1);
    tc.appendFrom(t, 0);
    CHECK(copy.get(0).asString() == "a");
    CHECK(tc.isNull(0));
    CHECK(tc.get(1).asTime() == 42);
    CHECK_THROWS_AS(copy.appendFrom(t, 0), std::logic_error);
}

TEST_CASE("tables: group key equality, hash and order") {
    GroupKey a = makeKey({{"host", Value::string("a")}, {"region", Value::string("east")}});
    GroupKey b = makeKey({{"region", Value::string("east")}, {"host", Value::string("a")}});
    GroupKey c = makeKey({{"host", Value::string("b")}, {"region", Value::string("east")}});
    GroupKey d = makeKey({{"host", Value::string("a")}});
    CHECK(a.equals(b));
    CHECK(b.equals(a));
    CHECK(a.hash() == b.hash());
    CHECK_FALSE(a.equals(c));
    CHECK_FALSE(a.equals(d));
    CHECK(a.hash() != c.hash());
    CHECK(a.indexOf("region") == 1);
    CHECK(a.has("host"));
    CHECK_FALSE(a.has("nope"));

    CHECK_FALSE(a.less(b));
    CHECK_FALSE(b.less(a));
    CHECK(a.less(c));
    CHECK_FALSE(c.less(a));
    CHECK(d.less(a));  // fewer columns, same prefix

    // nulls in keys: equal to each other, ordered first
    GroupKey n1, n2;
    n1.cols = {{"x", ColType::Int}};
    n1.values = {Value::null()};
    n2 = n1;
    GroupKey one = makeKey({{"x", Value::integer(1)}});
    CHECK(n1.equals(n2));
    CHECK(n1.hash() == n2.hash());
    CHECK_FALSE(n1.equals(one));
    CHECK(n1.less(one));

    // same name, different type: not equal
    GroupKey u = makeKey({{"x", Value::uinteger(1)}});
    CHECK_FALSE(one.equals(u));

    // empty keys
    CHECK(GroupKey{}.equals(GroupKey{}));
    CHECK(GroupKey{}.less(d));
}

TEST_CASE("tables: builder makes a table and puts the key in column order") {
    TableBuilder b(makeKey({{"host", Value::string("a")}, {"_m", Value::string("cpu")}}));
    int m = b.addColumn("_m", ColType::String);
    int h = b.addColumn("host", ColType::String);
    int v = b.addColumn("_value", ColType::Float);
    CHECK(b.numColumns() == 3);
    CHECK(b.columnIndex("host") == h);
    CHECK(b.columnIndex("missing") == -1);
    for (int i = 0; i < 3; i++) {
        b.column(m).appendString(std::string_view("cpu"));
        b.column(h).appendString(std::string_view("a"));
        if (i == 1)
            b.column(v).appendNull();
        else
            b.column(v).appendFloat(i * 1.5);
    }
    TablePtr t = b.finish();
    CHECK(t->nrows == 3);
    CHECK(t->numColumns() == 3);
    CHECK(t->columnIndex("_value") == 2);
    CHECK(t->columnIndex("nope") == -1);
    REQUIRE(t->key.cols.size() == 2);
    CHECK(t->key.cols[0].name == "_m");  // reordered to table column order
    CHECK(t->key.values[0].asString() == "cpu");
    CHECK(t->key.cols[1].name == "host");
    CHECK(t->column(2).isNull(1));
    CHECK(t->column(2).get(2).asFloat() == 3.0);
    CHECK_FALSE(t->empty());
}

TEST_CASE("tables: builder errors") {
    SUBCASE("columns of different length") {
        TableBuilder b;
        b.addColumn("a", ColType::Int);
        b.addColumn("b", ColType::Int);
        b.column(0).appendInt(1);
        CHECK_THROWS_WITH_AS(b.finish(), doctest::Contains("differ in length"), std::runtime_error);
    }
    SUBCASE("missing key column") {
        TableBuilder b(makeKey({{"host", Value::string("a")}}));
        b.addColumn("a", ColType::Int);
        CHECK_THROWS_WITH_AS(b.finish(), doctest::Contains("\"host\" is not a column"), std::runtime_error);
    }
    SUBCASE("key column of another type") {
        TableBuilder b(makeKey({{"host", Value::string("a")}}));
        b.addColumn("host", ColType::Int);
        CHECK_THROWS_WITH_AS(b.finish(), doctest::Contains("has type string"), std::runtime_error);
    }
    SUBCASE("key value of the wrong kind") {
        GroupKey k;
        k.cols = {{"host", ColType::String}};
        k.values = {Value::integer(3)};
        TableBuilder b(k);
        b.addColumn("host", ColType::String);
        CHECK_THROWS_WITH_AS(b.finish(), doctest::Contains("expected string"), std::runtime_error);
    }
    SUBCASE("duplicate column") {
        TableBuilder b;
        b.addColumn("a", ColType::Int);
        CHECK_THROWS_WITH_AS(b.addColumn("a", ColType::Float), doctest::Contains("duplicate column \"a\""),
                             std::runtime_error);
    }
}

TEST_CASE("tables: builder shares columns and copies them on write") {
    TablePtr src = intTable({1, 2, 3});
    TableBuilder b(src->key);
    b.addColumn("t", src->cols[0]);
    b.addColumn("_value", src->cols[1]);
    TablePtr same = b.finish();
    CHECK(same->cols[1].get() == src->cols[1].get());  // no copy
    CHECK(same->nrows == 3);

    TableBuilder w(src->key);
    w.addColumn("t", src->cols[0]);
    w.addColumn("_value", src->cols[1]);
    w.column(0).appendString(std::string_view("a"));
    w.column(1).appendInt(4);
    TablePtr grown = w.finish();
    CHECK(grown->nrows == 4);
    CHECK(src->nrows == 3);
    CHECK(src->column(1).size() == 3);  // the shared original is untouched
    CHECK(grown->column(1).get(3).asInt() == 4);
    CHECK(grown->cols[1].get() != src->cols[1].get());
}

TEST_CASE("tables: empty table with no columns") {
    TableBuilder b;
    TablePtr t = b.finish();
    CHECK(t->nrows == 0);
    CHECK(t->empty());
}

TEST_CASE("streams: materialized stream can be opened many times") {
    StreamRef s = makeMaterializedStream({intTable({1}), intTable({2, 3})}, "test");
    CHECK(s->origin == "test");
    CHECK(collect(*s).size() == 2);
    auto it = s->open();
    CHECK(it->next()->nrows == 1);
    CHECK(it->next()->nrows == 2);
    CHECK(it->next() == nullptr);
    CHECK(it->next() == nullptr);
    CHECK(collect(*s).size() == 2);
}

TEST_CASE("streams: map, flat-map and blocking are lazy") {
    StreamRef src = makeMaterializedStream({intTable({1}), intTable({2, 3}), intTable({4, 5, 6})}, "src");
    int mapCalls = 0;
    StreamRef mapped = makeMapTablesStream(
        src,
        [&](const TablePtr& t) -> TablePtr {
            mapCalls++;
            return t->nrows == 2 ? nullptr : t;  // drop the 2-row table
        },
        "map");
    CHECK(mapCalls == 0);
    auto it = mapped->open();
    CHECK(it->next()->nrows == 1);
    CHECK(mapCalls == 1);
    CHECK(it->next()->nrows == 3);
    CHECK(mapCalls == 3);
    CHECK(it->next() == nullptr);

    StreamRef flat = makeFlatMapStream(
        src, [](const TablePtr& t) { return std::vector<TablePtr>(t->nrows, t); }, "flat");
    CHECK(collect(*flat).size() == 6);

    int blockingCalls = 0;
    StreamRef blocking = makeBlockingStream(
        mapped,
        [&](std::vector<TablePtr> all) {
            blockingCalls++;
            std::reverse(all.begin(), all.end());
            return all;
        },
        "reverse");
    auto bit = blocking->open();
    CHECK(blockingCalls == 0);
    CHECK(bit->next()->nrows == 3);
    CHECK(blockingCalls == 1);
    CHECK(bit->next()->nrows == 1);
    CHECK(bit->next() == nullptr);
    CHECK(blockingCalls == 1);
}

TEST_CASE("streams: iterators keep their input alive") {
    std::unique_ptr<TableIterator> it;
    {
        StreamRef src = makeMaterializedStream({intTable({1, 2})}, "src");
        StreamRef mapped = makeMapTablesStream(src, [](const TablePtr& t) { return t; }, "map");
        it = mapped->open();
    }
    TablePtr t = it->next();
    REQUIRE(t);
    CHECK(t->nrows == 2);
}
