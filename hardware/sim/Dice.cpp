// Hand-written distributions over the raw engine output, identical on every standard library.
#include "sim/Dice.h"

#include <cmath>

namespace lw::sim {

double Dice::exponential(double mean) { return -mean * std::log(unit()); }

double Dice::standardNormal() {
    // Box-Muller gives two independent normals per pair of uniforms; keep the second for the next call.
    if (hasSpareNormal_) {
        hasSpareNormal_ = false;
        return spareNormal_;
    }
    const double radius = std::sqrt(-2.0 * std::log(unit()));
    const double angle = 2.0 * 3.14159265358979323846 * unit();
    spareNormal_ = radius * std::sin(angle);
    hasSpareNormal_ = true;
    return radius * std::cos(angle);
}

double Dice::lognormal(double mean, double cv) {
    if (cv <= 0.0) return mean;
    const double sigma2 = std::log(1.0 + cv * cv);
    const double mu = std::log(mean) - sigma2 / 2.0;
    return std::exp(mu + std::sqrt(sigma2) * standardNormal());
}

}  // namespace lw::sim
