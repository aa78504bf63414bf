// Extended annotated CSV -> points (see extended_csv.h): annotation and header rows set up the
// columns of a table, each data row becomes one point of the batch.
#include "store/extended_csv.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "eval/time.h"
#include "format/csv_tokenizer.h"

namespace fluxi::store {

namespace {

enum class Part { Unset, Ignored, Measurement, Tag, Field, Time };

struct Column {
    std::string label;
    std::string type;    // "", "string", "double", "long", "unsignedLong", "boolean", "duration", "dateTime", ...
    std::string format;  // after ':' in the type
    std::string dflt;    // the value of an empty cell
    bool typed = false;  // a #datatype / header type was given
    Part part = Part::Unset;
    int index = -1;      // cell index; -1 for a #constant column
};

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "type[:format][|default]" as csv2lp reads it (a leading "#annotation " is dropped).
void setType(Column& c, std::string_view spec, size_t line) {
    if (!spec.empty() && spec[0] == '#') {
        size_t sp = spec.find(' ');
        spec = sp == std::string_view::npos ? std::string_view() : spec.substr(sp + 1);
    }
    if (size_t bar = spec.find('|'); bar != std::string_view::npos && bar > 1) {
        if (c.dflt.empty()) c.dflt = std::string(spec.substr(bar + 1));
        spec = spec.substr(0, bar);
    }
    if (size_t colon = spec.find(':'); colon != std::string_view::npos && colon > 1) {
        c.format = std::string(spec.substr(colon + 1));
        spec = spec.substr(0, colon);
    }
    c.typed = !spec.empty();
    c.type = std::string(spec);
    if (spec.empty()) return;
    if (spec == "tag") c.part = Part::Tag;
    else if (startsWith(spec, "ignore")) c.part = Part::Ignored;
    else if (spec == "measurement") c.part = Part::Measurement;
    else if (spec == "dateTime" || spec == "time") c.part = Part::Time, c.type = "dateTime";
    else if (spec == "field") c.part = Part::Field, c.type = "";
    else if (spec == "string" || spec == "double" || spec == "long" || spec == "unsignedLong" || spec == "boolean" ||
             spec == "duration")
        c.part = Part::Field;
    else
        throw ExtendedCsvError(line, c.label,
                               "unknown data type \"" + std::string(spec) +
                                   "\" (expected measurement, tag, dateTime, time, field, ignored, string, double, "
                                   "long, unsignedLong, boolean or duration)");
    if (c.type == "dateTime" && !c.format.empty() && c.format != "RFC3339" && c.format != "RFC3339Nano" &&
        c.format != "number")
        throw ExtendedCsvError(line, c.label,
                               "dateTime format \"" + c.format +
                                   "\" is not supported by fluxi (use dateTime, dateTime:RFC3339, dateTime:RFC3339Nano "
                                   "or dateTime:number)");
}

// A number with a csv2lp format: the first character separates the fraction, the others are dropped.
std::string normalizeNumber(std::string_view v, std::string_view format, bool dropFraction) {
    std::string out;
    const char fraction = format.empty() ? '.' : format[0];
    std::string_view drop = format.empty() ? std::string_view() : format.substr(1);
    for (char ch : v) {
        if (ch == fraction) {
            if (dropFraction) break;
            out.push_back('.');
        } else if (drop.find(ch) == std::string_view::npos) {
            out.push_back(ch);
        }
    }
    return out;
}

template <typename T>
bool parseInteger(std::string_view s, T& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool parseFloat(std::string_view s, double& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty() && std::isfinite(out);
}

bool inList(std::string_view list, std::string_view v) {
    size_t pos = 0;
    while (pos <= list.size()) {
        size_t comma = list.find(',', pos);
        if (comma == std::string_view::npos) comma = list.size();
        if (list.substr(pos, comma - pos) == v) return true;
        pos = comma + 1;
    }
    return false;
}

// boolean[:TRUTHY:FALSY]; nullopt when the value is neither.
std::optional<bool> parseBool(std::string_view v, std::string_view format) {
    if (format.empty()) {
        if (v.empty()) return std::nullopt;
        if (std::string_view("tTyY1").find(v[0]) != std::string_view::npos) return true;
        if (std::string_view("fFnN0").find(v[0]) != std::string_view::npos) return false;
        return std::nullopt;
    }
    size_t colon = format.find(':');
    std::string_view truthy = format.substr(0, colon);
    std::string_view falsy = colon == std::string_view::npos ? std::string_view() : format.substr(colon + 1);
    // An empty list takes every value the other list does not.
    if (!truthy.empty() && inList(truthy, v)) return true;
    if (!falsy.empty() && inList(falsy, v)) return false;
    if (truthy.empty() && !falsy.empty()) return true;
    if (falsy.empty() && !truthy.empty()) return false;
    return std::nullopt;
}

struct Table {
    std::vector<Column> columns;   // one per cell of the header
    std::vector<Column> constants; // #constant columns
    bool haveHeader = false;
    unsigned annotationsSeen = 0;  // bits of #datatype, #default, #group in this block
    // resolved at the first data row
    bool resolved = false;
    const Column* measurement = nullptr;
    const Column* time = nullptr;
    const Column* fieldName = nullptr;
    const Column* fieldValue = nullptr;
    std::vector<const Column*> tags, fields;
};

std::string_view cell(const Column& c, const CsvRecord& rec) {
    std::string_view v;
    if (c.index < 0) return c.dflt;
    if (static_cast<size_t>(c.index) < rec.fields.size()) v = rec.fields[static_cast<size_t>(c.index)];
    return v.empty() ? std::string_view(c.dflt) : v;
}

void resolve(Table& t, size_t line) {
    t.measurement = t.time = t.fieldName = t.fieldValue = nullptr;
    t.tags.clear();
    t.fields.clear();
    bool hasFieldColumn = false;
    for (const Column& c : t.columns)
        if (c.label == "_field") hasFieldColumn = true;
    std::vector<const Column*> all;
    for (const Column& c : t.columns) all.push_back(&c);
    for (const Column& c : t.constants) all.push_back(&c);
    const Column* labelledTime = nullptr;
    std::vector<const Column*> times;
    for (const Column* c : all) {
        if (c->label == "_measurement" || c->part == Part::Measurement) {
            t.measurement = c;
        } else if (c->label == "_time" || c->part == Part::Time) {
            if (c->label == "_time") labelledTime = c;
            else if (c->label != "_start" && c->label != "_stop") times.push_back(c);
        } else if (c->part == Part::Ignored || c->label.find_first_not_of(" \t") == std::string::npos) {
        } else if (c->label == "_field") {
            t.fieldName = c;
        } else if (c->label == "_value") {
            t.fieldValue = c;
        } else if (c->part == Part::Tag) {
            for (const Column* other : t.tags)
                if (other->label == c->label)
                    throw ExtendedCsvError(line, c->label, "two tag columns are named " + c->label);
            t.tags.push_back(c);
        } else if (c->part == Part::Field || !hasFieldColumn) {
            t.fields.push_back(c);
        }
    }
    if (labelledTime) t.time = labelledTime;
    else if (times.size() == 1) t.time = times[0];
    else if (times.size() > 1)
        throw ExtendedCsvError(line, times[1]->label,
                               "more than one dateTime column (" + times[0]->label + ", " + times[1]->label +
                                   "): mark the others ignored");
    if (!t.measurement)
        throw ExtendedCsvError(line, "",
                               "no measurement column (give one the data type measurement, name it _measurement, or "
                               "add #constant measurement,NAME)");
    if ((t.fieldName == nullptr) != (t.fieldValue == nullptr))
        throw ExtendedCsvError(line, t.fieldName ? "_field" : "_value", "a _field column needs a _value column and back");
    t.resolved = true;
}

int64_t parseTimeCell(const Column& c, std::string_view v, int64_t precisionNanos, size_t line) {
    const bool number = c.format == "number" ||
                        (c.format.empty() && v.find_first_not_of("-+0123456789") == std::string_view::npos);
    if (number) {
        int64_t n = 0;
        if (!parseInteger(v, n))
            throw ExtendedCsvError(line, c.label, "\"" + std::string(v) + "\" is not an integer time");
        int64_t ns = 0;
        if (__builtin_mul_overflow(n, precisionNanos, &ns))
            throw ExtendedCsvError(line, c.label, "time " + std::string(v) + " is out of range");
        return ns;
    }
    int64_t t = 0;
    std::string why;
    if (!tryParseTime(v, t, &why))
        throw ExtendedCsvError(line, c.label, "\"" + std::string(v) + "\" is not an RFC3339 time: " + why);
    return t;
}

// Stages one field value of `c` (type from the column, or read as a line-protocol field value).
void addField(WriteBatch& batch, std::string_view name, const Column& c, std::string_view v, int64_t time,
              size_t line) {
    auto bad = [&](const char* what) {
        throw ExtendedCsvError(line, c.label, "\"" + std::string(v) + "\" is not " + what);
    };
    const std::string& type = c.type;
    if (type == "string") return batch.addString(name, time, v);
    if (type == "double") {
        double d = 0;
        if (!parseFloat(normalizeNumber(v, c.format, false), d)) bad("a double");
        return batch.addFloat(name, time, d);
    }
    if (type == "long") {
        int64_t i = 0;
        if (!parseInteger(std::string_view(normalizeNumber(v, c.format, !c.format.empty())), i)) bad("a long (integer)");
        return batch.addInt(name, time, i);
    }
    if (type == "unsignedLong") {
        uint64_t u = 0;
        if (!parseInteger(std::string_view(normalizeNumber(v, c.format, !c.format.empty())), u))
            bad("an unsignedLong (unsigned integer)");
        return batch.addUInt(name, time, u);
    }
    if (type == "boolean") {
        std::optional<bool> b = parseBool(v, c.format);
        if (!b) bad(c.format.empty() ? "a boolean (t, true, y, 1, f, false, n, 0, ...)" : "one of the boolean's words");
        return batch.addBool(name, time, *b);
    }
    if (type == "duration") {
        Duration d;
        try {
            d = parseDuration(v);
        } catch (const std::exception&) {
            bad("a duration (1h30m, 500ms, ...)");
        }
        if (d.months != 0) bad("a duration of fixed length (months and years are not)");
        return batch.addInt(name, time, d.nanos);
    }
    if (type == "dateTime") return batch.addInt(name, time, parseTimeCell(c, v, 1, line));
    // no type: a line-protocol field value
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string s;
        for (size_t i = 1; i + 1 < v.size(); i++) {
            if (v[i] == '\\' && i + 2 < v.size() && (v[i + 1] == '"' || v[i + 1] == '\\')) i++;
            s.push_back(v[i]);
        }
        return batch.addString(name, time, s);
    }
    if (v == "t" || v == "T" || v == "true" || v == "True" || v == "TRUE") return batch.addBool(name, time, true);
    if (v == "f" || v == "F" || v == "false" || v == "False" || v == "FALSE") return batch.addBool(name, time, false);
    if (v.size() > 1 && v.back() == 'i') {
        int64_t i = 0;
        if (parseInteger(v.substr(0, v.size() - 1), i)) return batch.addInt(name, time, i);
    }
    if (v.size() > 1 && v.back() == 'u') {
        uint64_t u = 0;
        if (parseInteger(v.substr(0, v.size() - 1), u)) return batch.addUInt(name, time, u);
    }
    double d = 0;
    if (parseFloat(v, d)) return batch.addFloat(name, time, d);
    throw ExtendedCsvError(line, c.label,
                           "\"" + std::string(v) +
                               "\" is not a line-protocol field value (1.5, 1i, 1u, true, \"text\"); give the "
                               "column a data type such as string or double");
}

void checkTimezone(std::string_view tz, size_t line) {
    bool offset = tz.size() == 5 && (tz[0] == '+' || tz[0] == '-') &&
                  tz.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
    if (!offset && tz != "UTC" && tz != "Z")
        throw ExtendedCsvError(line, "", "#timezone \"" + std::string(tz) + "\" is not +hhmm, -hhmm or UTC");
}

}  // namespace

bool isExtendedCsv(std::string_view text) {
    CsvTokenizer tok(text);
    CsvRecord rec;
    bool sawDatatype = false;
    try {
        while (tok.next(rec)) {
            std::string_view first = rec.fields[0];
            if (first.empty() || first[0] != '#') {
                // the header row
                for (std::string_view f : rec.fields)
                    if (f.find('|') != std::string_view::npos) return true;
                return !sawDatatype;
            }
            if (startsWith(first, "# ")) continue;
            size_t sp = first.find(' ');
            std::string_view name = first.substr(0, sp);
            if (sp != std::string_view::npos && name.size() > 1) return true;
            if (name == "#constant" || name == "#timezone") return true;
            if (name == "#datatype") {
                sawDatatype = true;
                for (size_t i = 1; i < rec.fields.size(); i++) {
                    std::string_view t = rec.fields[i].substr(0, rec.fields[i].find_first_of(":|"));
                    if (t == "measurement" || t == "tag" || t == "field" || t == "time" || startsWith(t, "ignore"))
                        return true;
                }
            }
        }
    } catch (const std::exception&) {
        return false;  // let the reader that is chosen report it
    }
    return !sawDatatype;
}

ExtendedCsvStats stageExtendedCsv(std::string_view text, std::string_view bucket, int64_t precisionNanos,
                                  int64_t defaultTime, WriteBatch& batch) {
    ExtendedCsvStats stats;
    CsvTokenizer tok(text);
    CsvRecord rec;
    Table t;
    std::vector<TagView> tags;
    try {
        while (tok.next(rec)) {
            const size_t line = rec.line;
            std::string_view first = rec.fields[0];
            if (!first.empty() && first[0] == '#') {
                if (startsWith(first, "# ") || first == "#") continue;  // a comment
                std::string_view name = first.substr(0, first.find(' '));
                const bool columnAnnotation = name == "#datatype" || name == "#default" || name == "#group";
                if (columnAnnotation) {
                    unsigned bit = name == "#datatype" ? 1u : name == "#default" ? 2u : 4u;
                    if (t.haveHeader || (t.annotationsSeen & bit)) {
                        // a new table: annotations again after the header (and its data)
                        std::vector<Column> constants = std::move(t.constants);
                        t = Table{};
                        t.constants = std::move(constants);
                    }
                    if (t.annotationsSeen == 0) {
                        t.columns.assign(rec.fields.size(), Column{});
                        for (size_t i = 0; i < t.columns.size(); i++) t.columns[i].index = static_cast<int>(i);
                    }
                    t.annotationsSeen |= bit;
                    for (size_t i = 0; i < t.columns.size() && i < rec.fields.size(); i++) {
                        std::string_view v = rec.fields[i];
                        if (i == 0) v = v.find(' ') == std::string_view::npos ? std::string_view() : v.substr(v.find(' ') + 1);
                        if (bit == 1) setType(t.columns[i], v, line);
                        else if (bit == 2) t.columns[i].dflt = std::string(v);
                    }
                    continue;
                }
                if (name == "#constant" || name == "#timezone") {
                    std::vector<std::string_view> values;
                    if (first.size() > name.size()) values.push_back(first.substr(name.size() + 1));
                    for (size_t i = 1; i < rec.fields.size(); i++) values.push_back(rec.fields[i]);
                    while (!values.empty() && values.back().empty()) values.pop_back();
                    if (name == "#timezone") {
                        if (values.size() != 1)
                            throw ExtendedCsvError(line, "", "#timezone takes one value (+hhmm, -hhmm or UTC)");
                        checkTimezone(values[0], line);
                        continue;
                    }
                    if (values.size() < 2 || values.size() > 3)
                        throw ExtendedCsvError(line, "", "#constant takes a data type, a name and a value (#constant "
                                                         "tag,host,a; the name may be left out for measurement and "
                                                         "dateTime)");
                    Column c;
                    c.label = values.size() == 3 ? std::string(values[1]) : "";
                    setType(c, values[0], line);
                    if (c.label.empty()) {
                        if (c.part != Part::Measurement && c.part != Part::Time)
                            throw ExtendedCsvError(line, "", "#constant " + std::string(values[0]) + " needs a name");
                        c.label = c.part == Part::Measurement ? "_measurement" : "_time";
                    }
                    c.dflt = std::string(values.back());
                    t.constants.push_back(std::move(c));
                    t.resolved = false;
                    continue;
                }
                throw ExtendedCsvError(line, "",
                                       "unknown annotation " + std::string(name) +
                                           " (expected #datatype, #default, #group, #constant or #timezone; a comment "
                                           "row starts with \"# \")");
            }
            if (!t.haveHeader) {
                if (t.annotationsSeen == 0) {
                    t.columns.assign(rec.fields.size(), Column{});
                    for (size_t i = 0; i < t.columns.size(); i++) t.columns[i].index = static_cast<int>(i);
                }
                for (Column& c : t.columns) {
                    if (static_cast<size_t>(c.index) >= rec.fields.size()) continue;
                    std::string_view label = rec.fields[static_cast<size_t>(c.index)];
                    size_t bar = label.find('|');
                    if (bar != std::string_view::npos && !c.typed) {
                        c.label = std::string(label.substr(0, bar));
                        setType(c, label.substr(bar + 1), line);
                    } else {
                        c.label = std::string(label);
                    }
                }
                t.haveHeader = true;
                t.resolved = false;
                continue;
            }
            if (!t.resolved) resolve(t, line);
            // a data row: one point
            std::string_view measurement = cell(*t.measurement, rec);
            if (measurement.empty()) throw ExtendedCsvError(line, t.measurement->label, "no measurement in this row");
            tags.clear();
            for (const Column* c : t.tags) {
                std::string_view v = cell(*c, rec);
                if (!v.empty()) tags.push_back({c->label, v});
            }
            int64_t time = defaultTime;
            if (t.time) {
                std::string_view v = cell(*t.time, rec);
                if (!v.empty()) time = parseTimeCell(*t.time, v, precisionNanos, line);
            }
            try {
                batch.beginPoint(bucket, measurement, tags);
            } catch (const StoreError& e) {
                throw ExtendedCsvError(line, "", e.what());
            }
            batch.setSourceLine(line);
            size_t added = 0;
            if (t.fieldName) {
                std::string_view fname = cell(*t.fieldName, rec), v = cell(*t.fieldValue, rec);
                if (!fname.empty() && !v.empty()) {
                    try {
                        addField(batch, fname, *t.fieldValue, v, time, line);
                    } catch (const StoreError& e) {
                        throw ExtendedCsvError(line, "_value", e.what());
                    }
                    added++;
                }
            }
            for (const Column* c : t.fields) {
                std::string_view v = cell(*c, rec);
                if (v.empty()) continue;
                try {
                    addField(batch, c->label, *c, v, time, line);
                } catch (const StoreError& e) {
                    throw ExtendedCsvError(line, c->label, e.what());
                }
                added++;
            }
            if (added == 0) throw ExtendedCsvError(line, "", "no field value in this row");
            stats.rows++;
            stats.fields += added;
        }
    } catch (const CsvError& e) {
        throw ExtendedCsvError(e.line(), e.column(), e.detail());
    }
    return stats;
}

}  // namespace fluxi::store
