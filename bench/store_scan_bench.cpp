// Benchmark of the store's range scan without the Flux layer: `store_scan_bench DIR BUCKET [REPEAT]`
// scans every series of BUCKET over all time REPEAT times and prints points per second.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/store.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: store_scan_bench DIR BUCKET [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
    try {
        auto st = fluxi::store::Store::open(argv[1]);
        auto bucket = st->findBucket(argv[2]);
        if (!bucket) {
            std::fprintf(stderr, "no bucket %s\n", argv[2]);
            return 1;
        }
        for (int r = 0; r < repeat; r++) {
            auto t0 = std::chrono::steady_clock::now();
            auto scan = st->scan(*bucket, nullptr, INT64_MIN, INT64_MAX, 0);
            const fluxi::store::SeriesInfo* s;
            fluxi::store::SeriesColumns cols;
            size_t n = 0;
            double sum = 0;
            while (scan.next(s, cols)) {
                n += cols.size();
                for (double v : cols.floats) sum += v;
            }
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::printf("scanned %zu points of %zu series in %.3f s: %.2f million points/s (checksum %.1f)\n", n,
                        scan.series().size(), secs, n / secs / 1e6, sum);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
