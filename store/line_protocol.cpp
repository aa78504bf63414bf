// Line protocol parser (see line_protocol.h). One pass over the text, character by character;
// names and values are views into the text, and only tokens that contain escapes are copied (into
// buffers reused from line to line), so a line costs no heap allocation in the steady state. Also
// the writer of a batch back into lines.
#include "store/line_protocol.h"

#include <charconv>
#include <deque>
#include <vector>

#include "parser/literals.h"
#include "store/write_batch_impl.h"

namespace fluxi::store {

bool parsePrecision(std::string_view t, Precision& out) {
    if (t == "ns" || t == "n") out = Precision::ns;
    else if (t == "us" || t == "u" || t == "\xC2\xB5s") out = Precision::us;
    else if (t == "ms") out = Precision::ms;
    else if (t == "s") out = Precision::s;
    else return false;
    return true;
}

int64_t precisionNanos(Precision p) {
    switch (p) {
        case Precision::ns: return 1;
        case Precision::us: return 1000;
        case Precision::ms: return 1000000;
        case Precision::s: return 1000000000;
    }
    return 1;
}

namespace {

enum : uint8_t { kStopMeas = 1, kStopTagKey = 2, kStopTagVal = 4, kStopFieldKey = 8, kStopValue = 16 };

struct StopTable {
    uint8_t bits[256] = {};
    constexpr StopTable() {
        for (unsigned char c : {'\n', '\r', ' ', '\t', ','}) bits[c] = kStopMeas | kStopTagKey | kStopTagVal | kStopFieldKey | kStopValue;
        bits[static_cast<unsigned char>('=')] = kStopTagKey | kStopTagVal | kStopFieldKey;
    }
};
constexpr StopTable kStops;

bool isEscapable(char c) { return c == ',' || c == ' ' || c == '=' || c == '\\' || c == '\t'; }

// Tag keys that would collide with the columns every stored point is read back with.
bool isReservedTagKey(std::string_view k) {
    return k == "_measurement" || k == "_field" || k == "_value" || k == "_time" || k == "_start" ||
           k == "_stop";
}

// The times a point may carry: as InfluxDB's, one inside each end of int64, so that a range
// [start, stop) with an exclusive stop can still contain it.
constexpr int64_t kMinPointTime = INT64_MIN + 2;
constexpr int64_t kMaxPointTime = INT64_MAX - 1;

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') out += "\\n";
        else if (c == '"') out += "\\\"";
        else out.push_back(c);
    }
    return out + "\"";
}

struct FieldValue {
    std::string_view key;
    size_t keyLine, keyColumn;
    ValueType type;
    union {
        double f;
        int64_t i;
        uint64_t u;
        bool b;
    } v;
    std::string_view str;
};

class Parser {
public:
    Parser(std::string_view text, std::string_view bucket, Precision precision, int64_t defaultTime,
           WriteBatch& batch, size_t firstLine)
        : s_(text), bucket_(bucket), mult_(precisionNanos(precision)), defaultTime_(defaultTime), batch_(batch),
          line_(firstLine) {}

    // A piece of a longer input (parseLineProtocolChunk): stop before a line whose string value runs
    // past the end of the text, or after `maxLines` lines with points.
    void setPartial(size_t maxLines) {
        partial_ = true;
        maxLines_ = maxLines;
    }
    size_t consumed() const { return pos_; }
    size_t line() const { return line_; }

    LineProtocolStats run() {
        const size_t n = s_.size();
        while (pos_ < n) {
            if (partial_ && stats_.lines >= maxLines_) break;
            lineStart_ = pos_;
            const size_t linePos = pos_, startLine = line_;
            poolUsed_ = 0;
            // leading whitespace
            while (pos_ < n && (s_[pos_] == ' ' || s_[pos_] == '\t')) pos_++;
            if (pos_ >= n) break;
            char c = s_[pos_];
            if (c == '\n' || c == '\r') {
                endOfLine();
                continue;
            }
            if (c == '#') {
                while (pos_ < n && s_[pos_] != '\n') pos_++;
                if (pos_ < n) pos_++;
                line_++;
                continue;
            }
            try {
                parseLine();
            } catch (const NeedMore&) {
                pos_ = lineStart_ = linePos;
                line_ = startLine;
                break;
            }
        }
        return stats_;
    }

private:
    [[noreturn]] void fail(size_t at, const std::string& msg) const {
        throw LineProtocolError(line_, at - lineStart_ + 1, msg);
    }
    // Line and column of a byte offset on the current line (before a multi-line string moved on).
    struct Where {
        size_t line, column;
    };
    Where here(size_t at) const { return {line_, at - lineStart_ + 1}; }
    [[noreturn]] static void failWhere(Where w, const std::string& msg) {
        throw LineProtocolError(w.line, w.column, msg);
    }
    char cur() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    bool atEol() const { return pos_ >= s_.size() || s_[pos_] == '\n' || s_[pos_] == '\r'; }

