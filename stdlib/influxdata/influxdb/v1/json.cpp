// v1.json(json | file): an InfluxDB 1.x query response (the JSON of /query) as a stream of tables.
// Only the first statement result is read. Each series gives one table per column other than
// `time`: group key _measurement (the series name, when it has one), its tags and _field (the
// column name), key columns sorted by name; columns _time (when the series has a time column),
// the key columns, then _value, typed by the first non-null value of that column (JSON numbers are
// floats, strings strings, booleans bools). Rows whose value is null are left out; a column that
// is null in every row gives no table.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "format/json_reader.h"
#include "format/rfc3339.h"

namespace fluxi {
namespace {

using json::Node;

// The column type of a non-null JSON cell, or false when no column can hold it.
bool cellType(const Node& n, ColType& out) {
    switch (n.type) {
        case Node::Type::Number: out = ColType::Float; return true;
        case Node::Type::String: out = ColType::String; return true;
        case Node::Type::Bool: out = ColType::Bool; return true;
        default: return false;
    }
}

class Decoder {
public:
    Decoder(CallContext& ctx, std::string where) : ctx_(ctx), where_(std::move(where)) {}

    std::vector<TablePtr> decode(const Node& doc) {
        if (doc.type != Node::Type::Object) fail("the response must be a JSON object, got " + std::string(doc.typeName()));
        if (const Node* e = doc.find("error"); e && e->type == Node::Type::String && !e->text.empty())
            fail("the response is an error: " + e->text);
        const Node* results = doc.find("results");
        if (!results || results->type == Node::Type::Null) fail("the response has no \"results\"");
        if (results->type != Node::Type::Array) fail("\"results\" must be an array, got " + std::string(results->typeName()));
        if (results->items.empty()) fail("the response holds no result (\"results\" is empty)");
        const Node& res = results->items[0];
        if (res.type != Node::Type::Object) fail("results[0] must be an object, got " + std::string(res.typeName()));
        if (const Node* e = res.find("error"); e && e->type == Node::Type::String && !e->text.empty())
            fail("results[0] is an error: " + e->text);
        std::vector<TablePtr> out;
        const Node* series = res.find("series");
        if (!series || series->type == Node::Type::Null) return out;
        if (series->type != Node::Type::Array) fail("results[0].series must be an array, got " + std::string(series->typeName()));
        for (size_t s = 0; s < series->items.size(); s++) decodeSeries(series->items[s], "results[0].series[" + std::to_string(s) + "]", out);
        return out;
    }

private:
    CallContext& ctx_;
    std::string where_;

    [[noreturn]] void fail(const std::string& msg) const { ctx_.fail(where_ + msg); }

    const Node& field(const Node& obj, const char* name, Node::Type type, const std::string& path, bool& present) const {
        static const Node none;
        const Node* n = obj.find(name);
        present = n && n->type != Node::Type::Null;
        if (!present) return none;
        if (n->type != type) {
            Node want;
            want.type = type;
            fail(path + "." + name + " must be a JSON " + want.typeName() + ", got " + n->typeName());
        }
        return *n;
    }

