// influxdb1.from(host:, db:, rp:, measurement:, username:, password:, token:): a database of a server
// that answers InfluxQL on /query (InfluxDB 1.x; InfluxDB 3's and InfluxDB 2's v1 compatibility API)
// as the tables `from(bucket:) |> range() |> filter()` gives: one table per measurement, tag set and
// field, columns _start, _stop, _time, _value, _field, _measurement and the tags, grouped by all but
// _time and _value, in the embedded store's order.
//
// What is sent to the server (the rest runs locally on what comes back):
// - range(): `WHERE time >= start AND time < stop` (a range is required, as for from(bucket:));
// - filter() predicates of the push-down subset (remote_predicate.h): the measurements and fields
//   to read, and a tag condition per measurement and field (influxql.h);
// - aggregateWindow(every:, fn:) with count, sum, mean, min, max, first or last over tumbling windows
//   (eval/window_aggregate_source.h): `GROUP BY time(every, offset), * fill(none)`, when the result is
//   exactly what fluxi computes from the points: count, first and last of any field, min and max of
//   numbers, sum and mean of integers when no partial sum can overflow (the server wraps, fluxi
//   fails) or, for mean, lose precision in float64 (checked per window with count, min and max), and
//   sum and mean of floats when no shard boundary cuts a window (the server adds up per-shard sums,
//   which rounds differently; the shards come from SHOW SHARDS). Otherwise the points are read
//   (`epoch=ns`, chunked) and aggregated locally.
#include <algorithm>
#include <cstdlib>

#include "eval/builtin.h"
#include "eval/error.h"
#include "eval/execution.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/window_aggregate_source.h"
#include "format/json_reader.h"
#include "net/http_client.h"
#include "stdlib/fluxi/influxdb1/answer.h"
#include "stdlib/fluxi/influxdb1/influxql.h"
#include "stdlib/influxdata/influxdb/remote.h"
#include "stdlib/influxdata/influxdb/remote_predicate.h"
#include "store/pushdown.h"

