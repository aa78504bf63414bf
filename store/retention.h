// Bucket retention periods as text: parsing `--retention` values and printing them back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxi::store {

// Parses a retention period: a Flux-style duration made of fixed-length units (`ns`, `us`/`µs`,
// `ms`, `s`, `m`, `h`, `d`, `w`, e.g. "30d", "1h30m"), or "0", "inf" or "infinite" for "keep
// forever". Returns nanoseconds (0 = forever). Throws StoreError with the reason on bad text
// (months and years are refused: they have no fixed length).
int64_t parseRetention(std::string_view text);

// "infinite" for 0, else the duration in the largest units that divide it exactly ("30d", "1h30m").
std::string formatRetention(int64_t nanos);

}  // namespace fluxi::store
