// Stream kernels (see stream_ops.h).
#include "eval/kernels/stream_ops.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <utility>

#include "eval/kernels/table_ops.h"

namespace fluxi::tableops {

namespace {

using PerTableFn = std::function<std::vector<TablePtr>(const TablePtr&)>;

class RegroupIterator final : public TableIterator {
public:
    RegroupIterator(StreamRef input, std::shared_ptr<const PerTableFn> fn)
        : input_(std::move(input)), in_(input_->open()), fn_(std::move(fn)) {}

    TablePtr next() override {
        for (;;) {
            if (pos_ < pending_.size()) return std::move(pending_[pos_++]);
            if (drained_) return nullptr;
            TablePtr t = in_->next();
            if (!t) return nullptr;
            std::vector<TablePtr> outs = (*fn_)(t);
            bool sameKey = outs.size() <= 1;
            for (auto& o : outs) sameKey = sameKey && o->key.equals(t->key);
            if (!sameKey) {
                // Keys change: gather everything that is left and merge by key.
                while (TablePtr rest = in_->next()) {
                    std::vector<TablePtr> more = (*fn_)(rest);
                    for (auto& m : more) outs.push_back(std::move(m));
                }
                outs = mergeByKey(std::move(outs));
                drained_ = true;
            }
            pending_ = std::move(outs);
            pos_ = 0;
        }
    }

private:
    StreamRef input_;
    std::unique_ptr<TableIterator> in_;
    std::shared_ptr<const PerTableFn> fn_;
    std::vector<TablePtr> pending_;
    size_t pos_ = 0;
    bool drained_ = false;
};

struct RegroupStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const PerTableFn> fn;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<RegroupIterator>(input, fn); }
};

class ConcatIterator final : public TableIterator {
public:
    explicit ConcatIterator(std::vector<StreamRef> inputs) : inputs_(std::move(inputs)) {}
    TablePtr next() override {
        while (idx_ < inputs_.size()) {
            if (!cur_) cur_ = inputs_[idx_]->open();
            if (TablePtr t = cur_->next()) return t;
            cur_.reset();
            idx_++;
        }
        return nullptr;
    }

private:
    std::vector<StreamRef> inputs_;
    std::unique_ptr<TableIterator> cur_;
    size_t idx_ = 0;
};

struct ConcatStream final : StreamObj {
    std::vector<StreamRef> inputs;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<ConcatIterator>(inputs); }
};

}  // namespace

StreamRef makeRegroupStream(StreamRef input, PerTableFn fn, std::string origin) {
    auto s = make<RegroupStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;
    s->input = std::move(input);
    s->fn = std::make_shared<const PerTableFn>(std::move(fn));
    return s;
}

StreamRef makeConcatStream(std::vector<StreamRef> inputs, std::string origin) {
    auto s = make<ConcatStream>();
    s->origin = std::move(origin);
    // Query bounds: the span covering every input's bounds, when all of them have some.
    bool allBounded = !inputs.empty();
    TimeBounds hull{INT64_MAX, INT64_MIN};
    for (auto& in : inputs) {
        if (!in->bounds) {
            allBounded = false;
            break;
        }
        hull.start = std::min(hull.start, in->bounds->start);
        hull.stop = std::max(hull.stop, in->bounds->stop);
    }
    if (allBounded) s->bounds = hull;
    s->inputs = std::move(inputs);
    return s;
}

namespace {

using EffectFn = std::function<std::vector<TablePtr>(std::vector<TablePtr>)>;

// What a once-stream remembers between opens: the tables its effect returned, or its error.
struct OnceState {
    bool done = false;
    EffectFn effect;  // released once it has run (with what it captured: connections, call sites)
    std::vector<TablePtr> tables;
    std::exception_ptr error;
};

class ListIterator final : public TableIterator {
public:
    explicit ListIterator(std::shared_ptr<const OnceState> st) : st_(std::move(st)) {}
    TablePtr next() override { return pos_ < st_->tables.size() ? st_->tables[pos_++] : nullptr; }

private:
    std::shared_ptr<const OnceState> st_;
    size_t pos_ = 0;
};

struct OnceStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<OnceState> state = std::make_shared<OnceState>();
    std::unique_ptr<TableIterator> open() const override {
        if (!state->done) {
            // Marked done before running, so an effect that fails part-way is never retried.
            state->done = true;
            EffectFn effect = std::move(state->effect);
            state->effect = nullptr;
            try {
                state->tables = effect(collect(*input));
            } catch (...) {
                state->error = std::current_exception();
            }
        }
        if (state->error) std::rethrow_exception(state->error);
        return std::make_unique<ListIterator>(state);
    }
};

}  // namespace

StreamRef makeOnceStream(StreamRef input, EffectFn effect, std::string origin) {
    auto s = make<OnceStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;
    s->input = std::move(input);
    s->state->effect = std::move(effect);
    return s;
}

}  // namespace fluxi::tableops
