// to(host:): writing tables to a remote InfluxDB 2-compatible server as line protocol (see remote.h).
// Rows are turned into points as to() does for the store: timeColumn (default _time), measurementColumn
// (default _measurement), tagColumns (default: every string column but the measurement, _field and
// _value), one field per row named by _field with the value of _value; null values write nothing, null
// tags are left out. fieldFn is not supported with host (an error says so).
#include <cmath>

#include "eval/error.h"
#include <algorithm>
#include "format/cell_text.h"
#include "stdlib/influxdata/influxdb/remote.h"
#include "store/line_protocol.h"

namespace fluxi::remote {

namespace {

constexpr size_t kBatchBytes = 1u << 20;

struct WriteTarget {
    ServerSpec server;
    std::string bucket, bucketID;
    std::string timeColumn, measurementColumn;
    bool tagsGiven = false;
    std::vector<std::string> tagColumns;
    std::string fname;
};

void post(const WriteTarget& w, const std::string& lines) {
    net::HttpRequest req;
    req.method = "POST";
    std::string q = w.bucketID.empty() ? "bucket=" + net::percentEncode(w.bucket) : "bucketID=" + net::percentEncode(w.bucketID);
    std::string oq = orgQuery(w.server);
    req.url = w.server.host + "/api/v2/write?" + q + (oq.empty() ? "" : "&" + oq) + "&precision=ns";
    req.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    if (!w.server.token.empty()) req.headers.emplace_back("Authorization", "Token " + w.server.token);
    req.body = lines;
    net::HttpResponse r;
    try {
        r = net::send(req);
    } catch (const net::HttpError& e) {
        throw FluxError(ErrorCode::Unavailable, w.fname + ": " + e.what());
    }
    if (r.status != 204 && r.status != 200) failRemote(w.fname, req.url, r);
}

int requireColumn(const Table& t, const std::string& name, ColType type, const WriteTarget& w) {
    int i = t.columnIndex(name);
    if (i < 0) throw FluxError(w.fname + ": missing column \"" + name + "\"");
    if (t.column(static_cast<size_t>(i)).type() != type)
        throw FluxError(w.fname + ": column \"" + name + "\" must be of type " + (type == ColType::Time ? "time" : "string"));
    return i;
}

// Appends the lines of `t` to `out`, posting whenever it grows past kBatchBytes.
void writeTable(const Table& t, const WriteTarget& w, std::string& out) {
    const int timeCol = requireColumn(t, w.timeColumn, ColType::Time, w);
    const int measCol = requireColumn(t, w.measurementColumn, ColType::String, w);
    const int fieldCol = requireColumn(t, "_field", ColType::String, w);
    const int valueCol = t.columnIndex("_value");
    if (valueCol < 0) throw FluxError(w.fname + ": missing column \"_value\"");
    std::vector<std::pair<std::string, int>> tags;
    if (w.tagsGiven) {
        for (auto& name : w.tagColumns) tags.emplace_back(name, requireColumn(t, name, ColType::String, w));
    } else {
        for (size_t c = 0; c < t.numColumns(); c++) {
            const std::string& name = t.meta[c].name;
            if (t.meta[c].type == ColType::String && name != w.measurementColumn && name != "_field" && name != "_value")
                tags.emplace_back(name, static_cast<int>(c));
        }
    }
    std::sort(tags.begin(), tags.end());
    const Column& times = t.column(static_cast<size_t>(timeCol));
    const Column& meas = t.column(static_cast<size_t>(measCol));
    const Column& fields = t.column(static_cast<size_t>(fieldCol));
    const Column& values = t.column(static_cast<size_t>(valueCol));
    for (size_t r = 0; r < t.nrows; r++) {
        if (values.isNull(r)) continue;
        if (times.isNull(r)) throw FluxError(w.fname + ": row " + std::to_string(r + 1) + ": null time");
        if (meas.isNull(r)) throw FluxError(w.fname + ": row " + std::to_string(r + 1) + ": null measurement");
        if (fields.isNull(r)) throw FluxError(w.fname + ": row " + std::to_string(r + 1) + ": null _field");
        store::appendEscapedMeasurement(out, meas.strings()[r]->s);
        for (auto& [name, c] : tags) {
            const Column& col = t.column(static_cast<size_t>(c));
            if (col.isNull(r) || col.strings()[r]->s.empty()) continue;
            out.push_back(',');
            store::appendEscapedKey(out, name);
            out.push_back('=');
            store::appendEscapedKey(out, col.strings()[r]->s);
        }
        out.push_back(' ');
        store::appendEscapedKey(out, fields.strings()[r]->s);
        out.push_back('=');
        switch (values.type()) {
            case ColType::Float: {
                double v = values.floats()[r];
                if (!std::isfinite(v))
                    throw FluxError(w.fname + ": row " + std::to_string(r + 1) + ": line protocol cannot hold " +
                                    (std::isnan(v) ? "NaN" : "an infinite float"));
                appendCellText(out, values, r);
                break;
            }
            case ColType::Int: out += std::to_string(values.ints()[r]) + "i"; break;
            case ColType::UInt: out += std::to_string(values.uints()[r]) + "u"; break;
            case ColType::Bool: out += values.bools()[r] ? "true" : "false"; break;
            case ColType::String: store::appendQuotedString(out, values.strings()[r]->s); break;
            case ColType::Time:
                throw FluxError(w.fname + ": _value of type time cannot be written (line protocol has no time field)");
        }
        out.push_back(' ');
        out += std::to_string(times.ints()[r]);
        out.push_back('\n');
        if (out.size() >= kBatchBytes) {
            post(w, out);
            out.clear();
        }
    }
}

}  // namespace

Value remoteTo(CallContext& ctx, const Args& args, const std::string& fname) {
    StreamRef in = ctx.requireStream(args);
    if (args.get("fieldFn") && !args.get("fieldFn")->isNull())
        ctx.fail(ErrorCode::Unimplemented, fname + ": fieldFn is not supported with host (write _field/_value rows)");
    auto w = std::make_shared<WriteTarget>();
    w->fname = fname;
    w->server.host = ctx.require(args, "host", Kind::String).asString();
    while (!w->server.host.empty() && w->server.host.back() == '/') w->server.host.pop_back();
    w->server.org = ctx.stringOr(args, "org", "");
    w->server.orgID = ctx.stringOr(args, "orgID", "");
    w->server.token = ctx.stringOr(args, "token", "");
    w->bucket = ctx.stringOr(args, "bucket", "");
    w->bucketID = ctx.stringOr(args, "bucketID", "");
    if (w->bucket.empty() == w->bucketID.empty()) ctx.fail(fname + ": give either bucket or bucketID");
    w->timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    w->measurementColumn = ctx.stringOr(args, "measurementColumn", "_measurement");
    if (const Value* tc = args.get("tagColumns"); tc && !tc->isNull()) {
        w->tagsGiven = true;
        w->tagColumns = ctx.stringListOr(args, "tagColumns", {});
    }
    CallContext site = ctx;
    return Value::stream(makeMapTablesStream(
        in,
        [w, site](const TablePtr& t) {
            std::string lines;
            try {
                writeTable(*t, *w, lines);
                if (!lines.empty()) post(*w, lines);
            } catch (const FluxError& e) {
                site.fail(e.code(), e.message());
            }
            return t;
        },
        fname));
}

}  // namespace fluxi::remote
