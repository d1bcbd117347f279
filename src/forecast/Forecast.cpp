// Forecasts, history and priors by name; the estimators by name (Analytical.cpp, MonteCarlo.cpp); Erlang C.
#include "forecast/Estimation.h"

#include <cmath>

namespace lw::forecast {

using detail::kMinuteMs;
using lobby::Lobby;
const TicketForecast* Forecast::ticket(const std::string& label) const {
    for (const auto& t : tickets)
        if (t.ticket == label) return &t;
    return nullptr;
}

std::optional<TicketForecast> Estimator::forecastTicket(const Lobby& lobby, TimeMs now, const std::string& label) const {
    Forecast f = forecast(lobby, now);
    if (const TicketForecast* t = f.ticket(label)) return *t;
    return std::nullopt;
}

const CategoryForecast* Forecast::category(const std::string& code) const {
    for (const auto& c : categories)
        if (c.category == code) return &c;
    return nullptr;
}

const CategoryHistory* History::of(const std::string& code) const {
    for (const auto& [c, h] : categories)
        if (c == code) return &h;
    return nullptr;
}

const WindowHistory* History::window(int number) const {
    for (const auto& [n, h] : windows)
        if (n == number) return &h;
    return nullptr;
}

double Priors::serviceMs(const std::string& category) const {
    if (category == "B") return 12 * kMinuteMs;
    if (category == "V") return 8 * kMinuteMs;
    return 4 * kMinuteMs;
}

std::vector<std::string> estimatorNames() { return {"baseline", "queue", "queue_abandon", "les", "hol", "montecarlo"}; }

std::unique_ptr<Estimator> makeEstimator(const std::string& name, const History& history, Priors priors,
                                         std::uint64_t seed) {
    if (name == "montecarlo") return detail::makeRollForward(history, priors, seed, MonteCarloOptions{});
    return detail::makeAnalytical(name, history, priors);
}

std::unique_ptr<Estimator> makeMonteCarlo(const History& history, Priors priors, MonteCarloOptions options,
                                          std::uint64_t seed) {
    return detail::makeRollForward(history, priors, seed, options);
}

double erlangC(int servers, double a) {
    if (servers <= 0) return 1.0;
    if (a <= 0) return 0.0;
    if (a >= servers) return 1.0;
    // Erlang B by the stable recursion, then C from B.
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
    double rho = a / servers;
    return b / (1 - rho + rho * b);
}

int serversForMeanWait(double arrivalsPerMs, double serviceMs, double targetWaitMs) {
    double a = arrivalsPerMs * serviceMs;
    if (a <= 0) return 0;
    int c = static_cast<int>(std::floor(a)) + 1;
    for (; c < 1000; ++c) {
        double wq = erlangC(c, a) * serviceMs / (c - a);
        if (wq <= targetWaitMs) return c;
    }
    return c;
}

}  // namespace lw::forecast