namespace fluxi::influxdb1 {

namespace {

constexpr const char* kWhat = "influxdb1.from";
// The time range InfluxDB stores (influxql MinTime / MaxTime).
constexpr int64_t kMinTime = INT64_MIN + 2;
constexpr int64_t kMaxTime = INT64_MAX - 1;
constexpr int64_t kChunkRows = 10000;

struct Server {
    std::string host, db, rp, username, password, token;
};

struct FieldSpec {
    std::string name;
    ColType type;
};

// Sends `q` (statements separated by ';') to /query and returns the answer's body.
std::string postQuery(const Server& s, const std::string& q, bool chunked) {
    net::HttpRequest req;
    req.method = "POST";
    req.url = s.host + "/query?db=" + net::percentEncode(s.db) + "&epoch=ns";
    if (!s.rp.empty()) req.url += "&rp=" + net::percentEncode(s.rp);
    if (chunked) req.url += "&chunked=true&chunk_size=" + std::to_string(kChunkRows);
    if (!s.username.empty()) req.url += "&u=" + net::percentEncode(s.username) + "&p=" + net::percentEncode(s.password);
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    if (!s.token.empty()) req.headers.emplace_back("Authorization", "Token " + s.token);
    req.body = "q=" + net::percentEncode(q);
    req.timeout = std::chrono::minutes(5);
    net::HttpResponse r;
    try {
        r = net::send(req);
    } catch (const net::HttpError& e) {
        throw FluxError(ErrorCode::Unavailable, std::string(kWhat) + ": " + e.what());
    }
    if (r.status != 200) remote::failRemote(kWhat, req.url, r);
    return std::move(r.body);
}

// The rows of a SHOW statement's answer, by column name: fn(series name, column -> cell).
template <class Fn>
void forEachShowRow(const std::string& body, Fn&& fn) {
    json::Node doc;
    try {
        doc = json::parse(body);
    } catch (const json::ParseError& e) {
        throw FluxError(ErrorCode::Unavailable, std::string(kWhat) + ": unexpected answer: not JSON: " + e.what());
    }
    if (const json::Node* e = doc.find("error"); e && e->type == json::Node::Type::String)
        throw FluxError(ErrorCode::Invalid, std::string(kWhat) + ": " + e->text);
    const json::Node* results = doc.find("results");
    if (!results || results->type != json::Node::Type::Array) return;
    for (const json::Node& r : results->items) {
        if (const json::Node* e = r.find("error"); e && e->type == json::Node::Type::String)
            throw FluxError(ErrorCode::Invalid, std::string(kWhat) + ": " + e->text);
        const json::Node* series = r.find("series");
        if (!series || series->type != json::Node::Type::Array) continue;
        for (const json::Node& s : series->items) {
            const json::Node* name = s.find("name");
            const json::Node* columns = s.find("columns");
            const json::Node* values = s.find("values");
            if (!columns || !values || columns->type != json::Node::Type::Array || values->type != json::Node::Type::Array)
                continue;
            for (const json::Node& row : values->items) {
                auto cell = [&](const std::string& col) -> const json::Node* {
                    for (size_t i = 0; i < columns->items.size() && i < row.items.size(); i++)
                        if (columns->items[i].text == col) return &row.items[i];
                    return nullptr;
                };
                fn(name ? name->text : std::string(), cell);
            }
        }
    }
}

// measurement -> its fields with their types, from SHOW FIELD KEYS. A field with two types (written
// with different types in different shards) is listed with both; reading it is an error.
std::vector<std::pair<std::string, std::vector<FieldSpec>>> readSchema(const Server& s) {
    std::vector<std::pair<std::string, std::vector<FieldSpec>>> out;
    forEachShowRow(postQuery(s, "SHOW FIELD KEYS", false), [&](const std::string& m, auto cell) {
        const json::Node* key = cell("fieldKey");
        const json::Node* type = cell("fieldType");
        if (!key || !type || key->type != json::Node::Type::String || type->type != json::Node::Type::String) return;
        ColType t = ColType::Float;
        if (type->text == "float") t = ColType::Float;
        else if (type->text == "integer") t = ColType::Int;
        else if (type->text == "unsigned") t = ColType::UInt;
        else if (type->text == "string") t = ColType::String;
        else if (type->text == "boolean") t = ColType::Bool;
        else throw FluxError(ErrorCode::Unavailable, std::string(kWhat) + ": field \"" + key->text + "\" of \"" + m +
                                                         "\" has a type fluxi does not know: " + type->text);
        if (out.empty() || out.back().first != m) out.push_back({m, {}});
        out.back().second.push_back({key->text, t});
    });
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first; });
    return out;
}

