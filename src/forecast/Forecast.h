// Wait forecasts: for each waiting ticket and for a ticket issued now, by several estimators (plain C++).
#pragma once

#include "Lobby.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lw::forecast {

using lobby::TimeMs;

struct TicketForecast {
    std::string ticket;
    std::string category;
    TimeMs waitedMs = 0;               // so far (0 when the issue time is unknown)
    TimeMs expectedRemainingMs = 0;
    TimeMs lowMs = 0;                  // 80% interval of the remaining wait: 10th..90th percentile
    TimeMs highMs = 0;
    // Probability that the TOTAL wait (from issue) passes the category's target, warning and limit.
    double pTarget = 0.0;
    double pWarning = 0.0;
    double pLimit = 0.0;
    int ahead = 0;                     // tickets that will be called before it, as things stand
};

struct CategoryForecast {
    std::string category;
    std::optional<TimeMs> waitIfIssuedNowMs;  // nullopt: no open window serves it, no honest figure
    TimeMs lowMs = 0;
    TimeMs highMs = 0;
    int ahead = 0;                            // tickets of any category that would be called before it
};

struct Forecast {
    TimeMs at = 0;
    std::string method;
    std::vector<TicketForecast> tickets;       // the waiting tickets, in no particular order
    std::vector<CategoryForecast> categories;  // config order, then as they appeared
    const TicketForecast* ticket(const std::string& label) const;
    const CategoryForecast* category(const std::string& code) const;
};

// What past days teach, per category: arrivals per hour of the day and the mean service time. Optional:
// without it the estimators use today's figures and the priors below (a cold start).
struct CategoryHistory {
    std::array<double, 24> arrivalsPerHour{};  // local hour of day
    double meanServiceMs = 0;                  // 0: unknown
};
struct History {
    std::vector<std::pair<std::string, CategoryHistory>> categories;
    const CategoryHistory* of(const std::string& code) const;
};

// Priors for a cold start (first day, no history): a bank's personal services take about 4 minutes,
// corporate 12, VIP 8; customers give up after about 25 minutes (lognormal, CV 0.6).
struct Priors {
    double serviceMs(const std::string& category) const;
    double patienceMeanMs = 25 * 60'000.0;
    double patienceCv = 0.6;
    double serviceCv = 0.8;
};

class Estimator {
public:
    virtual ~Estimator() = default;
    virtual const char* name() const = 0;
    virtual Forecast forecast(const lobby::Lobby& lobby, TimeMs now) const = 0;
};

// "baseline" (people ahead x mean service / open windows, what ticketing systems show), "queue" (queue length
// with the priority order), "queue_abandon" (Erlang-A style: the queue ahead thinned by who gives up),
// "les" (the wait of the last ticket to enter service), "hol" (the head of the line's wait so far),
// "montecarlo" (a seeded roll-forward of the real service order; the one the kiosk ships).
std::vector<std::string> estimatorNames();
std::unique_ptr<Estimator> makeEstimator(const std::string& name, const History& history = {}, Priors priors = {},
                                         std::uint64_t seed = 1);

// Erlang C: probability that an arrival waits, with `servers` servers, offered load a = lambda / mu (Erlangs).
double erlangC(int servers, double offeredLoad);
// The fewest servers for which the mean wait in queue (Erlang C) stays within targetWaitMs; lambda per ms,
// serviceMs mean. Returns at least ceil(a) + (a > 0).
int serversForMeanWait(double arrivalsPerMs, double serviceMs, double targetWaitMs);

}  // namespace lw::forecast
