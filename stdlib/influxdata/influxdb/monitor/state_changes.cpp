// monitor.stateChanges(fromLevel="any", toLevel="any") and monitor.stateChangesOnly(): the rows of
// check statuses where the `_level` column changes, in one pass per group instead of the reference's
// map/duplicate/sort/difference/filter/group pipeline, with the same result:
//   - `_level` leaves the group key and moves to the last column; tables whose keys then agree are
//     merged (in input order), and each merged table is ordered by _source_timestamp, then _time
//     (stable; a missing column is ignored, nulls first);
//   - stateChangesOnly (and stateChanges with both levels "any") ranks levels crit 4, warn 3,
//     info 2, ok 1, anything else (or null) 0, and keeps each row (but the first) whose rank differs
//     from the previous row's;
//   - otherwise a row is a "to" row when its level is toLevel (any level but fromLevel when toLevel
//     is "any"), else a "from" row when its level is fromLevel (any level but toLevel when fromLevel
//     is "any"); a null level is neither. A "to" row right after a "from" row is kept;
//   - the kept rows are grouped by the merged key plus `_level` (first appearance order).
// A table without a string `_level` column is an error.
#include <algorithm>
#include <numeric>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

struct LevelRule {
    bool changesOnly = true;  // rank mode
    std::string from, to;     // "any" allowed
};

// Rank of a level in changes-only mode.
int8_t levelRank(std::string_view level) {
    if (level == "crit") return 4;
    if (level == "warn") return 3;
    if (level == "info") return 2;
    if (level == "ok") return 1;
    return 0;
}

enum : int8_t { kOther = -1, kFrom = 0, kTo = 1 };

int8_t levelClass(const LevelRule& rule, const Column& col, uint32_t row) {
    if (col.isNull(row)) return kOther;
    std::string_view level = col.strings()[row]->s;
    bool isTo = rule.to == "any" ? level != rule.from : level == rule.to;
    if (isTo) return kTo;
    bool isFrom = rule.from == "any" ? level != rule.to : level == rule.from;
    return isFrom ? kFrom : kOther;
}

// Row order of t by _source_timestamp then _time, stable, nulls first; columns that are missing or
// in the group key (constant) are ignored.
Selection timeOrder(const Table& t) {
    std::vector<const Column*> cols;
    for (const char* name : {"_source_timestamp", "_time"}) {
        int i = t.columnIndex(name);
        if (i >= 0 && !t.key.has(name)) cols.push_back(&t.column(static_cast<size_t>(i)));
    }
    Selection order(t.nrows);
    std::iota(order.begin(), order.end(), 0u);
    auto less = [&](uint32_t a, uint32_t b) {
        for (const Column* c : cols) {
            bool na = c->isNull(a), nb = c->isNull(b);
            if (na || nb) {
                if (na && nb) continue;
                return na;
            }
            int cmp;
            if (c->type() == ColType::Int || c->type() == ColType::Time) {
                int64_t x = c->ints()[a], y = c->ints()[b];
                cmp = x < y ? -1 : (x > y ? 1 : 0);
            } else {
                cmp = totalOrder(c->get(a), c->get(b));
            }
            if (cmp != 0) return cmp < 0;
        }
        return false;
    };
    if (!cols.empty() && !std::is_sorted(order.begin(), order.end(), less))
        std::stable_sort(order.begin(), order.end(), less);
    return order;
}

// The kept rows of one merged table, in output order.
Selection changedRows(const LevelRule& rule, const Table& t, const Column& level) {
    Selection order = timeOrder(t);
    Selection kept;
    if (order.size() < 2) return kept;
    if (rule.changesOnly) {
        auto rank = [&](uint32_t r) -> int8_t { return level.isNull(r) ? 0 : levelRank(level.strings()[r]->s); };
        int8_t prev = rank(order[0]);
        for (size_t i = 1; i < order.size(); i++) {
            int8_t cur = rank(order[i]);
            if (cur != prev) kept.push_back(order[i]);
            prev = cur;
        }
    } else {
        int8_t prev = levelClass(rule, level, order[0]);
        for (size_t i = 1; i < order.size(); i++) {
            int8_t cur = levelClass(rule, level, order[i]);
            if (prev == kFrom && cur == kTo) kept.push_back(order[i]);
            prev = cur;
        }
    }
    return kept;
}

