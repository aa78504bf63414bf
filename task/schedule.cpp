// Scheduled times of a task (see task/schedule.h).
#include "task/schedule.h"

#include <limits>
#include <stdexcept>

#include "eval/time.h"

namespace fluxi::task {

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

}  // namespace

Schedule::Schedule(const TaskOptions& o) : every_(o.every), cron_(o.cron), offset_(o.offset) {
    if (!every_ && !cron_) throw std::invalid_argument("task options without every or cron");
}

int64_t Schedule::nextAfter(int64_t t) const {
    if (every_) {
        __int128 next = (static_cast<__int128>(floorDiv(t, *every_)) + 1) * *every_;
        if (next > std::numeric_limits<int64_t>::max())
            throw CronError("every " + formatDuration(Duration{0, *every_}) +
                            ": the next run would be after 2262-04-11, the last representable time");
        return static_cast<int64_t>(next);
    }
    return cron_->next(t);
}

bool Schedule::isScheduled(int64_t t) const {
    if (every_) return t % *every_ == 0;
    return cron_->matches(t);
}

std::vector<int64_t> Schedule::between(int64_t start, int64_t stop, size_t limit) const {
    std::vector<int64_t> out;
    if (start >= stop) return out;
    for (int64_t t = firstAtOrAfter(start); t < stop; t = nextAfter(t)) {
        if (out.size() == limit)
            throw std::length_error("more than " + std::to_string(limit) + " scheduled runs between " +
                                    formatTime(start) + " and " + formatTime(stop));
        out.push_back(t);
        if (t == std::numeric_limits<int64_t>::max()) break;
    }
    return out;
}

std::string Schedule::describe() const {
    std::string s = every_ ? "every " + formatDuration(Duration{0, *every_}) : "cron \"" + cron_->text() + "\"";
    if (offset_ != 0) s += ", offset " + formatDuration(Duration{0, offset_});
    return s;
}

}  // namespace fluxi::task
