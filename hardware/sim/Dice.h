// Reproducible random draws for the simulator: our own distributions over std::mt19937_64.
#pragma once

#include <cstdint>
#include <random>

namespace lw::sim {

// std::*_distribution results differ between standard libraries; only the engine's raw output is
// specified, so every distribution here is computed from it by hand and a seed replays the same day anywhere.
class Dice {
public:
    explicit Dice(std::uint64_t seed) : engine_(seed) {}

    // Uniform in (0, 1): never exactly 0 or 1, so logarithms are safe.
    double unit() {
        const std::uint64_t bits = engine_() >> 11;  // 53 random bits
        return (static_cast<double>(bits) + 0.5) / 9007199254740992.0;
    }
    double uniform(double low, double high) { return low + (high - low) * unit(); }
    bool chance(double probability) { return unit() < probability; }
    // An index 0..count-1, each equally likely.
    int index(int count) { return static_cast<int>(unit() * count); }
    std::uint8_t byte() { return static_cast<std::uint8_t>(engine_() >> 56); }

    double exponential(double mean);
    double standardNormal();
    // A lognormal variate with the given mean and coefficient of variation (sd / mean).
    double lognormal(double mean, double cv);

private:
    std::mt19937_64 engine_;
    bool hasSpareNormal_ = false;
    double spareNormal_ = 0.0;
};

}  // namespace lw::sim
