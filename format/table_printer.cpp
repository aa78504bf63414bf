// The REPL-style table view (see table_printer.h).
#include "format/table_printer.h"

#include <algorithm>

#include "format/cell_text.h"

namespace fluxi {
namespace {

// The Flux REPL's minimum column widths by type.
size_t minWidth(ColType t) {
    switch (t) {
        case ColType::Bool: return 12;
        case ColType::Int: return 26;
        case ColType::UInt: return 27;
        case ColType::Float: return 28;
        case ColType::String: return 22;
        case ColType::Time: return 30;  // len("2006-01-02T15:04:05.000000000Z")
    }
    return 10;
}

// Display width: UTF-8 characters (continuation bytes do not count).
size_t displayWidth(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n++;
    return n;
}

void pad(std::string& out, size_t n) { out.append(n, ' '); }

// A cell's text on one line: control characters (newline, tab, ...) shown as escapes, so that a
// string cannot break the layout.
void appendPrintable(std::string& out, const Column& col, size_t r) {
    const size_t start = out.size();
    appendCellText(out, col, r);
    if (col.type() != ColType::String) return;
    bool clean = true;
    for (size_t i = start; i < out.size() && clean; i++)
        clean = static_cast<unsigned char>(out[i]) >= 0x20 && out[i] != 0x7f;
    if (clean) return;
    std::string raw = out.substr(start);
    out.resize(start);
    for (char c : raw) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '\n') out.append("\\n");
        else if (c == '\t') out.append("\\t");
        else if (c == '\r') out.append("\\r");
        else if (u < 0x20 || u == 0x7f) {
            static const char* hex = "0123456789abcdef";
            out.append("\\x");
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 15]);
        } else {
            out.push_back(c);
        }
    }
}

// Ends a line: no trailing spaces.
void endLine(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out.push_back('\n');
}

}  // namespace

void printTable(const Table& t, std::ostream& os, size_t maxWidth) {
    std::string out;
    out.append("Table: keys: [");
    for (size_t k = 0; k < t.key.cols.size(); k++) {
        if (k) out.append(", ");
        out.append(t.key.cols[k].name);
    }
    out.append("]\n");

    // Column order: group key columns in key order, then the rest in table order.
    std::vector<size_t> order;
    order.reserve(t.numColumns());
    for (auto& kc : t.key.cols) {
        int i = t.columnIndex(kc.name);
        if (i >= 0) order.push_back(static_cast<size_t>(i));
    }
    for (size_t i = 0; i < t.numColumns(); i++)
        if (!t.key.has(t.meta[i].name)) order.push_back(i);

    // Widths: label, type minimum and every value.
    std::vector<size_t> width(t.numColumns());
    std::string cell;
    auto computeWidths = [&](bool compact) {
        size_t total = 0;
        for (size_t i = 0; i < t.numColumns(); i++) {
            const ColumnMeta& m = t.meta[i];
            size_t w = displayWidth(m.name) + 1 + std::string_view(colTypeName(m.type)).size();
            if (!compact) w = std::max(w, minWidth(m.type));
            const Column& col = t.column(i);
            for (size_t r = 0; r < t.nrows; r++) {
                if (col.isNull(r)) continue;
                cell.clear();
                appendPrintable(cell, col, r);
                w = std::max(w, displayWidth(cell));
            }
            width[i] = w;
            total += w + 2;
        }
        return total > 2 ? total - 2 : total;  // the trailing spaces are trimmed
    };
    if (maxWidth > 0 && computeWidths(false) > maxWidth && computeWidths(true) > maxWidth) {
        // Row by row: one line per column.
        size_t labelWidth = 0;
        for (size_t i : order)
            labelWidth = std::max(labelWidth, displayWidth(t.meta[i].name) + 1 + std::string_view(colTypeName(t.meta[i].type)).size());
        os.write(out.data(), static_cast<std::streamsize>(out.size()));
        for (size_t r = 0; r < t.nrows; r++) {
            out.clear();
            out.append("Row " + std::to_string(r + 1) + ":\n");
            for (size_t i : order) {
                const ColumnMeta& m = t.meta[i];
                const std::string label = m.name + ":" + colTypeName(m.type);
                out.append("  ");
                out.append(label);
                pad(out, labelWidth - displayWidth(label) + 2);
                cell.clear();
                if (!t.column(i).isNull(r)) appendPrintable(cell, t.column(i), r);
                out.append(cell);
                endLine(out);
            }
            os.write(out.data(), static_cast<std::streamsize>(out.size()));
        }
        return;
    }
    for (size_t i = 0; i < t.numColumns() && maxWidth == 0; i++) {
        const ColumnMeta& m = t.meta[i];
        size_t w = std::max(displayWidth(m.name) + 1 + std::string_view(colTypeName(m.type)).size(), minWidth(m.type));
        const Column& col = t.column(i);
        for (size_t r = 0; r < t.nrows; r++) {
            if (col.isNull(r)) continue;
            cell.clear();
            appendPrintable(cell, col, r);
            w = std::max(w, displayWidth(cell));
        }
        width[i] = w;
    }

    for (size_t i : order) {
        const ColumnMeta& m = t.meta[i];
        size_t len = displayWidth(m.name) + 1 + std::string_view(colTypeName(m.type)).size();
        pad(out, width[i] - len);
        out.append(m.name);
        out.push_back(':');
        out.append(colTypeName(m.type));
        out.append("  ");
    }
    endLine(out);
    for (size_t i : order) {
        out.append(width[i], '-');
        out.append("  ");
    }
    endLine(out);
    os.write(out.data(), static_cast<std::streamsize>(out.size()));

    for (size_t r = 0; r < t.nrows; r++) {
        out.clear();
        for (size_t i : order) {
            const Column& col = t.column(i);
            cell.clear();
            if (!col.isNull(r)) appendPrintable(cell, col, r);
            pad(out, width[i] - displayWidth(cell));
            out.append(cell);
            out.append("  ");
        }
        endLine(out);
        os.write(out.data(), static_cast<std::streamsize>(out.size()));
    }
}

void printTables(const std::vector<NamedResult>& results, std::ostream& os, size_t maxWidth) {
    for (const NamedResult& r : results) {
        os << "Result: " << r.name << '\n';
        std::unique_ptr<TableIterator> it = r.stream->open();
        while (TablePtr t = it->next()) printTable(*t, os, maxWidth);
    }
}

}  // namespace fluxi
