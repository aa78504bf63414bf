// The notification packages (slack, pagerduty, pushbullet, contrib opsgenie, sensu, telegram, teams,
// webexteams, discord, victorops, servicenow, alerta, bigpanda, zenoss) against a local recording
// receiver: each sends exactly the reference's request -- method, path, headers, JSON body (parsed,
// field by field) -- returns the status, and its endpoint() marks rows with _sent (and _status where
// the reference adds it), "false" for a 4xx/5xx answer.
#include <doctest/doctest.h>

#include <string>

#include "format/json_reader.h"
#include "api/engine.h"
#include "tests/support/flux_run.h"
#include "tests/support/http_receiver.h"

using namespace fluxi;
using namespace fluxi::testutil;
using fluxi::test::CannedResponse;
using fluxi::test::HttpReceiver;
using fluxi::test::ReceivedRequest;

namespace {

std::string withBase(std::string src, const std::string& base) {
    for (size_t at = src.find("BASE"); at != std::string::npos; at = src.find("BASE", at + base.size()))
        src.replace(at, 4, base);
    return src;
}

// Runs the script (BASE = the receiver's http://127.0.0.1:PORT), expects it to succeed, and returns
// the last value as text and the one request the receiver got.
struct Sent {
    std::string value;
    ReceivedRequest request;
    json::Node body;
};

Sent runOne(HttpReceiver& rx, const std::string& src) {
    size_t before = rx.requests().size();
    RunResult r = runScript(withBase(src, rx.url("")));
    Sent s;
    REQUIRE_MESSAGE(r.ok, r.error);
    s.value = r.values.empty() ? "" : renderValue(r.values.back());
    auto got = rx.requests();
    REQUIRE(got.size() == before + 1);
    s.request = got.back();
    s.body = json::parse(s.request.body);
    return s;
}

std::string str(const json::Node& obj, const char* key) {
    const json::Node* n = obj.find(key);
    REQUIRE_MESSAGE(n != nullptr, "missing JSON field ", key);
    REQUIRE_MESSAGE(n->type == json::Node::Type::String, "JSON field ", key, " is a ", n->typeName());
    return n->text;
}

const json::Node& field(const json::Node& obj, const char* key) {
    const json::Node* n = obj.find(key);
    REQUIRE_MESSAGE(n != nullptr, "missing JSON field ", key);
    return *n;
}

std::vector<std::string> keys(const json::Node& obj) {
    std::vector<std::string> out;
    for (auto& [k, v] : obj.members) out.push_back(k);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("slack.message and slack.endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "slack"
slack.message(url: "BASE/api/chat.postMessage", token: "xoxb-1", channel: "#alerts", text: "disk full", color: "danger")
)");
    CHECK(s.value == "200");
    CHECK(s.request.method == "POST");
    CHECK(s.request.path == "/api/chat.postMessage");
    CHECK(s.request.header("Authorization") == "Bearer xoxb-1");
    CHECK(s.request.header("Content-Type") == "application/json");
    CHECK(keys(s.body) == std::vector<std::string>{"attachments", "channel"});
    CHECK(str(s.body, "channel") == "#alerts");
    const json::Node& att = field(s.body, "attachments");
    REQUIRE(att.items.size() == 1);
    CHECK(keys(att.items[0]) == std::vector<std::string>{"color", "mrkdwn_in", "text"});
    CHECK(str(att.items[0], "color") == "danger");
    CHECK(str(att.items[0], "text") == "disk full");
    REQUIRE(field(att.items[0], "mrkdwn_in").items.size() == 1);
    CHECK(field(att.items[0], "mrkdwn_in").items[0].text == "text");

    CHECK(eval("import \"slack\"\nslack.validateColorString(color: \"#ffffff\")") == "\"#ffffff\"");
    CHECK(eval("import \"slack\"\nslack.validateColorString(color: \"#1000000\")").find("could not parse color string") != std::string::npos);
    CHECK(eval("import \"slack\"\nslack.validateColorString(color: \"red\")").find("could not parse color string") != std::string::npos);
    CHECK(eval("import \"slack\"\nslack.defaultURL") == "\"https://slack.com/api/chat.postMessage\"");

    rx.respond("/down", CannedResponse{500, "", "text/plain", {}, ""});
    std::string t = runTables(withBase(R"(
import "array"
import "slack"
array.from(rows: [{_value: 1}])
    |> slack.endpoint(url: "BASE/down")(mapFn: (r) => ({channel: "c", text: "v=${r._value}", color: "good"}))()
)", rx.url("")));
    CHECK(t == "[] _value:int,_status:string,_sent:string\n1,\"500\",\"false\"");
    CHECK(json::parse(rx.requests().back().body).find("attachments")->items[0].find("text")->text == "v=1");
}

TEST_CASE("pagerduty.sendEvent, dedupKey and endpoint") {
    HttpReceiver rx;
    rx.respond("/v2/enqueue", CannedResponse{202, "{}", "application/json", {}, ""});
    Sent s = runOne(rx, R"(
import "pagerduty"
pagerduty.sendEvent(
    pagerdutyURL: "BASE/v2/enqueue",
    routingKey: "rk",
    client: "fluxi",
    clientURL: "http://client",
    dedupKey: "dk",
    class: "cpu",
    group: "app",
    severity: "critical",
    eventAction: "trigger",
    source: "host1",
    summary: "cpu high",
    timestamp: 2024-01-01T00:00:00Z,
    customDetails: {load: 9},
)
)");
    CHECK(s.value == "202");
    CHECK(s.request.method == "POST");
    CHECK(s.request.path == "/v2/enqueue");
    CHECK(s.request.header("Accept") == "application/vnd.pagerduty+json;version=2");
    CHECK(s.request.header("Content-Type") == "application/json");
    CHECK(keys(s.body) == std::vector<std::string>{"client", "client_url", "dedup_key", "event_action", "payload", "routing_key"});
    CHECK(str(s.body, "routing_key") == "rk");
    CHECK(str(s.body, "dedup_key") == "dk");
    CHECK(str(s.body, "event_action") == "trigger");
    CHECK(str(s.body, "client") == "fluxi");
    CHECK(str(s.body, "client_url") == "http://client");
    const json::Node& p = field(s.body, "payload");
    CHECK(keys(p) == std::vector<std::string>{"class", "component", "custom_details", "group", "severity", "source", "summary", "timestamp"});
    CHECK(str(p, "summary") == "cpu high");
    CHECK(str(p, "timestamp") == "2024-01-01T00:00:00Z");
    CHECK(str(p, "component") == "");
    CHECK(field(p, "custom_details").find("load")->number == 9);

    // without customDetails there is no custom_details
    Sent plain = runOne(rx, R"(
import "pagerduty"
pagerduty.sendEvent(pagerdutyURL: "BASE/v2/enqueue", routingKey: "rk", client: "c", clientURL: "u", dedupKey: "d",
    class: "c", group: "g", severity: "info", eventAction: "resolve", source: "s", summary: "x", timestamp: now())
)");
    CHECK(field(plain.body, "payload").find("custom_details") == nullptr);

    CHECK(eval("import \"pagerduty\"\n[pagerduty.severityFromLevel(level: \"CRIT\"), pagerduty.severityFromLevel(level: \"warn\"), "
               "pagerduty.severityFromLevel(level: \"ok\"), pagerduty.severityFromLevel(level: \"x\")]") ==
          "[\"critical\", \"warning\", \"info\", \"error\"]");
    CHECK(eval("import \"pagerduty\"\n[pagerduty.actionFromLevel(level: \"OK\"), pagerduty.actionFromSeverity(severity: \"crit\")]") ==
          "[\"resolve\", \"trigger\"]");

    // dedupKey: sha256 of the sorted group key without _start/_stop/_level ("host\na\n", as `printf 'host\na\n' | sha256sum` gives)
    std::string dk = runTables(R"(
import "array"
import "pagerduty"
array.from(rows: [{host: "a", _level: "crit", _value: 1}])
    |> group(columns: ["host", "_level"])
    |> pagerduty.dedupKey()
    |> keep(columns: ["_pagerdutyDedupKey"])
)");
    CHECK(dk == "[] _pagerdutyDedupKey:string\n\"f88dd9e1af7517dfcf71df2e7d33052a0a4a83336383252d156327f80659ee7e\"");

    rx.respond("/v2/enqueue", CannedResponse{202, "{}", "application/json", {}, ""});
    std::string t = runTables(withBase(R"(
import "array"
import "pagerduty"
array.from(rows: [{host: "a", _value: 1}])
    |> group(columns: ["host"])
    |> pagerduty.endpoint(url: "BASE/v2/enqueue")(
        mapFn: (r) => ({routingKey: "rk", client: "c", clientURL: "u", class: "c", group: "g", severity: "critical",
            eventAction: "trigger", source: r.host, summary: "s", timestamp: 2024-01-01T00:00:00Z}),
    )()
    |> drop(columns: ["_pagerdutyDedupKey"])
)", rx.url("")));
    CHECK(t == "[host=\"a\"] host:string,_value:int,_sent:string\n\"a\",1,\"true\"");
    json::Node last = json::parse(rx.requests().back().body);
    CHECK(last.find("dedup_key")->text.size() == 64);
    CHECK(last.find("payload")->find("source")->text == "a");
}

TEST_CASE("pushbullet.pushData, pushNote, endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "pushbullet"
pushbullet.pushNote(url: "BASE/v2/pushes", token: "pb", title: "T", text: "body text")
)");
    CHECK(s.value == "200");
    CHECK(s.request.path == "/v2/pushes");
    CHECK(s.request.header("Access-Token") == "pb");
    CHECK(s.request.header("Content-Type") == "application/json");
    CHECK(keys(s.body) == std::vector<std::string>{"body", "title", "type"});
    CHECK(str(s.body, "type") == "note");
    CHECK(str(s.body, "title") == "T");
    CHECK(str(s.body, "body") == "body text");
    std::string t = runTables(withBase(R"(
import "array"
import "pushbullet"
array.from(rows: [{_value: 1}]) |> pushbullet.endpoint(url: "BASE/p")(mapFn: (r) => ({title: "t", text: "x"}))()
)", rx.url("")));
    CHECK(t == "[] _value:int,_sent:string\n1,\"true\"");
    Sent d = runOne(rx, R"(
import "pushbullet"
pushbullet.pushData(url: "BASE/v2/pushes", token: "pb", data: {type: "link", title: "T", url: "http://x/"})
)");
    CHECK(d.value == "200");
    CHECK(d.request.header("Access-Token") == "pb");
    CHECK(keys(d.body) == std::vector<std::string>{"title", "type", "url"});
    CHECK(str(d.body, "type") == "link");
    CHECK(str(d.body, "url") == "http://x/");
}

TEST_CASE("opsgenie.sendAlert, respondersToJSON, endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "contrib/sranka/opsgenie"
opsgenie.sendAlert(
    url: "BASE/v2/alerts",
    apiKey: "gk",
    message: "disk is full",
    responders: ["user:john@example.com", "team:ops"],
    visibleTo: ["schedule:night"],
    tags: ["a", "b"],
    details: "{\"k\": \"v\"}",
)
)");
    CHECK(s.request.path == "/v2/alerts");
    CHECK(s.request.header("Authorization") == "GenieKey gk");
    CHECK(s.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(s.body) == std::vector<std::string>{"actions", "alias", "description", "details", "entity", "message",
                                                   "priority", "responders", "tags", "visibleTo"});
    CHECK(str(s.body, "message") == "disk is full");
    CHECK(str(s.body, "alias") == "disk is full");  // defaults to the message
    CHECK(str(s.body, "priority") == "P3");
    const json::Node& resp = field(s.body, "responders");
    REQUIRE(resp.items.size() == 2);
    CHECK(str(resp.items[0], "type") == "user");
    CHECK(str(resp.items[0], "username") == "john@example.com");
    CHECK(str(resp.items[1], "type") == "team");
    CHECK(str(resp.items[1], "name") == "ops");
    CHECK(str(field(s.body, "visibleTo").items[0], "type") == "schedule");
    CHECK(field(s.body, "tags").items.size() == 2);
    CHECK(str(field(s.body, "details"), "k") == "v");

    // message cut to 130 characters
    Sent longer = runOne(rx, R"(
import "contrib/sranka/opsgenie"
import "strings"
opsgenie.sendAlert(url: "BASE/v2/alerts", apiKey: "gk", message: strings.repeat(v: "x", i: 200))
)");
    CHECK(str(longer.body, "message").size() == 130);
    CHECK(eval("import \"contrib/sranka/opsgenie\"\nopsgenie.respondersToJSON(v: [\"bogus\"])")
              .find("unsupported responder \"bogus\"") != std::string::npos);

    std::string t = runTables(withBase(R"(
import "array"
import "contrib/sranka/opsgenie"
array.from(rows: [{_value: 1}])
    |> opsgenie.endpoint(url: "BASE/v2/alerts", apiKey: "gk", entity: "lab")(
        mapFn: (r) => ({message: "m", alias: "a", description: "d", priority: "P1", responders: [], tags: [],
            actions: [], details: "{}", visibleTo: []}),
    )()
)", rx.url("")));
    CHECK(t == "[] _value:int,_status:string,_sent:string\n1,\"200\",\"true\"");
    CHECK(json::parse(rx.requests().back().body).find("entity")->text == "lab");
}

TEST_CASE("sensu.event, toSensuName, endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "contrib/sranka/sensu"
sensu.event(url: "BASE", apiKey: "sk", checkName: "disk usage!", text: "full", status: 2, handlers: ["h"])
)");
    CHECK(s.request.path == "/api/core/v2/namespaces/default/events");
    CHECK(s.request.header("Authorization") == "Key sk");
    CHECK(s.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(s.body) == std::vector<std::string>{"check", "entity"});
    const json::Node& check = field(s.body, "check");
    CHECK(str(check, "output") == "full");
    CHECK(str(check, "state") == "failing");
    CHECK(field(check, "status").number == 2);
    CHECK(field(check, "interval").number == 60);
    CHECK(str(field(check, "metadata"), "name") == "disk_usage_");
    CHECK(str(field(s.body, "entity"), "entity_class") == "proxy");
    CHECK(str(field(field(s.body, "entity"), "metadata"), "name") == "influxdb");
    // one "_" per character (Go's regexp replaces runes), so "é" gives one "_"
    CHECK(eval("import \"contrib/sranka/sensu\"\nsensu.toSensuName(v: \"a b/é-c.d_e\")") == "\"a_b__-c.d_e\"");
    CHECK(eval("import \"contrib/sranka/sensu\"\nsensu.toSensuName(v: \"\")") == "\"_\"");
}

TEST_CASE("telegram.message and endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "contrib/sranka/telegram"
telegram.message(url: "BASE/bot", token: "123:abc", channel: "-100", text: "*hi*")
)");
    CHECK(s.request.path == "/bot123:abc/sendMessage");
    CHECK(s.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(s.body) == std::vector<std::string>{"chat_id", "disable_notification", "disable_web_page_preview", "parse_mode", "text"});
    CHECK(str(s.body, "chat_id") == "-100");
    CHECK(str(s.body, "text") == "*hi*");
    CHECK(str(s.body, "parse_mode") == "MarkdownV2");
    CHECK(field(s.body, "disable_web_page_preview").boolean == false);
    CHECK(field(s.body, "disable_notification").boolean == true);
    std::string t = runTables(withBase(R"(
import "array"
import "contrib/sranka/telegram"
array.from(rows: [{_value: 1}])
    |> telegram.endpoint(url: "BASE/bot", token: "t")(mapFn: (r) => ({channel: "c", text: "x", silent: false}))()
)", rx.url("")));
    CHECK(t == "[] _value:int,_status:string,_sent:string\n1,\"200\",\"true\"");
    CHECK(json::parse(rx.requests().back().body).find("disable_notification")->boolean == false);
}

TEST_CASE("teams.message and endpoint") {
    HttpReceiver rx;
    Sent s = runOne(rx, R"(
import "contrib/sranka/teams"
import "strings"
teams.message(url: "BASE/webhook/x", title: "Disk", text: strings.repeat(v: "y", i: 100))
)");
    CHECK(s.request.path == "/webhook/x");
    CHECK(s.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(s.body) == std::vector<std::string>{"@context", "@type", "summary", "text", "title"});
    CHECK(str(s.body, "@type") == "MessageCard");
    CHECK(str(s.body, "@context") == "http://schema.org/extensions");
    CHECK(str(s.body, "title") == "Disk");
    CHECK(str(s.body, "text").size() == 100);
    CHECK(str(s.body, "summary") == std::string(70, 'y') + "...");
    std::string t = runTables(withBase(R"(
import "array"
import "contrib/sranka/teams"
array.from(rows: [{_value: 1}])
    |> teams.endpoint(url: "BASE/w")(mapFn: (r) => ({title: "t", text: "x", summary: "s"}))()
)", rx.url("")));
    CHECK(t == "[] _value:int,_status:string,_sent:string\n1,\"200\",\"true\"");
    CHECK(json::parse(rx.requests().back().body).find("summary")->text == "s");
}

TEST_CASE("webexteams.message, discord.send, victorops.alert") {
    HttpReceiver rx;
    Sent w = runOne(rx, R"(
import "contrib/sranka/webexteams"
webexteams.message(url: "BASE", token: "wt", roomId: "room", text: "plain", markdown: "**md**")
)");
    CHECK(w.request.path == "/v1/messages");
    CHECK(w.request.header("Authorization") == "Bearer wt");
    CHECK(w.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(w.body) == std::vector<std::string>{"markdown", "roomId", "text"});
    CHECK(str(w.body, "roomId") == "room");
    CHECK(str(w.body, "markdown") == "**md**");

    Sent d = runOne(rx, R"(
import "contrib/chobbs/discord"
option discord.discordURL = "BASE/api/webhooks/"
discord.send(webhookToken: "tok", webhookID: "42", username: "bot", content: "hello")
)");
    CHECK(d.request.path == "/api/webhooks/42/tok");
    CHECK(d.request.header("Content-Type") == "application/json");
    CHECK(keys(d.body) == std::vector<std::string>{"avatar_url", "content", "username"});
    CHECK(str(d.body, "content") == "hello");
    CHECK(str(d.body, "avatar_url") == "");

    Sent v = runOne(rx, R"(
import "contrib/bonitoo-io/victorops"
victorops.alert(url: "BASE/integrations/x", messageType: "CRITICAL", entityID: "e1", timestamp: 2024-01-01T00:00:10Z)
)");
    CHECK(v.request.path == "/integrations/x");
    CHECK(v.request.header("Content-Type") == "application/json");
    CHECK(keys(v.body) == std::vector<std::string>{"entity_display_name", "entity_id", "message_type", "monitoring_tool",
                                                   "state_message", "state_start_time"});
    CHECK(str(v.body, "message_type") == "CRITICAL");
    CHECK(str(v.body, "monitoring_tool") == "InfluxDB");
    CHECK(field(v.body, "state_start_time").number == 1704067210);
}

TEST_CASE("servicenow.event, alerta.alert, bigpanda.sendAlert, zenoss.event") {
    HttpReceiver rx;
    Sent sn = runOne(rx, R"(
import "contrib/bonitoo-io/servicenow"
servicenow.event(url: "BASE/api/global/em/jsonv2", username: "u", password: "p", description: "d", severity: "major",
    node: "n1", additionalInfo: {devId: "x"})
)");
    CHECK(sn.request.path == "/api/global/em/jsonv2");
    CHECK(sn.request.header("Authorization") == "Basic dTpw");
    CHECK(sn.request.header("Content-Type") == "application/json");
    const json::Node& rec = field(sn.body, "records").items.at(0);
    CHECK(keys(rec) == std::vector<std::string>{"additional_info", "description", "message_key", "metric_name", "node",
                                                "resource", "severity", "source", "type"});
    CHECK(str(rec, "severity") == "2");
    CHECK(str(rec, "source") == "Flux");
    CHECK(str(rec, "node") == "n1");
    CHECK(json::parse(str(rec, "additional_info")).find("devId")->text == "x");

    Sent al = runOne(rx, R"(
import "contrib/bonitoo-io/alerta"
alerta.alert(url: "BASE/alert", apiKey: "ak", resource: "r", event: "e", severity: "major", attributes: {a: 1},
    timestamp: 2024-01-01T00:00:00.123456Z)
)");
    CHECK(al.request.path == "/alert");
    CHECK(al.request.header("Authorization") == "Key ak");
    CHECK(keys(al.body) == std::vector<std::string>{"attributes", "createTime", "environment", "event", "group", "origin",
                                                    "resource", "service", "severity", "tags", "text", "type", "value"});
    CHECK(str(al.body, "createTime") == "2024-01-01T00:00:00.123Z");
    CHECK(str(al.body, "origin") == "InfluxDB");

    Sent bp = runOne(rx, R"(
import "contrib/rhajek/bigpanda"
bigpanda.sendAlert(url: "BASE/data/v2/alerts", token: "bt", appKey: "app", status: "critical", rec: {host: "h1", check: "cpu"})
)");
    CHECK(bp.request.path == "/data/v2/alerts");
    CHECK(bp.request.header("Authorization") == "Bearer bt");
    CHECK(bp.request.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(keys(bp.body) == std::vector<std::string>{"app_key", "check", "host", "status"});
    CHECK(str(bp.body, "app_key") == "app");
    CHECK(eval("import \"contrib/rhajek/bigpanda\"\n[bigpanda.statusFromLevel(level: \"warn\"), bigpanda.statusFromLevel(level: \"info\"), "
               "bigpanda.statusFromLevel(level: \"other\")]") == "[\"warning\", \"ok\", \"critical\"]");

    Sent zn = runOne(rx, R"(
import "contrib/bonitoo-io/zenoss"
zenoss.event(url: "BASE/zport/dmd/evconsole_router", username: "u", password: "p", severity: "Critical", device: "d1")
)");
    CHECK(zn.request.path == "/zport/dmd/evconsole_router");
    CHECK(zn.request.header("Authorization") == "Basic dTpw");
    CHECK(keys(zn.body) == std::vector<std::string>{"action", "data", "method", "tid", "type"});
    CHECK(str(zn.body, "action") == "EventsRouter");
    CHECK(str(zn.body, "method") == "add_event");
    CHECK(field(zn.body, "tid").number == 1);
    const json::Node& ev = field(zn.body, "data").items.at(0);
    CHECK(keys(ev) == std::vector<std::string>{"collector", "component", "device", "evclass", "evclasskey", "message",
                                               "severity", "summary"});
    CHECK(str(ev, "device") == "d1");
    Sent zk = runOne(rx, R"(
import "contrib/bonitoo-io/zenoss"
zenoss.event(url: "BASE/z", apiKey: "zk", severity: "Info")
)");
    CHECK(zk.request.header("Z-Api-Key") == "zk");
    CHECK(zk.request.header("Authorization") == "");
}

// endpoint() of the contrib packages: one request per row, built from the row by mapFn, and the row
// marked _sent (plus _status where the reference adds it); a 5xx answer gives _sent "false".
TEST_CASE("contrib endpoints: alerta, servicenow, victorops, zenoss") {
    HttpReceiver rx;
    rx.respond("/down", CannedResponse{503, "", "text/plain", {}, ""});
    std::string t = runTables(withBase(R"(
import "array"
import "contrib/bonitoo-io/alerta"
array.from(rows: [{host: "h1", _value: 91}, {host: "h2", _value: 95}])
    |> alerta.endpoint(url: "BASE/alert", apiKey: "ak", environment: "prod", origin: "fluxi")(
        mapFn: (r) => ({resource: r.host, event: "cpu", severity: "major", service: ["s"], group: "g",
            value: string(v: r._value), text: "high", tags: ["t"], attributes: {v: r._value}, type: "x",
            timestamp: 2024-01-01T00:00:00Z}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_value:int,_status:string,_sent:string\n\"h1\",91,\"200\",\"true\"\n\"h2\",95,\"200\",\"true\"");
    auto got = rx.requests();
    REQUIRE(got.size() == 2);
    json::Node a = json::parse(got[1].body);
    CHECK(got[1].path == "/alert");
    CHECK(got[1].header("Authorization") == "Key ak");
    CHECK(str(a, "resource") == "h2");
    CHECK(str(a, "value") == "95");
    CHECK(str(a, "environment") == "prod");
    CHECK(str(a, "origin") == "fluxi");
    CHECK(str(a, "createTime") == "2024-01-01T00:00:00.000Z");
    CHECK(field(field(a, "attributes"), "v").number == 95);

    t = runTables(withBase(R"(
import "array"
import "contrib/bonitoo-io/servicenow"
array.from(rows: [{host: "h1"}])
    |> servicenow.endpoint(url: "BASE/down", username: "u", password: "p")(
        mapFn: (r) => ({node: r.host, metricType: "cpu", resource: "r", metricName: "m", messageKey: "k",
            description: "d", severity: "critical"}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_sent:string\n\"h1\",\"false\"");
    const json::Node sn = json::parse(rx.requests().back().body);
    const json::Node& rec = field(sn, "records").items.at(0);
    CHECK(str(rec, "node") == "h1");
    CHECK(str(rec, "severity") == "1");
    CHECK(str(rec, "source") == "Flux");
    CHECK(str(rec, "additional_info") == "");
    CHECK(rx.requests().back().header("Authorization") == "Basic dTpw");

    t = runTables(withBase(R"(
import "array"
import "contrib/bonitoo-io/victorops"
array.from(rows: [{host: "h1"}])
    |> victorops.endpoint(url: "BASE/rest", monitoringTool: "mon")(
        mapFn: (r) => ({messageType: "WARNING", entityID: r.host, entityDisplayName: "H1", stateMessage: "slow",
            timestamp: 2024-01-01T00:00:10Z}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_sent:string\n\"h1\",\"true\"");
    const json::Node v = json::parse(rx.requests().back().body);
    CHECK(str(v, "entity_id") == "h1");
    CHECK(str(v, "monitoring_tool") == "mon");
    CHECK(str(v, "state_message") == "slow");
    CHECK(field(v, "state_start_time").number == 1704067210);

    t = runTables(withBase(R"(
import "array"
import "contrib/bonitoo-io/zenoss"
array.from(rows: [{host: "h1"}])
    |> zenoss.endpoint(url: "BASE/down", apiKey: "zk", tid: 7)(
        mapFn: (r) => ({summary: "s", device: r.host, component: "c", severity: "Critical", eventClass: "/App",
            eventClassKey: "k", collector: "col", message: "m"}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_status:string,_sent:string\n\"h1\",\"503\",\"false\"");
    const json::Node z = json::parse(rx.requests().back().body);
    CHECK(rx.requests().back().header("Z-Api-Key") == "zk");
    CHECK(field(z, "tid").number == 7);
    const json::Node& ev = field(z, "data").items.at(0);
    CHECK(str(ev, "device") == "h1");
    CHECK(str(ev, "evclass") == "/App");
    CHECK(str(ev, "collector") == "col");
}

TEST_CASE("contrib endpoints: discord, bigpanda, sensu, webexteams") {
    HttpReceiver rx;
    std::string t = runTables(withBase(R"(
import "array"
import "contrib/chobbs/discord"
option discord.discordURL = "BASE/api/webhooks/"
array.from(rows: [{_value: 3}])
    |> discord.endpoint(webhookToken: "tok", webhookID: "42", username: "bot", avatar_url: "http://a/b.png")(
        mapFn: (r) => ({content: "v=${r._value}"}))()
)", rx.url("")));
    CHECK(t == "[] _value:int,_status:string,_sent:string\n3,\"200\",\"true\"");
    CHECK(rx.requests().back().path == "/api/webhooks/42/tok");
    const json::Node d = json::parse(rx.requests().back().body);
    CHECK(str(d, "content") == "v=3");
    CHECK(str(d, "username") == "bot");
    CHECK(str(d, "avatar_url") == "http://a/b.png");

    t = runTables(withBase(R"(
import "array"
import "contrib/rhajek/bigpanda"
array.from(rows: [{host: "h1", _level: "warn"}])
    |> bigpanda.endpoint(url: "BASE/data/v2/alerts", token: "bt", appKey: "app")(
        mapFn: (r) => ({r with status: bigpanda.statusFromLevel(level: r._level)}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_level:string,_sent:string\n\"h1\",\"warn\",\"true\"");
    const json::Node bp = json::parse(rx.requests().back().body);
    CHECK(keys(bp) == std::vector<std::string>{"_level", "app_key", "host", "status"});
    CHECK(str(bp, "status") == "warning");
    CHECK(str(bp, "app_key") == "app");
    CHECK(rx.requests().back().header("Authorization") == "Bearer bt");

    rx.respond("/down/api/core/v2/namespaces/ops/events", CannedResponse{500, "", "text/plain", {}, ""});
    t = runTables(withBase(R"(
import "array"
import "contrib/sranka/sensu"
array.from(rows: [{host: "h1"}])
    |> sensu.endpoint(url: "BASE/down", apiKey: "sk", handlers: ["slack"], namespace: "ops", entityName: "e1")(
        mapFn: (r) => ({checkName: "cpu check", text: "high on ${r.host}", status: 1}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_sent:string\n\"h1\",\"false\"");
    CHECK(rx.requests().back().path == "/down/api/core/v2/namespaces/ops/events");
    const json::Node s = json::parse(rx.requests().back().body);
    const json::Node& check = field(s, "check");
    CHECK(str(check, "output") == "high on h1");
    CHECK(str(field(check, "metadata"), "name") == "cpu_check");
    CHECK(field(check, "status").number == 1);
    CHECK(field(check, "handlers").items.at(0).text == "slack");
    CHECK(str(field(field(s, "entity"), "metadata"), "name") == "e1");

    t = runTables(withBase(R"(
import "array"
import "contrib/sranka/webexteams"
array.from(rows: [{host: "h1"}])
    |> webexteams.endpoint(url: "BASE", token: "wt")(
        mapFn: (r) => ({roomId: "room", text: "t ${r.host}", markdown: "**${r.host}**"}))()
)", rx.url("")));
    CHECK(t == "[] host:string,_sent:string\n\"h1\",\"true\"");
    CHECK(rx.requests().back().path == "/v1/messages");
    const json::Node w = json::parse(rx.requests().back().body);
    CHECK(str(w, "markdown") == "**h1**");
    CHECK(str(w, "text") == "t h1");
}