    std::string& scratch() {
        if (poolUsed_ == pool_.size()) pool_.emplace_back();
        std::string& b = pool_[poolUsed_++];
        b.clear();
        return b;
    }

    // A measurement name, tag key, tag value or field key: up to the first unescaped stop
    // character of `kind`.
    std::string_view name(uint8_t kind) {
        const size_t start = pos_;
        const size_t n = s_.size();
        bool escaped = false;
        while (pos_ < n) {
            char c = s_[pos_];
            if (c == '\\' && pos_ + 1 < n && isEscapable(s_[pos_ + 1])) {
                escaped = true;
                pos_ += 2;
                continue;
            }
            if (kStops.bits[static_cast<unsigned char>(c)] & kind) break;
            pos_++;
        }
        std::string_view raw = s_.substr(start, pos_ - start);
        checkText(start, raw, kind == kStopMeas ? "measurement name" : kind == kStopTagKey ? "tag key"
                                                                    : kind == kStopTagVal ? "tag value"
                                                                                          : "field key");
        if (!escaped) return raw;
        std::string& out = scratch();
        for (size_t i = 0; i < raw.size(); i++) {
            if (raw[i] == '\\' && i + 1 < raw.size() && isEscapable(raw[i + 1])) i++;
            out.push_back(raw[i]);
        }
        return out;
    }

    // Names and string values must be UTF-8 without NUL bytes (the store and the output formats
    // could not round-trip them). `start` is the offset of `raw` in the text, on the current line.
    void checkText(size_t start, std::string_view raw, const char* what) const {
        size_t nul = raw.find('\0');
        if (nul != std::string_view::npos) fail(start + nul, std::string("NUL byte in a ") + what);
        size_t bad = 0;
        if (!literals::isValidUtf8(raw, bad))
            fail(start + bad, std::string("invalid UTF-8 in a ") + what + ": expected UTF-8 text");
    }

