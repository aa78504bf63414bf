// The list of service packages (see service_packages.h).
#include "eval/service_packages.h"

#include <utility>

namespace fluxi {

std::optional<std::string> outsideServiceOf(std::string_view path) {
    static const std::pair<std::string_view, std::string_view> kServices[] = {
        {"experimental/bigtable", "Google Cloud Bigtable"},
        {"experimental/iox", "an InfluxDB IOx server"},
        {"experimental/influxdb", "the InfluxDB HTTP API"},
        {"experimental/usage", "the InfluxDB Cloud usage API"},
        {"influxdata/influxdb/sample", "HTTP endpoints (it downloads the sample data sets)"},
        {"mqtt", "an MQTT broker"},
        {"socket", "network sockets"},
        {"contrib/bonitoo-io/hex", "the Hex API"},
        {"contrib/qxip/clickhouse", "a ClickHouse server"},
        {"contrib/qxip/logql", "a Loki server"},
    };
    for (const auto& [p, what] : kServices)
        if (p == path) return std::string(what);
    return std::nullopt;
}

std::string missingPackageMessage(std::string_view path) {
    if (auto what = outsideServiceOf(path))
        return "package \"" + std::string(path) + "\" is not implemented here: it needs " + *what +
               ", and fluxi does not talk to outside services";
    return "package \"" + std::string(path) + "\" not found (fluxi does not implement it)";
}

}  // namespace fluxi