// The kept rows of a merged table split into one table per _level value.
void emitByLevel(const Table& t, const Selection& kept, std::vector<TablePtr>& out) {
    const size_t li = static_cast<size_t>(t.columnIndex("_level"));
    const Column& level = t.column(li);
    // distinct levels in first-appearance order (null is one of them)
    std::vector<Value> levels;
    std::vector<Selection> parts;
    for (uint32_t r : kept) {
        Value v = level.get(r);
        size_t k = 0;
        while (k < levels.size() && !valuesEqual(levels[k], v)) k++;
        if (k == levels.size()) {
            levels.push_back(v);
            parts.emplace_back();
        }
        parts[k].push_back(r);
    }
    for (size_t k = 0; k < levels.size(); k++) {
        GroupKey key = t.key;
        key.cols.push_back({"_level", ColType::String});
        key.values.push_back(levels[k]);
        TableBuilder b(std::move(key));
        for (size_t c = 0; c < t.numColumns(); c++)
            if (c != li) b.addColumn(t.meta[c].name, tableops::gatherColumn(t.column(c), parts[k]));
        b.addColumn("_level", tableops::gatherColumn(level, parts[k]));
        out.push_back(b.finish());
    }
}

Value stateChangesWith(const CallContext& ctx, StreamRef in, LevelRule rule, const char* fname) {
    CallContext site = ctx;
    std::string name = fname;
    return Value::stream(makeBlockingStream(
        std::move(in),
        [site, rule, name](std::vector<TablePtr> tables) {
            return tableops::atCallSite(site, name, [&] {
                for (TablePtr& t : tables) {
                    int li = t->columnIndex("_level");
                    if (li < 0) site.fail(ErrorCode::FailedPrecondition, name + ": table has no _level column");
                    if (t->meta[static_cast<size_t>(li)].type != ColType::String)
                        site.fail(name + ": column _level has type " +
                                  colTypeName(t->meta[static_cast<size_t>(li)].type) + ", expected string");
                    if (t->key.has("_level"))
                        t = tableops::withKey(t, tableops::filterKey(t->key, [](const std::string& c) {
                                                  return c != "_level";
                                              }));
                }
                std::vector<TablePtr> out;
                for (const TablePtr& m : tableops::mergeByKey(std::move(tables))) {
                    const Column& level = m->column(static_cast<size_t>(m->columnIndex("_level")));
                    Selection kept = changedRows(rule, *m, level);
                    if (!kept.empty()) emitByLevel(*m, kept, out);
                }
                return out;
            });
        },
        name));
}

Value stateChanges(CallContext& ctx, const Args& args) {
    LevelRule rule;
    rule.from = ctx.stringOr(args, "fromLevel", "any");
    rule.to = ctx.stringOr(args, "toLevel", "any");
    rule.changesOnly = rule.from == "any" && rule.to == "any";
    return stateChangesWith(ctx, ctx.requireStream(args), std::move(rule), "monitor.stateChanges");
}

Value stateChangesOnly(CallContext& ctx, const Args& args) {
    return stateChangesWith(ctx, ctx.requireStream(args), LevelRule{}, "monitor.stateChangesOnly");
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb/monitor", "stateChanges", "<-tables, ?fromLevel, ?toLevel", stateChanges);
FLUXI_BUILTIN("influxdata/influxdb/monitor", "stateChangesOnly", "<-tables", stateChangesOnly);

}  // namespace fluxi
