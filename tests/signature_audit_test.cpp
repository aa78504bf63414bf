// The signature audit: every registered builtin has a `builtin` declaration in its package's
// declaration file (stdlib/<import path>/<last segment>.flux, the reference's types), and its
// parameter list -- names, required or optional, pipe parameter -- equals the declared one. Every
// declared builtin is registered (as a builtin function or a package value, whose value has the
// declared kind), and nothing is both declared as a builtin and defined in the package's Flux
// source. All differences are reported in one failure message. A second case checks the parameters
// of the members fluxi defines in Flux against the reference's definitions.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "eval/builtin.h"
#include "api/engine.h"
#include "parser/parser.h"
#include "stdlib/declarations.h"

using namespace fluxi;

namespace {

struct DeclaredPackage {
    std::string file;
    ParseResult parsed;
    std::map<std::string, const ast::BuiltinStmt*> builtins;
};

std::string describe(const std::vector<Param>& ps) {
    std::string s = "(";
    for (size_t i = 0; i < ps.size(); i++) {
        if (i) s += ", ";
        s += ps[i].pipe ? "<-" : (ps[i].required ? "" : "?");
        s += ps[i].name;
    }
    return s + ")";
}

// The parameters of a declared function type, in the registry's terms.
std::vector<Param> declaredParams(const ast::TypeExpr& t) {
    std::vector<Param> out;
    for (const auto& f : t.fields) {
        Param p;
        p.name = f.name;
        p.pipe = f.pipe;
        p.required = !f.optional && !f.pipe;
        out.push_back(p);
    }
    return out;
}

// What differs between the registered and the declared parameters ("" when they agree).
std::string compareParams(const std::vector<Param>& reg, const std::vector<Param>& decl) {
    std::map<std::string, const Param*> r, d;
    for (const auto& p : reg) r[p.name] = &p;
    for (const auto& p : decl) d[p.name] = &p;
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
    for (const auto& [name, p] : d)
        if (!r.count(name)) add(std::string("missing ") + (p->pipe ? "pipe " : p->required ? "required " : "optional ") + name);
    for (const auto& [name, p] : r)
        if (!d.count(name)) add("extra " + name + " (the reference has no such parameter)");
    for (const auto& [name, p] : r) {
        auto it = d.find(name);
        if (it == d.end()) continue;
        const Param* q = it->second;
        if (p->pipe != q->pipe)
            add(name + (q->pipe ? " must be the pipe parameter" : " must not be the pipe parameter"));
        else if (!p->pipe && p->required != q->required)
            add(name + (q->required ? " must be required" : " must be optional"));
    }
    return out;
}

// The kind of value a declared value type stands for ("int", "record", ...; "" when any kind fits).
std::string declaredKind(const ast::TypeExpr& t) {
    using K = ast::TypeExpr::Kind;
    switch (t.kind) {
        case K::Named: return t.name;
        case K::Array: return "array";
        case K::Stream: return "stream";
        case K::Dict: return "dict";
        case K::Record: return "record";
        case K::Function: return "function";
        case K::Var:
            for (const auto& [var, kinds] : t.constraints)
                for (const auto& k : kinds)
                    if (var == t.name && k == "Record") return "record";
            return "";
        default: return "";
    }
}

// Names assigned at the top level of a package's Flux source.
std::set<std::string> fluxDefinedNames(const std::string& pkg) {
    std::set<std::string> names;
    for (const auto& s : Registry::instance().sources) {
        if (pkg != s.package) continue;
        ParseResult r = parseFlux(s.source, "<" + pkg + " source>");
        for (const auto& st : r.file->body)
            if (st->kind == ast::NodeKind::VariableAssignment)
                names.insert(static_cast<const ast::VariableAssignment*>(st.get())->id->name);
    }
    return names;
}

}  // namespace

