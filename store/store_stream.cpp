// from()'s stream over the store (see store_stream.h): a scan that turns each series into a table.
#include "store/store_stream.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include "eval/error.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/window.h"
#include "eval/stream_pushdown.h"
#include "store/block.h"
#include "store/pushdown.h"
#include "store/series_predicate.h"
#include "store/value_predicate.h"

namespace fluxi::store {

namespace {

ColType columnTypeOf(ValueType t) {
    switch (t) {
        case ValueType::Float: return ColType::Float;
        case ValueType::Int: return ColType::Int;
        case ValueType::UInt: return ColType::UInt;
        case ValueType::String: return ColType::String;
        case ValueType::Bool: return ColType::Bool;
    }
    return ColType::Float;
}

// A pushed-down row filter: the predicate on _value the block scans evaluate, and the filter's own
// work on a whole table for the series it does not apply to.
struct RowFilter {
    ValuePredicate predicate;
    std::function<TablePtr(const TablePtr&)> perTable;
};

struct StoreStream final : StreamObj, PushdownSource {
    std::shared_ptr<Store> store;
    BucketInfo bucket;
    StoreStreamOptions options;
    bool ranged = false;
    int64_t start = std::numeric_limits<int64_t>::min();
    int64_t stop = std::numeric_limits<int64_t>::max();
    // pushed-down filters, all of which must hold (shared with the streams derived from this one)
    std::vector<std::shared_ptr<const SeriesPredicate>> predicates;
    // pushed-down row filters on _value, in the order they were applied
    std::vector<std::shared_ptr<const RowFilter>> rowFilters;
    // a pushed-down aggregate or selector of each series' _value, or aggregateWindow, and what it
    // does to a whole table
    std::shared_ptr<const agg::FusedAggregate> aggregate;
    std::shared_ptr<const agg::WindowAggregate> window;
    std::function<TablePtr(const TablePtr&)> perTable;
    // a pushed-down limit(n, offset) (after which nothing more is taken over)
    bool limited = false;
    size_t limitN = 0, limitOffset = 0;

    std::unique_ptr<TableIterator> open() const override;

    bool aggregated() const { return aggregate || window || limited; }

    Ref<StreamObj> withRange(int64_t s, int64_t e) const override {
        if (!options.pushdown || ranged || aggregated()) return {};
        auto r = make<StoreStream>(*this);
        r->ranged = true;
        r->start = s;
        r->stop = e;
        r->bounds = TimeBounds{s, e};
        r->origin = "range";
        return r;
    }

    Ref<StreamObj> withFilter(const Value& fn) const override {
        if (!options.pushdown || aggregated()) return {};
        std::unique_ptr<SeriesPredicate> p = pushDownFilter(fn);
        if (!p) return {};
        auto r = make<StoreStream>(*this);
        r->predicates.push_back(std::shared_ptr<const SeriesPredicate>(std::move(p)));
        r->origin = "filter";
        return r;
    }

    Ref<StreamObj> withRowFilter(const Value& fn, PerTableFn perTableFn) const override {
        if (!options.pushdown || aggregated()) return {};
        std::optional<ValuePredicate> p = ValuePredicate::fromFilter(fn);
        if (!p) return {};
        auto r = make<StoreStream>(*this);
        r->rowFilters.push_back(std::make_shared<const RowFilter>(RowFilter{*p, std::move(perTableFn)}));
        r->origin = "filter";
        return r;
    }

    Ref<StreamObj> withAggregate(const agg::FusedAggregate& what,
                                 std::function<TablePtr(const TablePtr&)> fn) const override {
        if (!options.pushdown || !ranged || aggregated()) return {};
        auto r = make<StoreStream>(*this);
        r->aggregate = std::make_shared<const agg::FusedAggregate>(what);
        r->perTable = std::move(fn);
        r->origin = "aggregate";
        return r;
    }

