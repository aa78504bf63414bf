// What Flux builtins that make HTTP requests share (http.post, requests._do, experimental/http.get,
// csv.from(url:)): header arguments as the reference reads them, sending through the one client
// (net/http_client.h, which applies the --no-side-effects policy) with its failures turned into Flux
// errors, and response headers as Flux values.
#pragma once

#include <string>
#include <string_view>

#include "eval/builtin.h"
#include "net/http_client.h"

namespace fluxi::outbound {

// "content-type" -> "Content-Type": the form Go's net/http sends header names in.
std::string canonicalHeaderName(std::string_view name);

// Sets a header, replacing one of the same (canonical) name.
void setHeader(net::HttpHeaders& headers, std::string_view name, std::string value);

// Headers from a record whose values must be strings (`header value "K" must be a string`).
void addHeadersFromRecord(const CallContext& ctx, const Value& record, std::string_view fn, net::HttpHeaders& out);
// Headers from a [string:string] dictionary.
void addHeadersFromDict(const CallContext& ctx, const Value& dict, std::string_view fn, net::HttpHeaders& out);

// Sends the request; a transport failure fails the call with a clear error: connection refused and
// TLS problems are "unavailable", a timeout "deadline exceeded", a bad URL "invalid", a response
// over the size limit "resource exhausted".
net::HttpResponse sendOrFail(const CallContext& ctx, const net::HttpRequest& request, std::string_view fn);

// Response headers as a [string:string] dictionary (names canonical; of repeated headers the last).
Value headersAsDict(const net::HttpHeaders& headers);
// Response headers as a record (names canonical; of repeated headers the last).
Value headersAsRecord(const net::HttpHeaders& headers);

}  // namespace fluxi::outbound
