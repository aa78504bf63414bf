// Helpers for table builtins (see builtin_helpers.h).
#include "eval/kernels/builtin_helpers.h"

namespace fluxi::tableops {

namespace {

std::vector<std::string> columnNames(const Table& t) {
    std::vector<std::string> names;
    names.reserve(t.numColumns());
    for (auto& m : t.meta) names.push_back(m.name);
    return names;
}

}  // namespace

RowFiller::RowFiller(const Table& t) : t_(t), rec_(columnNames(t)), isKey_(t.numColumns()) {
    for (size_t c = 0; c < t.numColumns(); c++) isKey_[c] = t.key.has(t.meta[c].name) ? 1 : 0;
}

Value RowFiller::row(size_t r) {
    auto& fields = rec_.beginRow();
    // A different fields vector means a fresh record object: every cell must be set.
    const bool fresh = &fields != last_;
    last_ = &fields;
    const size_t n = fields.size();
    for (size_t c = 0; c < n; c++) {
        if (!fresh && isKey_[c]) continue;  // same value in every row
        const Column& col = t_.column(c);
        Value& dst = fields[c].second;
        if (col.isNull(r)) {
            dst = Value::typedNull(colTypeKind(col.type()));  // r.x keeps the column's type
            continue;
        }
        if (col.type() == ColType::String && dst.heapObject() == col.strings()[r].get())
            continue;  // already this string
        dst = col.get(r);
    }
    return rec_.value();
}

bool stringListArg(const CallContext& ctx, const Args& args, std::string_view fname, std::string_view name,
                   std::vector<std::string>& out) {
    const Value* v = args.get(name);
    if (!v || v->isNull()) return false;
    if (!v->is(Kind::Array))
        ctx.fail(std::string(fname) + ": argument " + std::string(name) + " must be an array of strings, got " +
                 kindName(v->kind()));
    out.clear();
    for (auto& e : v->asArray().elems) {
        if (!e.is(Kind::String))
            ctx.fail(std::string(fname) + ": argument " + std::string(name) +
                     " must be an array of strings, found an element of type " + kindName(e.kind()));
        out.push_back(e.asString());
    }
    return true;
}

ColType columnTypeFor(const CallContext& ctx, Kind k, const std::string& what) {
    ColType t;
    if (!kindToColType(k, t))
        ctx.fail(what + " has type " + kindName(k) +
                 ", which cannot be stored in a table column (expected bool, int, uint, float, string or time)");
    return t;
}

}  // namespace fluxi::tableops
