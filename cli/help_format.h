// Help text that fits the terminal: a CLI11 formatter that wraps option and command descriptions
// (and the program description) at word boundaries to the terminal's width ($COLUMNS or the width
// of standard output; 80 when it is not a terminal), continuing under the description column.
#pragma once

#include <CLI/CLI.hpp>

namespace fluxi::cli {

class WrappingFormatter : public CLI::Formatter {
public:
    explicit WrappingFormatter(size_t width) : width_(width) {}

    std::string make_option_desc(const CLI::Option* opt) const override;
    std::string make_subcommand(const CLI::App* sub) const override;
    std::string make_description(const CLI::App* app) const override;

private:
    size_t width_;
};

// Width of the terminal standard output writes to, $COLUMNS when set, else 80.
size_t terminalWidth();

// `text` broken into lines of at most `width` characters at spaces (a longer word gets a line of
// its own); existing line breaks are kept.
std::string wrapText(const std::string& text, size_t width);

}  // namespace fluxi::cli