    void skipSpaces() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) pos_++;
    }

    void endOfLine() {
        if (pos_ < s_.size() && s_[pos_] == '\r') {
            pos_++;
            if (pos_ < s_.size() && s_[pos_] != '\n') fail(pos_ - 1, "carriage return in the middle of a line");
        }
        if (pos_ < s_.size()) {
            pos_++;  // '\n'
        }
        line_++;
    }

    void parseLine() {
        // measurement
        Where measWhere = here(pos_);
        std::string_view measurement = name(kStopMeas);
        if (measurement.empty()) fail(pos_, "expected a measurement name at the start of the line");
        // tags
        tags_.clear();
        while (cur() == ',') {
            pos_++;
            size_t keyAt = pos_;
            std::string_view key = name(kStopTagKey);
            if (key.empty()) fail(keyAt, "expected a tag key after ','");
            if (cur() != '=') fail(pos_, "expected '=' after tag key " + quoted(key));
            pos_++;
            size_t valAt = pos_;
            std::string_view val = name(kStopTagVal);
            if (val.empty()) fail(valAt, "missing value for tag key " + quoted(key));
            if (cur() == '=') fail(pos_, "unescaped '=' in the value of tag " + quoted(key) + " (write \\=)");
            for (const TagView& t : tags_)
                if (t.key == key) fail(keyAt, "duplicate tag key " + quoted(key));
            if (isReservedTagKey(key))
                fail(keyAt, "tag key " + quoted(key) +
                                " is reserved (_measurement, _field, _value, _time, _start and _stop are the "
                                "columns every point is read with): rename the tag");
            tags_.push_back({key, val});
        }
        if (atEol()) fail(pos_, "missing field set: expected a space then field=value after " + quoted(measurement));
        skipSpaces();
        if (atEol()) fail(pos_, "missing field set: expected field=value after " + quoted(measurement));
        // fields
        fields_.clear();
        for (;;) {
            size_t keyAt = pos_;
            std::string_view key = name(kStopFieldKey);
            if (key.empty()) fail(keyAt, "expected a field key");
            if (cur() != '=') fail(pos_, "expected '=' after field key " + quoted(key));
            pos_++;
            FieldValue fv;
            fv.key = key;
            Where w = here(keyAt);
            fv.keyLine = w.line;
            fv.keyColumn = w.column;
            fieldValue(fv);
            fields_.push_back(fv);
            if (cur() == ',') {
                pos_++;
                continue;
            }
            break;
        }
        // timestamp
        int64_t time = defaultTime_;
        if (!atEol()) {
            if (cur() != ' ' && cur() != '\t') fail(pos_, "expected ',' or a space after the value of field " + quoted(fields_.back().key));
            skipSpaces();
            if (!atEol()) {
                size_t tsAt = pos_;
                while (!atEol() && cur() != ' ' && cur() != '\t') pos_++;
                std::string_view ts = s_.substr(tsAt, pos_ - tsAt);
                int64_t v = 0;
                auto [p, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), v);
                if (ec == std::errc::result_out_of_range) fail(tsAt, "timestamp " + std::string(ts) + " is out of range");
                if (ec != std::errc() || p != ts.data() + ts.size())
                    fail(tsAt, "invalid timestamp " + quoted(ts) + ": expected an integer");
                if (__builtin_mul_overflow(v, mult_, &time))
                    fail(tsAt, "timestamp " + std::string(ts) + " is out of range for this precision");
                if (time < kMinPointTime || time > kMaxPointTime)
                    fail(tsAt, "timestamp " + std::string(ts) + " is out of range: expected nanoseconds between " +
                                   std::to_string(kMinPointTime) + " and " + std::to_string(kMaxPointTime));
                skipSpaces();
                if (!atEol()) fail(pos_, "unexpected text after the timestamp");
            }
        }
        // stage the point
        try {
            batch_.setSourceLine(measWhere.line);
            batch_.beginPoint(bucket_, measurement, tags_);
        } catch (const StoreError& e) {
            failWhere(measWhere, e.what());
        }
        for (const FieldValue& f : fields_) {
            try {
                switch (f.type) {
                    case ValueType::Float: batch_.addFloat(f.key, time, f.v.f); break;
                    case ValueType::Int: batch_.addInt(f.key, time, f.v.i); break;
                    case ValueType::UInt: batch_.addUInt(f.key, time, f.v.u); break;
                    case ValueType::Bool: batch_.addBool(f.key, time, f.v.b); break;
                    case ValueType::String: batch_.addString(f.key, time, f.str); break;
                }
            } catch (const StoreError& e) {
                failWhere({f.keyLine, f.keyColumn}, e.what());
            }
        }
        stats_.lines++;
        stats_.points += fields_.size();
        endOfLine();
    }

    void fieldValue(FieldValue& fv) {
        const size_t n = s_.size();
        size_t at = pos_;
        if (cur() == '"') {
            pos_++;
            size_t start = pos_;
            bool escaped = false;
            size_t savedLine = line_, savedLineStart = lineStart_;
            for (;;) {
                if (pos_ >= n) {
                    if (partial_) throw NeedMore{};  // the rest of the string is in the next piece
                    line_ = savedLine;
                    lineStart_ = savedLineStart;
                    fail(at, "unterminated string value for field " + quoted(fv.key) + ": expected a closing '\"'");
                }
                char c = s_[pos_];
                if (c == '\\' && pos_ + 1 < n && (s_[pos_ + 1] == '"' || s_[pos_ + 1] == '\\')) {
                    escaped = true;
                    pos_ += 2;
                    continue;
                }
                if (c == '"') break;
                if (c == '\n') {
                    line_++;
                    lineStart_ = pos_ + 1;
                }
                pos_++;
            }
            std::string_view raw = s_.substr(start, pos_ - start);
            pos_++;  // closing quote
            fv.type = ValueType::String;
            if (!escaped) {
                fv.str = raw;
            } else {
                std::string& out = scratch();
                for (size_t i = 0; i < raw.size(); i++) {
                    if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) i++;
                    out.push_back(raw[i]);
                }
                fv.str = out;
            }
            return;
        }
        while (pos_ < n && !(kStops.bits[static_cast<unsigned char>(s_[pos_])] & kStopValue)) pos_++;
        std::string_view tok = s_.substr(at, pos_ - at);
        if (tok.empty()) fail(at, "missing value for field " + quoted(fv.key));
        auto invalid = [&](const char* expected) {
            fail(at, "invalid value " + quoted(tok) + " for field " + quoted(fv.key) + ": expected " + expected);
        };
        char c0 = tok[0];
        if (c0 == 't' || c0 == 'T' || c0 == 'f' || c0 == 'F') {
            fv.type = ValueType::Bool;
            if (tok == "t" || tok == "T" || tok == "true" || tok == "True" || tok == "TRUE") fv.v.b = true;
            else if (tok == "f" || tok == "F" || tok == "false" || tok == "False" || tok == "FALSE") fv.v.b = false;
            else invalid("a boolean (t, T, true, True, TRUE, f, F, false, False, FALSE)");
            return;
        }
        std::string_view num = tok;
        char last = tok.back();
        if (last == 'i' || last == 'u') num.remove_suffix(1);
        if (!num.empty() && num[0] == '+' && last != 'u') num.remove_prefix(1);
        if (num.empty() || !((num[0] >= '0' && num[0] <= '9') || num[0] == '-' || num[0] == '.'))
            invalid("a number, a quoted string or a boolean");
        const char* b = num.data();
        const char* e = num.data() + num.size();
        if (last == 'i') {
            int64_t v;
            auto [p, ec] = std::from_chars(b, e, v);
            if (ec == std::errc::result_out_of_range) fail(at, "integer " + std::string(tok) + " is out of range for field " + quoted(fv.key));
            if (ec != std::errc() || p != e) invalid("an integer such as 12i");
            fv.type = ValueType::Int;
            fv.v.i = v;
        } else if (last == 'u') {
            uint64_t v;
            if (num[0] == '-') fail(at, "unsigned integer " + std::string(tok) + " is negative in field " + quoted(fv.key));
            auto [p, ec] = std::from_chars(b, e, v);
            if (ec == std::errc::result_out_of_range) fail(at, "unsigned integer " + std::string(tok) + " is out of range for field " + quoted(fv.key));
            if (ec != std::errc() || p != e) invalid("an unsigned integer such as 12u");
            fv.type = ValueType::UInt;
            fv.v.u = v;
        } else {
            double v;
            auto [p, ec] = std::from_chars(b, e, v);
            if (ec == std::errc::result_out_of_range) fail(at, "float " + std::string(tok) + " is out of range for field " + quoted(fv.key));
            if (ec != std::errc() || p != e) invalid("a number, a quoted string or a boolean");
            // from_chars also reads "inf"/"nan" after a sign: line protocol has no such values
            if (v != v || v - v != 0) invalid("a finite number");
            fv.type = ValueType::Float;
            fv.v.f = v;
        }
    }

    std::string_view s_;
    std::string_view bucket_;
    int64_t mult_;
    int64_t defaultTime_;
    WriteBatch& batch_;
    size_t line_;
    size_t pos_ = 0;
    size_t lineStart_ = 0;
    std::vector<TagView> tags_;
    std::vector<FieldValue> fields_;
    std::deque<std::string> pool_;  // deque: growing it never moves the strings views point into
    size_t poolUsed_ = 0;
    LineProtocolStats stats_;
    bool partial_ = false;
    size_t maxLines_ = SIZE_MAX;
    struct NeedMore {};
};

}  // namespace

