// Stream recipes (see stream.h): in-memory streams and the lazy pull iterators that map, flat-map or
// block over an input stream. Each open() starts an independent pass over the input. Iterators keep
// a reference to their input stream, so they stay valid even when the caller drops the stream value.
#include "eval/stream.h"

#include <utility>

namespace fluxi {

StreamObj::StreamObj() {
    if (const limits::CallSite* site = limits::currentCallSite()) {
        if (site->file) siteFile = *site->file;
        siteLoc = site->loc;
    }
}

namespace {

// Produces one output step of a lazy stage: checks the run's limits once per table, names the stage
// in limit errors raised meanwhile and positions errors that have no position at the call that made
// the stream.
template <class F>
auto stage(const StreamObj& s, F&& body) -> decltype(body()) {
    limits::CallSiteScope site(s.origin, &s.siteFile, s.siteLoc);
    try {
        limits::check("building a table");
        return body();
    } catch (FluxError& e) {
        if (!s.siteFile.empty()) e.setLocationIfUnset(s.siteFile, s.siteLoc);
        throw;
    } catch (const std::bad_alloc&) {
        limits::failOutOfMemory(s.origin, &s.siteFile, s.siteLoc);
    }
}

// ---- materialized ----------------------------------------------------------------------------

using TableList = std::shared_ptr<const std::vector<TablePtr>>;

class ListIterator final : public TableIterator {
public:
    explicit ListIterator(TableList tables) : tables_(std::move(tables)) {}
    TablePtr next() override {
        if (pos_ >= tables_->size()) return nullptr;
        return (*tables_)[pos_++];
    }

private:
    TableList tables_;
    size_t pos_ = 0;
};

struct MaterializedStream final : StreamObj {
    TableList tables;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<ListIterator>(tables); }
};

// ---- map tables --------------------------------------------------------------------------------

using MapFn = std::function<TablePtr(const TablePtr&)>;

class MapIterator final : public TableIterator {
public:
    MapIterator(const StreamObj& self, StreamRef input, std::shared_ptr<const MapFn> fn)
        : self_(&self), input_(std::move(input)), in_(input_->open()), fn_(std::move(fn)) {}
    TablePtr next() override {
        while (TablePtr t = in_->next()) {
            if (TablePtr out = stage(*self_, [&] { return (*fn_)(t); })) return out;
        }
        return nullptr;
    }

private:
    Ref<const StreamObj> self_;
    StreamRef input_;  // declared first: outlives in_
    std::unique_ptr<TableIterator> in_;
    std::shared_ptr<const MapFn> fn_;
};

struct MapTablesStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const MapFn> fn;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<MapIterator>(*this, input, fn); }
};

// ---- flat map ----------------------------------------------------------------------------------

using FlatMapFn = std::function<std::vector<TablePtr>(const TablePtr&)>;

class FlatMapIterator final : public TableIterator {
public:
    FlatMapIterator(const StreamObj& self, StreamRef input, std::shared_ptr<const FlatMapFn> fn)
        : self_(&self), input_(std::move(input)), in_(input_->open()), fn_(std::move(fn)) {}
    TablePtr next() override {
        for (;;) {
            while (pos_ < pending_.size()) {
                TablePtr t = std::move(pending_[pos_++]);
                if (t) return t;
            }
            TablePtr in = in_->next();
            if (!in) return nullptr;
            pending_ = stage(*self_, [&] { return (*fn_)(in); });
            pos_ = 0;
        }
    }

private:
    Ref<const StreamObj> self_;
    StreamRef input_;
    std::unique_ptr<TableIterator> in_;
    std::shared_ptr<const FlatMapFn> fn_;
    std::vector<TablePtr> pending_;
    size_t pos_ = 0;
};

struct FlatMapStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const FlatMapFn> fn;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<FlatMapIterator>(*this, input, fn); }
};

// ---- blocking ----------------------------------------------------------------------------------

using BlockingFn = std::function<std::vector<TablePtr>(std::vector<TablePtr>)>;

class BlockingIterator final : public TableIterator {
public:
    BlockingIterator(const StreamObj& self, StreamRef input, std::shared_ptr<const BlockingFn> fn)
        : self_(&self), input_(std::move(input)), fn_(std::move(fn)) {}
    TablePtr next() override {
        if (!done_) {
            // Gather the whole input only when the first table is asked for.
            std::vector<TablePtr> in = collect(*input_);
            out_ = stage(*self_, [&] { return (*fn_)(std::move(in)); });
            done_ = true;
            input_ = StreamRef();
        }
        while (pos_ < out_.size()) {
            TablePtr t = std::move(out_[pos_++]);
            if (t) return t;
        }
        return nullptr;
    }

private:
    Ref<const StreamObj> self_;
    StreamRef input_;
    std::shared_ptr<const BlockingFn> fn_;
    std::vector<TablePtr> out_;
    size_t pos_ = 0;
    bool done_ = false;
};

struct BlockingStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const BlockingFn> fn;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<BlockingIterator>(*this, input, fn); }
};

}  // namespace

StreamRef makeMaterializedStream(std::vector<TablePtr> tables, std::string origin) {
    auto s = make<MaterializedStream>();
    s->origin = std::move(origin);
    s->tables = std::make_shared<const std::vector<TablePtr>>(std::move(tables));
    return s;
}

StreamRef makeMapTablesStream(StreamRef input, std::function<TablePtr(const TablePtr&)> fn, std::string origin) {
    auto s = make<MapTablesStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;  // same rows' time range as the input
    s->input = std::move(input);
    s->fn = std::make_shared<const MapFn>(std::move(fn));
    return s;
}

StreamRef makeFlatMapStream(StreamRef input, std::function<std::vector<TablePtr>(const TablePtr&)> fn,
                            std::string origin) {
    auto s = make<FlatMapStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;  // same rows' time range as the input
    s->input = std::move(input);
    s->fn = std::make_shared<const FlatMapFn>(std::move(fn));
    return s;
}

StreamRef makeBlockingStream(StreamRef input, std::function<std::vector<TablePtr>(std::vector<TablePtr>)> fn,
                             std::string origin) {
    auto s = make<BlockingStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;  // same rows' time range as the input
    s->input = std::move(input);
    s->fn = std::make_shared<const BlockingFn>(std::move(fn));
    return s;
}

std::vector<TablePtr> collect(const StreamObj& s) {
    std::vector<TablePtr> out;
    std::unique_ptr<TableIterator> it = s.open();
    while (TablePtr t = it->next()) {
        out.push_back(std::move(t));
        limits::check("collecting tables");
    }
    return out;
}

}  // namespace fluxi
