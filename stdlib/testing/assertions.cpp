// testing.assertEquals, assertEmpty, assertEqualValues, shouldError; testing.load and the `tags`
// option. Stream assertions fail when their output is read (that is when the runner drains results).
#include "eval/builtin.h"
#include "eval/limits.h"
#include "eval/compare.h"
#include "eval/execution.h"
#include "eval/value_text.h"
#include "eval/regex.h"
#include "eval/table.h"
#include "eval/stream.h"
#include "stdlib/testing/diff.h"

namespace fluxi {
namespace {

using testing_pkg::diffTables;

// Position of the call, captured for errors raised later while the stream is read.
struct Site {
    std::string file;
    ast::SourceLoc loc;
    explicit Site(const CallContext& ctx) : file(ctx.fileName()), loc(ctx.site() ? ctx.site()->span.start : ast::SourceLoc{}) {}
    [[noreturn]] void fail(std::string msg) const { throw FluxError(std::move(msg), file, loc); }
};

Value assertEquals(CallContext& ctx, const Args& args) {
    std::string name = ctx.requireString(args, "name");
    StreamRef got = ctx.requireStream(args, "got");
    StreamRef want = ctx.require(args, "want", Kind::Stream).objRef<StreamObj>();
    Site site(ctx);
    return Value::stream(makeBlockingStream(
        got,
        [want, name, site](std::vector<TablePtr> gotTables) {
            std::vector<TablePtr> wantTables = collect(*want);
            std::vector<bool> used(gotTables.size(), false);
            auto check = [&](const TablePtr& g, const TablePtr& w) {
                if (auto d = diffTables(g, w, {}))
                    site.fail("assertEquals " + name + ": the streams differ (" + std::to_string(d->nrows) +
                              " differing rows in table " + (w ? "of want" : "of got") + ")");
            };
            for (auto& w : wantTables) {
                TablePtr partner;
                for (size_t i = 0; i < gotTables.size(); i++)
                    if (!used[i] && gotTables[i]->key.equals(w->key)) {
                        used[i] = true;
                        partner = gotTables[i];
                        break;
                    }
                check(partner, w);
            }
            for (size_t i = 0; i < gotTables.size(); i++)
                if (!used[i]) check(gotTables[i], nullptr);
            return gotTables;
        },
        "testing.assertEquals"));
}

Value assertEmpty(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args, "tables");
    Site site(ctx);
    return Value::stream(makeMapTablesStream(
        in,
        [site](const TablePtr& t) -> TablePtr {
            if (t->nrows > 0) site.fail("assertEmpty: found a table with " + std::to_string(t->nrows) + " rows");
            return t;
        },
        "testing.assertEmpty"));
}

TablePtr singleValueTable(const Value& v, CallContext& ctx) {
    ColType t;
    if (!kindToColType(v.kind(), t)) ctx.fail(std::string("assertEqualValues: cannot compare values of type ") + kindName(v.kind()));
    TableBuilder b;
    int c = b.addColumn("v", t);
    b.column(c).appendValue(v);
    return b.finish();
}

Value assertEqualValues(CallContext& ctx, const Args& args) {
    const Value* got = args.get("got");
    const Value* want = args.get("want");
    if (!got || !want) ctx.fail("assertEqualValues: missing required argument " + std::string(got ? "want" : "got"));
    std::vector<TablePtr> out;
    if (!valuesEqual(*got, *want) || got->kind() != want->kind()) {
        TablePtr d = diffTables(singleValueTable(*got, ctx), singleValueTable(*want, ctx), {});
        if (d) out.push_back(d);
    }
    StreamRef s = makeMaterializedStream(std::move(out), "testing.assertEqualValues");
    ctx.execution().checks.push_back(s);
    return Value::stream(s);
}

// As the reference: fn() must fail ("shouldError expected an error" otherwise); the result is a
// stream with a string column v holding the error message when it does not match `want` (no rows when
// it matches), yielded as "errorOutput" and counted as a check, so a mismatch fails the testcase.
Value shouldError(CallContext& ctx, const Args& args) {
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    const Value& want = ctx.require(args, "want", Kind::Regexp);
    std::string message;
    bool failed = false;
    try {
        Value v = ctx.call(fn, {});
        if (v.is(Kind::Stream)) collect(v.asStream());
    } catch (const LimitExceeded&) {
        throw;  // a memory or time limit, or a cancel, ends the run
    } catch (const FluxError& e) {
        failed = true;
        message = e.message();
    }
    if (!failed) ctx.fail(ErrorCode::Invalid, "shouldError expected an error");
    TableBuilder b;
    int c = b.addColumn("v", ColType::String);
    if (!re2::RE2::PartialMatch(message, *want.asRegexp().re)) b.column(c).appendValue(Value::string(message));
    StreamRef s = makeMaterializedStream({b.finish()}, "testing.shouldError");
    Execution& ex = ctx.execution();
    ex.checks.push_back(s);
    bool named = false;
    for (auto& r : ex.results) named = named || r.name == "errorOutput";
    if (!named) ex.results.push_back({"errorOutput", s});
    return Value::stream(s);
}

Value emptyTags() { return makeArray({}); }

}  // namespace

FLUXI_BUILTIN("testing", "assertEquals", "name, <-got, want", assertEquals);
FLUXI_BUILTIN("testing", "assertEmpty", "<-tables", assertEmpty);
FLUXI_BUILTIN("testing", "assertEqualValues", "got, want", assertEqualValues);
FLUXI_BUILTIN("testing", "shouldError", "fn, want", shouldError);
FLUXI_OPTION("testing", "tags", emptyTags);
// load passes the data through; in the reference it stands where a test loads its input. The
// reference's test-case helpers, written in Flux as it defines them: a case is a function
// returning {input, want, fn}; loadStorage reads annotated CSV as if queried from storage (range over
// all time, _field/_measurement/_time required), loadMem reads it as a query result.
FLUXI_FLUX_SOURCE("testing", R"flux(
import c "csv"

option loadStorage = (csv) =>
    c.from(csv: csv)
        |> range(start: 1800-01-01T00:00:00Z, stop: 2200-12-31T11:59:59Z)
        |> map(
            fn: (r) =>
                ({r with
                    _field: if exists r._field then r._field else die(msg: "test input table does not have _field column"),
                    _measurement:
                        if exists r._measurement then r._measurement else die(msg: "test input table does not have _measurement column"),
                    _time: if exists r._time then r._time else die(msg: "test input table does not have _time column"),
                }),
        )
option loadMem = (csv) => c.from(csv: csv)
option load = (tables=<-) => tables

inspect = (case) => {
    tc = case()
    got = tc.input |> tc.fn()

    return {
        fn: tc.fn,
        input: tc.input,
        want: tc.want |> yield(name: "want"),
        got: got |> yield(name: "got"),
        diff: got |> diff(want: tc.want) |> yield(name: "diff"),
    }
}
run = (case) => inspect(case: case).diff |> assertEmpty()
benchmark = (case) => {
    tc = case()

    return tc.input |> tc.fn()
}
)flux");

}  // namespace fluxi
