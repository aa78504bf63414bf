// Merging t-digest (see tdigest.h). Values collect in an unprocessed buffer; when it (or the list
// of centroids) outgrows its size, everything is sorted by mean and merged left to right, a
// centroid absorbing its neighbour while the running weight stays under the limit the arcsine
// scale function gives for the centroid's position. Quantiles interpolate between centroid
// centres, and towards the min/max at the ends.
#include "eval/kernels/tdigest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace fluxi::agg {

namespace {

// The weighted average of x1 and x2, kept between them.
double weightedAverage(double x1, double w1, double x2, double w2) {
    if (x1 > x2) {
        std::swap(x1, x2);
        std::swap(w1, w2);
    }
    double x = (x1 * w1 + x2 * w2) / (w1 + w2);
    return std::max(x1, std::min(x, x2));
}

}  // namespace

TDigest::TDigest(double compression) : compression_(compression) {
    maxProcessed_ = static_cast<size_t>(2 * std::ceil(compression_));
    maxUnprocessed_ = static_cast<size_t>(8 * std::ceil(compression_));
    reset();
}

void TDigest::reset() {
    processed_.clear();
    unprocessed_.clear();
    cumulative_.clear();
    processedWeight_ = unprocessedWeight_ = 0;
    min_ = std::numeric_limits<double>::max();
    max_ = -std::numeric_limits<double>::max();
    count_ = 0;
}

void TDigest::add(double x) {
    if (std::isnan(x)) return;
    unprocessed_.push_back({x, 1});
    unprocessedWeight_ += 1;
    count_++;
    if (processed_.size() > maxProcessed_ || unprocessed_.size() > maxUnprocessed_) process();
}

double TDigest::integratedQ(double k) const {
    return (std::sin(std::min(k, compression_) * std::numbers::pi / compression_ - std::numbers::pi / 2) + 1) / 2;
}

double TDigest::integratedLocation(double q) const {
    return compression_ * (std::asin(2 * q - 1) + std::numbers::pi / 2) / std::numbers::pi;
}

void TDigest::process() {
    if (unprocessed_.empty() && processed_.size() <= maxProcessed_) return;
    unprocessed_.insert(unprocessed_.end(), processed_.begin(), processed_.end());
    std::sort(unprocessed_.begin(), unprocessed_.end(),
              [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
    processed_.clear();
    processed_.push_back(unprocessed_[0]);
    processedWeight_ += unprocessedWeight_;
    unprocessedWeight_ = 0;
    double soFar = unprocessed_[0].weight;
    double limit = processedWeight_ * integratedQ(1);
    for (size_t i = 1; i < unprocessed_.size(); i++) {
        const Centroid& c = unprocessed_[i];
        double projected = soFar + c.weight;
        if (projected <= limit) {
            soFar = projected;
            Centroid& last = processed_.back();
            last.weight += c.weight;
            last.mean += c.weight * (c.mean - last.mean) / last.weight;
        } else {
            double k1 = integratedLocation(soFar / processedWeight_);
            limit = processedWeight_ * integratedQ(k1 + 1);
            soFar += c.weight;
            processed_.push_back(c);
        }
    }
    min_ = std::min(min_, processed_.front().mean);
    max_ = std::max(max_, processed_.back().mean);
    unprocessed_.clear();
    cumulative_.clear();
}

double TDigest::quantile(double q) {
    process();
    if (q < 0 || q > 1 || processed_.empty()) return std::nan("");
    if (cumulative_.size() != processed_.size() + 1) {
        cumulative_.resize(processed_.size() + 1);
        double prev = 0;
        for (size_t i = 0; i < processed_.size(); i++) {
            cumulative_[i] = prev + processed_[i].weight / 2;
            prev += processed_[i].weight;
        }
        cumulative_[processed_.size()] = prev;
    }
    if (processed_.size() == 1) return processed_[0].mean;
    double index = q * processedWeight_;
    const Centroid& first = processed_[0];
    if (index <= first.weight / 2) return min_ + 2 * index / first.weight * (first.mean - min_);
    size_t lower = static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), index) - cumulative_.begin());
    if (lower + 1 < cumulative_.size()) {
        double z1 = index - cumulative_[lower - 1];
        double z2 = cumulative_[lower] - index;
        return weightedAverage(processed_[lower - 1].mean, z2, processed_[lower].mean, z1);
    }
    // Past the last centre: between the last centroid and the maximum, weighted the way the
    // reference digest weights it.
    const Centroid& last = processed_.back();
    double z1 = index - processedWeight_ - last.weight / 2;
    double z2 = last.weight / 2 - z1;
    return weightedAverage(last.mean, z1, max_, z2);
}

}  // namespace fluxi::agg
