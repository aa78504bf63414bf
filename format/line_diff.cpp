// Unified line diff (see format/line_diff.h): the longest common subsequence of lines, found with
// Myers' O((N+M)D) algorithm, then grouped into hunks.
#include "format/line_diff.h"

#include <algorithm>
#include <vector>

namespace fluxi::format {

namespace {

std::vector<std::string> splitLines(const std::string& s) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < s.size()) {
        size_t nl = s.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(s.substr(start));
            break;
        }
        lines.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

enum class Op { Keep, Remove, Add };

// Edit script turning a into b (Myers, with the trace of each round kept to walk back).
std::vector<std::pair<Op, size_t>> editScript(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
    const long max = n + m;
    std::vector<long> v(static_cast<size_t>(2 * max + 2), 0);
    std::vector<std::vector<long>> trace;
    const long offset = max + 1;
    long dFound = 0;
    for (long d = 0; d <= max; ++d) {
        trace.push_back(v);
        bool done = false;
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d || (k != d && v[static_cast<size_t>(offset + k - 1)] < v[static_cast<size_t>(offset + k + 1)]))
                x = v[static_cast<size_t>(offset + k + 1)];
            else
                x = v[static_cast<size_t>(offset + k - 1)] + 1;
            long y = x - k;
            while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) ++x, ++y;
            v[static_cast<size_t>(offset + k)] = x;
            if (x >= n && y >= m) {
                done = true;
                break;
            }
        }
        if (done) {
            dFound = d;
            break;
        }
    }
    std::vector<std::pair<Op, size_t>> script;
    long x = n, y = m;
    for (long d = dFound; d > 0; --d) {
        const std::vector<long>& pv = trace[static_cast<size_t>(d)];
        const long k = x - y;
        long prevK;
        if (k == -d || (k != d && pv[static_cast<size_t>(offset + k - 1)] < pv[static_cast<size_t>(offset + k + 1)]))
            prevK = k + 1;
        else
            prevK = k - 1;
        const long prevX = pv[static_cast<size_t>(offset + prevK)];
        const long prevY = prevX - prevK;
        while (x > prevX && y > prevY) script.push_back({Op::Keep, static_cast<size_t>(--x)}), --y;
        if (x == prevX)
            script.push_back({Op::Add, static_cast<size_t>(--y)});
        else
            script.push_back({Op::Remove, static_cast<size_t>(--x)});
    }
    while (x > 0 && y > 0) script.push_back({Op::Keep, static_cast<size_t>(--x)}), --y;
    std::reverse(script.begin(), script.end());
    return script;
}

}  // namespace

std::string unifiedDiff(const std::string& before, const std::string& after, const std::string& oldName,
                        const std::string& newName, size_t context) {
    if (before == after) return "";
    const std::vector<std::string> a = splitLines(before), b = splitLines(after);
    const auto script = editScript(a, b);
    // Line numbers in a and b at each step.
    struct Step {
        Op op;
        size_t ai, bi;  // position in a and b before this step
    };
    std::vector<Step> steps;
    size_t ai = 0, bi = 0;
    for (const auto& [op, idx] : script) {
        (void)idx;
        steps.push_back({op, ai, bi});
        if (op != Op::Add) ++ai;
        if (op != Op::Remove) ++bi;
    }
    std::string out = "--- " + oldName + "\n+++ " + newName + "\n";
    size_t i = 0;
    while (i < steps.size()) {
        while (i < steps.size() && steps[i].op == Op::Keep) ++i;
        if (i == steps.size()) break;
        size_t start = i >= context ? i - context : 0;
        // Extend the hunk while changes are within 2*context lines of each other.
        size_t end = i;
        for (size_t j = i; j < steps.size(); ++j) {
            if (steps[j].op != Op::Keep) end = j;
            else if (j - end > 2 * context) break;
        }
        size_t stop = std::min(steps.size(), end + context + 1);
        size_t aCount = 0, bCount = 0;
        for (size_t j = start; j < stop; ++j) {
            if (steps[j].op != Op::Add) ++aCount;
            if (steps[j].op != Op::Remove) ++bCount;
        }
        out += "@@ -" + std::to_string(steps[start].ai + (aCount ? 1 : 0)) + "," + std::to_string(aCount) + " +" +
               std::to_string(steps[start].bi + (bCount ? 1 : 0)) + "," + std::to_string(bCount) + " @@\n";
        for (size_t j = start; j < stop; ++j) {
            const Step& s = steps[j];
            if (s.op == Op::Keep) out += " " + a[s.ai] + "\n";
            else if (s.op == Op::Remove) out += "-" + a[s.ai] + "\n";
            else out += "+" + b[s.bi] + "\n";
        }
        i = stop;
    }
    return out;
}

}  // namespace fluxi::format
