// JSON -> Flux values (see json_value.h).
#include "stdlib/experimental/json/json_value.h"

#include <algorithm>

namespace fluxi {

Value jsonToValue(const json::Node& n) {
    using T = json::Node::Type;
    switch (n.type) {
        case T::Null: return Value::null();
        case T::Bool: return Value::boolean(n.boolean);
        case T::Number: return Value::floating(n.number);
        case T::String: return Value::string(n.text);
        case T::Array: {
            std::vector<Value> elems;
            elems.reserve(n.items.size());
            for (const json::Node& item : n.items) elems.push_back(jsonToValue(item));
            return makeArray(std::move(elems));
        }
        case T::Object: {
            // Sorted by key; stable, so among duplicates the last one ends up last and wins.
            std::vector<const json::Member*> order;
            order.reserve(n.members.size());
            for (const auto& m : n.members) order.push_back(&m);
            std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->first < b->first; });
            std::vector<std::pair<std::string, Value>> fields;
            fields.reserve(order.size());
            for (size_t i = 0; i < order.size(); i++) {
                if (i + 1 < order.size() && order[i + 1]->first == order[i]->first) continue;
                fields.emplace_back(order[i]->first, jsonToValue(order[i]->second));
            }
            return makeRecord(std::move(fields));
        }
    }
    return Value::null();
}

Value parseJsonArgument(CallContext& ctx, const Args& args, std::string_view fname) {
    const Value& data = ctx.require(args, "data", Kind::Bytes);
    try {
        return jsonToValue(json::parse(data.asBytes().data));
    } catch (const json::ParseError& e) {
        ctx.fail(std::string(fname) + ": data is not valid JSON: " + e.what());
    }
}

}  // namespace fluxi