// The boundaries of the database's shards (start and end times), or nullopt when the server does not
// say (SHOW SHARDS refused or answered otherwise than InfluxDB 1.x does).
std::optional<std::vector<int64_t>> readShardBoundaries(const Server& s) {
    std::vector<int64_t> out;
    try {
        forEachShowRow(postQuery(s, "SHOW SHARDS", false), [&](const std::string& db, auto cell) {
            if (db != s.db) return;
            if (const json::Node* rp = cell("retention_policy"); !s.rp.empty() && rp && rp->text != s.rp) return;
            for (const char* col : {"start_time", "end_time"}) {
                const json::Node* t = cell(col);
                if (!t || t->type != json::Node::Type::String) throw std::runtime_error("no shard time");
                out.push_back(parseTime(t->text));
            }
        });
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return out;
}

enum class Plan { Raw, Count, First, Last, Min, Max, SumFloat, SumInt, MeanFloat, MeanInt };

// How aggregate `what` of a field of type `t` is pushed down, or Raw.
Plan planFor(const agg::FusedAggregate& what, ColType t, bool floatSumsExact) {
    const bool number = t == ColType::Float || t == ColType::Int;
    if (what.selector) {
        switch (what.select) {
            case agg::SelectKind::First: return Plan::First;
            case agg::SelectKind::Last: return Plan::Last;
            case agg::SelectKind::Min: return number ? Plan::Min : Plan::Raw;
            case agg::SelectKind::Max: return number ? Plan::Max : Plan::Raw;
            default: return Plan::Raw;
        }
    }
    switch (what.reduce) {
        case agg::ReduceKind::Count: return Plan::Count;
        case agg::ReduceKind::Sum:
            if (t == ColType::Int) return Plan::SumInt;
            return t == ColType::Float && floatSumsExact ? Plan::SumFloat : Plan::Raw;
        case agg::ReduceKind::Mean:
            if (t == ColType::Int) return Plan::MeanInt;
            return t == ColType::Float && floatSumsExact ? Plan::MeanFloat : Plan::Raw;
        default: return Plan::Raw;
    }
}

struct Statement {
    std::string measurement;
    std::vector<FieldSpec> fields;  // Raw: the fields read; otherwise one
    std::string condition;          // tag condition, "" for none
    Plan plan = Plan::Raw;
    std::vector<ColType> types;     // of the answer's columns after time
};

struct Window {
    int64_t every = 0, zero = 0;
    agg::FusedAggregate what;
};

struct SeriesTable {
    const std::string* measurement;
    const std::vector<std::pair<std::string, std::string>>* tags;
    std::string field;
    TablePtr table;
};

// The table of one series and field, laid out as the embedded store's from() lays it out.
TablePtr seriesTable(const AnsweredSeries& s, const std::string& field, int64_t start, int64_t stop,
                     ColumnPtr times, ColumnPtr values) {
    const size_t n = times->size();
    GroupKey key;
    key.cols.push_back({"_start", ColType::Time});
    key.values.push_back(Value::time(start));
    key.cols.push_back({"_stop", ColType::Time});
    key.values.push_back(Value::time(stop));
    key.cols.push_back({"_field", ColType::String});
    key.values.push_back(Value::string(make<StringObj>(field)));
    key.cols.push_back({"_measurement", ColType::String});
    key.values.push_back(Value::string(make<StringObj>(s.measurement)));
    for (auto& [k, v] : s.tags) {
        key.cols.push_back({k, ColType::String});
        key.values.push_back(Value::string(make<StringObj>(v)));
    }
    std::vector<Value> keyValues = key.values;
    TableBuilder b(std::move(key));
    auto constant = [&](const std::string& name, ColType type, const Value& v) {
        auto c = std::make_shared<Column>(type);
        c->appendRepeated(v, n);
        b.addColumn(name, std::move(c));
    };
    constant("_start", ColType::Time, keyValues[0]);
    constant("_stop", ColType::Time, keyValues[1]);
    b.addColumn("_time", std::move(times));
    b.addColumn("_value", std::move(values));
    constant("_field", ColType::String, keyValues[2]);
    constant("_measurement", ColType::String, keyValues[3]);
    for (size_t i = 0; i < s.tags.size(); i++) constant(s.tags[i].first, ColType::String, keyValues[4 + i]);
    return b.finish();
}

// Rows of `times`/`values` where values is not null.
std::pair<ColumnPtr, ColumnPtr> nonNullRows(const ColumnPtr& times, const ColumnPtr& values) {
    if (values->nullCount() == 0) return {times, values};
    auto t = std::make_shared<Column>(ColType::Time);
    auto v = std::make_shared<Column>(values->type());
    for (size_t i = 0; i < values->size(); i++)
        if (!values->isNull(i)) {
            t->appendFrom(*times, i);
            v->appendFrom(*values, i);
        }
    return {t, v};
}

struct InfluxQLStream final : StreamObj, WindowAggregateSource {
    Server server;
    bool pushdown = true;
    bool ranged = false;
    int64_t start = 0, stop = 0;
    std::vector<std::shared_ptr<const remote::Predicate>> filters;
    std::optional<Window> window;

    std::string timeCondition(int64_t lo, int64_t hi) const {
        return "time >= " + std::to_string(lo) + " AND time < " + std::to_string(hi);
    }

    std::string text(const Statement& st, int64_t lo, int64_t hi) const {
        std::string sel;
        auto field = [](const FieldSpec& f) { return quoteIdent(f.name) + "::field"; };
        auto call = [&](const char* fn) {
            if (!sel.empty()) sel += ", ";
            sel += std::string(fn) + "(" + field(st.fields[0]) + ")";
        };
        switch (st.plan) {
            case Plan::Raw:
                for (auto& f : st.fields) sel += (sel.empty() ? "" : ", ") + field(f);
                break;
            case Plan::Count: call("count"); break;
            case Plan::First: call("first"); break;
            case Plan::Last: call("last"); break;
            case Plan::Min: call("min"); break;
            case Plan::Max: call("max"); break;
            case Plan::SumFloat: call("sum"); break;
            case Plan::MeanFloat: call("sum"), call("count"); break;
            case Plan::SumInt:
            case Plan::MeanInt: call("sum"), call("count"), call("min"), call("max"); break;
        }
        std::string q = "SELECT " + sel + " FROM " + quoteIdent(st.measurement) + " WHERE " + timeCondition(lo, hi);
        if (!st.condition.empty()) q += " AND " + st.condition;
        if (st.plan == Plan::Raw) return q + " GROUP BY *";
        int64_t offset = ((window->zero % window->every) + window->every) % window->every;
        return q + " GROUP BY time(" + std::to_string(window->every) + "ns, " + std::to_string(offset) + "ns), * fill(none)";
    }

    // Raw statements for the fields of a measurement: one per distinct tag condition.
    static void addRaw(std::vector<Statement>& out, const std::string& m, const FieldSpec& f, const std::string& cond) {
        for (auto& st : out)
            if (st.plan == Plan::Raw && st.measurement == m && st.condition == cond) {
                st.fields.push_back(f);
                st.types.push_back(f.type);
                return;
            }
        out.push_back({m, {f}, cond, Plan::Raw, {f.type}});
    }

    // Whether float sums of the server equal fluxi's: every window lies in one shard.
    bool floatSumsExact(int64_t lo, int64_t hi) const {
        std::optional<std::vector<int64_t>> bounds = readShardBoundaries(server);
        if (!bounds) return false;
        for (int64_t b : *bounds) {
            if (b <= lo || b >= hi) continue;
            __int128 d = static_cast<__int128>(b) - window->zero;
            if (d % window->every != 0) return false;
        }
        return true;
    }

    // Runs `statements` and appends their tables to `out`; returns the raw statements that must
    // replace aggregates the server cannot compute exactly.
    std::vector<Statement> run(const std::vector<Statement>& statements, int64_t lo, int64_t hi,
                               std::vector<SeriesTable>& out, std::vector<StatementAnswer>& keep) const {
        std::string q;
        std::vector<std::vector<ColType>> types;
        for (auto& st : statements) {
            q += (q.empty() ? "" : ";\n") + text(st, lo, hi);
            types.push_back(st.types);
        }
        std::string body = postQuery(server, q, true);
        std::vector<StatementAnswer> answers = readQueryAnswer(body, types, kWhat);
        std::vector<Statement> redo;
        for (size_t i = 0; i < statements.size(); i++) {
            const Statement& st = statements[i];
            StatementAnswer& a = answers[i];
            if (st.plan == Plan::Raw) {
                for (const AnsweredSeries& s : a.series)
                    for (size_t f = 0; f < st.fields.size(); f++) {
                        auto [t, v] = nonNullRows(s.times, s.values[f]);
                        if (t->size() == 0) continue;
                        out.push_back({&s.measurement, &s.tags, st.fields[f].name, seriesTable(s, st.fields[f].name, start, stop, t, v)});
                    }
                continue;
            }
            if ((st.plan == Plan::SumInt || st.plan == Plan::MeanInt) && !intSumsExact(a, st.plan == Plan::MeanInt)) {
                redo.push_back({st.measurement, st.fields, st.condition, Plan::Raw, {st.fields[0].type}});
                continue;
            }
            for (const AnsweredSeries& s : a.series) {
                auto t = std::make_shared<Column>(ColType::Time);
                ColumnPtr v;
                const size_t n = s.times->size();
                for (size_t r = 0; r < n; r++) t->appendInt(std::max(s.times->ints()[r], lo));
                if (st.plan == Plan::MeanFloat || st.plan == Plan::MeanInt) {
                    auto means = std::make_shared<Column>(ColType::Float);
                    const Column& sums = *s.values[0];
                    const Column& counts = *s.values[1];
                    for (size_t r = 0; r < n; r++) {
                        double sum = sums.type() == ColType::Int ? static_cast<double>(sums.ints()[r]) : sums.floats()[r];
                        means->appendFloat(sum / static_cast<double>(counts.ints()[r]));
                    }
                    v = means;
                } else {
                    v = s.values[0];
                }
                if (v->nullCount() != 0) throw FluxError(ErrorCode::Unavailable, std::string(kWhat) + ": unexpected answer: an aggregate without a value");
                out.push_back({&s.measurement, &s.tags, st.fields[0].name, seriesTable(s, st.fields[0].name, start, stop, t, v)});
            }
        }
        for (auto& a : answers) keep.push_back(std::move(a));
        return redo;
    }

    // sum, count, min, max per window: no partial sum of the window can leave int64 (the server
    // wraps; fluxi fails), and for mean none can exceed 2^53 (fluxi adds float64s).
    static bool intSumsExact(const StatementAnswer& a, bool mean) {
        const unsigned __int128 limit = mean ? (static_cast<unsigned __int128>(1) << 53) : static_cast<unsigned __int128>(INT64_MAX);
        for (const AnsweredSeries& s : a.series)
            for (size_t r = 0; r < s.times->size(); r++) {
                if (s.values[1]->isNull(r) || s.values[2]->isNull(r) || s.values[3]->isNull(r)) return false;
                auto mag = [](int64_t v) { return v < 0 ? static_cast<unsigned __int128>(-static_cast<__int128>(v)) : static_cast<unsigned __int128>(v); };
                unsigned __int128 biggest = std::max(mag(s.values[2]->ints()[r]), mag(s.values[3]->ints()[r]));
                if (biggest * static_cast<unsigned __int128>(s.values[1]->ints()[r]) > limit) return false;
            }
        return true;
    }

    std::unique_ptr<TableIterator> open() const override {
        if (!ranged)
            throw FluxError("cannot submit unbounded read to database \"" + server.db + "\" on " + net::redactUrl(server.host) +
                            "; try bounding 'from' with a call to 'range'");
        struct Iter final : TableIterator {
            std::vector<TablePtr> tables;
            std::vector<StatementAnswer> answers;  // what the tables' names point into
            size_t pos = 0;
            TablePtr next() override { return pos < tables.size() ? tables[pos++] : nullptr; }
        };
        auto it = std::make_unique<Iter>();
        const int64_t lo = std::max(start, kMinTime), hi = std::min(stop, kMaxTime + 1);
        if (lo >= hi) return it;

        ConditionBuilder conditions;
        const bool sums = window && !window->what.selector &&
                          (window->what.reduce == agg::ReduceKind::Sum || window->what.reduce == agg::ReduceKind::Mean);
        const bool exactFloatSums = sums && floatSumsExact(lo, hi);
        std::vector<Statement> statements;
        for (auto& [m, fields] : readSchema(server)) {
            for (size_t i = 0; i < fields.size(); i++) {
                const FieldSpec& f = fields[i];
                Condition all;
                for (auto& p : filters) {
                    Condition c = conditions.of(*p, m, f.name);
                    if (c.kind == Condition::Kind::False) {
                        all = c;
                        break;
                    }
                    if (c.kind == Condition::Kind::Tags)
                        all = {Condition::Kind::Tags, all.influxql.empty() ? c.influxql : all.influxql + " AND " + c.influxql};
                }
                if (all.kind == Condition::Kind::False) continue;
                for (size_t j = 0; j < fields.size(); j++)
                    if (j != i && fields[j].name == f.name)
                        throw FluxError(ErrorCode::Unavailable, std::string(kWhat) + ": field \"" + f.name + "\" of \"" + m + "\" has more than one type in " + server.db + " (written with different types in different shards); fluxi reads a field of one type");
                Plan plan = window ? planFor(window->what, f.type, exactFloatSums) : Plan::Raw;
                if (plan == Plan::Raw) {
                    addRaw(statements, m, f, all.influxql);
                    continue;
                }
                Statement st{m, {f}, all.influxql, plan, {}};
                switch (plan) {
                    case Plan::Count: st.types = {ColType::Int}; break;
                    case Plan::MeanFloat: st.types = {ColType::Float, ColType::Int}; break;
                    case Plan::SumInt:
                    case Plan::MeanInt: st.types = {ColType::Int, ColType::Int, ColType::Int, ColType::Int}; break;
                    default: st.types = {f.type}; break;
                }
                statements.push_back(std::move(st));
            }
        }
        std::vector<SeriesTable> tables;
        if (!statements.empty()) {
            std::vector<Statement> redo = run(statements, lo, hi, tables, it->answers);
            if (!redo.empty()) {
                std::vector<Statement> again = run(redo, lo, hi, tables, it->answers);
                (void)again;  // raw statements are never redone
            }
        }
        // The store's order: measurement, then tags, then field.
        std::stable_sort(tables.begin(), tables.end(), [](const SeriesTable& a, const SeriesTable& b) {
            if (*a.measurement != *b.measurement) return *a.measurement < *b.measurement;
            const auto &x = *a.tags, &y = *b.tags;
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; i++) {
                if (x[i].first != y[i].first) return x[i].first < y[i].first;
                if (x[i].second != y[i].second) return x[i].second < y[i].second;
            }
            if (x.size() != y.size()) return x.size() < y.size();
            return a.field < b.field;
        });
        for (auto& t : tables) it->tables.push_back(std::move(t.table));
        return it;
    }

    Ref<StreamObj> withRange(int64_t s, int64_t e) const override {
        if (ranged || window) return {};
        auto r = make<InfluxQLStream>(*this);
        r->ranged = true;
        r->start = s;
        r->stop = e;
        r->bounds = TimeBounds{s, e};
        r->origin = "range";
        return r;
    }

    Ref<StreamObj> withFilter(const Value& fn) const override {
        if (!pushdown || window) return {};
        std::shared_ptr<const remote::Predicate> p = remote::predicateOf(fn);
        if (!p) return {};
        auto r = make<InfluxQLStream>(*this);
        r->filters.push_back(std::move(p));
        r->origin = "filter";
        return r;
    }

    Ref<StreamObj> withWindowAggregate(const agg::FusedAggregate& what, int64_t every, int64_t zero) const override {
        if (!pushdown || !ranged || window) return {};
        bool supported = what.selector ? (what.select == agg::SelectKind::First || what.select == agg::SelectKind::Last ||
                                          what.select == agg::SelectKind::Min || what.select == agg::SelectKind::Max)
                                       : (what.reduce == agg::ReduceKind::Count || what.reduce == agg::ReduceKind::Sum ||
                                          what.reduce == agg::ReduceKind::Mean);
        if (!supported) return {};
        auto r = make<InfluxQLStream>(*this);
        r->window = Window{every, zero, what};
        r->origin = "aggregateWindow";
        return r;
    }

    InfluxQLStream() = default;
    InfluxQLStream(const InfluxQLStream& o)
        : StreamObj(), WindowAggregateSource(), server(o.server), pushdown(o.pushdown), ranged(o.ranged), start(o.start), stop(o.stop),
          filters(o.filters), window(o.window) {
        origin = o.origin;
        bounds = o.bounds;
    }
};

