// csv.from(csv:, file:, url:, mode:): reads annotated CSV (mode "annotations", the default) or plain
// CSV with a header row (mode "raw", every column a string) from a string, a file or -- a fluxi
// extension -- a URL (one GET through net/http_client.h; a status other than 2xx is an error) into a
// stream of tables. Exactly one of csv, file and url must be given (an empty csv string counts as not given, as in
// the reference implementation); the text may hold only one result. The tables do not include the
// CSV's result and table columns. See format/annotated_csv_reader.h for the format rules.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "eval/builtin.h"
#include "eval/outbound.h"
#include "eval/stream.h"
#include "format/annotated_csv_reader.h"

namespace fluxi {
namespace {

Value csvFrom(CallContext& ctx, const Args& args) {
    const Value* csv = ctx.optional(args, "csv", Kind::String);
    const Value* file = ctx.optional(args, "file", Kind::String);
    if (csv && csv->asString().empty()) csv = nullptr;
    if (file && file->asString().empty()) file = nullptr;
    const Value* url = ctx.optional(args, "url", Kind::String);
    std::string modeName = ctx.stringOr(args, "mode", "annotations");
    CsvMode mode;
    if (!parseCsvMode(modeName, mode))
        ctx.fail("csv.from: unknown mode \"" + modeName + "\" (expected \"annotations\" or \"raw\")");
    if ((csv ? 1 : 0) + (file ? 1 : 0) + (url ? 1 : 0) > 1) ctx.fail("csv.from: give only one of csv, file and url");
    if (!csv && !file && !url) ctx.fail("csv.from: missing the data: give csv (the CSV text), file (a path) or url");

    std::string fromFile;
    std::string where;  // prefix of error messages
    std::string_view text;
    if (csv) {
        text = csv->asString();
        where = "csv.from: csv ";
    } else if (url) {
        net::HttpRequest request;
        request.url = url->asString();
        net::HttpResponse response = outbound::sendOrFail(ctx, request, "csv.from");
        std::string shown = net::redactUrl(request.url);
        if (response.status / 100 != 2)
            ctx.fail(ErrorCode::Unavailable, "csv.from: GET " + shown + " answered HTTP status " + std::to_string(response.status) +
                                                 " instead of CSV");
        fromFile = std::move(response.body);
        text = fromFile;
        where = "csv.from: url \"" + shown + "\" ";
    } else {
        const std::string& path = file->asString();
        std::ifstream in(path, std::ios::binary);
        if (!in) ctx.fail("csv.from: cannot read file \"" + path + "\": " + std::strerror(errno));
        std::ostringstream ss;
        ss << in.rdbuf();
        if (in.bad()) ctx.fail("csv.from: error reading file \"" + path + "\"");
        fromFile = ss.str();
        text = fromFile;
        where = "csv.from: file \"" + path + "\" ";
    }

    std::vector<CsvResult> results;
    try {
        results = readAnnotatedCsv(text, mode);
    } catch (const CsvError& e) {
        ctx.fail(where + e.what());
    }
    if (results.size() > 1) {
        std::string names;
        for (auto& r : results) names += (names.empty() ? "\"" : ", \"") + r.name + "\"";
        ctx.fail("csv.from: the CSV holds " + std::to_string(results.size()) + " results (" + names +
                 "); csv.from reads only one");
    }
    std::vector<TablePtr> tables;
    if (!results.empty()) tables = std::move(results[0].tables);
    return Value::stream(makeMaterializedStream(std::move(tables), "csv.from"));
}

}  // namespace

FLUXI_BUILTIN("csv", "from", "?csv, ?file, ?url, ?mode", csvFrom);

}  // namespace fluxi
