// experimental.preview(nrows, ntables): at most `ntables` tables (default 5, the first ones the input
// gives), each cut to its first `nrows` rows (default 5). Reading stops once enough tables came.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

class PreviewStream final : public StreamObj {
public:
    StreamRef input;
    int64_t nrows = 5, ntables = 5;

    class Iter final : public TableIterator {
    public:
        Iter(std::unique_ptr<TableIterator> in, int64_t nrows, int64_t ntables)
            : in_(std::move(in)), nrows_(nrows), left_(ntables) {}
        TablePtr next() override {
            if (left_ <= 0) return nullptr;
            TablePtr t = in_->next();
            if (!t) return nullptr;
            left_--;
            return tableops::sliceRows(t, 0, std::min(t->nrows, static_cast<size_t>(nrows_)));
        }

    private:
        std::unique_ptr<TableIterator> in_;
        int64_t nrows_, left_;
    };

    std::unique_ptr<TableIterator> open() const override {
        return std::make_unique<Iter>(input->open(), nrows, ntables);
    }
};

Value previewFn(CallContext& ctx, const Args& args) {
    auto s = make<PreviewStream>();
    s->origin = "experimental.preview";
    s->input = ctx.requireStream(args);
    s->bounds = s->input->bounds;
    s->nrows = ctx.intOr(args, "nrows", 5);
    s->ntables = ctx.intOr(args, "ntables", 5);
    if (s->nrows < 0) ctx.fail("experimental.preview: nrows must not be negative, got " + std::to_string(s->nrows));
    if (s->ntables < 0)
        ctx.fail("experimental.preview: ntables must not be negative, got " + std::to_string(s->ntables));
    return Value::stream(StreamRef(s));
}

}  // namespace

FLUXI_BUILTIN("experimental", "preview", "<-tables, ?nrows, ?ntables", previewFn);

}  // namespace fluxi
