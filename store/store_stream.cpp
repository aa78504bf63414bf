// from()'s stream over the store (see store_stream.h): a scan that turns each series into a table.
#include "store/store_stream.h"

#include <limits>
#include <unordered_map>

#include "eval/error.h"
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

    std::unique_ptr<TableIterator> open() const override;

    Ref<StreamObj> withRange(int64_t s, int64_t e) const override {
        if (!options.pushdown || ranged) return {};
        auto r = make<StoreStream>(*this);
        r->ranged = true;
        r->start = s;
        r->stop = e;
        r->bounds = TimeBounds{s, e};
        r->origin = "range";
        return r;
    }

    Ref<StreamObj> withFilter(const Value& fn) const override {
        if (!options.pushdown) return {};
        std::unique_ptr<SeriesPredicate> p = pushDownFilter(fn);
        if (!p) return {};
        auto r = make<StoreStream>(*this);
        r->predicates.push_back(std::shared_ptr<const SeriesPredicate>(std::move(p)));
        r->origin = "filter";
        return r;
    }

    StoreStream() = default;
    StoreStream(const StoreStream& o)
        : StreamObj(), store(o.store), bucket(o.bucket), options(o.options), ranged(o.ranged), start(o.start),
          stop(o.stop), predicates(o.predicates) {
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
        while (pos_ < series_.size()) {
            const SeriesInfo& si = series_[pos_++];
            s.store->readSeries(si, readStart_, stop_, cols_);
            if (cols_.size() == 0) continue;
            return build(si);
        }
        return nullptr;
    }

private:
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
    SeriesColumns cols_;
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
