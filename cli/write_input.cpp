// `fluxi write` inputs (see write_input.h): zlib's gz* functions read gzip data and, in Auto mode,
// plain data as it is (they look at the magic bytes).
#include "cli/write_input.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>

namespace fluxi::cli {

bool parseCompression(const std::string& text, Compression& out) {
    if (text.empty()) out = Compression::Auto;
    else if (text == "none") out = Compression::None;
    else if (text == "gzip") out = Compression::Gzip;
    else return false;
    return true;
}

struct WriteInput::Impl {
    int fd = -1;
    gzFile gz = nullptr;
    bool mustBeGzip = false;
    bool checked = false;
};

WriteInput::WriteInput(const std::string& path, Compression compression) : impl_(std::make_unique<Impl>()) {
    display_ = path == "-" ? "<stdin>" : path;
    impl_->fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl_->fd < 0) throw std::runtime_error("cannot read " + display_ + ": " + std::strerror(errno));
    const bool gzName = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (compression == Compression::None) return;
    impl_->mustBeGzip = compression == Compression::Gzip || gzName;
    impl_->gz = gzdopen(impl_->fd, "rb");
    if (!impl_->gz) {
        ::close(impl_->fd);
        throw std::runtime_error("cannot read " + display_ + ": out of memory");
    }
    impl_->fd = -1;  // gzclose closes it
    gzbuffer(impl_->gz, 1 << 20);
}

WriteInput::~WriteInput() {
    if (impl_->gz) gzclose(impl_->gz);
    if (impl_->fd >= 0) ::close(impl_->fd);
}

size_t WriteInput::read(char* buf, size_t n) {
    if (n > INT_MAX / 2) n = INT_MAX / 2;
    if (!impl_->gz) {
        for (;;) {
            ssize_t got = ::read(impl_->fd, buf, n);
            if (got >= 0) return static_cast<size_t>(got);
            if (errno != EINTR) throw std::runtime_error("cannot read " + display_ + ": " + std::strerror(errno));
        }
    }
    int got = gzread(impl_->gz, buf, static_cast<unsigned>(n));
    if (!impl_->checked && got != 0) {
        impl_->checked = true;
        if (impl_->mustBeGzip && gzdirect(impl_->gz))
            throw std::runtime_error(display_ + " is not gzip data (it does not start with gzip's magic bytes 1f 8b)" +
                                     std::string(" -- give --compression none to read it as it is"));
    }
    if (got < 0) {
        int code = 0;
        const char* why = gzerror(impl_->gz, &code);
        throw std::runtime_error("cannot read " + display_ + ": " +
                                 (code == Z_ERRNO ? std::string(std::strerror(errno)) : "corrupt gzip data (" + std::string(why) + ")"));
    }
    if (got == 0 && !gzeof(impl_->gz)) {
        int code = 0;
        const char* why = gzerror(impl_->gz, &code);
        if (code != Z_OK) throw std::runtime_error("cannot read " + display_ + ": corrupt gzip data (" + std::string(why) + ")");
    }
    if (got == 0 && gzeof(impl_->gz)) {
        int code = 0;
        const char* why = gzerror(impl_->gz, &code);
        if (code != Z_OK && code != Z_STREAM_END)
            throw std::runtime_error("cannot read " + display_ + ": truncated or corrupt gzip data (" + std::string(why) + ")");
    }
    return static_cast<size_t>(got);
}

std::string WriteInput::readAll() {
    std::string out;
    size_t used = 0;
    for (;;) {
        if (out.size() - used < (1 << 20)) out.resize(used + (4 << 20));
        size_t got = read(out.data() + used, out.size() - used);
        if (got == 0) break;
        used += got;
    }
    out.resize(used);
    return out;
}

}  // namespace fluxi::cli
