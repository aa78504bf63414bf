// The test harness for Flux scripts: run a script through the embedding API (fluxi::Engine, with a
// fixed `now`, optional host builtins and data folder) and look at what it gave as text:
//  - eval():      the last top-level expression's value in Flux literal syntax;
//  - runTables(): the same, but a stream is rendered table by table:
//        [t="a"] _time:time,_value:int,t:string        <- group key, then columns with types
//        1970-01-01T00:00:01Z,1,"a"                    <- one line per row (null cells print as null)
//  - runCsv():    the script's results as annotated CSV (LF line ends);
//  - errorOf():   the full diagnostic of a failing script.
// A failing script gives "error: MESSAGE" (the first line's message, without the position), so a
// test can check both outcomes with one comparison.
#pragma once

#include <exception>
#include <sstream>
#include <string>

#include "eval/stream.h"
#include "eval/value_text.h"
#include "api/engine.h"
#include "format/annotated_csv_writer.h"

namespace fluxi::testutil {

inline constexpr const char* kTestNow = "2024-01-01T00:00:00Z";

// "error: MESSAGE" from a failed run's diagnostic "test.flux:L:C: error: MESSAGE\n...".
inline std::string errorLine(const RunResult& r) {
    std::string first = r.error.substr(0, r.error.find('\n'));
    auto pos = first.find("error: ");
    return "error: " + (pos == std::string::npos ? first : first.substr(pos + 7));
}

// Runs src as file "test.flux" with `now` fixed.
inline RunResult runScript(const std::string& src, const char* now = kTestNow) {
    Engine e;
    e.setNow(std::string_view(now));
    return e.run(src, "test.flux");
}

inline std::string renderTable(const Table& t) {
    std::string s = "[";
    for (size_t i = 0; i < t.key.cols.size(); i++) {
        if (i) s += ",";
        s += t.key.cols[i].name + "=" + (t.key.values[i].isNull() ? "null" : formatValue(t.key.values[i]));
    }
    s += "]";
    for (size_t c = 0; c < t.numColumns(); c++)
        s += std::string(c ? "," : " ") + t.meta[c].name + ":" + colTypeName(t.meta[c].type);
    for (size_t r = 0; r < t.nrows; r++) {
        s += "\n";
        for (size_t c = 0; c < t.numColumns(); c++) {
            Value v = t.column(c).get(r);
            s += (c ? "," : "") + (v.isNull() ? std::string("null") : formatValue(v));
        }
    }
    return s;
}

// A value as text: a stream table by table (renderTable), anything else in Flux literal syntax.
inline std::string renderValue(const Value& v) {
    if (!v.is(Kind::Stream)) return formatValue(v);
    std::string s;
    try {
        for (auto& t : collect(v.asStream())) s += (s.empty() ? "" : "\n") + renderTable(*t);
    } catch (const FluxError& e) {
        return "error: " + e.message();
    }
    return s;
}

// The last top-level expression's value in Flux literal syntax.
inline std::string eval(const std::string& src, const char* now = kTestNow) {
    RunResult r = runScript(src, now);
    if (!r.ok) return errorLine(r);
    if (r.values.empty()) return "<no value>";
    return formatValue(r.values.back());
}

// The last top-level expression's value, streams rendered as tables; `engine` may carry host
// builtins (registerBuiltin) and options of the test.
inline std::string runTables(Engine& engine, const std::string& src) {
    RunResult r = engine.run(src, "test.flux");
    if (!r.ok) return errorLine(r);
    if (r.values.empty()) return "<no value>";
    return renderValue(r.values.back());
}
inline std::string runTables(const std::string& src, const char* now = kTestNow) {
    Engine e;
    e.setNow(std::string_view(now));
    return runTables(e, src);
}

// The script's results (yields) as annotated CSV with LF line ends.
inline std::string runCsv(const std::string& src, const char* now = kTestNow) {
    RunResult r = runScript(src, now);
    if (!r.ok) return errorLine(r);
    std::ostringstream os;
    CsvWriteOptions o;
    o.crlf = false;
    try {
        writeAnnotatedCsv(r.results, os, o);
    } catch (const std::exception& ex) {
        return std::string("error: ") + ex.what();
    }
    return os.str();
}

// The full diagnostic text of a failing script ("" when it succeeds).
inline std::string errorOf(const std::string& src) {
    RunResult r = runScript(src);
    return r.ok ? std::string() : r.error;
}

}  // namespace fluxi::testutil
