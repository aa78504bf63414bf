// pagerduty.dedupKey(exclude: ["_start", "_stop", "_level"]): adds a _pagerdutyDedupKey string
// column holding, for every row of a table, the hex SHA-256 of its group key: the key's columns not
// excluded, sorted by name, written "name\nvalue\n" one after the other (values as the reference
// writes them: integers in decimal, floats in shortest fixed notation, times RFC3339, ...).
#include <openssl/evp.h>

#include <algorithm>
#include <charconv>

#include "eval/builtin.h"
#include "eval/kernels/column_ops.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/value_text.h"

namespace fluxi {

namespace {

std::string sha256Hex(const std::string& text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr) != 1)
        throw FluxError(ErrorCode::Internal, "pagerduty.dedupKey: SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string keyValueText(const CallContext& ctx, const std::string& column, const Value& v) {
    switch (v.kind()) {
        case Kind::String: return v.asString();
        case Kind::Int: return std::to_string(v.asInt());
        case Kind::UInt: return std::to_string(v.asUInt());
        case Kind::Float: {
            char buf[512];
            auto res = std::to_chars(buf, buf + sizeof buf, v.asFloat(), std::chars_format::fixed);
            return std::string(buf, res.ptr);
        }
        case Kind::Bool: return v.asBool() ? "true" : "false";
        case Kind::Time: return formatTime(v.asTime());
        case Kind::Null: return "";
        default:
            ctx.fail("pagerduty.dedupKey: cannot convert the group key column " + column + " (" + kindName(v.kind()) +
                     ") to a string");
    }
}

Value dedupKey(CallContext& ctx, const Args& args) {
    StreamRef input = ctx.requireStream(args);
    std::vector<std::string> exclude = ctx.stringListOr(args, "exclude", {"_start", "_stop", "_level"});
    CallContext c = ctx;
    return Value::stream(makeMapTablesStream(
        input,
        [c, exclude](const TablePtr& t) -> TablePtr {
            std::vector<std::pair<std::string, std::string>> parts;
            for (size_t i = 0; i < t->key.cols.size(); ++i) {
                const std::string& name = t->key.cols[i].name;
                if (std::find(exclude.begin(), exclude.end(), name) != exclude.end()) continue;
                parts.emplace_back(name, keyValueText(c, name, t->key.values[i]));
            }
            std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            std::string text;
            for (const auto& [k, v] : parts) text += k + "\n" + v + "\n";
            ColumnPtr col = tableops::constantColumn(ColType::String, Value::string(sha256Hex(text)), t->nrows);
            auto out = std::make_shared<Table>(*t);
            int existing = out->columnIndex("_pagerdutyDedupKey");
            if (existing >= 0) {
                out->meta[existing].type = ColType::String;
                out->cols[existing] = col;
            } else {
                out->meta.push_back({"_pagerdutyDedupKey", ColType::String});
                out->cols.push_back(col);
            }
            return out;
        },
        "pagerduty.dedupKey"));
}

}  // namespace

FLUXI_BUILTIN("pagerduty", "dedupKey", "<-tables, ?exclude", dedupKey);

}  // namespace fluxi
