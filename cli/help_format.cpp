// Help text wrapped to the terminal (see cli/help_format.h).
#include "cli/help_format.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace fluxi::cli {

size_t terminalWidth() {
    if (const char* env = std::getenv("COLUMNS")) {
        char* end = nullptr;
        long v = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && v >= 20 && v <= 1000) return static_cast<size_t>(v);
    }
    struct winsize ws {};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

std::string wrapText(const std::string& text, size_t width) {
    if (width < 10) width = 10;
    std::string out;
    std::istringstream lines(text);
    std::string paragraph;
    bool firstLine = true;
    while (std::getline(lines, paragraph)) {
        if (!firstLine) out += '\n';
        firstLine = false;
        std::istringstream words(paragraph);
        std::string word;
        size_t col = 0;
        while (words >> word) {
            if (col > 0 && col + 1 + word.size() > width) {
                out += '\n';
                col = 0;
            } else if (col > 0) {
                out += ' ';
                ++col;
            }
            out += word;
            col += word.size();
        }
    }
    return out;
}

namespace {
// Room left for a description after the name column (never too narrow to read).
size_t descriptionWidth(size_t width, size_t column) { return width > column + 20 ? width - column - 1 : 20; }
}  // namespace

std::string WrappingFormatter::make_option_desc(const CLI::Option* opt) const {
    return wrapText(CLI::Formatter::make_option_desc(opt), descriptionWidth(width_, get_column_width()));
}

std::string WrappingFormatter::make_subcommand(const CLI::App* sub) const {
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true),
                             wrapText(sub->get_description(), descriptionWidth(width_, get_column_width())),
                             get_column_width());
    return out.str();
}

std::string WrappingFormatter::make_description(const CLI::App* app) const {
    std::string desc = CLI::Formatter::make_description(app);
    if (desc.empty()) return desc;
    const bool newline = desc.back() == '\n';
    std::string wrapped = wrapText(desc, width_ > 1 ? width_ - 1 : width_);
    return newline ? wrapped + "\n" : wrapped;
}

}  // namespace fluxi::cli
