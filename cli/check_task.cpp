// The `task` pass of `fluxi check`: a script that sets `option task` must be a valid task -- the
// same validation `fluxi task run` applies (task/task_options: name, exactly one of every/cron, a
// valid cron expression, durations, concurrency and retry ranges).
#include "cli/check_passes.h"
#include "task/task_options.h"

namespace fluxi::cli {
namespace {

void checkTask(const ast::File& file, std::vector<SyntaxError>& diagnostics) {
    if (!task::hasTaskOption(file)) return;
    try {
        task::readTaskOptions(file.source, file.name);
    } catch (const task::TaskOptionError& e) {
        diagnostics.push_back({e.loc.line ? e.loc : ast::SourceLoc{1, 1}, e.detail});
    }
}

const bool registered = (addCheckPass("task", checkTask), true);

}  // namespace
}  // namespace fluxi::cli
