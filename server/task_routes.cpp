// Read-only task API over the tasks `fluxi serve --tasks DIR` schedules and the store's run log:
// GET /api/v2/tasks, /api/v2/tasks/{id}, /api/v2/tasks/{id}/runs, /api/v2/tasks/{id}/runs/{runID},
// /api/v2/tasks/{id}/runs/{runID}/logs, in InfluxDB 2's JSON shapes. A task's id is a hash of its
// name (16 hex digits), a run's id its run-log id in 16 hex digits. The log of a run is what the run
// log holds: its start and its end (status, error, points written).
#include <httplib.h>

#include <charconv>
#include <cstdio>

#include "eval/time.h"
#include "format/json_writer.h"
#include "server/context.h"
#include "server/http_errors.h"
#include "server/routes.h"
#include "store/store.h"

namespace fluxi::server {

namespace {

constexpr const char* kOrgId = "0000000000000001";

std::string hex16(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string taskId(const std::string& name) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : name) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return hex16(h);
}

const task::TaskDefinition* findTask(const ServerContext& ctx, const std::string& id) {
    for (const task::TaskDefinition& t : ctx.tasks)
        if (taskId(t.options.name) == id) return &t;
    return nullptr;
}

std::string time(int64_t ns) { return ns == 0 ? "" : formatTime(ns); }

void appendTaskJson(std::string& out, const task::TaskDefinition& t, const std::vector<store::RunRecord>& latest) {
    const std::string id = taskId(t.options.name);
    out += "{\"id\":\"" + id + "\",\"orgID\":\"" + kOrgId + "\",\"org\":\"fluxi\",\"name\":";
    appendJsonString(out, t.options.name);
    out += ",\"status\":\"active\",\"flux\":";
    appendJsonString(out, t.source);
    if (t.options.every) out += ",\"every\":\"" + formatDuration(Duration{0, *t.options.every}) + "\"";
    if (t.options.offset) out += ",\"offset\":\"" + formatDuration(Duration{0, t.options.offset}) + "\"";
    if (!latest.empty()) {
        out += ",\"latestCompleted\":\"" + time(latest.front().scheduledFor) + "\",\"lastRunStatus\":";
        appendJsonString(out, latest.front().status);
        if (!latest.front().error.empty()) {
            out += ",\"lastRunError\":";
            appendJsonString(out, latest.front().error);
        }
    }
    out += ",\"links\":{\"self\":\"/api/v2/tasks/" + id + "\",\"runs\":\"/api/v2/tasks/" + id + "/runs\"}}";
}

void appendRunJson(std::string& out, const std::string& taskIdText, const store::RunRecord& r) {
    const std::string id = hex16(static_cast<uint64_t>(r.id));
    out += "{\"id\":\"" + id + "\",\"taskID\":\"" + taskIdText + "\",\"status\":";
    appendJsonString(out, r.status);
    out += ",\"scheduledFor\":\"" + time(r.scheduledFor) + "\",\"startedAt\":\"" + time(r.startedAt) + "\"";
    if (r.finishedAt) out += ",\"finishedAt\":\"" + time(r.finishedAt) + "\"";
    out += ",\"links\":{\"self\":\"/api/v2/tasks/" + taskIdText + "/runs/" + id + "\",\"logs\":\"/api/v2/tasks/" +
           taskIdText + "/runs/" + id + "/logs\"}}";
}

std::optional<store::RunRecord> findRun(ServerContext& ctx, const task::TaskDefinition& t, const std::string& runId) {
    uint64_t id = 0;
    if (std::from_chars(runId.data(), runId.data() + runId.size(), id, 16).ec != std::errc()) return std::nullopt;
    for (const store::RunRecord& r : ctx.store->listRuns(t.options.name, 0))
        if (static_cast<uint64_t>(r.id) == id) return r;
    return std::nullopt;
}

const task::TaskDefinition* taskOr404(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const task::TaskDefinition* t = findTask(ctx, req.matches[1].str());
    if (!t) sendError(res, kNotFound, "task not found");
    return t;
}

void guarded(httplib::Response& res, const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        sendError(res, kInternal, std::string("cannot read the run log: ") + e.what());
    }
}

}  // namespace

