// Tables from records produced row by row (see record_rows.h).
#include "eval/kernels/record_rows.h"
#include "eval/kernels/builtin_helpers.h"

#include <unordered_map>

#include "eval/compare.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"

namespace fluxi::tableops {

RecordRowsBuilder::Col& RecordRowsBuilder::column(const std::string& name, size_t& hint) {
    if (hint < cols_.size() && cols_[hint].name == name) return cols_[hint];
    for (size_t j = 0; j < cols_.size(); j++)
        if (cols_[j].name == name) {
            hint = j;
            return cols_[j];
        }
    hint = cols_.size();
    cols_.push_back(Col{name, nullptr, rows_});
    return cols_.back();
}

void RecordRowsBuilder::add(const CallContext& ctx, const RecordObj& rec) {
    const auto& fields = rec.fields;
    if (hints_.size() < fields.size()) hints_.resize(fields.size(), SIZE_MAX);
    for (size_t i = 0; i < fields.size(); i++) {
        const Value& v = fields[i].second;
        Col& c = column(fields[i].first, hints_[i]);
        if (c.filled > rows_) continue;  // a repeated field name: the first one wins
        if (v.isNull()) {
            if (c.data) c.data->appendNull();
        } else {
            if (!c.data) {
                ColType type = columnTypeFor(ctx, v.kind(), fname_ + ": column \"" + c.name + "\"");
                c.data = std::make_shared<Column>(type);
                for (size_t k = 0; k < rows_; k++) c.data->appendNull();
            }
            if (!c.data->appendValue(v))
                ctx.fail(fname_ + ": column \"" + c.name + "\" has type " + colTypeName(c.data->type()) +
                         " in earlier rows but row " + std::to_string(rows_) + " gives a " + kindName(v.kind()));
        }
        c.filled = rows_ + 1;
    }
    for (auto& c : cols_)
        if (c.filled <= rows_) {
            if (c.data) c.data->appendNull();
            c.filled = rows_ + 1;
        }
    rows_++;
}

std::vector<TablePtr> RecordRowsBuilder::finish(const std::vector<ColumnMeta>& keyCols,
                                                const std::function<bool(const std::string&, ColType&)>& typeHint) {
    std::vector<ColumnMeta> meta;
    std::vector<ColumnPtr> data;
    const size_t n = rows_;
    for (auto& c : cols_) {
        if (c.data) {
            meta.push_back({c.name, c.data->type()});
            data.push_back(c.data);
            continue;
        }
        ColType t;
        if (n > 0 && typeHint && typeHint(c.name, t)) {
            meta.push_back({c.name, t});
            data.push_back(constantColumn(t, Value(), n));
        }
    }
    cols_.clear();
    hints_.clear();
    rows_ = 0;
    if (n == 0) return {};

    std::vector<size_t> keyIdx;  // into meta, in table column order
    for (size_t j = 0; j < meta.size(); j++)
        for (auto& k : keyCols)
            if (k.name == meta[j].name) keyIdx.push_back(j);

    std::unordered_map<std::vector<Value>, size_t, tableops::ValueTupleHash, tableops::ValueTupleEq> groupOf;
    std::vector<Selection> groups;
    std::vector<std::vector<Value>> groupValues;
    std::vector<Value> tuple(keyIdx.size());
    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < keyIdx.size(); i++) tuple[i] = data[keyIdx[i]]->get(r);
        auto [it, inserted] = groupOf.emplace(tuple, groups.size());
        if (inserted) {
            groups.emplace_back();
            groupValues.push_back(tuple);
        }
        groups[it->second].push_back(static_cast<uint32_t>(r));
    }
    std::vector<TablePtr> out;
    for (size_t g = 0; g < groups.size(); g++) {
        GroupKey key;
        for (size_t i = 0; i < keyIdx.size(); i++) {
            key.cols.push_back(meta[keyIdx[i]]);
            key.values.push_back(groupValues[g][i]);
        }
        TableBuilder b(std::move(key));
        const bool all = groups.size() == 1;
        for (size_t j = 0; j < meta.size(); j++)
            b.addColumn(meta[j].name, all ? data[j] : gatherColumn(*data[j], groups[g]));
        out.push_back(b.finish());
    }
    return out;
}

}  // namespace fluxi::tableops