    // Reducers (count, sum, mean, ...) of _value over windows of _time; selectors keep going through
    // the tables (their output carries the selected rows).
    Ref<StreamObj> withWindowAggregate(const agg::WindowAggregate& what, PerTableFn fn) const override {
        if (!options.pushdown || !ranged || aggregated() || what.aggregate.selector || what.column != "_value" ||
            what.window.timeColumn != "_time")
            return {};
        auto r = make<StoreStream>(*this);
        r->window = std::make_shared<const agg::WindowAggregate>(what);
        r->perTable = std::move(fn);
        r->origin = "aggregateWindow";
        return r;
    }

    Ref<StreamObj> withLimit(size_t n, size_t offset) const override {
        if (!options.pushdown || aggregated()) return {};
        auto r = make<StoreStream>(*this);
        r->limited = true;
        r->limitN = n;
        r->limitOffset = offset;
        r->origin = "limit";
        return r;
    }

    StoreStream() = default;
    StoreStream(const StoreStream& o)
        : StreamObj(), store(o.store), bucket(o.bucket), options(o.options), ranged(o.ranged), start(o.start),
          stop(o.stop), predicates(o.predicates), rowFilters(o.rowFilters), aggregate(o.aggregate), window(o.window),
          perTable(o.perTable), limited(o.limited), limitN(o.limitN), limitOffset(o.limitOffset) {
        origin = o.origin;
        bounds = o.bounds;
    }
};

// Evaluates a conjunction of predicates (all must be true).
class Conjunction {
public:
    explicit Conjunction(const std::vector<std::shared_ptr<const SeriesPredicate>>& ps) : ps_(ps) {}
    bool matches(const SeriesInfo& s) const {
        for (auto& p : ps_)
            if (!p->matches(s)) return false;
        return true;
    }

private:
    const std::vector<std::shared_ptr<const SeriesPredicate>>& ps_;
};

class StoreIterator final : public TableIterator {
public:
    StoreIterator(Ref<const StoreStream> stream) : stream_(std::move(stream)) {
        const StoreStream& s = *stream_;
        Scan all = s.store->scan(s.bucket, nullptr, s.start, s.stop, s.options.now);
        start_ = s.start;
        stop_ = s.stop;
        Conjunction keep(s.predicates);
        series_.reserve(all.series().size());
        for (const SeriesInfo& si : all.series())
            if (keep.matches(si)) series_.push_back(si);
        readStart_ = all.start();  // retention applied
        if (s.window) {
            const agg::WindowOptions& w = s.window->window;
            spec_.emplace(w.every, w.period, w.offset, w.location);
        }
    }

    TablePtr next() override {
        const StoreStream& s = *stream_;
        if (s.aggregate) return nextAggregate();
        if (s.window) return nextWindow();
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            if (!filtersApply(si)) {
                TablePtr t = filteredTable(si);
                if (!t) continue;
                if (s.limited) {
                    size_t b = std::min(s.limitOffset, t->nrows);
                    t = tableops::sliceRows(t, b, b + std::min(s.limitN, t->nrows - b));
                }
                return t;
            }
            if (s.limited) {
                if (!readLimited(si)) continue;
            } else {
                readPoints(si);
                if (cols_.size() == 0) continue;
            }
            return build(si);
        }
        return nullptr;
    }

private:
    // ---- row filters ----

    // Whether the store evaluates every pushed row filter for series of this type.
    bool filtersApply(const SeriesInfo& si) const {
        for (auto& f : stream_->rowFilters)
            if (!f->predicate.appliesTo(si.type)) return false;
        return true;
    }

    // The series' table with the row filters applied by the filter builtin's own work (null when no
    // row is left), for series the store does not evaluate them for.
    TablePtr filteredTable(const SeriesInfo& si) {
        stream_->store->readSeries(si, readStart_, stop_, cols_);
        if (cols_.size() == 0) return nullptr;
        TablePtr t = build(si);
        for (auto& f : stream_->rowFilters) {
            t = f->perTable(t);
            if (!t) return nullptr;
        }
        return t;
    }

