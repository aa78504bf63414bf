// A merging t-digest: the quantile sketch behind quantile(method: "estimate_tdigest") and median().
// It follows the reference Flux engine's digest (the same scale function, buffer sizes, merge
// rule and interpolation), so small inputs give the exact interpolated quantile and large inputs
// the same estimate Flux gives.
#pragma once

#include <cstddef>
#include <vector>

namespace fluxi::agg {

class TDigest {
public:
    explicit TDigest(double compression = 1000);
    // Forgets all values, keeping the buffers.
    void reset();
    void add(double x);
    size_t count() const { return count_; }
    // The estimated q-quantile (0 <= q <= 1) of the values added; NaN when there are none.
    double quantile(double q);

private:
    struct Centroid {
        double mean;
        double weight;
    };
    void process();
    double integratedQ(double k) const;
    double integratedLocation(double q) const;

    double compression_;
    size_t maxProcessed_, maxUnprocessed_;
    std::vector<Centroid> processed_, unprocessed_;
    std::vector<double> cumulative_;
    double processedWeight_ = 0, unprocessedWeight_ = 0;
    double min_, max_;
    size_t count_ = 0;
};

}  // namespace fluxi::agg
