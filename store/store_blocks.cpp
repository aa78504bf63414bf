// Reading and writing the blocks of a series (see block.h and docs/STORE.md): range reads that decode
// only the blocks overlapping the range, and writes that merge new points into the blocks they
// overlap. Runs inside the transaction of the Store method that calls it.
#include <algorithm>

#include "store/codec.h"
#include "store/store_impl.h"

namespace fluxi::store {

std::string_view Store::Impl::blobOf(const Stmt& st, int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(st.get(), col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st.get(), col))) : std::string_view();
}

void Store::Impl::decode(int64_t series, ValueType type, std::string_view data, SeriesColumns& out) {
    try {
        decodeBlock(type, data, out);
    } catch (const codec::CodecError& e) {
        throw StoreError(sqliteFailure(db, "reading a block of series " + std::to_string(series),
                                       (std::string(e.what()) + "; the database file is damaged: restore the data "
                                                                "folder from a backup, or move it away and write "
                                                                "the data again")
                                           .c_str()));
    }
}

void Store::Impl::insertBlocks(int64_t series, ValueType type, const SeriesColumns& cols, size_t from, size_t to) {
    BlockStats st;
    while (from < to) {
        size_t end = std::min(to, from + kMaxBlockPoints);
        // avoid a tiny last block: split the last two evenly
        if (to - end > 0 && to - end < kMaxBlockPoints / 4) end = from + (to - from) / 2;
        encodeBlock(type, cols, from, end, blob, st);
        StmtResetter r(insertBlock);
        insertBlock.bind(1, series).bind(2, st.minTime).bind(3, st.maxTime).bind(4, static_cast<int64_t>(st.count));
        if (!st.numeric) {
            insertBlock.bindNull(5).bindNull(6).bindNull(7);
        } else if (type == ValueType::Float) {
            insertBlock.bind(5, st.fsum).bind(6, st.fmin).bind(7, st.fmax);
        } else if (type == ValueType::Int) {
            insertBlock.bind(5, st.isum).bind(6, st.imin).bind(7, st.imax);
        } else {
            insertBlock.bind(5, static_cast<int64_t>(st.usum))
                .bind(6, static_cast<int64_t>(st.umin))
                .bind(7, static_cast<int64_t>(st.umax));
        }
        if (sqlite3_bind_blob(insertBlock.get(), 8, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC) != SQLITE_OK)
            throwSqlite(db, "binding a block");
        insertBlock.step();
        from = end;
    }
}

void Store::Impl::mergePoints(int64_t series, ValueType type, const SeriesColumns& incoming) {
    const size_t n = incoming.size();
    if (n == 0) return;
    const int64_t tmin = incoming.times.front(), tmax = incoming.times.back();
    SeriesColumns& old = scratch;
    old.clear();
    std::vector<int64_t> replaced;
    {
        // the last block before the new points joins them when it is not full (appends in small batches)
        StmtResetter r(blockBefore);
        blockBefore.bind(1, series).bind(2, tmin);
        if (blockBefore.step() && static_cast<size_t>(blockBefore.int64(3)) < kMaxBlockPoints) {
            replaced.push_back(blockBefore.int64(0));
            decode(series, type, blobOf(blockBefore, 4), old);
        }
    }
    {
        StmtResetter r(blocksFrom);
        blocksFrom.bind(1, series).bind(2, tmin);
        while (blocksFrom.step()) {
            if (blocksFrom.int64(1) > tmax) break;  // starts after the new points
            replaced.push_back(blocksFrom.int64(0));
            decode(series, type, blobOf(blocksFrom, 4), old);
        }
    }
    for (int64_t id : replaced) {
        StmtResetter r(deleteBlock);
        deleteBlock.bind(1, id).step();
    }
    if (old.size() == 0) {
        insertBlocks(series, type, incoming, 0, n);
        return;
    }
    // merge two time-ordered runs; on equal times the incoming point wins
    SeriesColumns& out = merged;
    out.clear();
    size_t i = 0, j = 0;
    const size_t m = old.size();
    while (i < m || j < n) {
        if (j == n || (i < m && old.times[i] < incoming.times[j])) {
            size_t k = i;
            while (k < m && (j == n || old.times[k] < incoming.times[j])) k++;
            appendPoints(type, old, i, k, out);
            i = k;
        } else {
            if (i < m && old.times[i] == incoming.times[j]) i++;
            size_t k = j;
            while (k < n && (i == m || incoming.times[k] < old.times[i])) k++;
            if (k == j) k++;  // equal time handled above: take the incoming point
            appendPoints(type, incoming, j, k, out);
            j = k;
        }
    }
    insertBlocks(series, type, out, 0, out.size());
}

