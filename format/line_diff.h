// A unified diff of two texts, line by line (`fluxi fmt --check` shows what formatting would change).
#pragma once

#include <string>

namespace fluxi::format {

// The differences between `before` and `after` in unified diff form with `context` lines around each
// change, headed `--- oldName` / `+++ newName`; empty when the texts are equal.
std::string unifiedDiff(const std::string& before, const std::string& after, const std::string& oldName,
                        const std::string& newName, size_t context = 3);

}  // namespace fluxi::format
