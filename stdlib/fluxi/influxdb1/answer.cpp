// Reading /query answers into typed columns (see answer.h).
#include "stdlib/fluxi/influxdb1/answer.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "eval/error.h"
#include "format/json_reader.h"

namespace fluxi::influxdb1 {

namespace {

using json::Node;

[[noreturn]] void bad(const std::string& what, const std::string& why) {
    throw FluxError(ErrorCode::Unavailable, what + ": unexpected answer: " + why);
}

template <class T>
bool parseInteger(const std::string& text, T& out) {
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

void appendCell(Column& c, const Node& v, const std::string& what, const std::string& column) {
    if (v.type == Node::Type::Null) return c.appendNull();
    auto wrong = [&] {
        bad(what, "column \"" + column + "\" holds a " + v.typeName() + " where a " + colTypeName(c.type()) +
                      " was expected");
    };
    switch (c.type()) {
        case ColType::Float:
            if (v.type != Node::Type::Number) wrong();
            return c.appendFloat(v.number);
        case ColType::Int:
        case ColType::Time: {
            int64_t i;
            if (v.type != Node::Type::Number || !parseInteger(v.text, i)) wrong();
            return c.appendInt(i);
        }
        case ColType::UInt: {
            uint64_t u;
            if (v.type != Node::Type::Number || !parseInteger(v.text, u)) wrong();
            return c.appendUInt(u);
        }
        case ColType::String:
            if (v.type != Node::Type::String) wrong();
            return c.appendString(std::string_view(v.text));
        case ColType::Bool:
            if (v.type != Node::Type::Bool) wrong();
            return c.appendBool(v.boolean);
    }
}

class Reader {
public:
    Reader(const std::vector<std::vector<ColType>>& types, const std::string& what)
        : types_(types), what_(what), out_(types.size()), index_(types.size()) {}

    void document(const Node& doc) {
        if (doc.type != Node::Type::Object) bad(what_, std::string("a JSON ") + doc.typeName() + " instead of an object");
        if (const Node* e = doc.find("error"); e && e->type == Node::Type::String)
            throw FluxError(ErrorCode::Invalid, what_ + ": " + e->text);
        const Node* results = doc.find("results");
        if (!results || results->type != Node::Type::Array) bad(what_, "no \"results\" array");
        for (const Node& r : results->items) result(r);
    }

    std::vector<StatementAnswer> finish() { return std::move(out_); }

private:
    void result(const Node& r) {
        const Node* id = r.find("statement_id");
        size_t sid = 0;
        if (!id || id->type != Node::Type::Number || !parseInteger(id->text, sid) || sid >= out_.size())
            bad(what_, "a result without a valid statement_id");
        if (const Node* e = r.find("error"); e && e->type == Node::Type::String)
            throw FluxError(ErrorCode::Invalid, what_ + ": " + e->text);
        const Node* series = r.find("series");
        if (!series) return;
        if (series->type != Node::Type::Array) bad(what_, "\"series\" is not an array");
        for (const Node& s : series->items) seriesPart(sid, s);
    }

    void seriesPart(size_t sid, const Node& s) {
        const Node* name = s.find("name");
        const Node* columns = s.find("columns");
        const Node* values = s.find("values");
        if (!name || name->type != Node::Type::String || !columns || columns->type != Node::Type::Array)
            bad(what_, "a series without name or columns");
        const std::vector<ColType>& types = types_[sid];
        if (columns->items.size() != types.size() + 1)
            bad(what_, "series \"" + name->text + "\" has " + std::to_string(columns->items.size()) + " columns, expected " +
                           std::to_string(types.size() + 1));
        std::vector<std::pair<std::string, std::string>> tags;
        if (const Node* t = s.find("tags"); t && t->type == Node::Type::Object)
            for (auto& [k, v] : t->members)
                if (v.type == Node::Type::String && !v.text.empty()) tags.emplace_back(k, v.text);
        std::sort(tags.begin(), tags.end());
        std::string key = name->text;
        for (auto& [k, v] : tags) key += '\0' + k + '\0' + v;
        auto [it, added] = index_[sid].emplace(std::move(key), out_[sid].series.size());
        if (added) {
            AnsweredSeries a;
            a.measurement = name->text;
            a.tags = std::move(tags);
            a.times = std::make_shared<Column>(ColType::Time);
            for (ColType t : types) a.values.push_back(std::make_shared<Column>(t));
            out_[sid].series.push_back(std::move(a));
        }
        AnsweredSeries& a = out_[sid].series[it->second];
        if (!values) return;
        if (values->type != Node::Type::Array) bad(what_, "\"values\" is not an array");
        for (const Node& row : values->items) {
            if (row.type != Node::Type::Array || row.items.size() != types.size() + 1)
                bad(what_, "a row of series \"" + a.measurement + "\" does not have one cell per column");
            if (row.items[0].type == Node::Type::Null) bad(what_, "a row without a time");
            appendCell(*a.times, row.items[0], what_, "time");
            for (size_t i = 0; i < types.size(); i++) appendCell(*a.values[i], row.items[i + 1], what_, columns->items[i + 1].text);
        }
    }

    const std::vector<std::vector<ColType>>& types_;
    const std::string& what_;
    std::vector<StatementAnswer> out_;
    std::vector<std::unordered_map<std::string, size_t>> index_;
};

}  // namespace

std::vector<StatementAnswer> readQueryAnswer(std::string_view body, const std::vector<std::vector<ColType>>& types,
                                             const std::string& what) {
    Reader reader(types, what);
    // A chunked answer is one JSON document per line (JSON strings hold no raw newline), so each
    // part is parsed and dropped before the next.
    size_t pos = 0;
    while (pos < body.size()) {
        size_t end = body.find('\n', pos);
        if (end == std::string_view::npos) end = body.size();
        std::string_view doc = body.substr(pos, end - pos);
        pos = end + 1;
        if (doc.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        Node n;
        try {
            n = json::parse(doc);
        } catch (const json::ParseError& e) {
            bad(what, std::string("not JSON: ") + e.what());
        }
        reader.document(n);
    }
    return reader.finish();
}

}  // namespace fluxi::influxdb1
