// gen.tables(n, nulls, tags, seed): random test data shaped as the reference generates it. One
// table per series -- the cross product of the tags' generated values (each tag gets
// `cardinality` random values of 3 to 7 letters and digits, starting with a letter; no tags: one
// series with an empty key) -- with the tag columns (the group key, sorted by name), _time and
// _value (float). Each series has n points (0 means 6) 10s apart, ending one period before the
// wall clock truncated to 10s; values are normally distributed around 0 with deviation 50, and
// null with probability `nulls`. The same seed gives the same data (no seed: the clock seeds
// it). The random numbers come from fluxi's own generator, so they differ from the reference's
// (which are those of Go's math/rand).
#include <algorithm>
#include <chrono>
#include <random>

#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi {
namespace {

constexpr int64_t kPeriod = 10'000'000'000;  // 10s

struct TagSpec {
    std::string name;
    int64_t cardinality;
};

std::string tagValue(std::mt19937_64& rng) {
    static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    int len = static_cast<int>(std::uniform_int_distribution<int>(3, 7)(rng));
    std::string s;
    for (int i = 0; i < len; i++) s += chars[std::uniform_int_distribution<int>(0, i == 0 ? 51 : 61)(rng)];
    return s;
}

std::vector<TagSpec> tagsArg(CallContext& ctx, const Args& args) {
    std::vector<TagSpec> out;
    const Value* tags = args.get("tags");
    if (!tags || tags->isNull()) return out;
    if (!tags->is(Kind::Array)) ctx.fail(std::string("gen.tables: expected array for \"tags\", got ") + kindName(tags->kind()));
    const auto& elems = tags->asArray().elems;
    for (size_t i = 0; i < elems.size(); i++) {
        const std::string at = " in tag at index " + std::to_string(i);
        if (!elems[i].is(Kind::Record)) ctx.fail("gen.tables: tag at index " + std::to_string(i) + " must be a record");
        const Value* name = elems[i].asRecord().find("name");
        const Value* card = elems[i].asRecord().find("cardinality");
        if (!name) ctx.fail("gen.tables: missing \"name\"" + at);
        if (!name->is(Kind::String)) ctx.fail(std::string("gen.tables: expected string for \"name\"") + at + ", got " + kindName(name->kind()));
        if (!card) ctx.fail("gen.tables: missing \"cardinality\"" + at);
        if (!card->is(Kind::Int)) ctx.fail(std::string("gen.tables: expected int for \"cardinality\"") + at + ", got " + kindName(card->kind()));
        if (card->asInt() < 0) ctx.fail("gen.tables: \"cardinality\"" + at + " must not be negative");
        out.push_back({name->asString(), card->asInt()});
    }
    return out;
}

Value tables(CallContext& ctx, const Args& args) {
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    if (n == 0) n = 6;
    const double nulls = ctx.floatOr(args, "nulls", 0.0);
    std::vector<TagSpec> tags = tagsArg(ctx, args);
    const int64_t wall =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const uint64_t seed = static_cast<uint64_t>(ctx.intOr(args, "seed", wall));
    std::mt19937_64 rng(seed);

    // Series keys: the cross product of each tag's values, in the order the tags are given.
    std::vector<std::vector<std::pair<std::string, std::string>>> series{{}};
    int64_t total = 1;
    for (const TagSpec& t : tags) {
        if (t.cardinality == 0) continue;
        if (__builtin_mul_overflow(total, t.cardinality, &total) || total > 10'000'000)
            ctx.fail("gen.tables: the tags make more than 10000000 series");
        std::vector<std::string> vals;
        for (int64_t i = 0; i < t.cardinality; i++) vals.push_back(tagValue(rng));
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& s : series)
            for (const auto& v : vals) {
                next.push_back(s);
                next.back().emplace_back(t.name, v);
            }
        series = std::move(next);
    }

    const int64_t start = (wall - wall % kPeriod) - kPeriod * std::max<int64_t>(n, 0);
    const size_t rows = static_cast<size_t>(std::max<int64_t>(n, 0));
    std::normal_distribution<double> normal(0.0, 50.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<TablePtr> out;
    for (auto& s : series) {
        std::stable_sort(s.begin(), s.end(), [](auto& a, auto& b) { return a.first < b.first; });
        GroupKey key;
        for (auto& [k, v] : s) {
            if (k == "_time" || k == "_value") ctx.fail("gen.tables: tag " + k + " clashes with a column of the output");
            key.cols.push_back({k, ColType::String});
            key.values.push_back(Value::string(v));
        }
        TableBuilder b(key);
        for (size_t k = 0; k < key.cols.size(); k++)
            b.column(static_cast<size_t>(b.addColumn(key.cols[k].name, ColType::String))).appendRepeated(key.values[k], rows);
        Column& tc = b.column(static_cast<size_t>(b.addColumn("_time", ColType::Time)));
        Column& vc = b.column(static_cast<size_t>(b.addColumn("_value", ColType::Float)));
        tc.reserve(rows);
        vc.reserve(rows);
        for (size_t r = 0; r < rows; r++) {
            tc.appendInt(start + static_cast<int64_t>(r) * kPeriod);
            if (nulls > 0 && nulls > unit(rng)) vc.appendNull();
            else vc.appendFloat(normal(rng));
        }
        out.push_back(b.finish());
    }
    return Value::stream(makeMaterializedStream(std::move(out), "gen.tables"));
}

}  // namespace

FLUXI_BUILTIN("internal/gen", "tables", "n, ?nulls, ?tags, ?seed", tables);

}  // namespace fluxi
