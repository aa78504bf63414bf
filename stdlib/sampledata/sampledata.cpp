// sampledata: the small documented sample data sets. Each is two tables keyed by `tag` ("t1", "t2")
// with columns _time (six rows, every 10s from 2021-01-01T00:00:00Z), tag and _value:
//   float()       floats; int() and uint() are those floats truncated (uint of a negative int wraps,
//                 as uint(v:) does); string() short strings; bool() booleans; numericBool() the
//                 booleans as 1/0 ints.
// With includeNull: true, the same rows have null values in rows 2, 4 and 5 of t1 and rows 1 and 5
// of t2 (counting from 1). start and stop are the bounds the rows fall in.
#include <cmath>
#include <string_view>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"

namespace fluxi {
namespace {

constexpr int64_t kStart = 1609459200LL * kNanosPerSecond;  // 2021-01-01T00:00:00Z
constexpr size_t kRows = 6;
constexpr const char* kTags[2] = {"t1", "t2"};
// Rows left null with includeNull: true.
constexpr bool kNull[2][kRows] = {{false, true, false, true, true, false}, {true, false, false, false, true, false}};

constexpr double kFloats[2][kRows] = {{-2.18, 10.92, 7.35, 17.53, 15.23, 4.43}, {19.85, 4.97, -3.75, 19.77, 13.86, 1.86}};
constexpr std::string_view kStrings[2][kRows] = {
    {"smpl_g9qczs", "smpl_0mgv9n", "smpl_phw664", "smpl_guvzy4", "smpl_5v3cce", "smpl_s9fmgy"},
    {"smpl_b5eida", "smpl_eu4oxp", "smpl_5g7tz4", "smpl_sox1ut", "smpl_wfm757", "smpl_dtn2bv"}};
constexpr bool kBools[2][kRows] = {{true, true, false, true, false, false}, {false, true, false, true, true, false}};

enum class Set { Float, Int, UInt, String, Bool, NumericBool };

Value sampleData(CallContext& ctx, const Args& args, Set set) {
    bool includeNull = ctx.boolOr(args, "includeNull", false);
    ColType type = set == Set::Float    ? ColType::Float
                   : set == Set::UInt   ? ColType::UInt
                   : set == Set::String ? ColType::String
                   : set == Set::Bool   ? ColType::Bool
                                        : ColType::Int;
    std::vector<TablePtr> tables;
    for (size_t t = 0; t < 2; t++) {
        GroupKey key;
        key.cols.push_back({"tag", ColType::String});
        key.values.push_back(Value::string(kTags[t]));
        TableBuilder b(key);
        Column& time = b.column(b.addColumn("_time", ColType::Time));
        Column& tag = b.column(b.addColumn("tag", ColType::String));
        Column& value = b.column(b.addColumn("_value", type));
        StrRef tagName = key.values[0].asStrRef();
        for (size_t r = 0; r < kRows; r++) {
            time.appendInt(kStart + static_cast<int64_t>(r) * 10 * kNanosPerSecond);
            tag.appendString(tagName);
            if (includeNull && kNull[t][r]) {
                value.appendNull();
                continue;
            }
            double f = kFloats[t][r];
            switch (set) {
                case Set::Float: value.appendFloat(f); break;
                case Set::Int: value.appendInt(static_cast<int64_t>(std::trunc(f))); break;
                case Set::UInt: value.appendUInt(static_cast<uint64_t>(static_cast<int64_t>(std::trunc(f)))); break;
                case Set::String: value.appendString(kStrings[t][r]); break;
                case Set::Bool: value.appendBool(kBools[t][r]); break;
                case Set::NumericBool: value.appendInt(kBools[t][r] ? 1 : 0); break;
            }
        }
        tables.push_back(b.finish());
    }
    return Value::stream(makeMaterializedStream(std::move(tables), "sampledata"));
}

Value floatFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::Float); }
Value intFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::Int); }
Value uintFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::UInt); }
Value stringFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::String); }
Value boolFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::Bool); }
Value numericBoolFn(CallContext& ctx, const Args& args) { return sampleData(ctx, args, Set::NumericBool); }

}  // namespace

FLUXI_VALUE("sampledata", "start", [] { return Value::time(kStart); });
FLUXI_VALUE("sampledata", "stop", [] { return Value::time(kStart + kNanosPerMinute); });
FLUXI_BUILTIN("sampledata", "float", "?includeNull", floatFn);
FLUXI_BUILTIN("sampledata", "int", "?includeNull", intFn);
FLUXI_BUILTIN("sampledata", "uint", "?includeNull", uintFn);
FLUXI_BUILTIN("sampledata", "string", "?includeNull", stringFn);
FLUXI_BUILTIN("sampledata", "bool", "?includeNull", boolFn);
FLUXI_BUILTIN("sampledata", "numericBool", "?includeNull", numericBoolFn);

}  // namespace fluxi
