// Fuzz target "line_protocol": the line protocol parser (store/line_protocol.h) on any bytes, whole
// and in the streamed pieces `fluxi write` uses. Malformed input must be a LineProtocolError with a
// line and column inside the input; both ways must stage the same points.
#include <algorithm>
#include <string>

#include "fuzz/fuzz_target.h"
#include "store/line_protocol.h"

namespace {

using namespace fluxi::store;

void checkError(const LineProtocolError& e, std::string_view text) {
    const size_t lines = 1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    fluxi::fuzz::require(e.line() >= 1 && e.line() <= lines, "line protocol error on a line outside the input");
    fluxi::fuzz::require(e.column() >= 1, "line protocol error without a column");
    fluxi::fuzz::require(!e.message().empty(), "line protocol error without a message");
}

}  // namespace

FLUXI_FUZZ_TARGET("line_protocol") {
    if (size == 0) return;
    // The first byte picks the precision; the rest is the text.
    const Precision precisions[] = {Precision::ns, Precision::us, Precision::ms, Precision::s};
    const Precision precision = precisions[data[0] % 4];
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const int64_t defaultTime = 1700000000000000000;

    WriteBatch whole;
    size_t wholePoints = 0;
    bool wholeOk = true;
    try {
        wholePoints = parseLineProtocol(text, "fuzz", precision, defaultTime, whole).points;
    } catch (const LineProtocolError& e) {
        checkError(e, text);
        wholeOk = false;
    }

    // Streamed: complete lines only, a few points at a time, as `fluxi write` reads a large input.
    if (text.empty() || text.back() != '\n') text.push_back('\n');
    WriteBatch pieces;
    size_t piecesPoints = 0, offset = 0, line = 1;
    bool piecesOk = true;
    try {
        while (offset < text.size()) {
            LineProtocolChunk chunk = parseLineProtocolChunk(std::string_view(text).substr(offset), "fuzz", precision,
                                                             defaultTime, pieces, line, 2);
            if (chunk.consumed == 0) {
                // An unterminated string at the very end: the whole parser reports it (as `fluxi write` does).
                fluxi::fuzz::require(chunk.stats.lines == 0, "a chunk that stages points but consumes nothing");
                piecesPoints += parseLineProtocol(std::string_view(text).substr(offset), "fuzz", precision, defaultTime,
                                                  pieces, line).points;
                break;
            }
            offset += chunk.consumed;
            line = chunk.nextLine;
            piecesPoints += chunk.stats.points;
        }
    } catch (const LineProtocolError& e) {
        checkError(e, text);
        piecesOk = false;
    }
    fluxi::fuzz::require(wholeOk == piecesOk, "whole and streamed parsing disagree on whether the input is valid");
    if (wholeOk) fluxi::fuzz::require(wholePoints == piecesPoints, "whole and streamed parsing stage other points");
}