    // Walks the blocks of a series in range through the row filters (filtersApply(si) must hold):
    // `take(points)` gets the points that pass, block by block. With `count` given, blocks taken
    // whole that lie inside the range are only counted from their headers (and not passed to take).
    template <class Take>
    void scanFiltered(const SeriesInfo& si, Take&& take, size_t* count) {
        const auto& filters = stream_->rowFilters;
        stream_->store->scanBlocks(si, readStart_, stop_, [&](const BlockStats& st, bool inside,
                                                                const Store::BlockPoints& points) {
            bool whole = true;
            for (auto& f : filters) {
                auto c = inside ? f->predicate.coverage(si.type, st) : ValuePredicate::Coverage::Some;
                if (c == ValuePredicate::Coverage::None) return true;  // no point passes: skip the block
                if (c == ValuePredicate::Coverage::Some) whole = false;
            }
            if (whole && inside && count) {
                *count += st.count;
                return true;
            }
            const SeriesColumns& pass = passing(si, points(), whole);
            if (count)
                *count += pass.size();
            else
                take(pass);
            return true;
        });
    }

    // The points of a decoded block that pass every row filter (`whole`: all of them do).
    const SeriesColumns& passing(const SeriesInfo& si, const SeriesColumns& points, bool whole) {
        const SeriesColumns* cur = &points;
        if (whole) return *cur;
        for (auto& f : stream_->rowFilters) {
            rows_.clear();
            f->predicate.select(si.type, *cur, rows_);
            SeriesColumns& next = cur == &passA_ ? passB_ : passA_;
            next.clear();
            appendRows(si.type, *cur, rows_, next);
            cur = &next;
        }
        return *cur;
    }

    // cols_ := the series' points in range that pass the row filters.
    void readPoints(const SeriesInfo& si) {
        if (stream_->rowFilters.empty()) {
            stream_->store->readSeries(si, readStart_, stop_, cols_);
            return;
        }
        cols_.clear();
        scanFiltered(si, [&](const SeriesColumns& p) { appendPoints(si.type, p, 0, p.size(), cols_); }, nullptr);
    }

    // cols_ := points [offset, offset + n) of those readPoints reads, decoding only the blocks that
    // hold them (whole blocks before the offset are skipped by their header count when no row filter
    // needs their values). False when the series has no point in range (no table at all).
    bool readLimited(const SeriesInfo& si) {
        const StoreStream& s = *stream_;
        cols_.clear();
        size_t seen = 0;  // points before cols_ (skipped by the offset)
        bool any = false;
        const size_t want = s.limitN;
        auto takePoints = [&](const SeriesColumns& p) {
            const size_t m = p.size();
            if (m == 0) return;
            any = true;
            size_t from = 0;
            if (seen < s.limitOffset) {
                from = std::min(m, s.limitOffset - seen);
                seen += from;
            }
            size_t to = from + std::min(m - from, want - cols_.size());
            appendPoints(si.type, p, from, to, cols_);
        };
        const bool filtered = !s.rowFilters.empty();
        s.store->scanBlocks(si, readStart_, stop_, [&](const BlockStats& st, bool inside, const Store::BlockPoints& points) {
            if (cols_.size() >= want && any) return false;
            if (!filtered && inside && seen + st.count <= s.limitOffset && st.count > 0) {
                seen += st.count;  // wholly before the offset
                any = true;
                return true;
            }
            if (!filtered) {
                takePoints(points());
                return true;
            }
            // the row filters' points of this block (as scanFiltered gives them)
            bool whole = true;
            for (auto& f : s.rowFilters) {
                auto c = inside ? f->predicate.coverage(si.type, st) : ValuePredicate::Coverage::Some;
                if (c == ValuePredicate::Coverage::None) return true;
                if (c == ValuePredicate::Coverage::Some) whole = false;
            }
            if (whole && inside && seen + st.count <= s.limitOffset && st.count > 0) {
                seen += st.count;
                any = true;
                return true;
            }
            takePoints(passing(si, points(), whole));
            return true;
        });
        return any;
    }

