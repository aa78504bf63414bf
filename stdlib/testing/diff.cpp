// testing.diff(got: <-, want:, epsilon:, nansEqual:): compares two streams table by table (matched
// by group key; a missing table counts as an empty one) and row by row in order. Equal tables give
// nothing; a differing table gives its rows with a `_diff` column: "-" for a row of `want` (the
// expected data), "+" for a row of `got`. The output is registered as a check, so `fluxi test` fails on any diff row.
#include <cmath>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/execution.h"
#include "eval/value_text.h"
#include "eval/stream.h"
#include "stdlib/testing/diff.h"

namespace fluxi {
namespace {
using testing_pkg::DiffOptions;


bool cellsEqual(const Value& a, const Value& b, const DiffOptions& o) {
    if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
    if (a.is(Kind::Float) && b.is(Kind::Float)) {
        double x = a.asFloat(), y = b.asFloat();
        if (std::isnan(x) || std::isnan(y)) return o.nansEqual && std::isnan(x) && std::isnan(y);
        if (x == y) return true;
        double diff = std::fabs(x - y);
        return diff <= o.epsilon || diff <= o.epsilon * std::max(std::fabs(x), std::fabs(y));
    }
    if (a.kind() != b.kind()) return false;
    return valuesEqual(a, b);
}

// Column-by-name view of one side.
struct Side {
    const Table* t = nullptr;
    std::vector<int> colOf;  // output column -> this table's column (-1 = absent)
};

// Rows are compared on the columns outside the group key, as the reference's diff does: the tables
// were matched on equal keys, and a key column's cells are not looked at again (annotated CSV can
// hold cells in a key column that differ from the table's key value; the key wins).
bool rowsEqual(const Side& g, size_t gr, const Side& w, size_t wr, const std::vector<bool>& compared,
               const DiffOptions& o) {
    for (size_t c = 0; c < compared.size(); c++) {
        if (!compared[c]) continue;
        int gc = g.colOf[c], wc = w.colOf[c];
        Value gv = gc >= 0 ? g.t->column(gc).get(gr) : Value();
        Value wv = wc >= 0 ? w.t->column(wc).get(wr) : Value();
        if (!cellsEqual(gv, wv, o)) return false;
    }
    return true;
}

}  // namespace

// Diff of one pair of tables (either may be null = absent). Null result when equal.
TablePtr testing_pkg::diffTables(const TablePtr& got, const TablePtr& want, const DiffOptions& o) {
    const GroupKey& key = got ? got->key : want->key;
    // Output columns: the union by name; a column whose type differs between the sides is shown as
    // a string column whose cells name their type ("1 (int)", "1 (float)"), and every row then differs.
    std::vector<ColumnMeta> cols;
    std::vector<bool> asString;
    auto addCols = [&](const TablePtr& t) {
        if (!t) return;
        for (auto& m : t->meta) {
            bool found = false;
            for (size_t i = 0; i < cols.size(); i++)
                if (cols[i].name == m.name) {
                    found = true;
                    if (cols[i].type != m.type) asString[i] = true;
                }
            if (!found) {
                cols.push_back(m);
                asString.push_back(false);
            }
        }
    };
    addCols(want);
    addCols(got);
    bool schemaDiffers = false;
    if (got && want) {
        if (got->numColumns() != want->numColumns()) schemaDiffers = true;
        for (bool s : asString) schemaDiffers = schemaDiffers || s;
        for (auto& m : got->meta) schemaDiffers = schemaDiffers || want->columnIndex(m.name) < 0;
    } else {
        schemaDiffers = (got ? got->nrows : want->nrows) > 0;
    }
    Side g, w;
    g.t = got.get();
    w.t = want.get();
    for (auto& c : cols) {
        g.colOf.push_back(got ? got->columnIndex(c.name) : -1);
        w.colOf.push_back(want ? want->columnIndex(c.name) : -1);
    }
    std::vector<bool> compared;
    for (auto& c : cols) compared.push_back(!key.has(c.name));
    size_t gn = got ? got->nrows : 0, wn = want ? want->nrows : 0;
    std::vector<std::pair<char, size_t>> out;  // ('-', want row) or ('+', got row)
    if (schemaDiffers) {
        for (size_t r = 0; r < wn; r++) out.emplace_back('-', r);
        for (size_t r = 0; r < gn; r++) out.emplace_back('+', r);
    } else {
        size_t n = std::max(gn, wn);
        for (size_t r = 0; r < n; r++) {
            if (r < gn && r < wn && rowsEqual(g, r, w, r, compared, o)) continue;
            if (r < wn) out.emplace_back('-', r);
            if (r < gn) out.emplace_back('+', r);
        }
    }
    if (out.empty()) return nullptr;

    TableBuilder b(key);
    int diffCol = b.addColumn("_diff", ColType::String);
    std::vector<int> outCol;
    for (size_t i = 0; i < cols.size(); i++)
        outCol.push_back(b.addColumn(cols[i].name, asString[i] ? ColType::String : cols[i].type));
    StrRef minus = make<StringObj>("-"), plus = make<StringObj>("+");
    for (auto& [side, row] : out) {
        const Side& s = side == '-' ? w : g;
        b.column(diffCol).appendString(side == '-' ? minus : plus);
        for (size_t i = 0; i < cols.size(); i++) {
            Column& dst = b.column(outCol[i]);
            int sc = s.colOf[i];
            if (sc < 0) {
                dst.appendNull();
                continue;
            }
            Value v = s.t->column(sc).get(row);
            if (asString[i] && !v.isNull())
                dst.appendString(valueToString(v) + " (" + colTypeName(s.t->meta[sc].type) + ")");
            else dst.appendValue(v);
        }
    }
    return b.finish();
}

namespace {
using testing_pkg::diffTables;

Value diff(CallContext& ctx, const Args& args) {
    StreamRef got = ctx.requireStream(args, "got");
    const Value& wantV = ctx.require(args, "want", Kind::Stream);
    StreamRef want = wantV.objRef<StreamObj>();
    DiffOptions o;
    o.epsilon = ctx.floatOr(args, "epsilon", 1e-9);
    o.nansEqual = ctx.boolOr(args, "nansEqual", false);
    // Blocking over `got`; `want` is read inside.
    StreamRef out = makeBlockingStream(
        got,
        [want, o](std::vector<TablePtr> gotTables) {
            std::vector<TablePtr> wantTables = collect(*want);
            std::vector<bool> matched(gotTables.size(), false);
            std::vector<TablePtr> result;
            for (auto& wt : wantTables) {
                TablePtr partner;
                for (size_t i = 0; i < gotTables.size(); i++)
                    if (!matched[i] && gotTables[i]->key.equals(wt->key)) {
                        partner = gotTables[i];
                        matched[i] = true;
                        break;
                    }
                if (auto d = diffTables(partner, wt, o)) result.push_back(d);
            }
            for (size_t i = 0; i < gotTables.size(); i++)
                if (!matched[i])
                    if (auto d = diffTables(gotTables[i], nullptr, o)) result.push_back(d);
            return result;
        },
        "testing.diff");
    ctx.execution().checks.push_back(out);
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("testing", "diff", "<-got, want, ?epsilon, ?nansEqual, ?verbose", diff);

}  // namespace fluxi
