// The secrets a script can read with `secrets.get(key:)` (package influxdata/influxdb/secrets).
//
// Sources, first match wins:
//   1. values set by the host (Engine::setSecret) or read from a secrets file (`--secrets FILE`,
//      else $FLUXI_SECRETS): one `KEY=VALUE` per line; blank lines and lines starting with `#` are
//      ignored; the key is trimmed, the value is taken verbatim up to the end of the line (a
//      trailing `\r` removed); a line without `=` or with an empty key is an error naming the line;
//   2. the environment variable FLUXI_SECRET_<KEY> (the key as given, e.g. FLUXI_SECRET_SLACK_TOKEN).
// Every value handed out is registered with net/sensitive.h, so it never shows in errors or logs.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace fluxi {

class SecretStore {
public:
    // The environment prefix of source 2.
    static constexpr const char* kEnvPrefix = "FLUXI_SECRET_";

    void set(std::string key, std::string value);
    // Reads a secrets file into this store. Throws std::runtime_error ("FILE:LINE: ...") on a
    // malformed line or an unreadable file; the message never contains a value.
    void loadFile(const std::string& path);
    // The value of `key` from the set values, else from the environment; nullopt when neither has it.
    std::optional<std::string> get(const std::string& key) const;
    bool empty() const { return values_.empty(); }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace fluxi
