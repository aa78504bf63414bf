// A CSV tokenizer (RFC 4180: quoted fields, "" inside quotes, CRLF or LF, a leading UTF-8 BOM) that
// yields one record at a time with the line it starts on, skipping blank lines. Shared by the
// annotated CSV reader (format/annotated_csv_reader.h) and the extended annotated CSV of
// `fluxi write` (store/extended_csv.h).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "format/annotated_csv_reader.h"

namespace fluxi {

struct CsvRecord {
    size_t line = 0;
    std::vector<std::string_view> fields;  // valid until the next call to CsvTokenizer::next
};

class CsvTokenizer {
public:
    explicit CsvTokenizer(std::string_view text) : s_(text) {
        if (s_.size() >= 3 && static_cast<unsigned char>(s_[0]) == 0xEF &&
            static_cast<unsigned char>(s_[1]) == 0xBB && static_cast<unsigned char>(s_[2]) == 0xBF)
            pos_ = 3;
    }

    // Reads the next record, skipping blank lines. False at the end of the text.
    bool next(CsvRecord& rec) {
        skipBlankLines();
        if (pos_ >= s_.size()) return false;
        rec.fields.clear();
        rec.line = line_;
        scratchUsed_ = 0;
        for (;;) {
            rec.fields.push_back(field());
            if (pos_ >= s_.size()) break;
            char c = s_[pos_];
            if (c == ',') {
                pos_++;
                continue;
            }
            // field() stops only at ',', '\n' or the end
            pos_++;
            line_++;
            break;
        }
        return true;
    }

private:
    void skipBlankLines() {
        while (pos_ < s_.size()) {
            size_t p = pos_;
            while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\r')) p++;
            if (p < s_.size() && s_[p] != '\n') return;
            pos_ = p < s_.size() ? p + 1 : p;
            if (p < s_.size()) line_++;
        }
    }

    std::string& scratch() {
        if (scratchUsed_ == scratch_.size()) scratch_.emplace_back();
        std::string& b = scratch_[scratchUsed_++];
        b.clear();
        return b;
    }

    std::string_view field() {
        if (pos_ < s_.size() && s_[pos_] == '"') return quoted();
        size_t start = pos_;
        while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n') pos_++;
        size_t end = pos_;
        if (end > start && pos_ < s_.size() && s_[pos_] == '\n' && s_[end - 1] == '\r') end--;
        return s_.substr(start, end - start);
    }

    std::string_view quoted() {
        size_t startLine = line_;
        pos_++;  // opening quote
        size_t start = pos_;
        bool copy = false;
        size_t end;
        for (;;) {
            if (pos_ >= s_.size())
                throw CsvError(startLine, "", "quoted field is not closed (missing closing \")");
            char c = s_[pos_];
            if (c == '"') {
                if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
                    copy = true;
                    pos_ += 2;
                    continue;
                }
                end = pos_;
                pos_++;
                break;
            }
            if (c == '\n') {
                line_++;
                if (pos_ > start && s_[pos_ - 1] == '\r') copy = true;
            }
            pos_++;
        }
        if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n') {
            bool crlf = s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n';
            if (crlf) {
                pos_++;
            } else {
                throw CsvError(line_, "",
                               std::string("unexpected character '") + s_[pos_] +
                                   "' after the closing quote of a quoted field (write a quote inside a "
                                   "quoted field as \"\")");
            }
        }
        std::string_view raw = s_.substr(start, end - start);
        if (!copy) return raw;
        std::string& b = scratch();
        for (size_t i = 0; i < raw.size(); i++) {
            char c = raw[i];
            if (c == '"') i++;  // "" -> "
            else if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')
                continue;  // CRLF inside a field -> LF
            b.push_back(c);
        }
        return b;
    }

    std::string_view s_;
    size_t pos_ = 0;
    size_t line_ = 1;
    std::deque<std::string> scratch_;  // deque: growing it never moves the strings views point into
    size_t scratchUsed_ = 0;
};

}  // namespace fluxi
