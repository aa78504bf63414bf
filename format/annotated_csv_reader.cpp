// Annotated CSV reader (see annotated_csv_reader.h): the parser that turns annotation blocks and data rows into tables.
#include "format/annotated_csv_reader.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <deque>

#include "format/csv_tokenizer.h"
#include "format/rfc3339.h"

namespace fluxi {

CsvError::CsvError(size_t line, std::string column, const std::string& what)
    : std::runtime_error("line " + std::to_string(line) + (column.empty() ? "" : ", column \"" + column + "\"") +
                         ": " + what),
      line_(line),
      column_(std::move(column)),
      detail_(what) {}

bool parseCsvMode(std::string_view name, CsvMode& out) {
    if (name == "annotations") {
        out = CsvMode::Annotations;
        return true;
    }
    if (name == "raw") {
        out = CsvMode::Raw;
        return true;
    }
    return false;
}

namespace {

using Record = CsvRecord;

// ---------------------------------------------------------------------------------------------
// Cell values

struct ColumnSpec {
    std::string label;
    ColType type = ColType::String;
    bool group = false;
    Value dflt;  // null when #default is empty
};

// Datatype annotation -> column type; an error message in `err` when unsupported.
bool parseDatatype(std::string_view dt, ColType& out, std::string& err) {
    if (dt == "string") out = ColType::String;
    else if (dt == "long") out = ColType::Int;
    else if (dt == "unsignedLong") out = ColType::UInt;
    else if (dt == "double") out = ColType::Float;
    else if (dt == "boolean") out = ColType::Bool;
    else if (dt == "dateTime" || dt == "dateTime:RFC3339" || dt == "dateTime:RFC3339Nano") out = ColType::Time;
    else {
        if (dt == "duration")
            err = "datatype \"duration\" is not supported (tables have no duration columns; store durations "
                  "as long nanoseconds)";
        else if (dt == "base64Binary")
            err = "datatype \"base64Binary\" is not supported (tables have no bytes columns)";
        else if (dt.substr(0, 9) == "dateTime:")
            err = "unsupported time format in datatype \"" + std::string(dt) +
                  "\" (expected dateTime:RFC3339 or dateTime:RFC3339Nano)";
        else
            err = "unknown datatype \"" + std::string(dt) +
                  "\" (expected string, long, unsignedLong, double, boolean or dateTime:RFC3339)";
        return false;
    }
    return true;
}

bool parseInt(std::string_view s, int64_t& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty() || s[0] == '+') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parseUInt(std::string_view s, uint64_t& out) {
    if (s.empty() || s[0] == '-' || s[0] == '+') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parseFloat(std::string_view s, double& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty() || s[0] == '+') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (p != s.data() + s.size()) return false;
    if (ec == std::errc::result_out_of_range) {
        // Rare: underflow rounds to zero (or a denormal), overflow is an error. strtod tells which.
        std::string copy(s);
        double v = std::strtod(copy.c_str(), nullptr);
        if (std::isinf(v)) return false;
        out = v;
        return true;
    }
    return ec == std::errc();
}

bool parseBool(std::string_view s, bool& out) {
    if (s == "true" || s == "TRUE" || s == "True" || s == "t" || s == "T" || s == "1") {
        out = true;
        return true;
    }
    if (s == "false" || s == "FALSE" || s == "False" || s == "f" || s == "F" || s == "0") {
        out = false;
        return true;
    }
    return false;
}

std::string quoteForMessage(std::string_view s) {
    std::string q = "\"";
    if (s.size() > 60) {
        q.append(s.substr(0, 57));
        q.append("...");
    } else {
        q.append(s);
    }
    q.push_back('"');
    return q;
}

// Parses one non-empty cell into a Value (for #default values and group key values).
bool parseValue(std::string_view cell, ColType type, Value& out, std::string& err) {
    switch (type) {
        case ColType::String: out = Value::string(std::string(cell)); return true;
        case ColType::Int: {
            int64_t v;
            if (!parseInt(cell, v)) {
                err = "invalid long value " + quoteForMessage(cell) + " (expected an integer such as -42)";
                return false;
            }
            out = Value::integer(v);
            return true;
        }
        case ColType::UInt: {
            uint64_t v;
            if (!parseUInt(cell, v)) {
                err = "invalid unsignedLong value " + quoteForMessage(cell) +
                      " (expected a non-negative integer such as 42)";
                return false;
            }
            out = Value::uinteger(v);
            return true;
        }
        case ColType::Float: {
            double v;
            if (!parseFloat(cell, v)) {
                err = "invalid double value " + quoteForMessage(cell) + " (expected a number such as 1.5, NaN or +Inf)";
                return false;
            }
            out = Value::floating(v);
            return true;
        }
        case ColType::Bool: {
            bool v;
            if (!parseBool(cell, v)) {
                err = "invalid boolean value " + quoteForMessage(cell) + " (expected true or false)";
                return false;
            }
            out = Value::boolean(v);
            return true;
        }
        case ColType::Time: {
            int64_t v;
            std::string why;
            if (!rfc3339::parse(cell, v, &why)) {
                err = "invalid dateTime value " + quoteForMessage(cell) + ": " + why;
                return false;
            }
            out = Value::time(v);
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
public:
    Parser(std::string_view text, CsvMode mode) : tok_(text), mode_(mode) {}

    std::vector<CsvResult> run() {
        have_ = tok_.next(rec_);
        while (have_) {
            if (mode_ == CsvMode::Raw) {
                readRawHeader();
            } else {
                readBlockHeader();
            }
            readRows();
        }
        return std::move(results_);
    }

private:
    // ---- block headers -------------------------------------------------------------------------

    void readRawHeader() {
        nfields_ = rec_.fields.size();
        cols_.clear();
        recordStart_ = 0;
        defaultResult_ = "_result";
        defaultTable_ = "0";
        for (auto f : rec_.fields) {
            ColumnSpec c;
            c.label = std::string(f);
            cols_.push_back(std::move(c));
        }
        checkLabels(rec_.line);
        have_ = tok_.next(rec_);
    }

    void readBlockHeader() {
        size_t blockLine = rec_.line;
        std::vector<std::string> datatypes, groups, defaults;
        bool haveDt = false, haveGroup = false, haveDefault = false;
        size_t dtLine = 0, groupLine = 0, defaultLine = 0;
        nfields_ = 0;
        while (have_ && !rec_.fields[0].empty() && rec_.fields[0][0] == '#') {
            std::string_view name = rec_.fields[0].substr(1);
            std::vector<std::string>* target = nullptr;
            if (name == "datatype") {
                target = &datatypes;
                haveDt = true;
                dtLine = rec_.line;
            } else if (name == "group") {
                target = &groups;
                haveGroup = true;
                groupLine = rec_.line;
            } else if (name == "default") {
                target = &defaults;
                haveDefault = true;
                defaultLine = rec_.line;
            }
            if (target) {
                if (nfields_ == 0) nfields_ = rec_.fields.size();
                if (rec_.fields.size() != nfields_)
                    throw CsvError(rec_.line, "",
                                   "annotation row #" + std::string(name) + " has " +
                                       std::to_string(rec_.fields.size()) + " fields but the block's first "
                                       "annotation row has " + std::to_string(nfields_));
                target->assign(rec_.fields.begin(), rec_.fields.end());
            }
            // other annotations are ignored
            have_ = tok_.next(rec_);
        }
        if (!haveDt || !haveGroup || !haveDefault) {
            std::string missing;
            for (auto [ok, n] : {std::pair{haveDt, "#datatype"}, {haveGroup, "#group"}, {haveDefault, "#default"}})
                if (!ok) missing += missing.empty() ? n : std::string(", ") + n;
            size_t line = have_ ? rec_.line : blockLine;
            if (!haveDt && !haveGroup && !haveDefault)
                throw CsvError(line, "",
                               "expected the annotation rows #datatype, #group and #default before the header row "
                               "(use mode: \"raw\" to read CSV without annotations)");
            throw CsvError(line, "", "missing annotation row " + missing +
                                         " (annotated CSV needs #datatype, #group and #default before each header)");
        }
        if (!have_) throw CsvError(blockLine, "", "missing the header row after the annotation rows");
        size_t headerLine = rec_.line;
        headerLine_ = headerLine;
        if (rec_.fields.size() != nfields_)
            throw CsvError(headerLine, "",
                           "header row has " + std::to_string(rec_.fields.size()) + " fields but the annotation "
                           "rows have " + std::to_string(nfields_));
        if (nfields_ >= 2 && rec_.fields[1] == "error") {
            // A serialized query error: `,error,reference` then `,MESSAGE,CODE`.
            have_ = tok_.next(rec_);
            if (!have_ || rec_.fields.size() < 2)
                throw CsvError(headerLine, "", "the CSV holds a query error but no error message row");
            throw CsvError(rec_.line, "", "the CSV holds a query error: " + std::string(rec_.fields[1]));
        }
        if (nfields_ < 3 || rec_.fields[0] != "" || rec_.fields[1] != "result" || rec_.fields[2] != "table")
            throw CsvError(headerLine, "",
                           "expected a header row starting with ,result,table (an empty annotation column, then "
                           "the result and table columns)");
        recordStart_ = 3;
        defaultResult_ = defaults[1];
        defaultTable_ = defaults[2];
        cols_.clear();
        for (size_t i = recordStart_; i < nfields_; i++) {
            ColumnSpec c;
            c.label = std::string(rec_.fields[i]);
            std::string err;
            if (!parseDatatype(datatypes[i], c.type, err)) throw CsvError(dtLine, c.label, err);
            if (groups[i] == "true") c.group = true;
            else if (groups[i] != "false")
                throw CsvError(groupLine, c.label,
                               "invalid #group value " + quoteForMessage(groups[i]) + " (expected true or false)");
            if (!defaults[i].empty() && !parseValue(defaults[i], c.type, c.dflt, err))
                throw CsvError(defaultLine, c.label, "in #default: " + err);
            cols_.push_back(std::move(c));
        }
        checkLabels(headerLine);
        have_ = tok_.next(rec_);
    }

    void checkLabels(size_t line) {
        for (size_t i = 0; i < cols_.size(); i++) {
            if (cols_[i].label.empty())
                throw CsvError(line, "", "header column " + std::to_string(i + recordStart_ + 1) + " has no name");
            for (size_t j = 0; j < i; j++)
                if (cols_[j].label == cols_[i].label)
                    throw CsvError(line, cols_[i].label, "the header names this column twice");
        }
    }

    // ---- data rows ---------------------------------------------------------------------------------

    void readRows() {
        lastStr_.assign(cols_.size(), StrRef());
        startTable(defaultResult_, defaultTable_);
        bool sawRow = false;
        while (have_) {
            std::string_view first = rec_.fields[0];
            if (mode_ == CsvMode::Annotations && !first.empty()) {
                if (first[0] == '#') break;  // next block
                throw CsvError(rec_.line, "",
                               "unexpected " + quoteForMessage(first) +
                                   " in the first column (data rows start with an empty field; annotation rows "
                                   "with #)");
            }
            if (rec_.fields.size() != nfields_)
                throw CsvError(rec_.line, "",
                               "expected " + std::to_string(nfields_) + " fields as in the header, found " +
                                   std::to_string(rec_.fields.size()));
            if (mode_ == CsvMode::Annotations) {
                std::string_view res = rec_.fields[1];
                std::string_view tid = rec_.fields[2];
                std::string_view result = res.empty() ? std::string_view(defaultResult_) : res;
                std::string_view table = tid.empty() ? (sawRow ? std::string_view(tableId_) : defaultTable_) : tid;
                if (sawRow && (result != resultName_ || table != tableId_)) {
                    finishTable();
                    startTable(std::string(result), std::string(table));
                } else if (!sawRow) {
                    resultName_ = std::string(result);
                    tableId_ = std::string(table);
                }
            }
            appendRow();
            sawRow = true;
            have_ = tok_.next(rec_);
        }
        finishTable();
    }

    void startTable(std::string result, std::string table) {
        builder_ = TableBuilder();
        for (auto& c : cols_) builder_.addColumn(c.label, c.type);
        resultName_ = std::move(result);
        tableId_ = std::move(table);
        rows_ = 0;
        tableLines_ = CsvTableLines{};
        tableLines_.header = headerLine_;
    }

    void appendRow() {
        size_t line = rec_.line;
        if (rows_ == 0) {
            tableLines_.firstRow = line;
        } else if (!tableLines_.rows.empty() || line != tableLines_.firstRow + rows_) {
            if (tableLines_.rows.empty())  // the first row after a multi-line cell: list every row's line
                for (size_t r = 0; r < rows_; r++) tableLines_.rows.push_back(tableLines_.firstRow + r);
            tableLines_.rows.push_back(line);
        }
        for (size_t i = 0; i < cols_.size(); i++) {
            const ColumnSpec& spec = cols_[i];
            Column& col = builder_.column(i);
            std::string_view cell = rec_.fields[i + recordStart_];
            if (cell.empty()) {
                if (!col.appendValue(spec.dflt)) throw CsvError(line, spec.label, "internal error: default kind");
            } else {
                appendCell(col, i, cell, line);
            }
        }
        rows_++;
    }

    void appendCell(Column& col, size_t i, std::string_view cell, size_t line) {
        const ColumnSpec& spec = cols_[i];
        switch (spec.type) {
            case ColType::String: {
                StrRef& last = lastStr_[i];
                if (!last || last->s != cell) last = make<StringObj>(std::string(cell));
                col.appendString(last);
                return;
            }
            case ColType::Int: {
                int64_t v;
                if (parseInt(cell, v)) return col.appendInt(v);
                break;
            }
            case ColType::UInt: {
                uint64_t v;
                if (parseUInt(cell, v)) return col.appendUInt(v);
                break;
            }
            case ColType::Float: {
                double v;
                if (parseFloat(cell, v)) return col.appendFloat(v);
                break;
            }
            case ColType::Bool: {
                bool v;
                if (parseBool(cell, v)) return col.appendBool(v);
                break;
            }
            case ColType::Time: {
                int64_t v;
                if (rfc3339::parse(cell, v)) return col.appendInt(v);
                break;
            }
        }
        // Slow path: produce the message.
        Value ignored;
        std::string err;
        parseValue(cell, spec.type, ignored, err);
        throw CsvError(line, spec.label, err);
    }

    void finishTable() {
        GroupKey& key = builder_.key();
        key = GroupKey{};
        for (size_t i = 0; i < cols_.size(); i++) {
            if (!cols_[i].group) continue;
            key.cols.push_back({cols_[i].label, cols_[i].type});
            key.values.push_back(rows_ > 0 ? builder_.column(i).get(0) : cols_[i].dflt);
        }
        TablePtr t = builder_.finish();
        if (results_.empty() || results_.back().name != resultName_) results_.push_back({resultName_, {}, {}});
        results_.back().tables.push_back(std::move(t));
        results_.back().lines.push_back(std::move(tableLines_));
    }

    CsvTokenizer tok_;
    CsvMode mode_;
    Record rec_;
    bool have_ = false;

    // current block
    size_t nfields_ = 0;
    size_t recordStart_ = 0;
    std::string defaultResult_, defaultTable_;
    std::vector<ColumnSpec> cols_;
    std::vector<StrRef> lastStr_;  // last string read per column, reused while values repeat
    size_t headerLine_ = 0;
    CsvTableLines tableLines_;  // of the table being read

    // current table
    TableBuilder builder_;
    std::string resultName_, tableId_;
    size_t rows_ = 0;

    std::vector<CsvResult> results_;
};

}  // namespace

std::vector<CsvResult> readAnnotatedCsv(std::string_view text, CsvMode mode) {
    return Parser(text, mode).run();
}

}  // namespace fluxi
