// The embedding API (include/fluxi/fluxi.h): parse, resolve and evaluate a script, then drain its
// results into memory so they outlive the run (or hand them table by table to the embedder's sink),
// and apply staged writes only when all succeeded.
#include <chrono>
#include <mutex>

#include "eval/interpreter.h"
#include "eval/limits.h"
#include "eval/secrets.h"
#include "eval/time.h"
#include "api/engine.h"
#include "net/outbound_policy.h"
#include "net/sensitive.h"
#include "parser/parser.h"
#include "stdlib/profiler/query_profile.h"
#include "store/data_dir.h"
#include "store/store.h"
#include "types/check.h"

namespace fluxi {

struct Engine::Impl {
    std::optional<int64_t> now;
    std::string dataDir;
    std::shared_ptr<store::Store> store;
    std::function<bool()> cancelled;
    std::vector<std::pair<std::string, Ref<BuiltinFunction>>> hostBuiltins;
    std::vector<std::tuple<std::string, std::string, Value>> options;
    bool typeCheck = false;
    RunLimits limits;
    // The cancellation flag of the run in progress (null between runs); cancel() may come from any
    // thread.
    std::mutex cancelMutex;
    std::shared_ptr<CancelFlag> running;
    std::shared_ptr<const SecretStore> secrets;
    Ref<RunBudget> lastBudget;  // of the last run (its peak stays readable)
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

void Engine::setNow(int64_t nanosSinceEpoch) { impl_->now = nanosSinceEpoch; }
void Engine::setTypeCheck(bool on) { impl_->typeCheck = on; }
void Engine::setLimits(Limits limits) {
    impl_->limits.maxMemoryBytes = limits.maxMemoryBytes;
    impl_->limits.timeout = limits.timeout;
}

uint64_t Engine::lastRunPeakMemory() const {
    return impl_->lastBudget ? static_cast<uint64_t>(impl_->lastBudget->peak()) : 0;
}

void Engine::cancel() {
    std::lock_guard<std::mutex> lock(impl_->cancelMutex);
    if (impl_->running) impl_->running->cancel();
}

bool Engine::setNow(std::string_view rfc3339) {
    int64_t t = 0;
    if (!tryParseTime(rfc3339, t)) return false;
    impl_->now = t;
    return true;
}

void Engine::setSecret(std::string key, std::string value) {
    auto copy = impl_->secrets ? std::make_shared<SecretStore>(*impl_->secrets) : std::make_shared<SecretStore>();
    copy->set(std::move(key), std::move(value));
    impl_->secrets = std::move(copy);
}

void Engine::setSecretStore(std::shared_ptr<const SecretStore> secrets) { impl_->secrets = std::move(secrets); }

bool Engine::setSecretsFile(const std::string& path, std::string* error) {
    auto loaded = impl_->secrets ? std::make_shared<SecretStore>(*impl_->secrets) : std::make_shared<SecretStore>();
    try {
        loaded->loadFile(path);
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return false;
    }
    impl_->secrets = std::move(loaded);
    return true;
}

void Engine::setDataDir(std::string dir) { impl_->dataDir = std::move(dir); }
void Engine::setStore(std::shared_ptr<store::Store> store) { impl_->store = std::move(store); }
void Engine::setCancelCheck(std::function<bool()> cancelled) { impl_->cancelled = std::move(cancelled); }

void Engine::registerBuiltin(std::string package, std::string name, std::string signature,
                             std::function<Value(CallContext&, const Args&)> fn) {
    Value v = makeBuiltin(package, name, signature, std::move(fn));
    impl_->hostBuiltins.emplace_back(std::move(package), v.objRef<BuiltinFunction>());
}

void Engine::setOption(std::string package, std::string name, Value v) {
    impl_->options.emplace_back(std::move(package), std::move(name), std::move(v));
}

namespace {

std::string formatSyntaxErrors(const ParseResult& p, const std::string& fileName, const std::string& source) {
    std::string out;
    for (auto& e : p.errors) out += formatDiagnostic(fileName, source, e.loc, e.message);
    return out;
}

}  // namespace

CheckResult Engine::check(std::string_view sourceView, std::string_view fileNameView) {
    CheckResult res;
    std::string source(sourceView), fileName(fileNameView);
    ParseResult parsed = parseFlux(source, fileName);
    if (!parsed.ok()) {
        res.error = formatSyntaxErrors(parsed, fileName, source);
        return res;
    }
    Execution exec;
    Interpreter interp(exec);
    for (auto& [pkg, fn] : impl_->hostBuiltins) interp.addHostBuiltin(pkg, fn);
    for (auto& p : interp.check(*parsed.file)) res.error += formatDiagnostic(fileName, source, p.loc, p.message);
    if (!res.error.empty()) return res;
    res.error = types::formatTypeErrors(*parsed.file);
    res.ok = res.error.empty();
    return res;
}

RunResult Engine::run(std::string_view source, std::string_view fileName) { return runScript(source, fileName, nullptr); }

RunResult Engine::run(std::string_view source, std::string_view fileName, const TableSink& sink) {
    return runScript(source, fileName, &sink);
}

RunResult Engine::runScript(std::string_view sourceView, std::string_view fileNameView, const TableSink* sink) {
    RunResult res;
    using Clock = std::chrono::steady_clock;
    const Clock::time_point started = Clock::now();
    // The limits hold from here (parsing included) until the results are drained.
    auto cancelFlag = std::make_shared<CancelFlag>();
    {
        std::lock_guard<std::mutex> lock(impl_->cancelMutex);
        impl_->running = cancelFlag;
    }
    struct EndOfRun {
        Impl& impl;
        ~EndOfRun() {
            std::lock_guard<std::mutex> lock(impl.cancelMutex);
            impl.running.reset();
        }
    } endOfRun{*impl_};
    impl_->lastBudget = make<RunBudget>(impl_->limits, cancelFlag);
    limits::RunScope limitScope(impl_->lastBudget);
    std::string source(sourceView), fileName(fileNameView);
    ParseResult parsed;
    try {
        parsed = parseFlux(source, fileName);
    } catch (const LimitExceeded& e) {
        res.error = fileName + ": error: " + e.message() + "\n";
        res.code = e.code();
        return res;
    }
    const Clock::time_point parsedAt = Clock::now();
    if (!parsed.ok()) {
        res.error = formatSyntaxErrors(parsed, fileName, source);
        res.code = ErrorCode::Invalid;
        return res;
    }
    if (impl_->typeCheck) {
        res.error = types::formatTypeErrors(*parsed.file);
        if (!res.error.empty()) {
            res.code = ErrorCode::Invalid;
            return res;
        }
    }
    std::shared_ptr<ast::File> file(std::move(parsed.file));
    Execution exec;
    exec.now = impl_->now;
    exec.dataDir = impl_->dataDir;
    exec.secrets = impl_->secrets;
    const size_t journalMark = net::outboundJournalMark();
    auto noteSideEffects = [&] {
        for (const net::OutboundRecord& r : net::outboundSince(journalMark))
            res.sideEffects.push_back(r.method + " " + r.url +
                                      (!r.sent ? std::string(" (not sent)") : r.status ? " -> " + std::to_string(r.status) : std::string(" (done)")));
    };
    exec.store = impl_->store;
    try {
        Interpreter interp(exec);
        for (auto& [pkg, fn] : impl_->hostBuiltins) interp.addHostBuiltin(pkg, fn);
        for (auto& [pkg, name, v] : impl_->options) interp.setOption(pkg, name, v);
        auto module = interp.newModule(fileName);
        std::vector<Value> values = interp.evalFile(file, module);
        // option profiler.enabledProfilers: the run's statistics (taken once its results are
        // drained) as a last result.
        auto profile = [&] {
            auto ns = [](Clock::duration d) { return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count(); };
            const Clock::time_point done = Clock::now();
            return profilerResult(interp, *file, {ns(done - started), ns(parsedAt - started), ns(done - parsedAt)});
        };
        // Drain every result while the interpreter (which lazy streams call back into) is alive:
        // table by table into the sink, or into memory.
        if (sink) {
            bool stopped = false;
            auto deliver = [&](const NamedResult& r) {
                std::unique_ptr<TableIterator> it = r.stream->open();
                while (!stopped) {
                    TablePtr t = it->next();
                    if (!t) break;
                    stopped = !(*sink)(r.name, TableView(std::move(t)));
                }
            };
            for (auto& r : exec.results)
                if (!stopped) deliver(r);
            if (!stopped)
                if (auto prof = profile()) deliver(*prof);
            if (stopped) {
                res.error = fileName + ": error: the run was stopped by its result callback; nothing was written\n";
                res.code = ErrorCode::Canceled;
                noteSideEffects();
                return res;
            }
            for (auto& v : values) {
                if (v.is(Kind::Stream)) v = Value::null();  // delivered as a result
                res.values.push_back(std::move(v));
            }
        } else {
            std::vector<std::pair<const StreamObj*, StreamRef>> drained;
            auto materialize = [&](const StreamRef& s) {
                for (auto& [orig, m] : drained)
                    if (orig == s.get()) return m;
                StreamRef m = makeMaterializedStream(collect(*s), s->origin);
                drained.emplace_back(s.get(), m);
                return m;
            };
            for (auto& r : exec.results) res.results.push_back({r.name, materialize(r.stream)});
            for (auto& v : values) {
                if (v.is(Kind::Stream)) v = Value::stream(materialize(v.objRef<StreamObj>()));
                res.values.push_back(std::move(v));
            }
            if (auto prof = profile()) res.results.push_back({prof->name, prof->stream});
        }
        // Everything succeeded: apply what to() staged, in one transaction.
        if (exec.writes && !exec.writes->empty()) {
            if (impl_->cancelled && impl_->cancelled()) {
                res.error = fileName + ": error: the run was canceled before its writes were applied; nothing was written\n";
                res.code = ErrorCode::Canceled;
                return res;
            }
            if (!exec.store) exec.store = store::Store::open(store::resolveDataDir(exec.dataDir));
            res.pointsWritten = exec.store->apply(*exec.writes, interp.now()).points;
        }
    } catch (const FluxError& e) {
        res.error = net::redactSensitive(e.format(e.file() == fileName ? &source : nullptr));
        res.code = e.code();
        noteSideEffects();
        return res;
    } catch (const std::bad_alloc&) {
        res.error = fileName + ": error: out of memory: the system refused an allocation\n";
        res.code = ErrorCode::ResourceExhausted;
        noteSideEffects();
        return res;
    } catch (const std::exception& e) {
        res.error = net::redactSensitive(fileName + ": error: " + e.what() + "\n");
        res.code = ErrorCode::Unknown;
        noteSideEffects();
        return res;
    }
    noteSideEffects();
    res.ok = true;
    return res;
}

}  // namespace fluxi
