// The mysql driver of sql.from / sql.to over the MySQL C API (Debian's MariaDB Connector/C), for
// MySQL and MariaDB servers. The data source name is the one the reference's Go driver reads:
//   [user[:password]@][net[(address)]]/dbname[?param=value&...]
// net is tcp (address host:port, default 127.0.0.1:3306; a host without port gets 3306) or unix
// (address: the socket path). Parameters: timeout / readTimeout / writeTimeout (Go durations such as
// "5s", "500ms"), tls (false, true, skip-verify, preferred), charset (first of a comma list),
// parseTime and loc=UTC (accepted; times are always read and written as UTC), allowNativePasswords
// (accepted); any other parameter sets the session system variable of that name, as the Go driver
// does. Connecting gives up after 10 seconds unless timeout says otherwise.
//
// Column types read (as the reference maps the driver's type names): TINYINT, SMALLINT, INT, BIGINT
// (signed) -> int; FLOAT, DOUBLE -> float; DATETIME -> time (UTC); everything else -- unsigned and
// MEDIUMINT integers, DECIMAL, DATE, TIMESTAMP, TIME, text and binary types -- -> string in the
// server's text form. MySQL has no boolean type: BOOL columns are TINYINT(1) and read as int.
//
// Column types written by sql.to (as the reference): float FLOAT (single precision on the server),
// int BIGINT, uint BIGINT UNSIGNED, string TEXT(16383), time DATETIME (whole seconds: the server
// rounds the fraction), bool BOOL. Identifiers are quoted with backticks.
#include <mysql.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "eval/time.h"
#include "stdlib/sql/sql_connection.h"

