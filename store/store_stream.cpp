// from()'s stream over the store (see store_stream.h): a scan that turns each series into a table.
#include "store/store_stream.h"

#include <limits>
#include <unordered_map>

#include "eval/error.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"
#include "store/block.h"
#include "store/pushdown.h"
#include "store/series_predicate.h"

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

struct StoreStream final : StreamObj {
    std::shared_ptr<Store> store;
    BucketInfo bucket;
    StoreStreamOptions options;
    bool ranged = false;
    int64_t start = std::numeric_limits<int64_t>::min();
    int64_t stop = std::numeric_limits<int64_t>::max();
    // pushed-down filters, all of which must hold (shared with the streams derived from this one)
    std::vector<std::shared_ptr<const SeriesPredicate>> predicates;
    // a pushed-down aggregate or selector of each series' _value, and what it does to a whole table
    std::shared_ptr<const agg::FusedAggregate> aggregate;
    std::function<TablePtr(const TablePtr&)> perTable;

    std::unique_ptr<TableIterator> open() const override;

    Ref<StreamObj> withRange(int64_t s, int64_t e) const override {
        if (!options.pushdown || ranged || aggregate) return {};
        auto r = make<StoreStream>(*this);
        r->ranged = true;
        r->start = s;
        r->stop = e;
        r->bounds = TimeBounds{s, e};
        r->origin = "range";
        return r;
    }

    Ref<StreamObj> withFilter(const Value& fn) const override {
        if (!options.pushdown || aggregate) return {};
        std::unique_ptr<SeriesPredicate> p = pushDownFilter(fn);
        if (!p) return {};
        auto r = make<StoreStream>(*this);
        r->predicates.push_back(std::shared_ptr<const SeriesPredicate>(std::move(p)));
        r->origin = "filter";
        return r;
    }

    Ref<StreamObj> withAggregate(const agg::FusedAggregate& what,
                                 std::function<TablePtr(const TablePtr&)> fn) const override {
        if (!options.pushdown || !ranged || aggregate) return {};
        auto r = make<StoreStream>(*this);
        r->aggregate = std::make_shared<const agg::FusedAggregate>(what);
        r->perTable = std::move(fn);
        r->origin = "aggregate";
        return r;
    }

    StoreStream() = default;
    StoreStream(const StoreStream& o)
        : StreamObj(), store(o.store), bucket(o.bucket), options(o.options), ranged(o.ranged), start(o.start),
          stop(o.stop), predicates(o.predicates), aggregate(o.aggregate), perTable(o.perTable) {
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
    }

    TablePtr next() override {
        const StoreStream& s = *stream_;
        if (s.aggregate) return nextAggregate();
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            s.store->readSeries(si, readStart_, stop_, cols_);
            if (cols_.size() == 0) continue;
            return build(si);
        }
        return nullptr;
    }

private:
    // The aggregate of the next series with points in range, computed from block headers (count) or
    // with the aggregate kernel over the decoded values, without building the series' table.
    TablePtr nextAggregate() {
        const StoreStream& s = *stream_;
        const agg::FusedAggregate& a = *s.aggregate;
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            if (!a.selector && a.reduce == agg::ReduceKind::Count) {
                size_t n = s.store->countRange(si, readStart_, stop_);
                if (n == 0) continue;
                auto result = std::make_shared<Column>(ColType::Int);
                result->appendInt(static_cast<int64_t>(n));
                return tableops::keyedTable(keyOf(si), 1, {{"_value", std::move(result)}});
            }
            s.store->readSeries(si, readStart_, stop_, cols_);
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

    void fillValues(ValueType type, Column& c) {
        const size_t n = cols_.size();
        c.reserve(n);
        switch (type) {
            case ValueType::Float: c.appendFloats(cols_.floats.data(), n); break;
            case ValueType::Int: c.appendInts(cols_.ints.data(), n); break;
            case ValueType::UInt: c.appendUInts(cols_.uints.data(), n); break;
            case ValueType::Bool:
                for (uint8_t v : cols_.bools) c.appendBool(v != 0);
                break;
            case ValueType::String:
                for (const std::string& v : cols_.strings) c.appendString(make<StringObj>(v));  // kept for build()
                break;
        }
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
        return b.finish();
    }

    static ColumnPtr constantTime(int64_t v, size_t n) {
        auto c = std::make_shared<Column>(ColType::Time);
        std::vector<int64_t> values(n, v);
        c->appendInts(values.data(), n);
        return c;
    }

    Ref<const StoreStream> stream_;
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
