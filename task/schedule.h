// When a task runs. Its scheduled times are, for `every: D`, the multiples of D since the Unix epoch
// (every: 1h -> the top of each hour, every: 1d -> midnight UTC, every: 1w -> Thursdays 00:00 UTC,
// since 1970-01-01 was a Thursday), and for `cron` the cron fire times (UTC).
//
// As in InfluxDB, `offset` delays the execution but not the time range: the run scheduled at S
// executes at S + offset on the wall clock with now() = S, so `range(start: -task.every)` still
// reads [S - every, S) -- the interval that just ended -- while late data has had `offset` to arrive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "task/cron.h"
#include "task/task_options.h"

namespace fluxi::task {

class Schedule {
public:
    explicit Schedule(const TaskOptions& o);

    // The first scheduled time strictly after t. Throws CronError when there is none (times past
    // 2262, or a cron expression that never fires again).
    int64_t nextAfter(int64_t t) const;
    // The first scheduled time at or after t.
    int64_t firstAtOrAfter(int64_t t) const { return nextAfter(t - 1); }
    bool isScheduled(int64_t t) const;
    // The scheduled times in [start, stop), in order. Throws std::length_error when there would be
    // more than `limit`.
    std::vector<int64_t> between(int64_t start, int64_t stop, size_t limit) const;

    int64_t offset() const { return offset_; }
    // Wall-clock time at which the run scheduled at `scheduled` starts.
    int64_t executionTime(int64_t scheduled) const { return scheduled + offset_; }
    // The first scheduled time whose execution time is at or after wall-clock time t.
    int64_t firstExecutableAtOrAfter(int64_t t) const { return firstAtOrAfter(t - offset_); }

    // "every 1h", "cron \"0 * * * *\"", followed by ", offset 10m" when there is one.
    std::string describe() const;

private:
    std::optional<int64_t> every_;
    std::optional<CronExpr> cron_;
    int64_t offset_ = 0;
};

}  // namespace fluxi::task
