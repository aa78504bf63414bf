// An input of `fluxi write`: a file or standard input, read as it is or through gzip. Gzip is used
// when asked (--compression gzip: the data must be gzip), or -- by default -- when the name ends in
// .gz or the data starts with gzip's magic bytes; --compression none reads the bytes as they are.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace fluxi::cli {

enum class Compression { Auto, None, Gzip };

// Parses "none" or "gzip" ("" = Auto); false on anything else.
bool parseCompression(const std::string& text, Compression& out);

class WriteInput {
public:
    // Opens `path` ("-" = standard input). Throws std::runtime_error "cannot read PATH: why".
    WriteInput(const std::string& path, Compression compression);
    ~WriteInput();
    WriteInput(const WriteInput&) = delete;
    WriteInput& operator=(const WriteInput&) = delete;

    // Reads up to `n` bytes (decompressed); 0 at the end. Throws std::runtime_error naming the input
    // on a read error or corrupt / truncated gzip data.
    size_t read(char* buf, size_t n);
    // Reads the rest of the input.
    std::string readAll();
    // "<stdin>" or the path.
    const std::string& displayName() const { return display_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string display_;
};

}  // namespace fluxi::cli
