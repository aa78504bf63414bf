// `fluxi bucket create NAME [--retention DURATION] | list [--json] | update NAME --retention DURATION |
// delete NAME`, each with `--data DIR`: manages the buckets of the embedded store. Only `create` makes a
// store in an empty folder; list, update and delete find none there.
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "format/json_writer.h"
#include "store/data_dir.h"
#include "store/retention.h"
#include "store/store.h"

namespace fluxi::cli {

namespace {

struct BucketOptions {
    std::string name;
    std::string retention;
    std::string dataDir;
    bool json = false;
};

std::string formatUtc(int64_t nanos) {
    std::time_t secs = static_cast<std::time_t>(nanos / 1000000000LL);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// The store of the data folder for a verb that only reads or changes what exists: null (and nothing
// created) when the folder holds no store.
std::shared_ptr<store::Store> existingStore(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(store::Store::databaseFile(dir), ec)) return nullptr;
    return store::Store::open(dir);
}

int createBucket(const BucketOptions& o) {
    int64_t retention = 0;
    try {
        if (!o.retention.empty()) retention = store::parseRetention(o.retention);
        auto st = store::Store::open(store::resolveDataDir(o.dataDir));
        store::BucketInfo b = st->createBucket(o.name, retention);
        std::cout << "created bucket " << b.name << " (id " << b.id << ", retention "
                  << store::formatRetention(b.retention) << ")\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi bucket create: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int listBuckets(const BucketOptions& o) {
    try {
        const std::string dir = store::resolveDataDir(o.dataDir);
        auto st = existingStore(dir);
        if (!st) std::cerr << "fluxi bucket list: there is no store in " << dir << " (no bucket yet)\n";
        auto buckets = st ? st->listBuckets() : std::vector<store::BucketInfo>{};
        if (o.json) {
            // [{"name": ..., "id": ..., "retentionSeconds": N (0 = forever), "createdAt": RFC3339}, ...]
            std::string out = "[";
            for (size_t i = 0; i < buckets.size(); i++) {
                const auto& b = buckets[i];
                out += i ? ",\n {\"name\":" : "\n {\"name\":";
                appendJsonString(out, b.name);
                out += ",\"id\":";
                appendJsonString(out, b.id);
                out += ",\"retentionSeconds\":" + std::to_string(b.retention / 1000000000LL) + ",\"createdAt\":";
                appendJsonString(out, formatUtc(b.createdAt));
                out += "}";
            }
            out += buckets.empty() ? "]\n" : "\n]\n";
            std::cout << out;
            return 0;
        }
        size_t w = 4;
        for (auto& b : buckets) w = std::max(w, b.name.size());
        std::cout << std::left << std::setw(static_cast<int>(w)) << "NAME" << "  " << std::setw(16) << "ID" << "  "
                  << std::setw(12) << "RETENTION" << "  CREATED\n";
        for (auto& b : buckets)
            std::cout << std::left << std::setw(static_cast<int>(w)) << b.name << "  " << std::setw(16) << b.id << "  "
                      << std::setw(12) << store::formatRetention(b.retention) << "  " << formatUtc(b.createdAt)
                      << "\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi bucket list: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int updateBucket(const BucketOptions& o) {
    try {
        int64_t retention = store::parseRetention(o.retention);
        const std::string dir = store::resolveDataDir(o.dataDir);
        auto st = existingStore(dir);
        if (!st) {
            std::cerr << "fluxi bucket update: error: bucket \"" << o.name << "\" not found (there is no store in " << dir
                      << ")\n";
            return 1;
        }
        st->setRetention(o.name, retention);
        std::cout << "updated bucket " << o.name << " (retention " << store::formatRetention(retention) << ")\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi bucket update: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int deleteBucket(const BucketOptions& o) {
    try {
        const std::string dir = store::resolveDataDir(o.dataDir);
        auto st = existingStore(dir);
        if (!st || !st->deleteBucket(o.name)) {
            std::cerr << "fluxi bucket delete: error: bucket \"" << o.name << "\" not found\n";
            return 1;
        }
        std::cout << "deleted bucket " << o.name << "\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi bucket delete: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void registerBucket(CLI::App& app, int& exitCode) {
    auto* cmd = app.add_subcommand("bucket", "Create, list, update and delete buckets of the embedded store");
    cmd->require_subcommand(1);
    const char* dataHelp = "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)";

    auto create = std::make_shared<BucketOptions>();
    auto* c = cmd->add_subcommand("create", "Create a bucket");
    c->add_option("name", create->name, "Bucket name")->required();
    c->add_option("-r,--retention", create->retention,
                  "Keep points this long (e.g. 30d, 1w, 12h; default: forever). Older points are hidden from "
                  "reads, dropped when written and deleted after each write");
    c->add_option("--data", create->dataDir, dataHelp);
    c->callback([create, &exitCode] { exitCode = createBucket(*create); });

    auto list = std::make_shared<BucketOptions>();
    auto* l = cmd->add_subcommand("list", "List the buckets");
    l->add_option("--data", list->dataDir, dataHelp);
    l->add_flag("--json", list->json, "Print the buckets as a JSON array");
    l->callback([list, &exitCode] { exitCode = listBuckets(*list); });

    auto upd = std::make_shared<BucketOptions>();
    auto* u = cmd->add_subcommand("update", "Change a bucket's retention");
    u->add_option("name", upd->name, "Bucket name")->required();
    u->add_option("-r,--retention", upd->retention, "The new retention (e.g. 30d, 1w; 0 = forever)")->required();
    u->add_option("--data", upd->dataDir, dataHelp);
    u->callback([upd, &exitCode] { exitCode = updateBucket(*upd); });

    auto del = std::make_shared<BucketOptions>();
    auto* d = cmd->add_subcommand("delete", "Delete a bucket and all its data");
    d->add_option("name", del->name, "Bucket name")->required();
    d->add_option("--data", del->dataDir, dataHelp);
    d->callback([del, &exitCode] { exitCode = deleteBucket(*del); });
}

}  // namespace fluxi::cli
