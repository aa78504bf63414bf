// Arrays and records through the public headers (include/fluxi/composite_values.h).
#include "fluxi/composite_values.h"

#include <stdexcept>

#include "eval/value.h"

namespace fluxi {

namespace {
void requireKind(const Value& v, Kind k, const char* what) {
    if (!v.is(k)) throw std::invalid_argument(std::string(what) + ": expected " + kindName(k) + ", got " + kindName(v.kind()));
}
}  // namespace

std::vector<Value> arrayElements(const Value& array) {
    requireKind(array, Kind::Array, "arrayElements");
    return array.asArray().elems;
}

std::vector<std::pair<std::string, Value>> recordFields(const Value& record) {
    requireKind(record, Kind::Record, "recordFields");
    return record.asRecord().fields;
}

Value recordField(const Value& record, std::string_view name) {
    requireKind(record, Kind::Record, "recordField");
    const Value* v = record.asRecord().find(name);
    return v ? *v : Value::null();
}

Value arrayValue(std::vector<Value> elements) {
    // Flux arrays hold values of one type (nulls aside).
    Kind kind = Kind::Null;
    for (const Value& e : elements) {
        if (e.isNull()) continue;
        if (kind == Kind::Null) kind = e.kind();
        else if (e.kind() != kind)
            throw std::invalid_argument(std::string("arrayValue: elements of different kinds (") + kindName(kind) + " and " +
                                        kindName(e.kind()) + ")");
    }
    return makeArray(std::move(elements));
}
Value recordValue(std::vector<std::pair<std::string, Value>> fields) { return makeRecord(std::move(fields)); }

}  // namespace fluxi
