// The embedding API (include/fluxi/fluxi.h) together with the internal headers of the types it hands
// out (values, tables, streams, builtins, executions), for fluxi's own code: the CLI, the server,
// the task runner and the tests read results' streams and tables directly. Embedders include
// "fluxi/fluxi.h" only.
#pragma once

#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/stream.h"
#include "eval/table.h"
#include "eval/value.h"
#include "fluxi/fluxi.h"
