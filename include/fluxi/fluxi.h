// fluxi embedding API: evaluate Flux from a C++ program. The installed headers (include/fluxi/)
// include nothing of fluxi's internals; link with the `fluxi` library (CMake: find_package(fluxi),
// target fluxi::fluxi; pkg-config: fluxi).
//
//     fluxi::Engine engine;
//     engine.setNow("2024-01-01T00:00:00Z");
//     engine.registerBuiltin("myapp", "double", "v", [](fluxi::CallContext&, const fluxi::Args& a) {
//         return fluxi::Value::integer(a.get("v")->asInt() * 2);
//     });
//     fluxi::RunResult r = engine.run("import \"myapp\"\nmyapp.double(v: 21)");
//     if (!r.ok) std::cerr << r.error;
//     else std::cout << fluxi::formatValue(r.values[0]);   // 42
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluxi/composite_values.h"
#include "fluxi/error_code.h"
#include "fluxi/host_function.h"
#include "fluxi/result.h"
#include "fluxi/value.h"
#include "fluxi/version.h"

namespace fluxi {

class SecretStore;  // eval/secrets.h (fluxi's own code: tasks share one)
namespace store {
class Store;  // store/store.h (fluxi's own code: a server shares one)
}

struct RunResult {
    bool ok = false;
    std::string error;                 // formatted diagnostics when !ok (file:line:col: error: ...)
    ErrorCode code = ErrorCode::OK;    // the kind of error when !ok (Invalid for syntax errors; fluxi/error_code.h)
    std::vector<Value> values;         // value of each top-level expression statement, in order
    std::vector<NamedResult> results;  // yield()s and top-level stream expressions, with their tables()
    size_t pointsWritten = 0;          // points to() wrote to the store (applied only when ok)
    // Side-effecting HTTP requests the run made (POST, PUT, ...: notifications), in order, as
    // "POST http://host/path -> 200" (URL without query or credentials) or, under
    // --no-side-effects, "POST http://host/path (not sent)". Kept when the run fails too: what was
    // sent before a failure is not undone.
    std::vector<std::string> sideEffects;
};

struct CheckResult {
    bool ok = false;
    std::string error;  // formatted diagnostics when !ok
};

class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Fix `now()` (ns since the epoch, or RFC3339). Without it, now() is the wall clock at run start.
    void setNow(int64_t nanosSinceEpoch);
    bool setNow(std::string_view rfc3339);  // false when the text is not a valid time
    // Open (creating if needed) the embedded store in `dir`, for from()/to()/buckets().
    void setDataDir(std::string dir);
    // Use this already open store for from()/to()/buckets() (a server shares one store between the
    // engines of its requests); it takes precedence over setDataDir.
    void setStore(std::shared_ptr<store::Store> store);
    // Asked whether the run is abandoned (a server whose time limit for the request passed). For now
    // it is asked only once, right before the run applies what to() staged: when it returns true the
    // run fails with ErrorCode::Canceled and writes nothing; when false the writes are applied, so
    // the caller can decide atomically between "committed" and "abandoned". (Checks inside long
    // loops come with the evaluator's cancellation, issue 10.)
    void setCancelCheck(std::function<bool()> cancelled);
    // Add a builtin to a package (created if new) for the scripts this engine runs.
    void registerBuiltin(std::string package, std::string name, std::string signature,
                         std::function<Value(CallContext&, const Args&)> fn);
    // Set a Flux option before running, e.g. setOption("task", record).
    void setOption(std::string package, std::string name, Value v);
    // Refuse, in run(), a script that does not type-check, before anything runs (off by default: the
    // types of builtins registered here are not known to the checker).
    void setTypeCheck(bool on);
    // Secrets for secrets.get (eval/secrets.h): one value, or a file of KEY=VALUE lines (false with
    // `error` set when the file cannot be read or has a malformed line). Keys set neither way are
    // looked up in the environment as FLUXI_SECRET_<KEY>.
    void setSecret(std::string key, std::string value);
    bool setSecretsFile(const std::string& path, std::string* error = nullptr);
    // Share a store already loaded (e.g. once for many task runs).
    void setSecretStore(std::shared_ptr<const SecretStore> secrets);

    // Limits for each run (0 = none, the default): memory charged by the tables, strings and arrays
    // a run builds, and wall time from the start of run() (parsing included) until its results are
    // drained. A run over a limit fails with ErrorCode::ResourceExhausted ("memory limit of 512 MiB
    // exceeded while building a table in window()") or DeadlineExceeded ("time limit of 10s exceeded").
    struct Limits {
        uint64_t maxMemoryBytes = 0;
        std::chrono::nanoseconds timeout{0};
    };
    void setLimits(Limits limits);
    // Stops the run in progress (from any thread; thread-safe): it fails soon after with
    // ErrorCode::Canceled, "the run was canceled". Does nothing when no run is in progress.
    void cancel();
    // The most memory the last run had charged against its budget at one time (tables, strings,
    // arrays, records, dictionaries and kernels' scratch buffers), in bytes; 0 before any run.
    uint64_t lastRunPeakMemory() const;

    // Parse and evaluate one script. Its results are read into memory (RunResult::results, each
    // result's tables()) and stay valid after the call.
    RunResult run(std::string_view source, std::string_view fileName = "<script>");

    // Receives a run's results table by table, as the run produces them: the result's name
    // ("_result", or yield(name:)'s) and one table. Return false to stop the run: it then fails
    // with ErrorCode::Canceled and nothing it staged for the store is written.
    using TableSink = std::function<bool(const std::string& result, const TableView& table)>;
    // Like run(), but nothing is collected: each table goes to `sink` as soon as it is made and is
    // dropped afterwards (unless the sink keeps its TableView), so a run streaming more data than
    // its memory limit works. RunResult::results stays empty; top-level values that are streams
    // are delivered as results and appear in RunResult::values as null.
    RunResult run(std::string_view source, std::string_view fileName, const TableSink& sink);

    // Check a script without running it: syntax, names (imports, package members, the builtins
    // registered here) and types (static inference against the stdlib's declared types; members of
    // packages registered with registerBuiltin have no declared type and are not type-checked).
    CheckResult check(std::string_view source, std::string_view fileName = "<script>");

    struct Impl;

private:
    RunResult runScript(std::string_view source, std::string_view fileName, const TableSink* sink);
    std::unique_ptr<Impl> impl_;
};

// Flux literal syntax for a value: 1, 1.5, "a", 1h, 2024-01-01T00:00:00Z, [1, 2], {a: 1}, ["k": v].
std::string formatValue(const Value& v);

}  // namespace fluxi
