// The profile results of a run (see query_profile.h).
#include "stdlib/profiler/query_profile.h"

#include "ast/ast.h"
#include "eval/error.h"
#include "eval/interpreter.h"

namespace fluxi {

namespace {

TablePtr queryProfileTable(const QueryStats& st) {
    GroupKey key;
    key.cols = {{"_measurement", ColType::String}};
    key.values = {Value::string("profiler/query")};
    TableBuilder b(key);
    b.column(static_cast<size_t>(b.addColumn("_measurement", ColType::String))).appendRepeated(key.values[0], 1);
    const std::pair<const char*, int64_t> ints[] = {
        {"TotalDuration", st.totalNanos}, {"CompileDuration", st.compileNanos}, {"QueueDuration", 0},
        {"PlanDuration", 0},             {"RequeueDuration", 0},              {"ExecuteDuration", st.executeNanos},
        {"Concurrency", 1},              {"MaxAllocated", 0},                 {"TotalAllocated", 0},
    };
    for (const auto& [name, v] : ints) b.column(static_cast<size_t>(b.addColumn(name, ColType::Int))).appendInt(v);
    b.column(static_cast<size_t>(b.addColumn("RuntimeErrors", ColType::String))).appendString(std::string_view());
    return b.finish();
}

// Fails at the script's last `option <pkg>.enabledProfilers = ...`, or without a position.
[[noreturn]] void fail(const ast::File& script, const std::string& message, ErrorCode code = ErrorCode::Invalid) {
    const ast::Stmt* at = nullptr;
    for (const auto& st : script.body) {
        if (st->kind != ast::NodeKind::OptionStmt) continue;
        const auto* a = static_cast<const ast::OptionStmt*>(st.get())->assignment.get();
        if (a->kind == ast::NodeKind::MemberAssignment &&
            static_cast<const ast::MemberAssignment*>(a)->member->property == "enabledProfilers")
            at = st.get();
    }
    if (at) throw FluxError(code, message, script.name, at->span.start);
    throw FluxError(code, message);
}

}  // namespace

std::optional<NamedResult> profilerResult(Interpreter& interp, const ast::File& script, const QueryStats& stats) {
    Value names = interp.option("profiler", "enabledProfilers");
    if (names.isNull()) return std::nullopt;
    if (!names.is(Kind::Array))
        fail(script, std::string("option profiler.enabledProfilers must be an array of strings, got ") +
                         kindName(names.kind()));
    bool query = false;
    for (const Value& n : names.asArray().elems) {
        if (!n.is(Kind::String))
            fail(script, std::string("option profiler.enabledProfilers must be an array of strings, found a ") +
                             kindName(n.kind()));
        if (n.asString() == "query") query = true;
        if (n.asString() == "operator")
            fail(script,
                 "profiler \"operator\" is not available in fluxi: it has no physical plan operators to time "
                 "(enable \"query\" for the run's statistics)",
                 ErrorCode::Unimplemented);
    }
    if (!query) return std::nullopt;
    return NamedResult{"_profiler", makeMaterializedStream({queryProfileTable(stats)}, "profiler")};
}

}  // namespace fluxi