Value influxdb1From(CallContext& ctx, const Args& args) {
    Server s;
    s.host = ctx.requireString(args, "host");
    while (!s.host.empty() && s.host.back() == '/') s.host.pop_back();
    if (s.host.rfind("http://", 0) != 0 && s.host.rfind("https://", 0) != 0)
        ctx.fail("influxdb1.from: host must be an http:// or https:// URL, not \"" + s.host + "\"");
    s.db = ctx.requireString(args, "db");
    if (s.db.empty()) ctx.fail("influxdb1.from: db must not be empty");
    s.rp = ctx.stringOr(args, "rp", "");
    s.username = ctx.stringOr(args, "username", "");
    s.password = ctx.stringOr(args, "password", "");
    s.token = ctx.stringOr(args, "token", "");
    if (s.username.empty() && !s.password.empty())
        ctx.fail("influxdb1.from: password is given without username");
    if (!s.username.empty() && !s.token.empty()) ctx.fail("influxdb1.from: give username/password or token, not both");
    auto stream = make<InfluxQLStream>();
    stream->server = std::move(s);
    stream->pushdown = ctx.execution().pushdown && store::pushdownEnabledByEnvironment();
    if (const Value* m = ctx.optional(args, "measurement", Kind::String)) {
        auto p = std::make_shared<remote::Predicate>();
        p->op = remote::Predicate::Op::Eq;
        p->column = "_measurement";
        p->value = m->asString();
        stream->filters.push_back(std::move(p));
    }
    stream->origin = "influxdb1.from";
    return Value::stream(stream);
}

}  // namespace

FLUXI_BUILTIN("fluxi/influxdb1", "from", "host, db, ?rp, ?measurement, ?username, ?password, ?token", influxdb1From);

}  // namespace fluxi::influxdb1
