// Rows of tables to points (see table_points.h).
#include "store/table_points.h"

#include <memory>

#include "eval/builtin.h"

namespace fluxi::store {

namespace {

bool addField(WriteBatch& batch, std::string_view field, int64_t time, const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return false;
        case Kind::Float: batch.addFloat(field, time, v.asFloat()); return true;
        case Kind::Int: batch.addInt(field, time, v.asInt()); return true;
        case Kind::UInt: batch.addUInt(field, time, v.asUInt()); return true;
        case Kind::String: batch.addString(field, time, v.asString()); return true;
        case Kind::Bool: batch.addBool(field, time, v.asBool()); return true;
        default:
            throw StoreError("field \"" + std::string(field) + "\" has a value of type " + kindName(v.kind()) +
                             "; only float, int, uint, string and bool can be written");
    }
}

const Column& requireColumn(const Table& t, const std::string& name, ColType type, const char* role) {
    int i = t.columnIndex(name);
    if (i < 0) throw TablePointError(0, std::string("table has no ") + role + " column \"" + name + "\"");
    if (t.meta[static_cast<size_t>(i)].type != type)
        throw TablePointError(0, std::string(role) + " column \"" + name + "\" must be of type " + colTypeName(type) +
                         ", got " + colTypeName(t.meta[static_cast<size_t>(i)].type));
    return t.column(static_cast<size_t>(i));
}

// Pivoted rows: tags from the group key, one field per other column (see TablePointSpec::pivoted).
size_t stagePivotedPoints(const Table& t, const TablePointSpec& spec, const Column& timeCol, const Column& measCol,
                          WriteBatch& batch) {
    std::vector<size_t> tagIdx, fieldIdx;
    for (size_t i = 0; i < t.meta.size(); i++) {
        const ColumnMeta& m = t.meta[i];
        if (m.name == spec.timeColumn || m.name == spec.measurementColumn) continue;
        if (t.key.has(m.name)) {
            if (m.name == "_start" || m.name == "_stop") continue;
            if (m.name == "_field" || m.name == "_value")
                throw TablePointError(0, "group key column \"" + m.name +
                                 "\" cannot be written as a tag (the name is reserved); pivot _field and _value into "
                                 "columns first (schema.fieldsAsCols)");
            if (m.type != ColType::String)
                throw TablePointError(0, "group key column \"" + m.name + "\" is written as a tag and must be of type string, got " +
                                 colTypeName(m.type));
            tagIdx.push_back(i);
        } else {
            if (m.type == ColType::Time)
                throw TablePointError(0, "column \"" + m.name +
                                 "\" is written as a field but has type time; only float, int, uint, string and bool "
                                 "can be written");
            fieldIdx.push_back(i);
        }
    }
    size_t staged = 0;
    std::vector<TagView> tags;
    for (size_t r = 0; r < t.nrows; r++) {
        auto rowError = [&](const std::string& what) {
            return TablePointError(r + 1, what);
        };
        if (timeCol.isNull(r)) throw rowError("null value in time column \"" + spec.timeColumn + "\"");
        if (measCol.isNull(r)) throw rowError("null value in measurement column \"" + spec.measurementColumn + "\"");
        const int64_t time = timeCol.ints()[r];
        tags.clear();
        for (size_t i : tagIdx)
            if (!t.column(i).isNull(r)) tags.push_back({t.meta[i].name, t.column(i).strings()[r]->s});
        try {
            if (spec.sourceLine) batch.setSourceLine(spec.sourceLine(r));
            batch.beginPoint(spec.bucket, measCol.strings()[r]->s, tags);
            for (size_t i : fieldIdx) staged += addField(batch, t.meta[i].name, time, t.column(i).get(r));
        } catch (const StoreError& e) {
            throw rowError(e.what());
        }
    }
    return staged;
}

}  // namespace

