// experimental.diff(want, got): compares two streams table by table (matched by group key; a missing
// table counts as an empty one). Equal tables give nothing. For tables that differ, the output is
// the whole table as a line diff: a `_diff` column ("-" for a row only in want, "+" for a row only
// in got, "" for a row in both) followed by the union of the columns, rows in order. The common rows
// are a longest common subsequence (Myers' algorithm, after trimming the equal head and tail); in
// each stretch between two common rows, the want rows come before the got rows. Cells are equal
// when both are null or both hold the same value (NaN equals NaN here). A column whose type differs
// between the two tables is compared and shown as text.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "eval/compare.h"
#include "eval/value_text.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

// One side of the comparison, viewed through the union of the columns.
struct Side {
    const Table* t = nullptr;  // null: the table is missing (no rows)
    std::vector<int> colOf;    // union column -> column of t, -1 when t lacks it
    size_t rows() const { return t ? t->nrows : 0; }
};

struct UnionColumn {
    ColumnMeta meta;
    bool asText = false;  // the two sides disagree on the type
};

Value cell(const Side& s, size_t c, size_t r, bool asText) {
    int ci = s.colOf[c];
    if (ci < 0) return Value();
    Value v = s.t->column(static_cast<size_t>(ci)).get(r);
    if (asText && !v.isNull()) return Value::string(formatValue(v));
    return v;
}

bool cellsEqual(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
    if (a.kind() != b.kind()) return false;
    if (a.is(Kind::Float) && std::isnan(a.asFloat())) return std::isnan(b.asFloat());
    return valuesEqual(a, b);
}

class TableDiff {
public:
    TableDiff(const TablePtr& want, const TablePtr& got) {
        want_.t = want.get();
        got_.t = got.get();
        for (const TablePtr& t : {want, got}) {
            if (!t) continue;
            for (auto& m : t->meta) {
                auto it = std::find_if(cols_.begin(), cols_.end(), [&](auto& u) { return u.meta.name == m.name; });
                if (it == cols_.end())
                    cols_.push_back({m, false});
                else if (it->meta.type != m.type)
                    it->asText = true;
            }
        }
        for (auto& u : cols_)
            if (u.asText) u.meta.type = ColType::String;
        for (Side* s : {&want_, &got_})
            for (auto& u : cols_) s->colOf.push_back(s->t ? s->t->columnIndex(u.meta.name) : -1);
    }

    bool rowsEqual(size_t w, size_t g) const {
        for (size_t c = 0; c < cols_.size(); c++)
            if (!cellsEqual(cell(want_, c, w, cols_[c].asText), cell(got_, c, g, cols_[c].asText))) return false;
        return true;
    }

    // The diff table, or null when the tables are equal.
    TablePtr run(const GroupKey& key) {
        size_t n = want_.rows(), m = got_.rows();
        // Matched (want row, got row) pairs, in order.
        std::vector<std::pair<size_t, size_t>> common;
        size_t head = 0;
        while (head < n && head < m && rowsEqual(head, head)) head++;
        size_t tail = 0;
        while (tail < n - head && tail < m - head && rowsEqual(n - 1 - tail, m - 1 - tail)) tail++;
        for (size_t i = 0; i < head; i++) common.emplace_back(i, i);
        lcs(head, n - tail, head, m - tail, common);
        for (size_t i = tail; i > 0; i--) common.emplace_back(n - i, m - i);
        if (common.size() == n && n == m) return nullptr;

        // Rows of the output: (side, row), side 0 = common (want's row), 1 = want only, 2 = got only.
        std::vector<std::pair<int, size_t>> out;
        size_t w = 0, g = 0;
        auto gapTo = [&](size_t wEnd, size_t gEnd) {
            for (; w < wEnd; w++) out.emplace_back(1, w);
            for (; g < gEnd; g++) out.emplace_back(2, g);
        };
        for (auto& [cw, cg] : common) {
            gapTo(cw, cg);
            out.emplace_back(0, w);
            w++, g++;
        }
        gapTo(n, m);
        return build(key, out);
    }

private:
    // Appends the common rows of want[wb, we) and got[gb, ge): Myers' greedy LCS, keeping each
    // step's frontier for the walk back. When the tables differ by more than kMaxEdits rows the search
    // stops and the stretch is reported as all removed and added (the diff is still a correct one).
    void lcs(size_t wb, size_t we, size_t gb, size_t ge, std::vector<std::pair<size_t, size_t>>& common) const {
        static constexpr long kMaxEdits = 4096;
        const long n = static_cast<long>(we - wb), m = static_cast<long>(ge - gb);
        if (n == 0 || m == 0) return;
        const long max = n + m, off = max;
        std::vector<long> v(static_cast<size_t>(2 * max + 2), 0);
        auto at = [&](long k) -> long& { return v[static_cast<size_t>(off + k)]; };
        // trace[d]: the frontier before step d, entries for k in [-d, d] (index k + d).
        std::vector<std::vector<long>> trace;
        long dEnd = -1;
        for (long d = 0; d <= max && dEnd < 0; d++) {
            if (d > kMaxEdits) return;
            trace.emplace_back(v.begin() + (off - d), v.begin() + (off + d + 1));
            for (long k = -d; k <= d; k += 2) {
                long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
                long y = x - k;
                while (x < n && y < m && rowsEqual(wb + static_cast<size_t>(x), gb + static_cast<size_t>(y))) x++, y++;
                at(k) = x;
                if (x >= n && y >= m) {
                    dEnd = d;
                    break;
                }
            }
        }
        // Walk back from (n, m), collecting the diagonal (common) steps.
        std::vector<std::pair<size_t, size_t>> found;
        long x = n, y = m;
        auto takeDiagonalTo = [&](long toX) {
            while (x > toX) {
                x--, y--;
                found.emplace_back(wb + static_cast<size_t>(x), gb + static_cast<size_t>(y));
            }
        };
        for (long d = dEnd; d > 0; d--) {
            const std::vector<long>& pv = trace[static_cast<size_t>(d)];
            auto prev = [&](long k) { return pv[static_cast<size_t>(k + d)]; };
            long k = x - y;
            long prevK = (k == -d || (k != d && prev(k - 1) < prev(k + 1))) ? k + 1 : k - 1;
            long prevX = prev(prevK);
            takeDiagonalTo(prevK == k + 1 ? prevX : prevX + 1);  // back to the end of the edit step
            x = prevX, y = prevX - prevK;
        }
        takeDiagonalTo(0);  // the leading snake of step 0
        common.insert(common.end(), found.rbegin(), found.rend());
    }