    size_t countPoints(const SeriesInfo& si) {
        if (stream_->rowFilters.empty()) return stream_->store->countRange(si, readStart_, stop_);
        size_t n = 0;
        scanFiltered(si, [](const SeriesColumns&) {}, &n);
        return n;
    }

    // ---- aggregates ----

    // The aggregate of the next series with points in range, computed from block headers (count,
    // and which block holds the min or max) or with the aggregate kernel over the decoded values,
    // without building the series' table.
    TablePtr nextAggregate() {
        const StoreStream& s = *stream_;
        const agg::FusedAggregate& a = *s.aggregate;
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            if (!filtersApply(si)) {
                TablePtr t = filteredTable(si);
                if (!t) continue;
                if (TablePtr r = s.perTable(t)) return r;
                continue;
            }
            if (!a.selector && a.reduce == agg::ReduceKind::Count) {
                size_t n = countPoints(si);
                if (n == 0) continue;
                auto result = std::make_shared<Column>(ColType::Int);
                result->appendInt(static_cast<int64_t>(n));
                return tableops::keyedTable(keyOf(si), 1, {{"_value", std::move(result)}});
            }
            if (a.selector && s.rowFilters.empty() && selectorBlocks(si, a.select)) {
                if (cols_.size() == 0) continue;  // no point in range
            } else {
                readPoints(si);
            }
            const size_t n = cols_.size();
            if (n == 0) continue;
            Column values(columnTypeOf(si.type));
            fillValues(si.type, values);
            std::string err;
            if (!a.selector) {
                auto r = agg::makeReducer(a.reduce, values.type(), a.options, err);
                if (!r) return s.perTable(build(si));  // the error the builtin gives
                auto result = std::make_shared<Column>(r->outputType());
                r->reduce(values, agg::RowRun{0, n}, *result);
                return tableops::keyedTable(keyOf(si), 1, {{"_value", std::move(result)}});
            }
            auto sel = agg::makeSelector(a.select, values.type(), 0, err);
            if (!sel) return s.perTable(build(si));
            size_t row = sel->select(values, agg::RowRun{0, n});
            if (row == agg::Selector::npos) return s.perTable(build(si));
            one_.clear();
            appendPoints(si.type, cols_, row, row + 1, one_);
            std::swap(one_, cols_);
            return build(si);
        }
        return nullptr;
    }

    // cols_ := the points of the one block that holds the row a first, last, min or max selector
    // picks among all the series' points in range (which is the row the selector picks in that
    // block), found from block headers: first and last take the first and last block with points
    // in range; min and max compare the blocks' statistics (edge blocks, cut by the range, are
    // decoded), the first block holding the extreme wins, as the selector keeps the first extreme
    // row. False when the headers cannot tell (a float block holding a NaN, a string or bool
    // series for min/max): the caller reads every point.
    bool selectorBlocks(const SeriesInfo& si, agg::SelectKind kind) {
        Store& store = *stream_->store;
        cols_.clear();
        if (kind == agg::SelectKind::First) {
            store.scanBlocks(si, readStart_, stop_, [&](const BlockStats&, bool, const Store::BlockPoints& points) {
                const SeriesColumns& p = points();
                appendPoints(si.type, p, 0, p.size(), cols_);
                return cols_.size() == 0;
            });
            return true;
        }
        // time spans of the blocks in range (cut to the range)
        spans_.clear();
        if (kind == agg::SelectKind::Last) {
            store.scanBlocks(si, readStart_, stop_, [&](const BlockStats& st, bool, const Store::BlockPoints&) {
                spans_.push_back({std::max(st.minTime, readStart_), std::min(st.maxTime, stop_ - 1) + 1});
                return true;
            });
            for (size_t i = spans_.size(); i-- > 0 && cols_.size() == 0;) readBlockPoints(si, spans_[i].lo, spans_[i].hi);
            return true;
        }
        if (kind != agg::SelectKind::Min && kind != agg::SelectKind::Max) return false;
        switch (si.type) {
            case ValueType::Float: return extremeBlock<double>(si, kind == agg::SelectKind::Max);
            case ValueType::Int: return extremeBlock<int64_t>(si, kind == agg::SelectKind::Max);
            case ValueType::UInt: return extremeBlock<uint64_t>(si, kind == agg::SelectKind::Max);
            default: return false;
        }
    }

