// universe.toBool, toInt, toUInt, toFloat, toString and toTime: convert the `_value` column of every
// table with the matching scalar conversion (bool(), int(), ...), so the rules and errors are those
// of the scalar functions. Null cells stay null; a table without `_value` passes unchanged; a
// `_value` group key column gets its key value converted too. The work is done by the internal
// builtin _convertValues(fn, type), which calls the scalar builtin once per non-null cell.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr convertTable(const CallContext& ctx, RepeatedCall& conv, const TablePtr& t, ColType type,
                      const std::string& fname) {
    int vi = t->columnIndex("_value");
    if (vi < 0) return t;
    const Column& in = t->column(vi);
    auto out = std::make_shared<Column>(type);
    out->reserve(t->nrows);
    auto convert = [&](const Value& v, size_t row) -> Value {
        if (v.isNull()) return v;
        Value res = conv(v);
        ColType got;
        if (!res.isNull() && (!kindToColType(res.kind(), got) || got != type))
            ctx.fail(fname + ": conversion of row " + std::to_string(row) + " gave a " + kindName(res.kind()) +
                     ", expected " + colTypeName(type));
        return res;
    };
    for (size_t r = 0; r < t->nrows; r++) out->appendValue(convert(in.get(r), r));
    GroupKey key = t->key;
    int k = key.indexOf("_value");
    if (k >= 0) {
        key.cols[k].type = type;
        key.values[k] = convert(key.values[k], 0);
    }
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) {
        if (static_cast<int>(c) == vi) b.addColumn("_value", out);
        else b.addColumn(t->meta[c].name, t->cols[c]);
    }
    return b.finish();
}

Value convertValues(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Value fn = ctx.require(args, "fn", Kind::Function);
    std::string typeName = ctx.requireString(args, "type");
    ColType type;
    if (typeName == "bool") type = ColType::Bool;
    else if (typeName == "int") type = ColType::Int;
    else if (typeName == "uint") type = ColType::UInt;
    else if (typeName == "float") type = ColType::Float;
    else if (typeName == "string") type = ColType::String;
    else if (typeName == "time") type = ColType::Time;
    else ctx.fail("_convertValues: unknown column type \"" + typeName + "\"");
    std::string fname = ctx.stringOr(args, "name", "_convertValues");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, fn, type, fname](const TablePtr& t) {
            return tableops::atCallSite(site, fname, [&] {
                RepeatedCall conv(site, fn, {"v"});
                return convertTable(site, conv, t, type, fname);
            });
        },
        fname);
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "_convertValues", "<-tables, fn, type, ?name", convertValues);

FLUXI_FLUX_SOURCE("universe", R"flux(
toBool = (tables=<-) => tables |> _convertValues(fn: bool, type: "bool", name: "toBool")
toInt = (tables=<-) => tables |> _convertValues(fn: int, type: "int", name: "toInt")
toUInt = (tables=<-) => tables |> _convertValues(fn: uint, type: "uint", name: "toUInt")
toFloat = (tables=<-) => tables |> _convertValues(fn: float, type: "float", name: "toFloat")
toString = (tables=<-) => tables |> _convertValues(fn: string, type: "string", name: "toString")
toTime = (tables=<-) => tables |> _convertValues(fn: time, type: "time", name: "toTime")
)flux");

}  // namespace fluxi