    void decodeSeries(const Node& s, const std::string& path, std::vector<TablePtr>& out) const {
        if (s.type != Node::Type::Object) fail(path + " must be an object, got " + std::string(s.typeName()));
        bool hasName, hasTags, hasColumns, hasValues;
        const Node& name = field(s, "name", Node::Type::String, path, hasName);
        const Node& tags = field(s, "tags", Node::Type::Object, path, hasTags);
        const Node& columns = field(s, "columns", Node::Type::Array, path, hasColumns);
        const Node& values = field(s, "values", Node::Type::Array, path, hasValues);

        // The series part of the key: _measurement and the tags (the last of duplicate tag keys wins).
        std::vector<std::pair<std::string, std::string>> seriesKey;
        if (hasName && !name.text.empty()) seriesKey.emplace_back("_measurement", name.text);
        if (hasTags)
            for (const json::Member& m : tags.members) {
                const std::string& k = m.first;
                const Node& v = m.second;
                if (v.type != Node::Type::String) fail(path + ".tags." + k + " must be a string, got " + v.typeName());
                auto it = std::find_if(seriesKey.begin(), seriesKey.end(), [&](auto& p) { return p.first == k; });
                if (it != seriesKey.end()) it->second = v.text;
                else seriesKey.emplace_back(k, v.text);
            }

        std::vector<std::string> colNames;
        int timeCol = -1;
        for (size_t i = 0; i < columns.items.size(); i++) {
            const Node& c = columns.items[i];
            if (c.type != Node::Type::String) fail(path + ".columns[" + std::to_string(i) + "] must be a string");
            if (c.text == "time" && timeCol < 0) timeCol = static_cast<int>(i);
            colNames.push_back(c.text);
        }
        // Every row must be an array as long as the column list.
        for (size_t r = 0; r < values.items.size(); r++) {
            const Node& row = values.items[r];
            if (row.type != Node::Type::Array || row.items.size() != colNames.size())
                fail(path + ".values[" + std::to_string(r) + "] must be an array of " + std::to_string(colNames.size()) +
                     " values (one per column)");
        }
        // Row times, parsed once for all the tables of the series.
        std::vector<int64_t> times;
        if (timeCol >= 0) {
            times.resize(values.items.size());
            for (size_t r = 0; r < values.items.size(); r++) {
                const Node& t = values.items[r].items[static_cast<size_t>(timeCol)];
                std::string err;
                if (t.type != Node::Type::String)
                    fail(path + ".values[" + std::to_string(r) + "]: time must be an RFC3339 string, got " + t.typeName());
                if (!rfc3339::parse(t.text, times[r], &err))
                    fail(path + ".values[" + std::to_string(r) + "]: time \"" + t.text + "\" is not an RFC3339 time: " + err);
            }
        }

        for (size_t c = 0; c < colNames.size(); c++) {
            if (static_cast<int>(c) == timeCol) continue;
            ColType type{};
            bool typed = false;
            for (size_t r = 0; r < values.items.size() && !typed; r++) {
                const Node& cell = values.items[r].items[c];
                if (cell.type == Node::Type::Null) continue;
                if (!cellType(cell, type))
                    fail(path + ".values[" + std::to_string(r) + "][" + std::to_string(c) + "]: a JSON " + cell.typeName() +
                         " cannot be a column value");
                typed = true;
            }
            if (!typed) continue;

            auto keyCols = seriesKey;
            keyCols.emplace_back("_field", colNames[c]);
            std::stable_sort(keyCols.begin(), keyCols.end(), [](auto& a, auto& b) { return a.first < b.first; });
            GroupKey key;
            for (auto& [k, v] : keyCols) {
                if (k == "_time" || k == "_value") fail(path + ": tag " + k + " clashes with a column of the output");
                key.cols.push_back({k, ColType::String});
                key.values.push_back(Value::string(v));
            }
            size_t n = 0;
            for (const Node& row : values.items) n += row.items[c].type != Node::Type::Null;

            TableBuilder b(key);
            if (timeCol >= 0) {
                Column& tc = b.column(static_cast<size_t>(b.addColumn("_time", ColType::Time)));
                tc.reserve(n);
                for (size_t r = 0; r < values.items.size(); r++)
                    if (values.items[r].items[c].type != Node::Type::Null) tc.appendInt(times[r]);
            }
            for (size_t k = 0; k < key.cols.size(); k++) {
                Column& kc = b.column(static_cast<size_t>(b.addColumn(key.cols[k].name, ColType::String)));
                kc.appendRepeated(key.values[k], n);
            }
            Column& vc = b.column(static_cast<size_t>(b.addColumn("_value", type)));
            vc.reserve(n);
            for (size_t r = 0; r < values.items.size(); r++) {
                const Node& cell = values.items[r].items[c];
                if (cell.type == Node::Type::Null) continue;
                ColType t{};
                if (!cellType(cell, t) || t != type)
                    fail(path + ".values[" + std::to_string(r) + "][" + std::to_string(c) + "]: column " + colNames[c] +
                         " holds " + colTypeName(type) + " values, got a JSON " + cell.typeName());
                switch (type) {
                    case ColType::Float: vc.appendFloat(cell.number); break;
                    case ColType::Bool: vc.appendBool(cell.boolean); break;
                    default: vc.appendString(std::string_view(cell.text)); break;
                }
            }
            out.push_back(b.finish());
        }
    }
};

Value v1json(CallContext& ctx, const Args& args) {
    const Value* text = ctx.optional(args, "json", Kind::String);
    const Value* file = ctx.optional(args, "file", Kind::String);
    if (text && file) ctx.fail("v1.json: give exactly one of json (the response text) or file (a path), not both");
    if (!text && !file) ctx.fail("v1.json: missing the response: give json (the response text) or file (a path)");
    std::string fromFile, where;
    std::string_view data;
    if (text) {
        data = text->asString();
        where = "v1.json: json: ";
    } else {
        const std::string& path = file->asString();
        std::ifstream in(path, std::ios::binary);
        if (!in) ctx.fail("v1.json: cannot read file \"" + path + "\": " + std::strerror(errno));
        std::ostringstream ss;
        ss << in.rdbuf();
        if (in.bad()) ctx.fail("v1.json: error reading file \"" + path + "\"");
        fromFile = ss.str();
        data = fromFile;
        where = "v1.json: file \"" + path + "\": ";
    }
    Node doc;
    try {
        doc = json::parse(data);
    } catch (const json::ParseError& e) {
        ctx.fail(where + e.what());
    }
    return Value::stream(makeMaterializedStream(Decoder(ctx, where).decode(doc), "v1.json"));
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb/v1", "json", "?json, ?file", v1json);

}  // namespace fluxi
