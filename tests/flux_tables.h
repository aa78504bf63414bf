// Test helper: run a Flux script through the embedding API and render its last value -- a stream as
// text, one table after another, otherwise Flux literal syntax; "error: MESSAGE" when it fails:
//
//     [t="a"] _time:time,_value:int,t:string        <- group key, then columns with types
//     1970-01-01T00:00:01Z,1,"a"                    <- one line per row (null cells print as null)
#pragma once

#include <string>

#include "eval/value_text.h"
#include "eval/stream.h"
#include "fluxi/fluxi.h"

namespace fluxi::testutil {

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

inline std::string runTables(const std::string& src, const char* now = "2024-01-01T00:00:00Z") {
    Engine e;
    e.setNow(std::string_view(now));
    RunResult r = e.run(src, "test.flux");
    if (!r.ok) {
        auto first = r.error.substr(0, r.error.find('\n'));
        auto pos = first.find("error: ");
        return "error: " + (pos == std::string::npos ? first : first.substr(pos + 7));
    }
    if (r.values.empty()) return "<no value>";
    const Value& v = r.values.back();
    if (!v.is(Kind::Stream)) return formatValue(v);
    std::string s;
    try {
        for (auto& t : collect(v.asStream())) s += (s.empty() ? "" : "\n") + renderTable(*t);
    } catch (const FluxError& e) {
        return "error: " + e.message();
    }
    return s;
}

}  // namespace fluxi::testutil