TEST_CASE("signature audit: registered builtins equal their declarations") {
    auto& reg = Registry::instance();
    std::map<std::string, std::unique_ptr<DeclaredPackage>> decls;
    auto declared = [&](const std::string& pkg) -> DeclaredPackage* {
        auto it = decls.find(pkg);
        if (it != decls.end()) return it->second.get();
        std::unique_ptr<DeclaredPackage> d;
        if (const PackageDeclarations* pd = findPackageDeclarations(pkg)) {
            d = std::make_unique<DeclaredPackage>();
            d->file = std::string(pd->file);
            d->parsed = parseFlux(std::string(pd->source), d->file);
            for (const auto& st : d->parsed.file->body)
                if (st->kind == ast::NodeKind::BuiltinStmt) {
                    auto* b = static_cast<const ast::BuiltinStmt*>(st.get());
                    d->builtins[b->id->name] = b;
                }
        }
        return (decls[pkg] = std::move(d)).get();
    };

    std::vector<std::string> problems;
    std::map<std::string, std::set<std::string>> registered;  // package -> builtin and value names
    for (const auto& b : reg.builtins) {
        std::string pkg = b.package, name = b.name, full = pkg + "." + name;
        registered[pkg].insert(name);
        DeclaredPackage* d = declared(pkg);
        if (!d) {
            problems.push_back(full + ": package has no declaration file stdlib/" + pkg + "/...flux");
            continue;
        }
        auto it = d->builtins.find(name);
        if (it == d->builtins.end()) {
            problems.push_back(full + ": registered but not declared in " + d->file);
            continue;
        }
        const ast::TypeExpr* t = it->second->type.get();
        if (!t || t->kind != ast::TypeExpr::Kind::Function) {
            problems.push_back(full + ": registered as a function but declared as a value in " + d->file);
            continue;
        }
        auto regParams = parseSignature(b.signature);
        auto declParams = declaredParams(*t);
        std::string diff = compareParams(regParams, declParams);
        if (!diff.empty())
            problems.push_back(full + ": " + diff + " -- registered " + describe(regParams) + ", declared " +
                               describe(declParams) + " (" + d->file + ":" +
                               std::to_string(it->second->span.start.line) + ")");
    }
    for (const auto& v : reg.values) {
        std::string pkg = v.package, name = v.name;
        registered[pkg].insert(name);
        // Options are `option x = ...` in the reference; a `builtin` line gives the type checker
        // their type but is not required.
        if (v.isOption) continue;
        DeclaredPackage* d = declared(pkg);
        if (!d || !d->builtins.count(name)) {
            problems.push_back(pkg + "." + name + ": package value registered but not declared" +
                               (d ? " in " + d->file : std::string(" (no declaration file)")));
            continue;
        }
        const ast::TypeExpr* t = d->builtins[name]->type.get();
        std::string want = t ? declaredKind(*t) : "";
        std::string got = kindName(v.make().kind());
        if (!want.empty() && want != got)
            problems.push_back(pkg + "." + name + ": declared " + want + " (" + d->file + ") but its value is " + got);
    }
    // Every declared builtin is registered, and no declared builtin is also defined in Flux.
    for (const auto& pd : packageDeclarations()) {
        std::string pkg(pd.importPath);
        DeclaredPackage* d = declared(pkg);
        auto defined = fluxDefinedNames(pkg);
        for (const auto& [name, stmt] : d->builtins) {
            std::string where = d->file + ":" + std::to_string(stmt->span.start.line);
            if (defined.count(name))
                problems.push_back(pkg + "." + name + ": declared as a builtin (" + where +
                                   ") but defined in the package's Flux source");
            else if (!registered[pkg].count(name))
                problems.push_back(pkg + "." + name + ": declared (" + where + ") but not registered");
        }
    }

    std::string message;
    for (const auto& p : problems) message += p + "\n";
    INFO(problems.size(), " signature mismatches:\n", message);
    CHECK(problems.empty());
}

