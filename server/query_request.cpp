// Decoding the body of POST /api/v2/query (see query_request.h).
#include "server/query_request.h"

#include "eval/time.h"
#include "format/json_reader.h"

namespace fluxi::server {

namespace {

std::string mediaType(std::string_view contentType) {
    std::string out;
    for (char c : contentType.substr(0, contentType.find(';'))) {
        if (c == ' ' || c == '\t') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

const json::Node* member(const json::Node& obj, std::string_view key, json::Node::Type type, std::string_view where) {
    const json::Node* n = obj.find(key);
    if (!n || n->type == json::Node::Type::Null) return nullptr;
    if (n->type != type) {
        json::Node want;
        want.type = type;
        throw QueryRequestError(std::string(where) + std::string(key) + " must be a " + want.typeName() + ", not a " +
                                n->typeName());
    }
    return n;
}

void decodeDialect(const json::Node& d, CsvWriteOptions& out) {
    using T = json::Node::Type;
    if (const json::Node* h = member(d, "header", T::Bool, "dialect.")) out.header = h->boolean;
    if (const json::Node* del = member(d, "delimiter", T::String, "dialect.")) {
        if (!del->text.empty()) {
            if (del->text.size() != 1 || del->text[0] == '\r' || del->text[0] == '\n' || del->text[0] == '"' ||
                static_cast<unsigned char>(del->text[0]) >= 0x80)
                throw QueryRequestError("dialect.delimiter must be one ASCII character other than CR, LF and '\"', not \"" +
                                        del->text + "\"");
            out.delimiter = del->text[0];
        }
    }
    if (const json::Node* a = member(d, "annotations", T::Array, "dialect.")) {
        for (const json::Node& item : a->items) {
            if (item.type != T::String || (item.text != "group" && item.text != "datatype" && item.text != "default"))
                throw QueryRequestError(
                    "dialect.annotations may hold only \"group\", \"datatype\" and \"default\", not " +
                    (item.type == T::String ? "\"" + item.text + "\"" : std::string("a ") + item.typeName()));
            out.annotations.push_back(item.text);
        }
    }
    if (const json::Node* p = member(d, "commentPrefix", T::String, "dialect.")) {
        if (!p->text.empty() && p->text != "#")
            throw QueryRequestError("dialect.commentPrefix \"" + p->text + "\" is not supported: annotations start with \"#\"",
                                    true);
    }
    if (const json::Node* f = member(d, "dateTimeFormat", T::String, "dialect.")) {
        if (!f->text.empty() && f->text != "RFC3339" && f->text != "RFC3339Nano")
            throw QueryRequestError("dialect.dateTimeFormat must be \"RFC3339\" or \"RFC3339Nano\", not \"" + f->text + "\"");
    }
}

}  // namespace

QueryRequest decodeQueryRequest(std::string_view contentType, std::string_view body) {
    QueryRequest req;
    req.dialect.annotations.clear();  // InfluxDB's default dialect has no annotation rows
    if (mediaType(contentType) == "application/vnd.flux") {
        req.query = std::string(body);
    } else {
        // application/json, and any other type, as InfluxDB does
        json::Node doc;
        try {
            doc = json::parse(body);
        } catch (const json::ParseError& e) {
            throw QueryRequestError(std::string("the request body is not valid JSON: ") + e.what() +
                                    " (send {\"query\": \"...\"} with Content-Type application/json, or the Flux text "
                                    "with Content-Type application/vnd.flux)");
        }
        using T = json::Node::Type;
        if (doc.type != T::Object) throw QueryRequestError(std::string("the request body must be a JSON object, not a ") + doc.typeName());
        const json::Node* q = member(doc, "query", T::String, "");
        if (!q) throw QueryRequestError("missing \"query\" in the request body");
        req.query = q->text;
        if (const json::Node* type = member(doc, "type", T::String, "")) {
            if (type->text == "influxql")
                throw QueryRequestError("InfluxQL queries are not supported by fluxi serve: send Flux (type \"flux\")", true);
            if (type->text != "flux" && !type->text.empty())
                throw QueryRequestError("unknown query type \"" + type->text + "\" (expected \"flux\")");
        }
        if (const json::Node* d = member(doc, "dialect", T::Object, "")) decodeDialect(*d, req.dialect);
        if (const json::Node* now = member(doc, "now", T::String, "")) {
            int64_t t = 0;
            std::string why;
            if (!tryParseTime(now->text, t, &why))
                throw QueryRequestError("\"now\" is not an RFC3339 time: \"" + now->text + "\"" + (why.empty() ? "" : ": " + why));
            req.now = t;
        }
        if (const json::Node* ext = doc.find("extern"); ext && ext->type != T::Null)
            throw QueryRequestError("\"extern\" (options as a syntax tree) is not supported: put the options in the query text",
                                    true);
        if (const json::Node* params = doc.find("params"); params && params->type != T::Null)
            throw QueryRequestError("\"params\" (parameterized queries) is not supported: put the values in the query text",
                                    true);
    }
    if (req.query.find_first_not_of(" \t\r\n") == std::string::npos) throw QueryRequestError("the query is empty");
    return req;
}

}  // namespace fluxi::server
