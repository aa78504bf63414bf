// The list of service packages (see service_packages.h).
#include "eval/service_packages.h"

#include <utility>

namespace fluxi {

std::optional<std::string> outsideServiceOf(std::string_view path) {
    static const std::pair<std::string_view, std::string_view> kServices[] = {
        {"http", "HTTP endpoints"},
        {"http/requests", "HTTP endpoints"},
        {"experimental/http", "HTTP endpoints"},
        {"experimental/http/requests", "HTTP endpoints"},
        {"experimental/csv", "HTTP endpoints (it reads CSV from a URL)"},
        {"experimental/prometheus", "a Prometheus metrics endpoint"},
        {"experimental/bigtable", "Google Cloud Bigtable"},
        {"experimental/iox", "an InfluxDB IOx server"},
        {"experimental/influxdb", "the InfluxDB HTTP API"},
        {"experimental/usage", "the InfluxDB Cloud usage API"},
        {"influxdata/influxdb/secrets", "the InfluxDB secret store"},
        {"influxdata/influxdb/sample", "HTTP endpoints (it downloads the sample data sets)"},
        {"mqtt", "an MQTT broker"},
        {"socket", "network sockets"},
        {"slack", "the Slack API"},
        {"pagerduty", "the PagerDuty API"},
        {"contrib/sranka/opsgenie", "the Opsgenie API"},
        {"contrib/sranka/sensu", "the Sensu API"},
        {"contrib/sranka/teams", "Microsoft Teams webhooks"},
        {"contrib/sranka/telegram", "the Telegram API"},
        {"contrib/sranka/webexteams", "the Webex Teams API"},
        {"contrib/bonitoo-io/alerta", "the Alerta API"},
        {"contrib/bonitoo-io/servicenow", "the ServiceNow API"},
        {"contrib/bonitoo-io/victorops", "the VictorOps API"},
        {"contrib/bonitoo-io/zenoss", "the Zenoss API"},
        {"contrib/bonitoo-io/hex", "the Hex API"},
        {"contrib/chobbs/discord", "Discord webhooks"},
        {"contrib/rhajek/bigpanda", "the BigPanda API"},
        {"contrib/qxip/clickhouse", "a ClickHouse server"},
        {"contrib/qxip/logql", "a Loki server"},
        {"contrib/influxdata/pushbullet", "the Pushbullet API"},
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