namespace fluxi::sql {

namespace {

struct MySqlDsn {
    std::string user, password, host = "127.0.0.1", socket, db;
    unsigned port = 3306;
    unsigned connectTimeout = 10, readTimeout = 0, writeTimeout = 0;  // seconds; 0 = none
    std::string tls = "false", charset;
    std::vector<std::pair<std::string, std::string>> sessionVariables;
};

[[noreturn]] void badDsn(const std::string& why) {
    throw SqlError(ErrorCode::Invalid, "mysql: invalid data source name: " + why);
}

std::string urlDecode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int v = 0;
            auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
            if (ec == std::errc() && p == s.data() + i + 3) {
                out.push_back(static_cast<char>(v));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
    return out;
}

// A Go duration parameter ("10s", "1m30s", "500ms") in whole seconds, rounded up.
unsigned durationSeconds(const std::string& key, const std::string& text) {
    Duration d;
    try {
        d = parseDuration(text);
    } catch (const TimeError&) {
        badDsn(key + "=" + text + " is not a duration (for example 5s or 500ms)");
    }
    if (d.months != 0 || d.nanos < 0) badDsn(key + "=" + text + " is not a duration (for example 5s or 500ms)");
    return static_cast<unsigned>((d.nanos + kNanosPerSecond - 1) / kNanosPerSecond);
}

MySqlDsn parseDsn(const std::string& dsn) {
    MySqlDsn d;
    size_t slash = dsn.rfind('/');
    size_t q = dsn.find('?', slash == std::string::npos ? 0 : slash);
    if (slash == std::string::npos || (q != std::string::npos && q < slash))
        badDsn("missing the slash before the database name (user:password@tcp(host:port)/dbname)");
    std::string_view head(dsn.data(), slash);
    d.db = dsn.substr(slash + 1, q == std::string::npos ? std::string::npos : q - slash - 1);
    size_t at = head.rfind('@');
    std::string_view addr = head;
    if (at != std::string_view::npos) {
        std::string_view userinfo = head.substr(0, at);
        size_t colon = userinfo.find(':');
        d.user = std::string(userinfo.substr(0, colon));
        if (colon != std::string_view::npos) d.password = std::string(userinfo.substr(colon + 1));
        addr = head.substr(at + 1);
    }
    if (!addr.empty()) {
        std::string_view net = addr, address;
        size_t open = addr.find('(');
        if (open != std::string_view::npos) {
            if (addr.back() != ')') badDsn("the network address must end with ')'");
            net = addr.substr(0, open);
            address = addr.substr(open + 1, addr.size() - open - 2);
        }
        if (net == "unix") {
            d.socket = address.empty() ? "/tmp/mysql.sock" : std::string(address);
        } else if (net == "tcp") {
            if (!address.empty()) {
                size_t colon = address.rfind(':');
                bool bracketed = address.front() == '[';
                if (colon != std::string_view::npos && (!bracketed || address[colon - 1] == ']')) {
                    std::string_view port = address.substr(colon + 1);
                    unsigned p = 0;
                    auto [e, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
                    if (ec != std::errc() || e != port.data() + port.size() || p == 0 || p > 65535)
                        badDsn("bad port \"" + std::string(port) + "\"");
                    d.port = p;
                    address = address.substr(0, colon);
                }
                if (bracketed && address.size() >= 2) address = address.substr(1, address.size() - 2);
                d.host = std::string(address);
            }
        } else {
            badDsn("unknown network \"" + std::string(net) + "\" (tcp or unix)");
        }
    }
    if (q == std::string::npos) return d;
    std::string_view params(dsn.data() + q + 1, dsn.size() - q - 1);
    while (!params.empty()) {
        size_t amp = params.find('&');
        std::string_view kv = params.substr(0, amp);
        params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
        if (kv.empty()) continue;
        size_t eq = kv.find('=');
        if (eq == std::string_view::npos) badDsn("parameter \"" + std::string(kv) + "\" has no value");
        std::string key(kv.substr(0, eq)), value = urlDecode(kv.substr(eq + 1));
        if (key == "timeout") d.connectTimeout = durationSeconds(key, value);
        else if (key == "readTimeout") d.readTimeout = durationSeconds(key, value);
        else if (key == "writeTimeout") d.writeTimeout = durationSeconds(key, value);
        else if (key == "tls") {
            if (value != "false" && value != "true" && value != "skip-verify" && value != "preferred")
                badDsn("tls=" + value + ": fluxi knows false, true, skip-verify and preferred");
            d.tls = value;
        } else if (key == "charset") d.charset = value.substr(0, value.find(','));
        else if (key == "loc") {
            if (value != "UTC") badDsn("loc=" + value + ": fluxi reads and writes DATETIME values as UTC only");
        } else if (key == "parseTime" || key == "allowNativePasswords" || key == "collation" ||
                   key == "interpolateParams" || key == "multiStatements" || key == "clientFoundRows") {
            // accepted: no effect on what sql.from and sql.to do
        } else {
            for (char c : key)
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
                    badDsn("parameter \"" + key + "\" is not a system variable name");
            d.sessionVariables.emplace_back(key, value);
        }
    }
    return d;
}

// The reference's type mapping (see the top of the file).
ColType readType(const MYSQL_FIELD& f) {
    bool isUnsigned = (f.flags & UNSIGNED_FLAG) != 0;
    switch (f.type) {
        case MYSQL_TYPE_TINY:
        case MYSQL_TYPE_SHORT:
        case MYSQL_TYPE_LONG:
        case MYSQL_TYPE_LONGLONG: return isUnsigned ? ColType::String : ColType::Int;
        case MYSQL_TYPE_FLOAT:
        case MYSQL_TYPE_DOUBLE: return ColType::Float;
        case MYSQL_TYPE_DATETIME: return ColType::Time;
        default: return ColType::String;
    }
}

// SQLSTATE class 08 (connection exception) and the client's "server gone" errors mean the server is
// unreachable; class 22 (data exception) and 23 (constraint) are values that do not fit.
ErrorCode errorCode(unsigned err, const char* sqlstate) {
    if (err == 2002 || err == 2003 || err == 2006 || err == 2013) return ErrorCode::Unavailable;
    if (sqlstate && std::strncmp(sqlstate, "08", 2) == 0) return ErrorCode::Unavailable;
    if (sqlstate && (std::strncmp(sqlstate, "22", 2) == 0 || std::strncmp(sqlstate, "23", 2) == 0))
        return ErrorCode::FailedPrecondition;
    return ErrorCode::Invalid;
}

struct ResultFree {
    void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};
struct StmtClose {
    void operator()(MYSQL_STMT* s) const { mysql_stmt_close(s); }
};

class MySqlConnection final : public Connection {
public:
    explicit MySqlConnection(MYSQL* c) : conn_(c) {}
    ~MySqlConnection() override {
        stmt_.reset();
        mysql_close(conn_);
    }

    TablePtr query(const std::string& sql) override {
        if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) fail("the query failed");
        std::unique_ptr<MYSQL_RES, ResultFree> res(mysql_use_result(conn_));
        if (!res) {
            if (mysql_field_count(conn_) != 0) fail("reading the result failed");
            return TableBuilder().finish();  // a statement without rows
        }
        unsigned ncols = mysql_num_fields(res.get());
        MYSQL_FIELD* fields = mysql_fetch_fields(res.get());
        TableBuilder b;
        std::vector<Column*> cols;
        for (unsigned c = 0; c < ncols; c++) {
            int idx = b.addColumn(fields[c].name, readType(fields[c]));
            cols.push_back(&b.column(static_cast<size_t>(idx)));
        }
        int row = 0;
        while (MYSQL_ROW r = mysql_fetch_row(res.get())) {
            row++;
            unsigned long* lengths = mysql_fetch_lengths(res.get());
            for (unsigned c = 0; c < ncols; c++) {
                if (!r[c]) {
                    cols[c]->appendNull();
                    continue;
                }
                appendTextCell(*cols[c], std::string_view(r[c], lengths[c]), "mysql", fields[c].name, row);
            }
        }
        if (mysql_errno(conn_) != 0) fail("reading the result failed");
        return b.finish();
    }

    void execute(const std::string& statement) override {
        if (mysql_real_query(conn_, statement.data(), statement.size()) != 0) fail("the statement failed");
        // A statement that returns rows anyway (SHOW ...): read and drop them.
        if (MYSQL_RES* r = mysql_store_result(conn_)) mysql_free_result(r);
    }

    std::string columnType(ColType type) const override {
        switch (type) {
            case ColType::Float: return "FLOAT";
            case ColType::Int: return "BIGINT";
            case ColType::UInt: return "BIGINT UNSIGNED";
            case ColType::String: return "TEXT(16383)";
            case ColType::Time: return "DATETIME";
            case ColType::Bool: return "BOOL";
        }
        throw SqlError(ErrorCode::Invalid, std::string("MySQL does not support column type ") + colTypeName(type));
    }

    std::string quote(std::string_view name) const override {
        std::string out = "`";
        for (char c : name) {
            if (c == '`') out.push_back('`');
            out.push_back(c);
        }
        return out + "`";
    }

    bool transactionalDdl() const override { return false; }
    std::string placeholder(size_t) const override { return "?"; }

    void insertRows(const std::string& insert, const Table& t, size_t begin, size_t end) override {
        size_t ncols = t.numColumns();
        size_t nparams = (end - begin) * ncols;
        if (nparams > 65535)
            throw SqlError(ErrorCode::Invalid, "mysql: an INSERT of " + std::to_string(nparams) +
                                                   " values exceeds MySQL's 65535 placeholders: lower batchSize");
        if (!stmt_ || preparedText_ != insert) {
            stmt_.reset(mysql_stmt_init(conn_));
            if (!stmt_) fail("cannot prepare the INSERT");
            if (mysql_stmt_prepare(stmt_.get(), insert.data(), insert.size()) != 0) failStmt("the INSERT failed");
            preparedText_ = insert;
        }
        binds_.assign(nparams, MYSQL_BIND{});
        nulls_.assign(nparams, 0);
        times_.resize(nparams);
        bools_.resize(nparams);
        size_t p = 0;
        for (size_t r = begin; r < end; r++) {
            for (size_t c = 0; c < ncols; c++, p++) {
                const Column& col = t.column(c);
                MYSQL_BIND& b = binds_[p];
                if (col.isNull(r)) {
                    nulls_[p] = 1;
                    b.buffer_type = MYSQL_TYPE_NULL;
                    b.is_null = reinterpret_cast<my_bool*>(&nulls_[p]);
                    continue;
                }
                switch (col.type()) {
                    case ColType::Int:
                        b.buffer_type = MYSQL_TYPE_LONGLONG;
                        b.buffer = const_cast<int64_t*>(&col.ints()[r]);
                        break;
                    case ColType::UInt:
                        b.buffer_type = MYSQL_TYPE_LONGLONG;
                        b.is_unsigned = 1;
                        b.buffer = const_cast<uint64_t*>(&col.uints()[r]);
                        break;
                    case ColType::Float:
                        b.buffer_type = MYSQL_TYPE_DOUBLE;
                        b.buffer = const_cast<double*>(&col.floats()[r]);
                        break;
                    case ColType::Bool:
                        bools_[p] = col.bools()[r] ? 1 : 0;
                        b.buffer_type = MYSQL_TYPE_TINY;
                        b.buffer = &bools_[p];
                        break;
                    case ColType::Time:
                        times_[p] = toMySqlTime(col.ints()[r]);
                        b.buffer_type = MYSQL_TYPE_DATETIME;
                        b.buffer = &times_[p];
                        break;
                    case ColType::String: {
                        const std::string& v = col.strings()[r]->s;
                        b.buffer_type = MYSQL_TYPE_STRING;
                        b.buffer = const_cast<char*>(v.data());
                        b.buffer_length = v.size();
                        break;
                    }
                }
            }
        }
        if (mysql_stmt_bind_param(stmt_.get(), binds_.data()) != 0) failStmt("binding the INSERT's values failed");
        if (mysql_stmt_execute(stmt_.get()) != 0) failStmt("the INSERT failed");
    }

private:
    static MYSQL_TIME toMySqlTime(int64_t nanos) {
        CivilTime ct = civilTime(nanos);
        MYSQL_TIME t{};
        t.year = static_cast<unsigned>(ct.year);
        t.month = static_cast<unsigned>(ct.month);
        t.day = static_cast<unsigned>(ct.day);
        t.hour = static_cast<unsigned>(ct.hour);
        t.minute = static_cast<unsigned>(ct.minute);
        t.second = static_cast<unsigned>(ct.second);
        t.second_part = static_cast<unsigned long>(ct.nanosecond / 1000);
        t.time_type = MYSQL_TIMESTAMP_DATETIME;
        return t;
    }

    [[noreturn]] void fail(const char* what) const {
        throw SqlError(errorCode(mysql_errno(conn_), mysql_sqlstate(conn_)),
                       std::string("mysql: ") + what + ": " + mysql_error(conn_));
    }
    [[noreturn]] void failStmt(const char* what) const {
        MYSQL_STMT* s = stmt_.get();
        throw SqlError(errorCode(mysql_stmt_errno(s), mysql_stmt_sqlstate(s)),
                       std::string("mysql: ") + what + ": " + mysql_stmt_error(s));
    }


    MYSQL* conn_;
    std::unique_ptr<MYSQL_STMT, StmtClose> stmt_;  // the last prepared INSERT, reused between batches
    std::string preparedText_;
    std::vector<MYSQL_BIND> binds_;
    std::vector<char> nulls_;
    std::vector<MYSQL_TIME> times_;
    std::vector<signed char> bools_;
};

}  // namespace

std::unique_ptr<Connection> connectMySql(const std::string& dataSourceName) {
    MySqlDsn d = parseDsn(dataSourceName);
    MYSQL* conn = mysql_init(nullptr);
    if (!conn) throw SqlError(ErrorCode::Unavailable, "mysql: cannot connect: out of memory");
    mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &d.connectTimeout);
    if (d.readTimeout) mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &d.readTimeout);
    if (d.writeTimeout) mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &d.writeTimeout);
    mysql_options(conn, MYSQL_SET_CHARSET_NAME, d.charset.empty() ? "utf8mb4" : d.charset.c_str());
    my_bool verify = d.tls == "true";
    if (d.tls != "false") {
        mysql_ssl_set(conn, nullptr, nullptr, nullptr, nullptr, nullptr);
        mysql_options(conn, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
        my_bool enforce = d.tls != "preferred";
        mysql_options(conn, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
    unsigned protocol = d.socket.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
    mysql_options(conn, MYSQL_OPT_PROTOCOL, &protocol);
    if (!mysql_real_connect(conn, d.socket.empty() ? d.host.c_str() : nullptr, d.user.c_str(), d.password.c_str(),
                            d.db.empty() ? nullptr : d.db.c_str(), d.port,
                            d.socket.empty() ? nullptr : d.socket.c_str(), 0)) {
        std::string msg = mysql_error(conn);
        ErrorCode code = errorCode(mysql_errno(conn), mysql_sqlstate(conn));
        mysql_close(conn);
        // A refused login or an unknown database is the user's mistake, not an unreachable server.
        throw SqlError(code, "mysql: cannot connect: " + msg);
    }
    auto c = std::make_unique<MySqlConnection>(conn);
    c->execute("SET time_zone = '+00:00'");
    for (const auto& [name, value] : d.sessionVariables) c->execute("SET SESSION " + name + " = " + value);
    return c;
}

}  // namespace fluxi::sql