// Package members fluxi defines in Flux (FLUXI_FLUX_SOURCE) have no declaration line: the type
// checker infers their types from their source. Their parameter lists are checked here against the
// reference's definitions of the same functions (parameters with a default are optional, `=<-` is
// the pipe parameter).
TEST_CASE("signature audit: Flux-defined package members have the reference's parameters") {
    struct Expected {
        const char* package;
        const char* name;
        const char* params;  // in parseSignature form
    };
    static const Expected kExpected[] = {
        {"universe", "cov", "x, y, on, ?pearsonr"},
        {"universe", "pearsonr", "x, y, on"},
        {"universe", "doubleEMA", "<-tables, n"},
        {"universe", "tripleEMA", "<-tables, n"},
        {"universe", "kaufmansER", "<-tables, n"},
        {"universe", "timedMovingAverage", "<-tables, every, period, ?column"},
        {"universe", "top", "<-tables, n, ?columns"},
        {"universe", "bottom", "<-tables, n, ?columns"},
        {"universe", "highestMax", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "highestAverage", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "highestCurrent", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "lowestMin", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "lowestAverage", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "lowestCurrent", "<-tables, n, ?column, ?groupColumns"},
        {"universe", "stateCount", "<-tables, fn, ?column"},
        {"universe", "stateDuration", "<-tables, fn, ?column, ?timeColumn, ?unit"},
        {"universe", "toBool", "<-tables"},
        {"universe", "toInt", "<-tables"},
        {"universe", "toUInt", "<-tables"},
        {"universe", "toFloat", "<-tables"},
        {"universe", "toString", "<-tables"},
        {"universe", "toTime", "<-tables"},
        {"universe", "timeWeightedAvg", "<-tables, unit"},
        {"internal/testing", "assertMatches", "got, want"},
        {"date/boundaries", "yesterday", ""},
        {"date/boundaries", "monday", ""},
        {"date/boundaries", "sunday", ""},
        {"date/boundaries", "week", "?start_sunday, ?week_offset"},
        {"date/boundaries", "month", "?month_offset"},
        {"experimental/date/boundaries", "week", "?start_sunday, ?week_offset"},
        {"experimental/date/boundaries", "month", "?month_offset"},
        {"experimental/aggregate", "rate", "<-tables, every, ?groupColumns, ?unit"},
        {"experimental/array", "toBool", "<-arr"},
        {"experimental/array", "toDuration", "<-arr"},
        {"experimental/array", "toFloat", "<-arr"},
        {"experimental/array", "toInt", "<-arr"},
        {"experimental/array", "toString", "<-arr"},
        {"experimental/array", "toTime", "<-arr"},
        {"experimental/array", "toUInt", "<-arr"},
        {"influxdata/influxdb/monitor", "from", "start, ?stop, ?fn"},
        {"influxdata/influxdb/monitor", "logs", "start, ?stop, fn"},
        {"influxdata/influxdb/monitor", "deadman", "<-tables, t"},
        {"influxdata/influxdb/monitor", "check", "<-tables, data, messageFn, ?crit, ?warn, ?info, ?ok"},
        {"influxdata/influxdb/monitor", "notify", "<-tables, endpoint, data"},
        {"influxdata/influxdb/schema", "fieldsAsCols", "<-tables"},
        {"influxdata/influxdb/schema", "tagValues", "bucket, tag, ?predicate, ?start, ?stop"},
        {"influxdata/influxdb/schema", "tagKeys", "bucket, ?predicate, ?start, ?stop"},
        {"influxdata/influxdb/schema", "measurementTagValues", "bucket, measurement, tag, ?start, ?stop"},
        {"influxdata/influxdb/schema", "measurementTagKeys", "bucket, measurement, ?start, ?stop"},
        {"influxdata/influxdb/schema", "fieldKeys", "bucket, ?predicate, ?start, ?stop"},
        {"influxdata/influxdb/schema", "measurementFieldKeys", "bucket, measurement, ?start, ?stop"},
        {"influxdata/influxdb/schema", "measurements", "bucket, ?start, ?stop"},
        {"influxdata/influxdb/v1", "tagValues", "bucket, tag, ?predicate, ?start, ?stop"},
        {"influxdata/influxdb/v1", "measurements", "bucket, ?start, ?stop"},
        {"influxdata/influxdb/tasks", "lastSuccess", "orTime"},
        {"internal/debug", "pass", "<-tables"},
        {"internal/debug", "slurp", "<-tables"},
        {"internal/debug", "opaque", "<-tables"},
        {"join", "time", "<-left, right, as, ?method"},
        {"join", "inner", "<-left, right, on, as"},
        {"join", "full", "<-left, right, on, as"},
        {"join", "left", "<-left, right, on, as"},
        {"join", "right", "<-left, right, on, as"},
        {"testing", "load", "<-tables"},
        {"experimental/query", "fromRange", "bucket, start, ?stop"},
        {"experimental/query", "filterMeasurement", "<-table, measurement"},
        {"experimental/query", "filterFields", "<-table, ?fields"},
        {"experimental/query", "inBucket", "bucket, measurement, start, ?stop, ?fields, ?predicate"},
        {"experimental/oee", "computeAPQ", "productionEvents, partEvents, runningState, plannedTime, idealCycleTime"},
        {"experimental/oee", "APQ", "<-tables, runningState, plannedTime, idealCycleTime"},
        {"experimental/dynamic", "_isNotDistinct", "a, b"},
        {"internal/promql", "quantile", "q, <-tables, ?method"},
        {"http", "endpoint", "url"},
        {"http/requests", "do", "method, url, ?params, ?headers, ?body, ?config"},
        {"http/requests", "get", "url, ?params, ?headers, ?body, ?config"},
        {"http/requests", "post", "url, ?params, ?headers, ?body, ?config"},
        {"http/requests", "peek", "response"},
        {"experimental/http/requests", "do", "method, url, ?params, ?headers, ?body, ?config"},
        {"experimental/http/requests", "get", "url, ?params, ?headers, ?body, ?config"},
        {"experimental/http/requests", "post", "url, ?params, ?headers, ?body, ?config"},
        {"experimental/http/requests", "peek", "response"},
        {"experimental/csv", "from", "url"},
        {"slack", "message", "?url, ?token, channel, text, color"},
        {"slack", "endpoint", "?url, ?token"},
        {"pagerduty", "severityFromLevel", "level"},
        {"pagerduty", "actionFromSeverity", "severity"},
        {"pagerduty", "actionFromLevel", "level"},
        {"pagerduty", "sendEvent", "?pagerdutyURL, routingKey, client, clientURL, dedupKey, class, group, severity, eventAction, source, ?component, summary, timestamp, ?customDetails"},
        {"pagerduty", "endpoint", "?url"},
        {"pushbullet", "pushData", "?url, ?token, data"},
        {"pushbullet", "pushNote", "?url, ?token, title, text"},
        {"pushbullet", "endpoint", "?url, ?token"},
        {"contrib/sranka/opsgenie", "sendAlert", "?url, apiKey, message, ?alias, ?description, ?priority, ?responders, ?tags, ?entity, ?actions, ?visibleTo, ?details"},
        {"contrib/sranka/opsgenie", "endpoint", "?url, apiKey, ?entity"},
        {"contrib/sranka/sensu", "event", "url, apiKey, checkName, text, ?handlers, ?status, ?state, ?namespace, ?entityName"},
        {"contrib/sranka/sensu", "endpoint", "url, apiKey, ?handlers, ?namespace, ?entityName"},
        {"contrib/sranka/telegram", "message", "?url, token, channel, text, ?parseMode, ?disableWebPagePreview, ?silent"},
        {"contrib/sranka/telegram", "endpoint", "?url, token, ?parseMode, ?disableWebPagePreview"},
        {"contrib/sranka/teams", "message", "url, title, text, ?summary"},
        {"contrib/sranka/teams", "endpoint", "url"},
        {"contrib/sranka/webexteams", "message", "?url, token, roomId, text, markdown"},
        {"contrib/sranka/webexteams", "endpoint", "?url, token"},
        {"contrib/chobbs/discord", "send", "webhookToken, webhookID, username, content, ?avatar_url"},
        {"contrib/chobbs/discord", "endpoint", "webhookToken, webhookID, username, ?avatar_url"},
        {"contrib/bonitoo-io/victorops", "alert", "url, messageType, ?entityID, ?entityDisplayName, ?stateMessage, ?timestamp, ?monitoringTool"},
        {"contrib/bonitoo-io/victorops", "endpoint", "url, ?monitoringTool"},
        {"contrib/bonitoo-io/servicenow", "event", "url, username, password, ?source, ?node, ?metricType, ?resource, ?metricName, ?messageKey, description, severity, ?additionalInfo"},
        {"contrib/bonitoo-io/servicenow", "endpoint", "url, username, password, ?source"},
        {"contrib/bonitoo-io/alerta", "alert", "url, apiKey, resource, event, ?environment, severity, ?service, ?group, ?value, ?text, ?tags, attributes, ?origin, ?type, ?timestamp"},
        {"contrib/bonitoo-io/alerta", "endpoint", "url, apiKey, ?environment, ?origin"},
        {"contrib/rhajek/bigpanda", "statusFromLevel", "level"},
        {"contrib/rhajek/bigpanda", "sendAlert", "url, token, appKey, status, rec"},
        {"contrib/rhajek/bigpanda", "endpoint", "?url, token, appKey"},
        {"contrib/bonitoo-io/zenoss", "event", "url, ?username, ?password, ?apiKey, ?action, ?method, ?type, ?tid, ?summary, ?device, ?component, severity, ?eventClass, ?eventClassKey, ?collector, ?message"},
        {"contrib/bonitoo-io/zenoss", "endpoint", "url, ?username, ?password, ?apiKey, ?action, ?method, ?type, ?tid"},
    };
    std::vector<std::string> problems;
    for (const auto& e : kExpected) {
        std::string pkg = e.package, full = pkg + "." + e.name;
        std::string src = pkg == "universe" ? std::string(e.name)
                                            : "import p \"" + pkg + "\"\np." + e.name;
        Engine engine;
        RunResult r = engine.run(src, "audit.flux");
        if (!r.ok || r.values.empty() || !r.values.back().is(Kind::Function)) {
            problems.push_back(full + ": not a function of the package" + (r.ok ? "" : " (" + r.error + ")"));
            continue;
        }
        auto actual = r.values.back().asFunction().params;
        auto expected = parseSignature(e.params);
        std::string diff = compareParams(actual, expected);
        if (!diff.empty())
            problems.push_back(full + ": " + diff + " -- defined " + describe(actual) + ", reference " +
                               describe(expected));
    }
    std::string message;
    for (const auto& p : problems) message += p + "\n";
    INFO(problems.size(), " mismatches:\n", message);
    CHECK(problems.empty());
}
