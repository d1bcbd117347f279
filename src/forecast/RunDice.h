// The Monte Carlo's dice: a small, fast generator with one stream per run (internal to lw_forecast).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace lw::forecast::detail {

// A small, fast generator (xoshiro256**, seeded by splitmix64): each run of the roll-forward has its own stream,
// seeded from the estimator's seed, the time and the run's number, so that a run draws the same whichever thread
// runs it and whether or not it stops early at the one ticket asked about.
class RunDice {
public:
    explicit RunDice(std::uint64_t seed) {
        for (auto& word : s_) {
            seed += std::uint64_t{0x9e3779b97f4a7c15U};
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * std::uint64_t{0xbf58476d1ce4e5b9U};
            z = (z ^ (z >> 27)) * std::uint64_t{0x94d049bb133111ebU};
            word = z ^ (z >> 31);
        }
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double gauss() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u, v, q;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = std::sqrt(-2 * std::log(q) / q);
        spare_ = v * f;
        hasSpare_ = true;
        return u * f;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next() {
        std::uint64_t result = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    std::array<std::uint64_t, 4> s_{};
    double spare_ = 0;
    bool hasSpare_ = false;
};

}  // namespace lw::forecast::detail
