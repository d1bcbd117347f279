// Wait forecasts: for each waiting ticket and for a ticket issued now, by several estimators (plain C++).
#pragma once

#include "lobby/Lobby.h"

#include <array>
#include <cstdint>
#include <map>
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

// What past days teach (HistoryBuilder learns it from their events). Optional: without it the estimators use
// today's figures and the priors below (a cold start).
struct CategoryHistory {
    std::array<double, 96> perHourByQuarter{};  // arrival rate (per hour) in each quarter-hour of the local day
    double meanServiceMs = 0;                   // 0: unknown
    double serviceCv = 0;                       // 0: unknown
    double services = 0;                        // how many services those figures are made of
};
// A window's usual day: when it usually opens, when it is usually paused (on at least half of the days it worked)
// and when it usually closes, in minutes after local midnight.
struct WindowHistory {
    std::vector<std::pair<int, int>> pauses;  // [from, to)
    int openMin = 0;
    int closeMin = 24 * 60;
};
struct History {
    int days = 0;
    double patienceMeanMs = 0;  // how long customers wait before they give up (lognormal, CV 0.6); 0: unknown
    double walkMs = 0;          // from the first call to the start of service; 0: unknown
    double noShowMs = 0;        // from the first call to the no-show: a window's time lost on someone gone; 0: unknown
    std::vector<std::pair<std::string, CategoryHistory>> categories;
    std::vector<std::pair<int, WindowHistory>> windows;
    const CategoryHistory* of(const std::string& code) const;
    const WindowHistory* window(int number) const;
};

// Learns History from the events of past business days (fed in time order).
class HistoryBuilder {
public:
    explicit HistoryBuilder(int utcOffsetMinutes = 480);
    void observe(const lobby::LobbyEvent& event);
    History build() const;

private:
    void endDay();
    int utcOffsetMinutes_;
    std::int64_t day_ = -1;
    int days_ = 0;
    struct TicketSeen {
        std::string category;
        TimeMs startedAt = 0;
        TimeMs issuedAt = 0;
        TimeMs firstWaitMs = -1;  // issue to first call
    };
    std::array<std::array<double, 2>, 240> presence_{};
    std::array<double, 4> callToStart_{};  // walks: n, sum; calls in vain: n, sum  // per minute of wait at the first call: gone, there
    std::map<std::string, TicketSeen> tickets_;
    std::map<std::string, std::array<double, 96>> issued_;  // tickets issued per quarter-hour, all days together
    bool issuedToday_ = false;
    std::map<std::string, std::array<double, 3>> services_;  // n, sum, sum of squares (minutes)
    std::map<int, int> pausedSince_;                     // minute of day
    std::map<int, std::vector<int>> pausedSlotsToday_;  // 5-minute slots, per window
    std::map<int, int> closeMinToday_;
    std::map<int, int> openMinToday_;  // its first opening today
    std::map<int, std::vector<int>> openMins_;
    std::map<int, std::array<int, 288>> pausedDays_{};  // per window and slot: days paused then
    std::map<int, int> workedDays_;
    std::map<int, std::vector<int>> closeMins_;
};

// Priors for a cold start (first day, no history): a bank's personal services take about 4 minutes,
// corporate 12, VIP 8; customers give up after about 25 minutes (lognormal, CV 0.6).
struct Priors {
    double serviceMs(const std::string& category) const;
    double patienceMeanMs = 25 * 60'000.0;
    double patienceCv = 0.6;
    double serviceCv = 0.8;
};

// How the Monte-Carlo roll-forward runs. `knownParameters` is for the benchmark's oracle: the history and priors
// are the truth (no per-window pace to estimate, no doubt about the means), nothing is learned from today.
struct MonteCarloOptions {
    int runs = 200;
    bool knownParameters = false;
    double walkMs = 30'000;     // from the call to the start of service
    double noShowMs = 45'000;   // a window's time lost calling someone who left
    int threads = 2;            // the runs split over this many threads (the answer is the same on any number)
};

class Estimator {
public:
    virtual ~Estimator() = default;
    virtual const char* name() const = 0;
    virtual Forecast forecast(const lobby::Lobby& lobby, TimeMs now) const = 0;
    // One waiting ticket's forecast, equal to forecast(lobby, now).ticket(label) (an estimator may get there
    // faster: the Monte Carlo stops each run once that ticket is called); nullopt when there is none.
    virtual std::optional<TicketForecast> forecastTicket(const lobby::Lobby& lobby, TimeMs now, const std::string& label) const;
};

// "baseline" (people ahead x mean service / open windows, what ticketing systems show), "queue" (queue length
// with the priority order), "queue_abandon" (Erlang-A style: the queue ahead thinned by who gives up),
// "les" (the wait of the last ticket to enter service), "hol" (the head of the line's wait so far),
// "montecarlo" (a seeded roll-forward of the real service order; the one the kiosk ships).
std::vector<std::string> estimatorNames();
std::unique_ptr<Estimator> makeEstimator(const std::string& name, const History& history = {}, Priors priors = {},
                                         std::uint64_t seed = 1);
std::unique_ptr<Estimator> makeMonteCarlo(const History& history, Priors priors, MonteCarloOptions options,
                                          std::uint64_t seed = 1);

// Erlang C: probability that an arrival waits, with `servers` servers, offered load a = lambda / mu (Erlangs).
double erlangC(int servers, double offeredLoad);
// The fewest servers for which the mean wait in queue (Erlang C) stays within targetWaitMs; lambda per ms,
// serviceMs mean. Returns at least ceil(a) + (a > 0).
int serversForMeanWait(double arrivalsPerMs, double serviceMs, double targetWaitMs);

}  // namespace lw::forecast