LineProtocolStats parseLineProtocol(std::string_view text, std::string_view bucket, Precision precision,
                                    int64_t defaultTime, WriteBatch& batch, size_t firstLine) {
    if (bucket.empty()) throw LineProtocolError(firstLine, 1, "no bucket given");
    Parser p(text, bucket, precision, defaultTime, batch, firstLine);
    return p.run();
}

LineProtocolChunk parseLineProtocolChunk(std::string_view text, std::string_view bucket, Precision precision,
                                         int64_t defaultTime, WriteBatch& batch, size_t firstLine, size_t maxLines) {
    if (bucket.empty()) throw LineProtocolError(firstLine, 1, "no bucket given");
    Parser p(text, bucket, precision, defaultTime, batch, firstLine);
    p.setPartial(maxLines);
    LineProtocolChunk out;
    out.stats = p.run();
    out.consumed = p.consumed();
    out.nextLine = p.line();
    return out;
}

void appendEscapedMeasurement(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c == ',' || c == ' ' || c == '\\' || c == '=' || c == '\t') out.push_back('\\');
        out.push_back(c);
    }
}

void appendEscapedKey(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c == ',' || c == ' ' || c == '=' || c == '\\' || c == '\t') out.push_back('\\');
        out.push_back(c);
    }
}

void appendQuotedString(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

void appendLineProtocol(std::string& out, const WriteBatch& batch, size_t first) {
    const WriteBatch::Impl& b = batch.impl();
    char num[64];
    for (size_t i = first; i < b.points.size(); i++) {
        const WriteBatch::Impl::Point& p = b.points[i];
        const WriteBatch::Impl::Series& s = b.series[p.series];
        appendEscapedMeasurement(out, s.measurement);
        for (const Tag& t : s.tags) {
            out.push_back(',');
            appendEscapedKey(out, t.key);
            out.push_back('=');
            appendEscapedKey(out, t.value);
        }
        out.push_back(' ');
        appendEscapedKey(out, s.field);
        out.push_back('=');
        switch (s.type) {
            case ValueType::Float: {
                auto r = std::to_chars(num, num + sizeof num, p.v.f);
                out.append(num, r.ptr);
                break;
            }
            case ValueType::Int: out += std::to_string(p.v.i) + "i"; break;
            case ValueType::UInt: out += std::to_string(p.v.u) + "u"; break;
            case ValueType::String: appendQuotedString(out, std::string_view(b.strings).substr(p.v.u, p.strLen)); break;
            case ValueType::Bool: out += p.v.i ? "true" : "false"; break;
        }
        out.push_back(' ');
        out += std::to_string(p.time);
        out.push_back('\n');
    }
}

}  // namespace fluxi::store