    template <class T>
    static T statOf(const BlockStats& st, bool max) {
        if constexpr (std::is_same_v<T, double>) return max ? st.fmax : st.fmin;
        else if constexpr (std::is_same_v<T, int64_t>) return max ? st.imax : st.imin;
        else return max ? st.umax : st.umin;
    }
    template <class T>
    static const std::vector<T>& valuesOf(const SeriesColumns& c) {
        if constexpr (std::is_same_v<T, double>) return c.floats;
        else if constexpr (std::is_same_v<T, int64_t>) return c.ints;
        else return c.uints;
    }

    template <class T>
    bool extremeBlock(const SeriesInfo& si, bool max) {
        bool known = true, found = false;
        T best{};
        int64_t lo = 0, hi = 0;
        stream_->store->scanBlocks(si, readStart_, stop_, [&](const BlockStats& st, bool inside,
                                                               const Store::BlockPoints& points) {
            if (!st.numeric) {
                known = false;
                return false;
            }
            T v;
            if (inside) {
                v = statOf<T>(st, max);
            } else {
                const SeriesColumns& p = points();
                if (p.size() == 0) return true;
                const std::vector<T>& vals = valuesOf<T>(p);
                v = vals[0];
                for (const T& x : vals)
                    if (max ? x > v : x < v) v = x;
            }
            if (!found || (max ? v > best : v < best)) {
                found = true;
                best = v;
                lo = std::max(st.minTime, readStart_);
                hi = std::min(st.maxTime, stop_ - 1) + 1;
            }
            return true;
        });
        if (!known) return false;
        if (found) readBlockPoints(si, lo, hi);
        return true;
    }

    // Appends the points in [lo, hi) to cols_ (a span within one block).
    void readBlockPoints(const SeriesInfo& si, int64_t lo, int64_t hi) {
        stream_->store->scanBlocks(si, lo, hi, [&](const BlockStats&, bool, const Store::BlockPoints& points) {
            const SeriesColumns& p = points();
            appendPoints(si.type, p, 0, p.size(), cols_);
            return true;
        });
    }

    // ---- aggregateWindow ----