void Store::Impl::readRange(int64_t series, ValueType type, int64_t start, int64_t stop, SeriesColumns& out) {
    if (start >= stop) return;
    StmtResetter r(blocksFrom);
    blocksFrom.bind(1, series).bind(2, start);
    while (blocksFrom.step()) {
        const int64_t minTime = blocksFrom.int64(1), maxTime = blocksFrom.int64(2);
        if (minTime >= stop) break;
        if (minTime >= start && maxTime < stop) {  // wholly inside: decode straight into the output
            decode(series, type, blobOf(blocksFrom, 4), out);
            continue;
        }
        SeriesColumns& blk = scratch;
        blk.clear();
        decode(series, type, blobOf(blocksFrom, 4), blk);
        size_t lo = static_cast<size_t>(std::lower_bound(blk.times.begin(), blk.times.end(), start) - blk.times.begin());
        size_t hi = static_cast<size_t>(std::lower_bound(blk.times.begin(), blk.times.end(), stop) - blk.times.begin());
        appendPoints(type, blk, lo, hi, out);
    }
}

}  // namespace fluxi::store

namespace fluxi::store {

size_t Store::Impl::countRange(int64_t series, ValueType type, int64_t start, int64_t stop) {
    if (start >= stop) return 0;
    size_t n = 0;
    StmtResetter r(blocksFrom);
    blocksFrom.bind(1, series).bind(2, start);
    while (blocksFrom.step()) {
        const int64_t minTime = blocksFrom.int64(1), maxTime = blocksFrom.int64(2);
        if (minTime >= stop) break;
        if (minTime >= start && maxTime < stop) {
            n += static_cast<size_t>(blocksFrom.int64(3));
            continue;
        }
        SeriesColumns& blk = scratch;
        blk.clear();
        decode(series, type, blobOf(blocksFrom, 4), blk);
        n += static_cast<size_t>(std::lower_bound(blk.times.begin(), blk.times.end(), stop) -
                                 std::lower_bound(blk.times.begin(), blk.times.end(), start));
    }
    return n;
}

}  // namespace fluxi::store

namespace fluxi::store {

namespace {

// The statistics columns (sum, min, max: 5, 6, 7 of the block statements) of the current row.
void readStats(ValueType type, const Stmt& st, BlockStats& out) {
    out.numeric = (type == ValueType::Float || type == ValueType::Int || type == ValueType::UInt) && !st.isNull(5) &&
                  !st.isNull(6) && !st.isNull(7);
    if (!out.numeric) return;
    switch (type) {
        case ValueType::Float:
            out.fsum = st.real(5);
            out.fmin = st.real(6);
            out.fmax = st.real(7);
            break;
        case ValueType::Int:
            out.isum = st.int64(5);
            out.imin = st.int64(6);
            out.imax = st.int64(7);
            break;
        default:
            out.usum = static_cast<uint64_t>(st.int64(5));
            out.umin = static_cast<uint64_t>(st.int64(6));
            out.umax = static_cast<uint64_t>(st.int64(7));
            break;
    }
}

}  // namespace

void Store::Impl::scanBlocks(int64_t series, ValueType type, int64_t start, int64_t stop,
                             const Store::BlockVisitor& visit) {
    if (start >= stop) return;
    StmtResetter r(blocksFrom);
    blocksFrom.bind(1, series).bind(2, start);
    BlockStats stats;
    while (blocksFrom.step()) {
        stats.minTime = blocksFrom.int64(1);
        stats.maxTime = blocksFrom.int64(2);
        if (stats.minTime >= stop) break;
        stats.count = static_cast<size_t>(blocksFrom.int64(3));
        readStats(type, blocksFrom, stats);
        const bool inside = stats.minTime >= start && stats.maxTime < stop;
        bool decoded = false;
        Store::BlockPoints points = [&]() -> const SeriesColumns& {
            if (decoded) return visited;
            decoded = true;
            visited.clear();
            if (inside) {
                decode(series, type, blobOf(blocksFrom, 4), visited);
                return visited;
            }
            SeriesColumns& blk = scratch;
            blk.clear();
            decode(series, type, blobOf(blocksFrom, 4), blk);
            auto lo = std::lower_bound(blk.times.begin(), blk.times.end(), start) - blk.times.begin();
            auto hi = std::lower_bound(blk.times.begin(), blk.times.end(), stop) - blk.times.begin();
            appendPoints(type, blk, static_cast<size_t>(lo), static_cast<size_t>(hi), visited);
            return visited;
        };
        if (!visit(stats, inside, points)) break;
    }
}

}  // namespace fluxi::store
