// universe.sample(n, pos, column): keeps every n-th row of each table, starting at row `pos`
// (0 <= pos < n; a negative pos picks a random start per table). `column` must exist. Tables left
// without rows are dropped.
#include <random>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

Value sample(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    int64_t pos = ctx.intOr(args, "pos", -1);
    std::string column = ctx.stringOr(args, "column", "_value");
    if (n <= 0) ctx.fail("sample: n must be positive, got " + std::to_string(n));
    if (pos >= n) ctx.fail("sample: pos must be less than n, got pos " + std::to_string(pos) + " and n " + std::to_string(n));
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, n, pos, column](const TablePtr& t) -> TablePtr {
            return tableops::atCallSite(site, "sample", [&]() -> TablePtr {
                if (t->columnIndex(column) < 0) site.fail(ErrorCode::FailedPrecondition, "sample: column \"" + column + "\" not found");
                size_t start = static_cast<size_t>(pos);
                if (pos < 0) {
                    static thread_local std::mt19937_64 rng{std::random_device{}()};
                    start = static_cast<size_t>(rng() % static_cast<uint64_t>(n));
                }
                tableops::Selection sel;
                for (size_t r = start; r < t->nrows; r += static_cast<size_t>(n)) sel.push_back(static_cast<uint32_t>(r));
                if (sel.empty()) return nullptr;
                return tableops::gatherRows(t, sel);
            });
        },
        "sample");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "sample", "<-tables, n, ?pos, ?column", sample);

}  // namespace fluxi
