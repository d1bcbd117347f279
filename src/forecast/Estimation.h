// What every estimator reads: the lobby reduced to a snapshot, the speeds of categories and windows, the arrivals
// to expect, and the normal distribution (internal to lw_forecast).
#pragma once

#include "forecast/Forecast.h"
#include "lobby/Window.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lw::forecast::detail {

using lobby::Lobby;
using lobby::Ticket;
using lobby::Window;
using lobby::WindowState;

constexpr double kMinuteMs = 60'000.0;
constexpr TimeMs kHorizonMs = 6 * 3600 * 1000LL;  // beyond this a forecast is "more than six hours"

inline double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
inline double normalQuantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549671010114843e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    p = std::clamp(p, 1e-12, 1 - 1e-12);
    if (p < 0.02425) {
        double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
        double q = std::sqrt(-2 * std::log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// The lobby reduced to what the estimators read.
struct WaitingTicket {
    const Ticket* ticket;
    std::string category;
    bool priority;
    TimeMs waitedMs;
    int toWindow;   // transferred to this window only (0: any)
    int position;   // in its category's service order, 0 = next
};

// A waiting ticket's forecast with what the lobby says of it (label, category, wait so far, people ahead); the
// estimator fills in the rest.
inline TicketForecast forecastOf(const WaitingTicket& w) {
    TicketForecast f;
    f.ticket = w.ticket->label;
    f.category = w.category;
    f.waitedMs = w.waitedMs;
    f.ahead = w.position;
    return f;
}

struct OpenWindow {
    const Window* window;
    TimeMs availableInMs;  // 0 when free now; the rest of the current service; a pause's expected rest
    bool closed;
};

struct Snapshot {
    std::vector<WaitingTicket> waiting;  // category by category, each in service order
    std::map<std::string, std::vector<std::size_t>> byCategory;
    std::vector<OpenWindow> windows;
    std::vector<lobby::CategoryStatus> categories;
};

TimeMs pauseRestMs(const Window& w, TimeMs now);

Snapshot snapshot(const Lobby& lobby, TimeMs now);

bool serves(const Window& w, const std::string& category);

// ---- shared figures ----

struct Speeds {
    const History& history;
    const Priors& priors;
    std::map<std::string, std::pair<double, double>> today;  // per category: services finished today, their sum

    // `known`: the history holds the true means (the benchmark's oracle); nothing is learned from today.
    Speeds(const History& h, const Priors& p, const Lobby& lobby, bool known = false) : history(h), priors(p) {
        if (known) return;
        for (const Window* w : lobby.windows())
            for (std::size_t i = 0; i < w->serviceTimesMs.size() && i < w->serviceCategories.size(); ++i) {
                auto& [n, sum] = today[w->serviceCategories[i]];
                n += 1;
                sum += static_cast<double>(w->serviceTimesMs[i]);
            }
        for (const Window* w : lobby.windows()) factors[w] = paceOf(*w);
    }
    // The category's mean service: past days' (or the prior) blended with today's as it comes in; the prior
    // weighs as much as five of today's services, history as much as up to fifty.
    double categoryMeanMs(const std::string& c) const {
        double prior = priors.serviceMs(c), weight = 5;
        if (const CategoryHistory* h = history.of(c); h && h->meanServiceMs > 0) {
            prior = h->meanServiceMs;
            weight = std::clamp(h->services, 5.0, 50.0);
        }
        auto it = today.find(c);
        if (it == today.end()) return prior;
        return (it->second.second + weight * prior) / (it->second.first + weight);
    }
    double windowFactor(const Window& w) const {
        auto it = factors.find(&w);
        return it != factors.end() ? it->second : 1.0;
    }
    double serviceCv(const std::string& c) const {
        if (const CategoryHistory* h = history.of(c); h && h->serviceCv > 0) return h->serviceCv;
        return priors.serviceCv;
    }
    std::map<const Window*, double> factors;

    // A window's own pace today: its services against its categories' means, shrunk towards 1 while it has
    // served few customers (five services weigh as much as the prior).
    double paceOf(const Window& w) const {
        double spent = 0, expected = 0, n = 0;
        for (std::size_t i = 0; i < w.serviceTimesMs.size() && i < w.serviceCategories.size(); ++i) {
            spent += static_cast<double>(w.serviceTimesMs[i]);
            expected += categoryMeanMs(w.serviceCategories[i]);
            n += 1;
        }
        if (n == 0 || expected <= 0) return 1.0;
        return std::clamp((n * spent / expected + 5.0) / (n + 5.0), 0.3, 3.0);
    }
};

// Completed services per ms that the open windows give a category, counting a window fully for its first
// category and for later ones only while the earlier queues are empty.
double capacityPerMs(const Snapshot& s, const Speeds& speeds, const std::string& category);

const lobby::CategoryConfig& thresholdsOf(const Snapshot& s, const std::string& category);

int quarterOfDay(TimeMs t, int utcOffsetMinutes);

// Arrivals per ms of a category over the coming quarter-hours: past days' rate at this time of day, scaled by
// how today's last hour compares with the same hour in the past (shrunk: ten tickets' worth of doubt); without
// history, today's last hour of issues.
struct ArrivalForecast {
    std::vector<double> perMs;  // one per quarter-hour from the current one on
    TimeMs firstQuarterEnds = 0;
};

ArrivalForecast arrivalsAhead(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes,
                              int quarters, bool known = false);

double arrivalsPerMs(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes);

// Fill a forecast from a mean and a standard deviation of the remaining wait (normal approximation).
void fromMoments(TicketForecast& f, double meanMs, double sdMs, const lobby::CategoryConfig& thresholds);

// The analytical estimators by name ("baseline", "queue", "queue_abandon", "les", "hol"); nullptr for another name.
std::unique_ptr<Estimator> makeAnalytical(const std::string& name, const History& history, Priors priors);
// The Monte-Carlo roll-forward.
std::unique_ptr<Estimator> makeRollForward(const History& history, Priors priors, std::uint64_t seed, MonteCarloOptions options);

}  // namespace lw::forecast::detail
