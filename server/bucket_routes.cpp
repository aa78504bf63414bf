// /api/v2/buckets: list (GET, ?name= filter, ?limit=/offset=), create (POST {name, retentionRules}),
// read, update retention (PATCH) and delete by id, with InfluxDB 2's JSON shapes. fluxi has one
// implicit organization; `org`/`orgID` are accepted and not checked.
#include <httplib.h>

#include <charconv>

#include "format/json_reader.h"
#include "format/json_writer.h"
#include "server/context.h"
#include "server/http_errors.h"
#include "server/routes.h"
#include "store/store.h"
#include "eval/time.h"

namespace fluxi::server {

namespace {

constexpr const char* kOrgId = "0000000000000001";

std::string rfc3339(int64_t ns) { return formatTime(ns); }

void appendBucketJson(std::string& out, const store::BucketInfo& b) {
    out += "{\"id\":";
    appendJsonString(out, b.id);
    out += ",\"orgID\":\"";
    out += kOrgId;
    out += "\",\"type\":\"user\",\"name\":";
    appendJsonString(out, b.name);
    out += ",\"retentionRules\":[";
    if (b.retention > 0)
        out += "{\"type\":\"expire\",\"everySeconds\":" + std::to_string(b.retention / 1000000000) +
               ",\"shardGroupDurationSeconds\":0}";
    out += "],\"createdAt\":\"" + rfc3339(b.createdAt) + "\",\"updatedAt\":\"" + rfc3339(b.createdAt) +
           "\",\"labels\":[],\"links\":{\"self\":\"/api/v2/buckets/" + b.id + "\"}}";
}

// The retention of `retentionRules` in ns (0 = forever). Throws std::invalid_argument.
int64_t retentionOf(const json::Node* rules) {
    if (!rules || rules->type == json::Node::Type::Null) return 0;
    if (rules->type != json::Node::Type::Array) throw std::invalid_argument("retentionRules must be an array");
    int64_t retention = 0;
    for (const json::Node& r : rules->items) {
        if (r.type != json::Node::Type::Object) throw std::invalid_argument("each retention rule must be an object");
        const json::Node* every = r.find("everySeconds");
        if (!every || every->type != json::Node::Type::Number || every->number < 0 ||
            every->number != static_cast<double>(static_cast<int64_t>(every->number)) || every->number > 9.2e9)
            throw std::invalid_argument("retentionRules[].everySeconds must be a whole number of seconds >= 0");
        retention = static_cast<int64_t>(every->number) * 1000000000LL;
    }
    return retention;
}

json::Node parseBody(const std::string& body) {
    json::Node doc = json::parse(body);
    if (doc.type != json::Node::Type::Object) throw std::invalid_argument("the request body must be a JSON object");
    return doc;
}

size_t paramNumber(const httplib::Request& req, const char* name, size_t fallback) {
    std::string v = req.get_param_value(name);
    size_t n = 0;
    if (v.empty() || std::from_chars(v.data(), v.data() + v.size(), n).ec != std::errc()) return fallback;
    return n;
}

}  // namespace

void addBucketRoutes(httplib::Server& http, ServerContext& ctx) {
    http.Get("/api/v2/buckets", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::vector<store::BucketInfo> all;
        try {
            all = ctx.store->listBuckets();
        } catch (const store::StoreError& e) {
            sendError(res, kInternal, e.what());
            return;
        }
        const std::string name = req.get_param_value("name"), id = req.get_param_value("id");
        const size_t offset = paramNumber(req, "offset", 0), limit = paramNumber(req, "limit", 20);
        std::string out = "{\"links\":{\"self\":\"/api/v2/buckets\"},\"buckets\":[";
        size_t seen = 0, written = 0;
        for (const store::BucketInfo& b : all) {
            if ((!name.empty() && b.name != name) || (!id.empty() && b.id != id)) continue;
            if (seen++ < offset || written >= limit) continue;
            if (written++) out += ",";
            appendBucketJson(out, b);
        }
        out += "]}";
        res.set_content(out, "application/json; charset=utf-8");
    });
    http.Post("/api/v2/buckets", [&ctx](const httplib::Request&, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, res, ctx.options.maxBodyBytes, body)) return;
        std::string name;
        int64_t retention = 0;
        try {
            json::Node doc = parseBody(body);
            const json::Node* n = doc.find("name");
            if (!n || n->type != json::Node::Type::String || n->text.empty())
                throw std::invalid_argument("missing \"name\" (a non-empty string)");
            name = n->text;
            retention = retentionOf(doc.find("retentionRules"));
        } catch (const std::exception& e) {
            sendError(res, kInvalid, std::string("invalid bucket: ") + e.what());
            return;
        }
        try {
            if (ctx.store->findBucket(name)) {
                res.status = 422;
                res.set_content(errorBody(kConflict, "bucket with name " + name + " already exists"),
                                "application/json; charset=utf-8");
                return;
            }
            store::BucketInfo b = ctx.store->createBucket(name, retention);
            std::string out;
            appendBucketJson(out, b);
            res.status = 201;
            res.set_content(out, "application/json; charset=utf-8");
        } catch (const store::StoreError& e) {
            sendError(res, kInvalid, e.what());
        }
    });
    http.Get(R"(/api/v2/buckets/([0-9A-Za-z]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<store::BucketInfo> b = ctx.store->findBucketById(req.matches[1].str());
        if (!b) {
            sendError(res, kNotFound, "bucket not found");
            return;
        }
        std::string out;
        appendBucketJson(out, *b);
        res.set_content(out, "application/json; charset=utf-8");
    });
    http.Patch(R"(/api/v2/buckets/([0-9A-Za-z]+))", [&ctx](const httplib::Request& req, httplib::Response& res,
                                                          const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, res, ctx.options.maxBodyBytes, body)) return;
        std::optional<store::BucketInfo> b = ctx.store->findBucketById(req.matches[1].str());
        if (!b) {
            sendError(res, kNotFound, "bucket not found");
            return;
        }
        try {
            json::Node doc = parseBody(body);
            if (const json::Node* n = doc.find("name"); n && n->type == json::Node::Type::String && n->text != b->name)
                throw std::invalid_argument("renaming a bucket is not supported");
            if (doc.find("retentionRules")) ctx.store->setRetention(b->name, retentionOf(doc.find("retentionRules")));
        } catch (const store::StoreError& e) {
            sendError(res, kInternal, e.what());
            return;
        } catch (const std::exception& e) {
            sendError(res, kInvalid, std::string("invalid bucket update: ") + e.what());
            return;
        }
        std::string out;
        appendBucketJson(out, *ctx.store->findBucketById(req.matches[1].str()));
        res.set_content(out, "application/json; charset=utf-8");
    });
    http.Delete(R"(/api/v2/buckets/([0-9A-Za-z]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
        try {
            std::optional<store::BucketInfo> b = ctx.store->findBucketById(req.matches[1].str());
            if (!b || !ctx.store->deleteBucket(b->name)) {
                sendError(res, kNotFound, "bucket not found");
                return;
            }
        } catch (const store::StoreError& e) {
            sendError(res, kInternal, e.what());
            return;
        }
        res.status = 204;
    });
}

}  // namespace fluxi::server