    TablePtr build(const GroupKey& key, const std::vector<std::pair<int, size_t>>& rows) const {
        TableBuilder b(key);
        auto diff = std::make_shared<Column>(ColType::String);
        StrRef marks[3] = {make<StringObj>(""), make<StringObj>("-"), make<StringObj>("+")};
        for (auto& [side, r] : rows) diff->appendString(marks[side]);
        b.addColumn("_diff", ColumnPtr(diff));
        for (size_t c = 0; c < cols_.size(); c++) {
            auto col = std::make_shared<Column>(cols_[c].meta.type);
            col->reserve(rows.size());
            for (auto& [side, r] : rows) {
                const Side& s = side == 2 ? got_ : want_;
                int ci = s.colOf[c];
                if (ci < 0)
                    col->appendNull();
                else if (cols_[c].asText)
                    col->appendValue(cell(s, c, r, true));
                else
                    col->appendFrom(s.t->column(static_cast<size_t>(ci)), r);
            }
            b.addColumn(cols_[c].meta.name, ColumnPtr(col));
        }
        return b.finish();
    }

    Side want_, got_;
    std::vector<UnionColumn> cols_;
};

// Reads both inputs when opened and diffs them key by key (want's key order, then got-only keys).
class DiffStream final : public StreamObj {
public:
    StreamRef want, got;
    std::unique_ptr<agg::CallSite> site;
    std::unique_ptr<TableIterator> open() const override {
        std::vector<TablePtr> wants = tableops::mergeByKey(collect(*want));
        std::vector<TablePtr> gots = tableops::mergeByKey(collect(*got));
        std::vector<TablePtr> out;
        site->guard([&] {
            std::unordered_multimap<size_t, size_t> gotByKey;
            for (size_t i = 0; i < gots.size(); i++) gotByKey.emplace(gots[i]->key.hash(), i);
            std::vector<bool> paired(gots.size(), false);
            for (auto& w : wants) {
                TablePtr g;
                auto [b, e] = gotByKey.equal_range(w->key.hash());
                for (auto it = b; it != e && !g; ++it)
                    if (gots[it->second]->key.equals(w->key)) {
                        g = gots[it->second];
                        paired[it->second] = true;
                    }
                if (TablePtr d = TableDiff(w, g).run(w->key)) out.push_back(d);
            }
            for (size_t i = 0; i < gots.size(); i++)
                if (!paired[i])
                    if (TablePtr d = TableDiff(nullptr, gots[i]).run(gots[i]->key)) out.push_back(d);
            return 0;
        });
        return makeMaterializedStream(std::move(out), origin)->open();
    }
};

Value diffFn(CallContext& ctx, const Args& args) {
    auto s = make<DiffStream>();
    s->origin = "experimental.diff";
    s->want = ctx.require(args, "want", Kind::Stream).objRef<StreamObj>();
    s->got = ctx.requireStream(args, "got");
    s->site = std::make_unique<agg::CallSite>(ctx, "experimental.diff");
    return Value::stream(StreamRef(s));
}

}  // namespace

FLUXI_BUILTIN("experimental", "diff", "<-got, want", diffFn);

}  // namespace fluxi
