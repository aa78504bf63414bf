// Parsing and printing of bucket retention periods (see retention.h).
#include "store/retention.h"

#include <limits>

#include "store/sqlite_util.h"

namespace fluxi::store {

namespace {

constexpr int64_t kSecond = 1000000000LL;

struct Unit {
    std::string_view name;
    int64_t nanos;
};
// Longest names first so that "ms" is not read as "m" followed by "s".
constexpr Unit kUnits[] = {
    {"ns", 1},           {"us", 1000},          {"\xC2\xB5s", 1000}, {"ms", 1000000},
    {"s", kSecond},      {"m", 60 * kSecond},   {"h", 3600 * kSecond},
    {"d", 86400 * kSecond}, {"w", 7 * 86400 * kSecond},
};

}  // namespace

int64_t parseRetention(std::string_view text) {
    if (text == "0" || text == "inf" || text == "infinite" || text == "INF") return 0;
    if (text.empty()) throw StoreError("invalid retention \"\": expected a duration such as 30d or 1h30m");
    int64_t total = 0;
    size_t i = 0;
    auto bad = [&](const std::string& why) -> StoreError {
        return StoreError("invalid retention \"" + std::string(text) + "\": " + why);
    };
    while (i < text.size()) {
        if (text[i] < '0' || text[i] > '9') throw bad("expected a number at position " + std::to_string(i + 1));
        int64_t mag = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (mag > (std::numeric_limits<int64_t>::max() - 9) / 10) throw bad("number too large");
            mag = mag * 10 + (text[i] - '0');
            i++;
        }
        if (text.compare(i, 2, "mo") == 0 || text.compare(i, 1, "y") == 0)
            throw bad("months and years have no fixed length; use days or weeks");
        const Unit* unit = nullptr;
        for (const Unit& u : kUnits) {
            // prefer the longest match: "ms" before "m"
            if (text.compare(i, u.name.size(), u.name) == 0 && (!unit || u.name.size() > unit->name.size()))
                unit = &u;
        }
        if (!unit) throw bad("expected a unit (ns, us, ms, s, m, h, d, w) at position " + std::to_string(i + 1));
        i += unit->name.size();
        if (mag > std::numeric_limits<int64_t>::max() / unit->nanos) throw bad("duration too large");
        int64_t part = mag * unit->nanos;
        if (total > std::numeric_limits<int64_t>::max() - part) throw bad("duration too large");
        total += part;
    }
    if (total == 0) return 0;
    return total;
}

std::string formatRetention(int64_t nanos) {
    if (nanos <= 0) return "infinite";
    static constexpr Unit order[] = {{"w", 7 * 86400 * kSecond}, {"d", 86400 * kSecond}, {"h", 3600 * kSecond},
                                     {"m", 60 * kSecond},        {"s", kSecond},           {"ms", 1000000},
                                     {"us", 1000},               {"ns", 1}};
    std::string out;
    int64_t rest = nanos;
    const int64_t week = 7 * 86400 * kSecond;
    if (rest % week == 0) return std::to_string(rest / week) + "w";
    for (const Unit& u : order) {
        if (u.nanos == week) continue;  // "30d" reads better than "4w2d"
        if (rest >= u.nanos) {
            out += std::to_string(rest / u.nanos);
            out += u.name;
            rest %= u.nanos;
        }
    }
    return out;
}

}  // namespace fluxi::store
