// SecretStore (eval/secrets.h): the secrets file format and the environment fallback.
#include "eval/secrets.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace fluxi {

namespace {

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return s.substr(b, e - b);
}

}  // namespace

void SecretStore::set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }

void SecretStore::loadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the secrets file " + path + ": " + std::strerror(errno));
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        size_t eq = line.find('=');
        std::string where = path + ":" + std::to_string(lineNo) + ": ";
        if (eq == std::string::npos) throw std::runtime_error(where + "expected KEY=VALUE, found no '='");
        std::string key = trim(line.substr(0, eq));
        if (key.empty()) throw std::runtime_error(where + "expected KEY=VALUE, found an empty key");
        values_[key] = line.substr(eq + 1);
    }
    if (in.bad()) throw std::runtime_error("cannot read the secrets file " + path + ": " + std::strerror(errno));
}

std::optional<std::string> SecretStore::get(const std::string& key) const {
    auto it = values_.find(key);
    if (it != values_.end()) return it->second;
    if (key.empty() || key.find('=') != std::string::npos || key.find('\0') != std::string::npos) return std::nullopt;
    if (const char* env = std::getenv((std::string(kEnvPrefix) + key).c_str())) return std::string(env);
    return std::nullopt;
}

}  // namespace fluxi
