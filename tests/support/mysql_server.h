// A MySQL-protocol server for tests, Debian's MariaDB: mariadb-install-db into a temporary
// directory, mariadbd listening on a free 127.0.0.1 port (its socket in that directory), an init file
// that creates the user "fluxi" (password "secret", all privileges) and the database "fluxi"; killed
// and removed by the destructor. One server for the whole test process (sharedMySql()).
//
// A missing server binary is an error (the constructor throws), never a skipped test:
// scripts/install-deps.sh installs the mariadb-server package.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/support/service_process.h"

namespace fluxi::test {

class MySqlServer {
public:
    MySqlServer() : dir_("fluxi-mysql") {
        std::string install = findProgram({"/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"});
        std::string server = findProgram({"/usr/sbin/mariadbd", "/usr/sbin/mysqld"});
        if (install.empty() || server.empty())
            throw std::runtime_error("MariaDB (mariadb-install-db, mariadbd) not found: run scripts/install-deps.sh "
                                     "(Debian package mariadb-server)");
        log_ = dir_.sub("install.log");
        std::string data = dir_.sub("data");
        std::string user = ::geteuid() == 0 ? "root" : "";
        std::vector<std::string> installArgs = {install, "--no-defaults", "--datadir=" + data,
                                                "--auth-root-authentication-method=normal", "--skip-test-db",
                                                "--skip-name-resolve"};
        if (!user.empty()) installArgs.push_back("--user=" + user);
        if (runProgram(installArgs, log_) != 0) throw std::runtime_error("mariadb-install-db failed: " + logText());
        std::string init = dir_.sub("init.sql");
        std::ofstream(init) << "CREATE USER IF NOT EXISTS 'fluxi'@'%' IDENTIFIED BY 'secret';\n"
                               "GRANT ALL ON *.* TO 'fluxi'@'%';\n"
                               "CREATE DATABASE IF NOT EXISTS fluxi;\n";
        port_ = freeLoopbackPort();
        std::vector<std::string> args = {server, "--no-defaults", "--datadir=" + data,
                                         "--socket=" + dir_.sub("mysqld.sock"), "--port=" + std::to_string(port_),
                                         "--bind-address=127.0.0.1", "--skip-name-resolve", "--init-file=" + init,
                                         "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=16M",
                                         "--log-error=" + dir_.sub("server.log"), "--pid-file=" + dir_.sub("pid")};
        if (!user.empty()) args.push_back("--user=" + user);
        pid_ = (std::fflush(stdout), std::fflush(stderr), ::fork());
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            FILE* in = std::freopen("/dev/null", "r", stdin);
            FILE* out = std::freopen("/dev/null", "w", stdout);
            FILE* err = std::freopen(dir_.sub("stderr.log").c_str(), "a", stderr);  // start-up warnings
            (void)in;
            (void)out;
            (void)err;
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        if (!waitForPort(port_, std::chrono::seconds(30))) {
            stop();
            throw std::runtime_error("mariadbd did not start listening on 127.0.0.1:" + std::to_string(port_) + ": " +
                                     readFile(dir_.sub("server.log")));
        }
    }
    ~MySqlServer() { stop(); }
    MySqlServer(const MySqlServer&) = delete;
    MySqlServer& operator=(const MySqlServer&) = delete;

    int port() const { return port_; }
    // The Go driver's data source name for database `db` as the user "fluxi".
    std::string dsn(const std::string& db = "fluxi") const {
        return "fluxi:secret@tcp(127.0.0.1:" + std::to_string(port_) + ")/" + db;
    }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);  // the data directory is thrown away: no clean shutdown needed
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    static std::string readFile(const std::string& path) {
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    std::string logText() const { return readFile(log_); }

    ServiceDir dir_;
    std::string log_;
    int port_ = 0;
    pid_t pid_ = -1;
};

inline MySqlServer& sharedMySql() {
    static MySqlServer server;
    return server;
}

}  // namespace fluxi::test
