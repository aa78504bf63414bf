// A PostgreSQL server for tests, from Debian's postgresql package: initdb into a temporary
// directory, started with pg_ctl on a free 127.0.0.1 port (its unix socket in that directory too),
// trust authentication for the "postgres" user, stopped and removed by the destructor. PostgreSQL
// refuses to run as root, so as root the directory is given to the "postgres" user and the server
// runs as that user.
//
// A missing server binary is an error (the constructor throws), never a skipped test:
// scripts/install-deps.sh installs the postgresql package.
#pragma once

#include <glob.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/support/service_process.h"

namespace fluxi::test {

class PostgresServer {
public:
    PostgresServer() : dir_("fluxi-pg") {
        bin_ = findBinDir();
        if (bin_.empty())
            throw std::runtime_error(
                "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: "
                "run scripts/install-deps.sh (Debian package postgresql)");
        if (::geteuid() == 0) {
            user_ = "postgres";
            passwd* pw = ::getpwnam(user_.c_str());
            if (!pw) throw std::runtime_error("running as root, but there is no \"postgres\" user to run PostgreSQL");
            if (::chown(dir_.path().c_str(), pw->pw_uid, pw->pw_gid) != 0)
                throw std::runtime_error("cannot give " + dir_.path() + " to the postgres user");
        }
        log_ = dir_.sub("server.log");
        { std::ofstream touch(log_); }
        if (!user_.empty()) {
            passwd* pw = ::getpwnam(user_.c_str());
            if (::chown(log_.c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown of the log failed");
        }
        data_ = dir_.sub("data");
        if (runProgram({bin_ + "/initdb", "-D", data_, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--no-sync", "--locale=C"},
                       log_, user_) != 0)
            throw std::runtime_error("initdb failed: " + logText());
        port_ = freeLoopbackPort();
        std::string opts = "-p " + std::to_string(port_) + " -k " + dir_.path() +
                           " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
        if (runProgram({bin_ + "/pg_ctl", "-D", data_, "-o", opts, "-l", dir_.sub("postgres.log"), "-w", "-t", "30",
                        "start"},
                       log_, user_) != 0)
            throw std::runtime_error("pg_ctl start failed: " + logText());
        started_ = true;
    }
    ~PostgresServer() {
        if (started_) runProgram({bin_ + "/pg_ctl", "-D", data_, "-m", "immediate", "-w", "stop"}, log_, user_);
    }
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    int port() const { return port_; }
    // A libpq URI for database `db` as the superuser "postgres" (TCP on 127.0.0.1).
    std::string dsn(const std::string& db = "postgres") const {
        return "postgres://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db + "?sslmode=disable";
    }

private:
    static std::string findBinDir() {
        glob_t g{};
        std::string best;
        if (::glob("/usr/lib/postgresql/*/bin/pg_ctl", 0, nullptr, &g) == 0) {
            std::vector<std::string> found(g.gl_pathv, g.gl_pathv + g.gl_pathc);
            std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
                return std::stoi(a.substr(20)) < std::stoi(b.substr(20));  // /usr/lib/postgresql/NN/...
            });
            best = found.back().substr(0, found.back().size() - std::string("/pg_ctl").size());
        }
        globfree(&g);
        return best;
    }
    std::string logText() const {
        std::ifstream in(log_);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    ServiceDir dir_;
    std::string bin_, user_, log_, data_;
    int port_ = 0;
    bool started_ = false;
};

// One server for the whole test process, started on first use.
inline PostgresServer& sharedPostgres() {
    static PostgresServer server;
    return server;
}

}  // namespace fluxi::test
