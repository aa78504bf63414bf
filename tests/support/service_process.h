// Shared pieces of the test fixtures that run real services (PostgreSQL, mosquitto): a free
// loopback port, running a program (optionally as another user) with its output captured, a
// temporary directory, and waiting until a port accepts connections. Only 127.0.0.1 is used.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fluxi::test {

// A port on 127.0.0.1 nothing listens on right now (the kernel picks it; a small race remains).
inline int freeLoopbackPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot bind a loopback port");
    }
    int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// True once something accepts TCP connections on 127.0.0.1:port (polls until `limit`).
inline bool waitForPort(int port, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// The first existing path of `candidates` ("" when none exists).
inline std::string findProgram(const std::vector<std::string>& candidates) {
    for (const auto& c : candidates)
        if (::access(c.c_str(), X_OK) == 0) return c;
    return "";
}

// Runs argv (argv[0] a path), as `user` when given and this process is root, with stdin from
// /dev/null and stdout+stderr appended to `logFile`. Returns the exit status (-1 when not run).
inline int runProgram(const std::vector<std::string>& argv, const std::string& logFile, const std::string& user = "") {
    pid_t pid = (std::fflush(stdout), std::fflush(stderr), ::fork());
    if (pid < 0) return -1;
    if (pid == 0) {
        FILE* in = std::freopen("/dev/null", "r", stdin);
        FILE* out = std::freopen(logFile.c_str(), "a", stdout);
        (void)in;
        (void)out;
        ::dup2(STDOUT_FILENO, STDERR_FILENO);
        if (!user.empty() && ::geteuid() == 0) {
            passwd* pw = ::getpwnam(user.c_str());
            if (!pw || ::setgid(pw->pw_gid) != 0 || ::setuid(pw->pw_uid) != 0) ::_exit(126);
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A temporary directory removed with everything in it at the end.
class ServiceDir {
public:
    explicit ServiceDir(const char* prefix) {
        std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~ServiceDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ServiceDir(const ServiceDir&) = delete;
    ServiceDir& operator=(const ServiceDir&) = delete;
    const std::string& path() const { return path_; }
    std::string sub(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace fluxi::test
