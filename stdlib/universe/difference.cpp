// universe.difference, cumulativeSum and increase: running computations down the rows of each
// table, column by column (`columns`, default ["_value"]; columns a table lacks are skipped).
//  - difference: each value minus the last non-null value before it (null for a null value or for
//    the first non-null one). nonNegative turns negative differences into null, or with
//    initialZero into the value itself (a counter reset to zero). The first row is dropped unless
//    keepFirst; with keepFirst and initialZero the first value's difference is 0 instead of null.
//    int and uint give int, float gives float.
//  - cumulativeSum: the running sum of the non-null values, same type; as in the reference a null row
//    holds the sum so far (0 before the first value) and listed columns that are not numeric pass.
//  - increase: difference(nonNegative: true, keepFirst: true, initialZero: true) then
//    cumulativeSum -- the total growth of a counter across resets, 0 at the first value.
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

struct DiffOptions {
    bool nonNegative = false, keepFirst = false, initialZero = false;
};

// The columns of t to transform: those of `names` it has, checked to be numeric non-key columns.
std::vector<size_t> numericColumns(const CallSite& site, const Table& t, const std::vector<std::string>& names) {
    std::vector<size_t> out;
    for (auto& n : names) {
        int c = t.columnIndex(n);
        if (c < 0) continue;
        ColType ty = t.meta[c].type;
        if (ty != ColType::Int && ty != ColType::UInt && ty != ColType::Float)
            site.fail("column \"" + n + "\" has type " + colTypeName(ty) + ", expected int, uint or float");
        if (t.key.has(n)) site.fail("column \"" + n + "\" is part of the group key " + tableops::describeKey(t.key));
        out.push_back(static_cast<size_t>(c));
    }
    return out;
}

// Differences of one column over all rows (the caller drops the first row when asked).
ColumnPtr differences(const Column& in, const DiffOptions& o) {
    bool isFloat = in.type() == ColType::Float;
    auto out = std::make_shared<Column>(isFloat ? ColType::Float : ColType::Int);
    out->reserve(in.size());
    bool havePrev = false;
    // keepFirst with initialZero: the first value's difference is 0 (nothing has changed yet), which
    // is what increase() starts from; otherwise it is null.
    const bool firstZero = o.keepFirst && o.initialZero;
    int64_t pi = 0;
    uint64_t pu = 0;
    double pf = 0;
    for (size_t r = 0; r < in.size(); r++) {
        if (in.isNull(r)) {
            out->appendNull();
            continue;
        }
        switch (in.type()) {
            case ColType::Float: {
                double v = in.floats()[r];
                if (havePrev) {
                    double d = v - pf;
                    bool drop = false;
                    if (o.nonNegative && d < 0) {
                        if (o.initialZero && v >= 0)
                            d = v;
                        else
                            drop = true;
                    }
                    drop ? out->appendNull() : out->appendFloat(d);
                } else {
                    firstZero ? out->appendFloat(0) : out->appendNull();
                }
                pf = v;
                break;
            }
            case ColType::Int: {
                int64_t v = in.ints()[r];
                if (havePrev) {
                    int64_t d;
                    if (__builtin_sub_overflow(v, pi, &d))
                        throw FluxError("integer overflow: " + std::to_string(v) + " - " +
                                        std::to_string(pi) + " is out of the int range");
                    bool drop = false;
                    if (o.nonNegative && d < 0) {
                        if (o.initialZero && v >= 0)
                            d = v;
                        else
                            drop = true;
                    }
                    drop ? out->appendNull() : out->appendInt(d);
                } else {
                    firstZero ? out->appendInt(0) : out->appendNull();
                }
                pi = v;
                break;
            }
            default: {  // uint
                uint64_t v = in.uints()[r];
                if (havePrev) {
                    // uint differences are ints: int64(v - prev) in two's complement, as the reference
                    // computes them (a difference beyond the int range wraps; see README)
                    int64_t d = static_cast<int64_t>(v - pu);
                    bool drop = false;
                    if (o.nonNegative && d < 0) {
                        if (o.initialZero && static_cast<int64_t>(v) >= 0)  // a uint above the int range: null
                            d = static_cast<int64_t>(v);
                        else
                            drop = true;
                    }
                    drop ? out->appendNull() : out->appendInt(d);
                } else {
                    firstZero ? out->appendInt(0) : out->appendNull();
                }
                pu = v;
                break;
            }
        }
        havePrev = true;
    }
    return out;
}