size_t stageTablePoints(const Table& t, const TablePointSpec& spec, WriteBatch& batch) {
    if (t.nrows == 0) return 0;
    const Column& timeCol = requireColumn(t, spec.timeColumn, ColType::Time, "time");
    const Column& measCol = requireColumn(t, spec.measurementColumn, ColType::String, "measurement");
    if (spec.pivoted) return stagePivotedPoints(t, spec, timeCol, measCol, batch);
    const Column* fieldCol = nullptr;
    int valueIdx = -1;
    if (!spec.fieldFn) {
        if (t.columnIndex("_field") < 0 || t.columnIndex("_value") < 0)
            throw TablePointError(0, std::string("table has no ") + (t.columnIndex("_field") < 0 ? "_field" : "_value") +
                             " column (give fieldFn to name the fields)");
        fieldCol = &requireColumn(t, "_field", ColType::String, "field");
        valueIdx = t.columnIndex("_value");
    }

    std::vector<size_t> tagIdx;
    if (spec.tagsGiven) {
        for (const auto& name : spec.tagColumns) {
            int i = t.columnIndex(name);
            if (i < 0) continue;  // tables of one stream may differ in shape
            if (t.meta[static_cast<size_t>(i)].type != ColType::String)
                throw TablePointError(0, "tag column \"" + name + "\" must be of type string, got " +
                                 colTypeName(t.meta[static_cast<size_t>(i)].type));
            tagIdx.push_back(static_cast<size_t>(i));
        }
    } else {
        for (size_t i = 0; i < t.meta.size(); i++) {
            const ColumnMeta& m = t.meta[i];
            if (m.type == ColType::String && m.name != spec.measurementColumn && m.name != "_field" &&
                m.name != "_value" && m.name != spec.timeColumn)
                tagIdx.push_back(i);
        }
    }

    std::unique_ptr<RowRecord> row;
    if (spec.fieldFn) {
        std::vector<std::string> names;
        for (auto& m : t.meta) names.push_back(m.name);
        row = std::make_unique<RowRecord>(std::move(names));
    }

    size_t staged = 0;
    std::vector<TagView> tags;
    for (size_t r = 0; r < t.nrows; r++) {
        auto rowError = [&](const std::string& what) {
            return TablePointError(r + 1, what);
        };
        if (timeCol.isNull(r)) throw rowError("null value in time column \"" + spec.timeColumn + "\"");
        if (measCol.isNull(r)) throw rowError("null value in measurement column \"" + spec.measurementColumn + "\"");
        const int64_t time = timeCol.ints()[r];
        Value fields;
        if (row) {
            auto& cells = row->beginRow();
            for (size_t c = 0; c < t.meta.size(); c++) cells[c].second = t.column(c).get(r);
            fields = spec.fieldFn(row->value());
            if (!fields.is(Kind::Record))
                throw rowError(std::string("fieldFn must return a record, got ") + kindName(fields.kind()));
        }
        tags.clear();
        for (size_t i : tagIdx) {
            const Column& c = t.column(i);
            if (c.isNull(r)) continue;
            const std::string& name = t.meta[i].name;
            if (row && !spec.tagsGiven && fields.asRecord().find(name)) continue;
            tags.push_back({name, c.strings()[r]->s});
        }
        try {
            if (spec.sourceLine) batch.setSourceLine(spec.sourceLine(r));
            batch.beginPoint(spec.bucket, measCol.strings()[r]->s, tags);
            if (row) {
                for (auto& [name, v] : fields.asRecord().fields) staged += addField(batch, name, time, v);
            } else {
                if (fieldCol->isNull(r)) throw StoreError("null value in column _field");
                staged += addField(batch, fieldCol->strings()[r]->s, time,
                                   t.column(static_cast<size_t>(valueIdx)).get(r));
            }
        } catch (const StoreError& e) {
            throw rowError(e.what());
        }
    }
    return staged;
}

}  // namespace fluxi::store