    // The windows of the next series with points in range (that pass the row filters), reduced over
    // the decoded columns with aggregateWindow's own kernel (agg::reduceSortedWindows), without
    // building the series' table. Series it cannot do that for (another value type than the
    // reducer takes, timeDst naming a tag, ...) go through aggregateWindow's per-table work.
    TablePtr nextWindow() {
        const StoreStream& s = *stream_;
        const agg::WindowAggregate& w = *s.window;
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            TablePtr out;
            if (!filtersApply(si)) {
                TablePtr t = filteredTable(si);
                if (!t) continue;
                out = s.perTable(t);
            } else {
                GroupKey key = keyOf(si);
                std::string err;
                auto reducer = agg::makeReducer(w.aggregate.reduce, columnTypeOf(si.type), w.aggregate.options, err);
                bool fast = reducer && !key.has(w.timeDst);
                if (fast) {
                    Column values(columnTypeOf(si.type));
                    readTimesAndValues(si, values);
                    const size_t n = cols_.times.size();
                    if (n == 0) continue;
                    try {
                        out = agg::reduceSortedWindows(*spec_, w.window.createEmpty, w.timeSrc == "_start",
                                                       TimeBounds{start_, stop_}, cols_.times.data(), n, *reducer,
                                                       values, key, w.column, w.timeDst, windowCache_);
                    } catch (const FluxError&) {
                        throw;
                    } catch (const std::bad_alloc&) {
                        throw;
                    } catch (const std::exception&) {
                        fast = false;  // the per-table work raises it with aggregateWindow's position
                    }
                }
                if (!fast) {
                    readPoints(si);
                    if (cols_.size() == 0) continue;
                    out = s.perTable(build(si));
                }
            }
            if (out) return out;
        }
        return nullptr;
    }

    void fillValues(ValueType type, Column& c) {
        c.reserve(cols_.size());
        appendValues(type, cols_, c);
    }

    static void appendValues(ValueType type, const SeriesColumns& p, Column& c) {
        const size_t n = p.size();
        switch (type) {
            case ValueType::Float: c.appendFloats(p.floats.data(), n); break;
            case ValueType::Int: c.appendInts(p.ints.data(), n); break;
            case ValueType::UInt: c.appendUInts(p.uints.data(), n); break;
            case ValueType::Bool:
                for (uint8_t v : p.bools) c.appendBool(v != 0);
                break;
            case ValueType::String:
                for (const std::string& v : p.strings) c.appendString(make<StringObj>(v));  // p is kept
                break;
        }
    }

    // cols_.times := the times of the series' points in range that pass the row filters, `values`
    // their values, appended block by block from the decoded block (so the values are not held twice).
    void readTimesAndValues(const SeriesInfo& si, Column& values) {
        cols_.clear();
        const size_t upTo = stream_->store->countRange(si, readStart_, stop_);
        if (upTo == 0) return;
        cols_.times.reserve(upTo);
        values.reserve(upTo);
        auto take = [&](const SeriesColumns& p) {
            cols_.times.insert(cols_.times.end(), p.times.begin(), p.times.end());
            appendValues(si.type, p, values);
        };
        if (!stream_->rowFilters.empty()) {
            scanFiltered(si, take, nullptr);
            return;
        }
        stream_->store->scanBlocks(si, readStart_, stop_, [&](const BlockStats&, bool, const Store::BlockPoints& points) {
            take(points());
            return true;
        });
    }

    GroupKey keyOf(const SeriesInfo& si) {
        GroupKey key;
        key.cols.push_back({"_start", ColType::Time});
        key.values.push_back(Value::time(start_));
        key.cols.push_back({"_stop", ColType::Time});
        key.values.push_back(Value::time(stop_));
        key.cols.push_back({"_field", ColType::String});
        key.values.push_back(Value::string(make<StringObj>(si.field)));
        key.cols.push_back({"_measurement", ColType::String});
        key.values.push_back(Value::string(make<StringObj>(si.measurement)));
        for (auto& t : si.tags) {
            key.cols.push_back({t.key, ColType::String});
            key.values.push_back(Value::string(make<StringObj>(t.value)));
        }
        return key;
    }

    TablePtr build(const SeriesInfo& si) {
        const size_t n = cols_.size();
        StrRef field = make<StringObj>(si.field);
        StrRef meas = make<StringObj>(si.measurement);
        std::vector<StrRef> tagValues;
        tagValues.reserve(si.tags.size());
        for (auto& t : si.tags) tagValues.push_back(make<StringObj>(t.value));

        GroupKey key;
        key.cols.push_back({"_start", ColType::Time});
        key.values.push_back(Value::time(start_));
        key.cols.push_back({"_stop", ColType::Time});
        key.values.push_back(Value::time(stop_));
        key.cols.push_back({"_field", ColType::String});
        key.values.push_back(Value::string(field));
        key.cols.push_back({"_measurement", ColType::String});
        key.values.push_back(Value::string(meas));
        for (size_t i = 0; i < si.tags.size(); i++) {
            key.cols.push_back({si.tags[i].key, ColType::String});
            key.values.push_back(Value::string(tagValues[i]));
        }
        TableBuilder b(std::move(key));
        if (n != cachedRows_) {  // constant columns are shared between tables of the same length
            cachedRows_ = n;
            stringColumns_.clear();
            startColumn_ = constantTime(start_, n);
            stopColumn_ = constantTime(stop_, n);
        }
        auto constString = [&](const std::string& name, const StrRef& v) {
            auto it = stringColumns_.find(v->s);
            if (it == stringColumns_.end()) {
                auto c = std::make_shared<Column>(ColType::String);
                c->reserve(n);
                for (size_t i = 0; i < n; i++) c->appendString(v);
                it = stringColumns_.emplace(v->s, std::move(c)).first;
            }
            b.addColumn(name, it->second);
        };
        b.addColumn("_start", startColumn_);
        b.addColumn("_stop", stopColumn_);
        {
            Column& c = b.column(static_cast<size_t>(b.addColumn("_time", ColType::Time)));
            c.reserve(n);
            c.appendInts(cols_.times.data(), n);
        }
        {
            Column& c = b.column(static_cast<size_t>(b.addColumn("_value", columnTypeOf(si.type))));
            c.reserve(n);
            switch (si.type) {
                case ValueType::Float: c.appendFloats(cols_.floats.data(), n); break;
                case ValueType::Int: c.appendInts(cols_.ints.data(), n); break;
                case ValueType::UInt: c.appendUInts(cols_.uints.data(), n); break;
                case ValueType::Bool:
                    for (uint8_t v : cols_.bools) c.appendBool(v != 0);
                    break;
                case ValueType::String:
                    for (std::string& v : cols_.strings) c.appendString(make<StringObj>(std::move(v)));
                    break;
            }
        }
        constString("_field", field);
        constString("_measurement", meas);
        for (size_t i = 0; i < si.tags.size(); i++) constString(si.tags[i].key, tagValues[i]);
        // Keep only this table's columns: a value no longer in use (the previous series' host) must
        // not pin its column (8 bytes per row) for the rest of the scan.
        for (auto it = stringColumns_.begin(); it != stringColumns_.end();) {
            bool used = it->first == si.field || it->first == si.measurement;
            for (size_t i = 0; i < si.tags.size() && !used; i++) used = it->first == si.tags[i].value;
            it = used ? std::next(it) : stringColumns_.erase(it);
        }
        return b.finish();
    }

    static ColumnPtr constantTime(int64_t v, size_t n) {
        auto c = std::make_shared<Column>(ColType::Time);
        std::vector<int64_t> values(n, v);
        c->appendInts(values.data(), n);
        return c;
    }

    Ref<const StoreStream> stream_;
    std::optional<agg::WindowSpec> spec_;
    tableops::RepeatCache windowCache_;
    // scratch of the row filters and selectors
    std::vector<uint32_t> rows_;
    SeriesColumns passA_, passB_;
    struct Span {
        int64_t lo, hi;  // [lo, hi)
    };
    std::vector<Span> spans_;
    // Constant columns of the last table length: _start, _stop and string columns by value.
    size_t cachedRows_ = SIZE_MAX;
    ColumnPtr startColumn_, stopColumn_;
    std::unordered_map<std::string, ColumnPtr> stringColumns_;
    std::vector<SeriesInfo> series_;
    size_t pos_ = 0;
    int64_t start_, stop_, readStart_;
    SeriesColumns cols_, one_;
};

std::unique_ptr<TableIterator> StoreStream::open() const {
    if (options.pushdown && !ranged)
        throw FluxError("cannot submit unbounded read to \"" + bucket.name +
                        "\"; try bounding 'from' with a call to 'range'");
    return std::make_unique<StoreIterator>(Ref<const StoreStream>(this));
}

}  // namespace

StreamRef makeStoreStream(std::shared_ptr<Store> store, BucketInfo bucket, StoreStreamOptions options) {
    auto s = make<StoreStream>();
    s->store = std::move(store);
    s->bucket = std::move(bucket);
    s->options = options;
    s->origin = "from";
    return s;
}

}  // namespace fluxi::store
