// Cell text for the output formats (see cell_text.h).
#include "format/cell_text.h"

#include <charconv>
#include <cmath>

#include "format/rfc3339.h"

namespace fluxi {

void appendFloatText(std::string& out, double v) {
    if (std::isnan(v)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(v)) {
        out.append(v > 0 ? "+Inf" : "-Inf");
        return;
    }
    // Fixed notation of the shortest round-trip digits: up to 309 integer digits or 324 fraction
    // digits for the extremes of double.
    char buf[400];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    (void)ec;  // the buffer is large enough for every finite double
    out.append(buf, end);
}

void appendCellText(std::string& out, const Column& col, size_t row) {
    char buf[32];
    switch (col.type()) {
        case ColType::Bool: out.append(col.bools()[row] ? "true" : "false"); return;
        case ColType::Int: {
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, col.ints()[row]);
            (void)ec;
            out.append(buf, end);
            return;
        }
        case ColType::UInt: {
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, col.uints()[row]);
            (void)ec;
            out.append(buf, end);
            return;
        }
        case ColType::Float: appendFloatText(out, col.floats()[row]); return;
        case ColType::String: out.append(col.strings()[row]->s); return;
        case ColType::Time: rfc3339::appendNano(out, col.ints()[row]); return;
    }
}

void appendValueText(std::string& out, const Value& v) {
    char buf[32];
    switch (v.kind()) {
        case Kind::Bool: out.append(v.asBool() ? "true" : "false"); return;
        case Kind::Int: {
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.asInt());
            (void)ec;
            out.append(buf, end);
            return;
        }
        case Kind::UInt: {
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.asUInt());
            (void)ec;
            out.append(buf, end);
            return;
        }
        case Kind::Float: appendFloatText(out, v.asFloat()); return;
        case Kind::String: out.append(v.asString()); return;
        case Kind::Time: rfc3339::appendNano(out, v.asTime()); return;
        default: return;
    }
}

}  // namespace fluxi
