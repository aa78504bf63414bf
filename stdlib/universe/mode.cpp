// universe.mode: the value(s) of `column` (default "_value") that occur most often among the
// non-null values of each table, one row per mode in ascending order, in a "_value" column of the
// column's type next to the group key. When every value occurs equally often (or there are none)
// there is no mode and the row holds null. A table without the column gives, as in the reference, one
// row whose "_value" is the empty string.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

// The modes of the valid values of `in` (row numbers of one occurrence each, ascending by value).
template <class T, class Less, class Eq>
std::vector<uint32_t> modeRows(const Column& in, const T* data, Less less, Eq eq) {
    std::vector<uint32_t> rows;
    for (size_t r = 0; r < in.size(); r++) {
        if (!in.isValid(r)) continue;
        if constexpr (std::is_floating_point_v<T>)
            if (std::isnan(data[r])) continue;  // NaN equals nothing, not even itself
        rows.push_back(static_cast<uint32_t>(r));
    }
    std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return less(data[a], data[b]); });
    // Runs of equal values: the longest ones are the modes.
    std::vector<std::pair<uint32_t, size_t>> runs;  // (first row, length)
    for (size_t i = 0; i < rows.size();) {
        size_t j = i + 1;
        while (j < rows.size() && eq(data[rows[i]], data[rows[j]])) j++;
        runs.emplace_back(rows[i], j - i);
        i = j;
    }
    size_t best = 0, bestCount = 0;
    for (auto& [row, len] : runs) {
        if (len > best) best = len, bestCount = 0;
        if (len == best) bestCount++;
    }
    std::vector<uint32_t> out;
    if (bestCount == runs.size()) return out;  // all tie (or no values): no mode
    for (auto& [row, len] : runs)
        if (len == best) out.push_back(row);
    return out;
}

TablePtr modeTable(const CallSite& site, const Table& t, const std::string& column) {
    int ci = t.columnIndex(column);
    if (ci < 0)
        return tableops::keyedTable(t.key, 1, {{"_value", tableops::constantColumn(ColType::String, Value::string(""), 1)}});
    const Column& in = t.column(ci);
    if (int k = t.key.indexOf(column); k >= 0)
        return tableops::keyedTable(t.key, 1, {{"_value", tableops::constantColumn(in.type(), t.key.values[k], 1)}});
    std::vector<uint32_t> rows;
    auto lt = [](auto a, auto b) { return a < b; };
    auto eq = [](auto a, auto b) { return a == b; };
    switch (in.type()) {
        case ColType::Bool: rows = modeRows(in, in.bools(), lt, eq); break;
        case ColType::Int:
        case ColType::Time: rows = modeRows(in, in.ints(), lt, eq); break;
        case ColType::UInt: rows = modeRows(in, in.uints(), lt, eq); break;
        case ColType::Float: rows = modeRows(in, in.floats(), lt, eq); break;
        case ColType::String:
            rows = modeRows(
                in, in.strings(), [](const StrRef& a, const StrRef& b) { return a->s < b->s; },
                [](const StrRef& a, const StrRef& b) { return a->s == b->s; });
            break;
    }
    if (t.key.has("_value") && column != "_value") site.fail("the group key already has a \"_value\" column");
    auto out = std::make_shared<Column>(in.type());
    if (rows.empty())
        out->appendNull();
    else
        tableops::appendRows(*out, in, rows.data(), rows.size());
    return tableops::keyedTable(t.key, out->size(), {{"_value", out}});
}

Value modeFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallSite site(ctx, "mode");
    return Value::stream(makeMapTablesStream(
        in, [site, column](const TablePtr& t) { return site.guard([&] { return modeTable(site, *t, column); }); }, "mode"));
}

}  // namespace

FLUXI_BUILTIN("universe", "mode", "<-tables, ?column", modeFn);

}  // namespace fluxi
