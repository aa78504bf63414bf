// Table helpers of internal/promql (see promql_tables.h).
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi::promql {

const Column& requireColumn(const CallContext& ctx, const Table& t, std::string_view fname, std::string_view name,
                            ColType type) {
    int i = t.columnIndex(name);
    if (i < 0) ctx.fail(std::string(fname) + ": column " + std::string(name) + " not found");
    ColType have = t.meta[static_cast<size_t>(i)].type;
    if (have != type)
        ctx.fail(std::string(fname) + ": column " + std::string(name) + " has type " + colTypeName(have) + ", expected " +
                 colTypeName(type));
    return t.column(static_cast<size_t>(i));
}

namespace {

TableBuilder keyColumns(const GroupKey& key, size_t rows) {
    TableBuilder b(key);
    for (size_t k = 0; k < key.cols.size(); k++)
        b.column(static_cast<size_t>(b.addColumn(key.cols[k].name, key.cols[k].type))).appendRepeated(key.values[k], rows);
    return b;
}

}  // namespace

TablePtr keyRow(const CallContext& ctx, std::string_view fname, const GroupKey& key, double v,
                const std::string& valueColumn) {
    if (key.has(valueColumn))
        ctx.fail(std::string(fname) + ": the group key has a column " + valueColumn + ", the name of the output column");
    TableBuilder b = keyColumns(key, 1);
    b.column(static_cast<size_t>(b.addColumn(valueColumn, ColType::Float))).appendFloat(v);
    return b.finish();
}

TablePtr keyOnly(const GroupKey& key) { return keyColumns(key, 0).finish(); }

double seconds(int64_t nanos) {
    int64_t s = nanos / 1000000000, ns = nanos % 1000000000;
    return static_cast<double>(s) + static_cast<double>(ns) / 1e9;
}

Value mapEachTable(CallContext& ctx, const Args& args, std::string fname,
                   std::function<TablePtr(const CallContext&, const Table&)> fn) {
    StreamRef in = ctx.requireStream(args);
    CallContext site = ctx;
    return Value::stream(makeMapTablesStream(
        in, [site, fn](const TablePtr& t) { return fn(site, *t); }, std::move(fname)));
}

}  // namespace fluxi::promql