void addTaskRoutes(httplib::Server& http, ServerContext& ctx) {
    const char* json = "application/json; charset=utf-8";
    http.Get("/api/v2/tasks", [&ctx, json](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            const std::string name = req.get_param_value("name");
            std::string out = "{\"links\":{\"self\":\"/api/v2/tasks\"},\"tasks\":[";
            bool first = true;
            for (const task::TaskDefinition& t : ctx.tasks) {
                if (!name.empty() && t.options.name != name) continue;
                if (!first) out += ",";
                first = false;
                appendTaskJson(out, t, ctx.store->listRuns(t.options.name, 1));
            }
            out += "]}";
            res.set_content(out, json);
        });
    });
    http.Get(R"(/api/v2/tasks/([0-9a-f]+))", [&ctx, json](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            if (const task::TaskDefinition* t = taskOr404(ctx, req, res)) {
                std::string out;
                appendTaskJson(out, *t, ctx.store->listRuns(t->options.name, 1));
                res.set_content(out, json);
            }
        });
    });
    http.Get(R"(/api/v2/tasks/([0-9a-f]+)/runs)", [&ctx, json](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            const task::TaskDefinition* t = taskOr404(ctx, req, res);
            if (!t) return;
            size_t limit = 100;
            std::string l = req.get_param_value("limit");
            if (!l.empty() && std::from_chars(l.data(), l.data() + l.size(), limit).ec != std::errc()) {
                sendError(res, kInvalid, "limit must be a number");
                return;
            }
            const std::string id = taskId(t->options.name);
            std::string out = "{\"links\":{\"self\":\"/api/v2/tasks/" + id + "/runs\"},\"runs\":[";
            bool first = true;
            for (const store::RunRecord& r : ctx.store->listRuns(t->options.name, limit)) {
                if (!first) out += ",";
                first = false;
                appendRunJson(out, id, r);
            }
            out += "]}";
            res.set_content(out, json);
        });
    });
    http.Get(R"(/api/v2/tasks/([0-9a-f]+)/runs/([0-9a-f]+))",
             [&ctx, json](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] {
                     const task::TaskDefinition* t = taskOr404(ctx, req, res);
                     if (!t) return;
                     std::optional<store::RunRecord> r = findRun(ctx, *t, req.matches[2].str());
                     if (!r) return sendError(res, kNotFound, "run not found");
                     std::string out;
                     appendRunJson(out, taskId(t->options.name), *r);
                     res.set_content(out, json);
                 });
             });
    http.Get(R"(/api/v2/tasks/([0-9a-f]+)/runs/([0-9a-f]+)/logs)",
             [&ctx, json](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] {
                     const task::TaskDefinition* t = taskOr404(ctx, req, res);
                     if (!t) return;
                     std::optional<store::RunRecord> r = findRun(ctx, *t, req.matches[2].str());
                     if (!r) return sendError(res, kNotFound, "run not found");
                     const std::string runId = hex16(static_cast<uint64_t>(r->id));
                     std::string out = "{\"events\":[{\"runID\":\"" + runId + "\",\"time\":\"" + time(r->startedAt) +
                                       "\",\"message\":\"Started task from script\"}";
                     if (r->finishedAt) {
                         std::string msg = "Completed(" + r->status + ")";
                         if (!r->error.empty()) msg += ": " + r->error;
                         else msg += ": " + std::to_string(r->rowsWritten) + " points written";
                         out += ",{\"runID\":\"" + runId + "\",\"time\":\"" + time(r->finishedAt) + "\",\"message\":";
                         appendJsonString(out, msg);
                         out += "}";
                     }
                     out += "]}";
                     res.set_content(out, json);
                 });
             });
}

}  // namespace fluxi::server
