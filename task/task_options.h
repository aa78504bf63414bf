// The `option task = {...}` record of a task script: finding it, evaluating it without running the
// query, and validating it.
//
//     option task = {name: "downsample", every: 1h, offset: 5m, concurrency: 1, retry: 2}
//
//   name         string, required, not empty
//   every        duration: run at every multiple of it since the epoch (at least 1s, whole
//                seconds, no months or years)          } exactly one of the two
//   cron         string: a cron expression (task/cron.h) }
//   offset       duration >= 0: delay each execution past its scheduled time (now() stays the
//                scheduled time); default 0
//   concurrency  int 1..100: runs of this task at once; default 1
//   retry        int 0..10: how many times a failed run is tried again; default 0
// Any other field is an error. Every error names the file, line and column of the option statement
// (or of the offending field when the record is written literally).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "ast/ast.h"
#include "eval/value.h"
#include "task/cron.h"

namespace fluxi::task {

// A task script that cannot be used as a task: the message is complete
// ("FILE:LINE:COL: error: option task: ...", or the script's syntax errors).
// `loc` and `detail` give the position and the bare message (for `fluxi check`, which formats
// diagnostics itself); loc.line is 0 when the problem has no position in the script.
class TaskOptionError : public std::runtime_error {
public:
    explicit TaskOptionError(const std::string& full, ast::SourceLoc loc = {}, std::string detail = {})
        : std::runtime_error(full), loc(loc), detail(detail.empty() ? full : std::move(detail)) {}
    ast::SourceLoc loc;
    std::string detail;
};

struct TaskOptions {
    std::string name;
    std::optional<int64_t> every;  // ns; set when the task runs on `every`
    std::optional<CronExpr> cron;  // set when the task runs on `cron`
    int64_t offset = 0;            // ns
    int64_t concurrency = 1;
    int64_t retry = 0;
};

// Where the option statement is, to position messages.
struct OptionSite {
    std::string file;
    ast::SourceLoc statement;                      // the `option` keyword
    std::map<std::string, ast::SourceLoc> fields;  // each field of a literal record, when known
};

// Validates the value of `option task`. Throws TaskOptionError.
TaskOptions taskOptionsFromValue(const Value& v, const OptionSite& site);

// Parses a task script and reads its `option task` by evaluating only the option statement, the
// earlier assignments and options whose right-hand side calls nothing, and the imports these
// mention (so the query and any side effect do not run, and packages only the query uses are not
// loaded). Throws TaskOptionError for syntax errors, a missing or
// repeated `option task`, an evaluation error in it, or an invalid value.
TaskOptions readTaskOptions(const std::string& source, const std::string& fileName);

// Whether a parsed script sets `option task` (then `fluxi check` validates it with readTaskOptions,
// the same rules `fluxi task` applies).
bool hasTaskOption(const ast::File& file);

}  // namespace fluxi::task
