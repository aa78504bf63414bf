// sql.from(driverName:, dataSourceName:, query:): runs a query on a SQL database and gives its rows
// as one table with an empty group key (columns named and typed as the database describes the
// result; see sql_connection.h and the driver files for the type mapping). The query runs each
// time the stream is read; an empty result is a table without rows.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "stdlib/sql/sql_connection.h"

namespace fluxi {
namespace {

struct SqlFromStream final : StreamObj {
    std::string driver, dataSourceName, query;
    CallContext site;
    explicit SqlFromStream(CallContext s) : site(std::move(s)) {}

    std::unique_ptr<TableIterator> open() const override {
        TablePtr t;
        try {
            auto conn = sql::connect(driver, dataSourceName);
            t = conn->query(query);
        } catch (const sql::SqlError& e) {
            site.fail(e.code(), std::string("sql.from: ") + e.what());
        }
        struct One final : TableIterator {
            TablePtr t;
            TablePtr next() override { return std::move(t); }
        };
        auto it = std::make_unique<One>();
        it->t = std::move(t);
        return it;
    }
};

Value sqlFrom(CallContext& ctx, const Args& args) {
    auto s = make<SqlFromStream>(ctx);
    s->origin = "sql.from";
    s->driver = ctx.requireString(args, "driverName");
    s->dataSourceName = ctx.requireString(args, "dataSourceName");
    s->query = ctx.requireString(args, "query");
    if (s->query.find_first_not_of(" \t\r\n") == std::string::npos) ctx.fail("sql.from: query must not be empty");
    return Value::stream(s);
}

}  // namespace

FLUXI_BUILTIN("sql", "from", "driverName, dataSourceName, query", sqlFrom);

}  // namespace fluxi
