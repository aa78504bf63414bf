// from(host:): reading a bucket of a remote InfluxDB 2-compatible server (see remote.h).
#include <cstdio>

#include "eval/error.h"
#include "eval/time.h"
#include "format/annotated_csv_reader.h"
#include "format/json_reader.h"
#include "net/http_client.h"
#include "stdlib/influxdata/influxdb/remote.h"
#include "stdlib/influxdata/influxdb/remote_predicate.h"

namespace fluxi::remote {

namespace {

ErrorCode codeOfStatus(long status) {
    switch (status) {
        case 400: return ErrorCode::Invalid;
        case 401: return ErrorCode::Unauthenticated;
        case 403: return ErrorCode::PermissionDenied;
        case 404: return ErrorCode::NotFound;
        case 413:
        case 429: return ErrorCode::ResourceExhausted;
        case 501: return ErrorCode::Unimplemented;
        case 503: return ErrorCode::Unavailable;
        default: return status >= 500 ? ErrorCode::Unavailable : ErrorCode::Invalid;
    }
}

}  // namespace

// An InfluxDB error answer as a FluxError: the `message` of its JSON body when it has one.
[[noreturn]] void failRemote(const std::string& what, const std::string& url, const net::HttpResponse& r) {
    std::string message = r.body.size() > 500 ? r.body.substr(0, 500) : r.body;
    try {
        json::Node doc = json::parse(r.body);
        if (const json::Node* m = doc.find("message"); m && m->type == json::Node::Type::String) message = m->text;
        else if (const json::Node* e = doc.find("error"); e && e->type == json::Node::Type::String) message = e->text;
    } catch (const std::exception&) {
    }
    throw FluxError(codeOfStatus(r.status), what + ": " + net::redactUrl(url) + " answered HTTP " +
                                                std::to_string(r.status) + ": " + message);
}

std::string orgQuery(const ServerSpec& s) {
    if (!s.orgID.empty()) return "orgID=" + net::percentEncode(s.orgID);
    if (!s.org.empty()) return "org=" + net::percentEncode(s.org);
    return "";
}

namespace {

struct RemoteFromStream final : StreamObj {
    ServerSpec server;
    std::string bucket, bucketID;
    bool ranged = false;
    int64_t start = 0, stop = 0;
    std::vector<std::shared_ptr<const Predicate>> filters;

    std::string query() const {
        std::string q = bucketID.empty() ? "from(bucket: " + fluxString(bucket) + ")"
                                         : "from(bucketID: " + fluxString(bucketID) + ")";
        q += "\n  |> range(start: " + formatTime(start) + ", stop: " + formatTime(stop) + ")";
        for (auto& f : filters) q += "\n  |> filter(fn: (r) => " + toFlux(*f) + ")";
        return q;
    }

    std::unique_ptr<TableIterator> open() const override {
        const std::string name = bucketID.empty() ? bucket : bucketID;
        if (!ranged)
            throw FluxError("cannot submit unbounded read to \"" + name + "\" on " + net::redactUrl(server.host) +
                            "; try bounding 'from' with a call to 'range'");
        net::HttpRequest req;
        req.method = "POST";
        std::string oq = orgQuery(server);
        req.url = server.host + "/api/v2/query" + (oq.empty() ? "" : "?" + oq);
        req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/csv"}};
        if (!server.token.empty()) req.headers.emplace_back("Authorization", "Token " + server.token);
        std::string body = "{\"type\":\"flux\",\"query\":";
        std::string q = query();
        // JSON string of the query
        body += "\"";
        for (char c : q) {
            switch (c) {
                case '"': body += "\\\""; break;
                case '\\': body += "\\\\"; break;
                case '\n': body += "\\n"; break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", c);
                        body += buf;
                    } else {
                        body += c;
                    }
            }
        }
        body += "\",\"dialect\":{\"header\":true,\"delimiter\":\",\",\"annotations\":[\"datatype\",\"group\",\"default\"]}}";
        req.body = std::move(body);
        net::HttpResponse r;
        try {
            r = net::send(req);
        } catch (const net::HttpError& e) {
            throw FluxError(ErrorCode::Unavailable, std::string("from: ") + e.what());
        }
        if (r.status != 200) failRemote("from", req.url, r);
        std::vector<CsvResult> results;
        try {
            results = readAnnotatedCsv(r.body);
        } catch (const CsvError& e) {
            throw FluxError(ErrorCode::Unavailable, "from: the answer of " + net::redactUrl(req.url) + " is not valid annotated CSV: " + e.what());
        } catch (const FluxError& e) {  // an error block in the answer
            throw FluxError(e.code(), "from: " + net::redactUrl(req.url) + ": " + e.message());
        } catch (const std::exception& e) {
            throw FluxError(ErrorCode::Unavailable, "from: " + net::redactUrl(req.url) + ": " + e.what());
        }
        std::vector<TablePtr> tables;
        for (auto& res : results)
            for (auto& t : res.tables) tables.push_back(t);
        struct Iter final : TableIterator {
            std::vector<TablePtr> tables;
            size_t pos = 0;
            TablePtr next() override { return pos < tables.size() ? tables[pos++] : nullptr; }
        };
        auto it = std::make_unique<Iter>();
        it->tables = std::move(tables);
        return it;
    }

    Ref<StreamObj> withRange(int64_t s, int64_t e) const override {
        if (ranged) return {};
        auto r = make<RemoteFromStream>(*this);
        r->ranged = true;
        r->start = s;
        r->stop = e;
        r->bounds = TimeBounds{s, e};
        r->origin = "range";
        return r;
    }

    Ref<StreamObj> withFilter(const Value& fn) const override {
        std::shared_ptr<const Predicate> p = predicateOf(fn);
        if (!p) return {};
        auto r = make<RemoteFromStream>(*this);
        r->filters.push_back(std::move(p));
        r->origin = "filter";
        return r;
    }

    RemoteFromStream() = default;
    RemoteFromStream(const RemoteFromStream& o)
        : StreamObj(), server(o.server), bucket(o.bucket), bucketID(o.bucketID), ranged(o.ranged), start(o.start),
          stop(o.stop), filters(o.filters) {
        origin = o.origin;
        bounds = o.bounds;
    }
};

}  // namespace

StreamRef makeRemoteFromStream(ServerSpec server, std::string bucket, std::string bucketID) {
    auto s = make<RemoteFromStream>();
    s->server = std::move(server);
    s->bucket = std::move(bucket);
    s->bucketID = std::move(bucketID);
    s->origin = "from";
    return s;
}

}  // namespace fluxi::remote
