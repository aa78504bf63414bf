// Group key checks and column order of join outputs (see join_output.h).
#include "eval/kernels/join_output.h"

#include <algorithm>

#include "eval/compare.h"

namespace fluxi::tableops {

const ColumnMeta* keyColumnChanged(const RecordObj& rec, const GroupKey& key) {
    for (size_t k = 0; k < key.cols.size(); k++) {
        const Value* v = rec.find(key.cols[k].name);
        const Value& want = key.values[k];
        const bool same = v && (v->isNull() ? want.isNull() : !want.isNull() && valuesEqual(*v, want));
        if (!same) return &key.cols[k];
    }
    return nullptr;
}

TablePtr withColumnsByName(const TablePtr& t) {
    std::vector<size_t> order(t->numColumns());
    for (size_t j = 0; j < order.size(); j++) order[j] = j;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return t->meta[a].name < t->meta[b].name; });
    bool sorted = true;
    for (size_t j = 0; j < order.size(); j++) sorted = sorted && order[j] == j;
    if (sorted) return t;
    TableBuilder b(t->key);
    for (size_t j : order) b.addColumn(t->meta[j].name, t->cols[j]);
    return b.finish();
}

}  // namespace fluxi::tableops
