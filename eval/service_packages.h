// The reference's standard-library packages that talk to an outside service (databases, HTTP
// endpoints, brokers, notification services, the InfluxDB Cloud API), which fluxi does not
// implement: importing one is a "not implemented here" error that says what the package needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fluxi {

// What the package needs ("SQL databases", "an MQTT broker", ...), or nullopt when `path` is not
// one of these packages.
std::optional<std::string> outsideServiceOf(std::string_view path);

// The error message for importing a package fluxi does not have: the "not implemented here" text
// for a service package, else "not found".
std::string missingPackageMessage(std::string_view path);

}  // namespace fluxi
