// POST /api/v2/write?bucket=&org=&precision= and the v1 POST /write?db=&rp=&precision=: line protocol
// (plain or gzip) parsed in full, then applied in one store transaction; 204 only after the commit,
// so an acknowledged write is on disk. A malformed line is 400 naming the line (nothing is written),
// a missing bucket 404, a field type conflict 422, as InfluxDB answers them.
//
// v1 mapping: db D and retention policy R write to the bucket "D/R" when it exists, else to the bucket
// "D" when R is empty or "autogen" (InfluxDB 2's default DBRP names).
#include <httplib.h>

#include "server/context.h"
#include "server/http_errors.h"
#include "server/routes.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "task/runner.h"

namespace fluxi::server {

namespace {

std::string_view lineOf(std::string_view text, size_t line) {
    size_t start = 0;
    for (size_t l = 1; l < line; l++) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    size_t end = text.find('\n', start);
    std::string_view s = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

// v1 precisions: n, u, ms, s (also ns, us); minutes and hours are not supported.
bool parseV1Precision(const std::string& p, store::Precision& out) {
    if (p.empty()) {
        out = store::Precision::ns;
        return true;
    }
    return store::parsePrecision(p, out);
}

void writeLines(ServerContext& ctx, const std::string& bucket, const std::string& precisionText,
                const httplib::ContentReader& reader, httplib::Response& res) {
    store::Precision precision;
    if (!parseV1Precision(precisionText, precision)) {
        sendError(res, kInvalid, "invalid precision \"" + precisionText + "\" (expected ns, us, ms or s)");
        return;
    }
    std::string body;
    if (!readBody(reader, res, ctx.options.maxBodyBytes, body)) return;
    std::optional<store::BucketInfo> info;
    try {
        info = ctx.store->findBucket(bucket);
    } catch (const store::StoreError& e) {
        sendError(res, kInternal, std::string("cannot read the buckets: ") + e.what());
        return;
    }
    if (!info) {
        sendError(res, kNotFound, "bucket \"" + bucket + "\" not found");
        return;
    }
    const int64_t now = task::wallClockNow();
    store::WriteBatch batch;
    try {
        store::parseLineProtocol(body, bucket, precision, now, batch);
    } catch (const store::LineProtocolError& e) {
        std::string_view l = lineOf(body, e.line());
        if (l.size() > 200) l = l.substr(0, 200);
        sendError(res, kInvalid, "unable to parse '" + std::string(l) + "': " + e.what() + "; nothing was written");
        return;
    } catch (const store::StoreError& e) {
        sendError(res, kInvalid, std::string("unable to parse points: ") + e.what() + "; nothing was written");
        return;
    }
    if (batch.empty()) {
        res.status = 204;
        return;
    }
    store::ApplyStats stats;
    try {
        stats = ctx.store->apply(batch, now);
    } catch (const store::FieldTypeConflict& e) {
        sendError(res, kUnprocessable, std::string("failure writing points: ") + e.what() + "; nothing was written");
        return;
    } catch (const store::StoreError& e) {
        sendError(res, kInternal, std::string("failure writing points: ") + e.what() + "; nothing was written");
        return;
    }
    if (stats.beyondRetention > 0) {
        sendError(res, kUnprocessable,
                  "partial write: points beyond retention policy dropped=" + std::to_string(stats.beyondRetention));
        return;
    }
    res.status = 204;
}

}  // namespace

void addWriteRoutes(httplib::Server& http, ServerContext& ctx) {
    http.Post("/api/v2/write", [&ctx](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
        std::string bucket = req.get_param_value("bucket");
        if (req.has_param("bucketID") && !req.has_param("bucket")) {
            std::optional<store::BucketInfo> b;
            try {
                b = ctx.store->findBucketById(req.get_param_value("bucketID"));
            } catch (const store::StoreError& e) {
                sendError(res, kInternal, std::string("cannot read the buckets: ") + e.what());
                return;
            }
            if (!b) {
                sendError(res, kNotFound, "bucket with id \"" + req.get_param_value("bucketID") + "\" not found");
                return;
            }
            bucket = b->name;
        }
        if (bucket.empty()) {
            sendError(res, kNotFound, "bucket not found: give ?bucket=NAME (or bucketID)");
            return;
        }
        writeLines(ctx, bucket, req.get_param_value("precision"), reader, res);
    });
    http.Post("/write", [&ctx](const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
        const std::string db = req.get_param_value("db"), rp = req.get_param_value("rp");
        if (db.empty()) {
            sendError(res, kInvalid, "database is required: give ?db=NAME");
            return;
        }
        std::string bucket = db;
        if (!rp.empty()) {
            // "D/R" when it exists; else "D" for the default policy; else "D/R", reported missing
            bool named = false;
            try {
                named = ctx.store->findBucket(db + "/" + rp).has_value();
            } catch (const store::StoreError&) {
            }
            if (named || rp != "autogen") bucket = db + "/" + rp;
        }
        writeLines(ctx, bucket, req.get_param_value("precision"), reader, res);
    });
}

}  // namespace fluxi::server