// The running sum of one column; a null row holds the sum so far.
ColumnPtr runningSum(const Column& in) {
    auto out = std::make_shared<Column>(in.type());
    out->reserve(in.size());
    int64_t si = 0;
    uint64_t su = 0;
    double sf = 0;
    for (size_t r = 0; r < in.size(); r++) {
        const bool valid = in.isValid(r);
        switch (in.type()) {
            case ColType::Int:
                if (valid && __builtin_add_overflow(si, in.ints()[r], &si))
                    throw FluxError("integer overflow: the running sum is out of the int range");
                out->appendInt(si);
                break;
            case ColType::UInt:
                if (valid && __builtin_add_overflow(su, in.uints()[r], &su))
                    throw FluxError("integer overflow: the running sum is out of the uint range");
                out->appendUInt(su);
                break;
            default:
                if (valid) sf += in.floats()[r];
                out->appendFloat(sf);
                break;
        }
    }
    return out;
}

TablePtr differenceTable(const CallSite& site, const Table& t, const std::vector<std::string>& names,
                         const DiffOptions& o, bool thenSum) {
    std::vector<size_t> cols = numericColumns(site, t, names);
    size_t first = o.keepFirst ? 0 : 1;
    std::vector<std::pair<size_t, ColumnPtr>> replaced;
    for (size_t c : cols) {
        ColumnPtr d = differences(t.column(c), o);
        if (thenSum) d = runningSum(*d);
        if (first > 0) d = tableops::sliceColumn(*d, std::min(first, d->size()), d->size());
        replaced.emplace_back(c, d);
    }
    return tableops::rebuildTable(t, tableops::RowPick{nullptr, first}, replaced);
}

Value differenceFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    DiffOptions o;
    o.nonNegative = ctx.boolOr(args, "nonNegative", false);
    o.keepFirst = ctx.boolOr(args, "keepFirst", false);
    o.initialZero = ctx.boolOr(args, "initialZero", false);
    auto names = ctx.stringListOr(args, "columns", {"_value"});
    CallSite site(ctx, "difference");
    return Value::stream(makeMapTablesStream(
        in,
        [site, names, o](const TablePtr& t) {
            return site.guard([&] { return differenceTable(site, *t, names, o, false); });
        },
        "difference"));
}

Value increaseFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    DiffOptions o{true, true, true};
    auto names = ctx.stringListOr(args, "columns", {"_value"});
    CallSite site(ctx, "increase");
    return Value::stream(makeMapTablesStream(
        in,
        [site, names, o](const TablePtr& t) {
            return site.guard([&] { return differenceTable(site, *t, names, o, true); });
        },
        "increase"));
}

Value cumulativeSumFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    auto names = ctx.stringListOr(args, "columns", {"_value"});
    CallSite site(ctx, "cumulativeSum");
    return Value::stream(makeMapTablesStream(
        in,
        [site, names](const TablePtr& t) {
            return site.guard([&] {
                std::vector<std::pair<size_t, ColumnPtr>> replaced;
                for (auto& n : names) {
                    int c = t->columnIndex(n);
                    if (c < 0) continue;
                    ColType ty = t->meta[c].type;
                    if (ty != ColType::Int && ty != ColType::UInt && ty != ColType::Float) continue;  // passes, as the reference
                    if (t->key.has(n))
                        site.fail("column \"" + n + "\" is part of the group key " + tableops::describeKey(t->key));
                    replaced.emplace_back(static_cast<size_t>(c), runningSum(t->column(c)));
                }
                return tableops::rebuildTable(*t, tableops::RowPick{}, replaced);
            });
        },
        "cumulativeSum"));
}

}  // namespace

FLUXI_BUILTIN("universe", "difference", "<-tables, ?nonNegative, ?columns, ?keepFirst, ?initialZero", differenceFn);
FLUXI_BUILTIN("universe", "cumulativeSum", "<-tables, ?columns", cumulativeSumFn);
FLUXI_BUILTIN("universe", "increase", "<-tables, ?columns", increaseFn);

}  // namespace fluxi
