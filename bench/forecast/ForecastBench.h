// bench/forecast's shared parts: the options, the alert rules tried, the scores of a day and of an estimator, and
// the two halves of the bench (one simulated day scored, the M/M/s check).
#pragma once

#include "forecast/Forecast.h"
#include "forecast/Served.h"
#include "forecast/Watch.h"
#include "sim/Profile.h"
#include "SimulatedDay.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::forecastbench {

constexpr lobby::TimeMs kMinute = 60'000;
// Alert rules tried: raise when P(wait > threshold) reaches `level` and, if `withinMin` > 0, the threshold is at most
// that many minutes away. The first is the Watch's rule 1 as shipped (WatchSettings' defaults).
struct AlertRule {
    double level;
    int withinMin;
};
inline const std::vector<AlertRule> kRules = {{forecast::WatchSettings{}.breachProbability, forecast::WatchSettings{}.breachWithinMin},
                                       {0.6, 0}, {0.7, 0}, {0.8, 0}, {0.9, 0}, {0.6, 15}, {0.8, 15}, {0.6, 10}, {0.7, 10},
                                       {0.8, 10}, {0.9, 10}, {0.9, 12}, {0.95, 12}, {0.95, 8}};
inline const std::vector<std::string> kScenarios = {"small", "city", "payday", "lunch", "realistic"};

struct Options {
    int days = 50;
    int threads = 2;
    int stride = 4;
    int cadenceS = 60;
    int mmsDays = 10;
    std::string only;  // one scenario
};

// Errors of one estimator's forecasts at issue, in seconds: predicted minus actual.
struct ErrorScore {
    double n = 0, abs = 0, sq = 0, sum = 0, under5 = 0, covered = 0, withInterval = 0;
    void add(double predicted, double actual, std::optional<std::pair<double, double>> interval) {
        double e = predicted - actual;
        n += 1;
        abs += std::abs(e);
        sq += e * e;
        sum += e;
        if (e < -300) under5 += 1;
        if (interval) {
            withInterval += 1;
            if (interval->first <= actual && actual <= interval->second) covered += 1;
        }
    }
    void merge(const ErrorScore& o) {
        n += o.n, abs += o.abs, sq += o.sq, sum += o.sum, under5 += o.under5, covered += o.covered,
            withInterval += o.withInterval;
    }
    double mae() const { return n > 0 ? abs / n / 60 : 0; }
    double rmse() const { return n > 0 ? std::sqrt(sq / n) / 60 : 0; }
    double bias() const { return n > 0 ? sum / n / 60 : 0; }
};

// Alerts of one estimator at one threshold.
struct AlertScore {
    double breaches = 0, caughtEarly = 0, alerts = 0, trueAlerts = 0, falseAlerts = 0;
    std::vector<double> leadsMin;
    void merge(const AlertScore& o) {
        breaches += o.breaches, caughtEarly += o.caughtEarly, alerts += o.alerts, trueAlerts += o.trueAlerts,
            falseAlerts += o.falseAlerts;
        leadsMin.insert(leadsMin.end(), o.leadsMin.begin(), o.leadsMin.end());
    }
};

struct EstimatorScore {
    ErrorScore all, peak;
    std::vector<std::array<AlertScore, 3>> alerts = std::vector<std::array<AlertScore, 3>>(kRules.size());  // per rule: target, warning, limit
    double seconds = 0, forecasts = 0;
    void merge(const EstimatorScore& o) {
        all.merge(o.all);
        peak.merge(o.peak);
        for (std::size_t r = 0; r < kRules.size(); ++r)
            for (std::size_t k = 0; k < 3; ++k) alerts[r][k].merge(o.alerts[r][k]);
        seconds += o.seconds;
        forecasts += o.forecasts;
    }
};

// The served forecast's cost per ticket at issue (as the audit pays it), by how many were waiting then.
inline const std::vector<int> kQueueBuckets = {0, 1, 5, 10, 20, 50};
struct CostByQueue {
    std::vector<double> seconds = std::vector<double>(kQueueBuckets.size()), tickets = std::vector<double>(kQueueBuckets.size());
    void add(int waiting, double s) {
        std::size_t b = 0;
        while (b + 1 < kQueueBuckets.size() && waiting >= kQueueBuckets[b + 1]) ++b;
        seconds[b] += s;
        tickets[b] += 1;
    }
    void merge(const CostByQueue& o) {
        for (std::size_t b = 0; b < seconds.size(); ++b) seconds[b] += o.seconds[b], tickets[b] += o.tickets[b];
    }
};

struct DayScore {
    std::map<std::string, EstimatorScore> estimators;
    double branchHours = 0, tickets = 0, scored = 0;
    CostByQueue servedCost;
    std::map<std::string, double> servedBy;  // scored tickets, by the estimator that served them
    void merge(const DayScore& o) {
        for (const auto& [name, s] : o.estimators) estimators[name].merge(s);
        servedCost.merge(o.servedCost);
        for (const auto& [name, n] : o.servedBy) servedBy[name] += n;
        branchHours += o.branchHours;
        tickets += o.tickets;
        scored += o.scored;
    }
};

inline const std::vector<std::string> kShown = {"baseline", "queue", "queue_abandon", "les", "hol", "montecarlo_cold", "montecarlo", "served", "oracle"};
// The simple estimators the served one must never be worse than.
inline const std::vector<std::string> kSimple = {"baseline", "queue", "queue_abandon", "les", "hol"};
// Estimators whose alerts are scored (the others' intervals are points or they only matter on the first day).
inline bool scoresAlerts(const std::string& name) { return name != "montecarlo_cold" && name != "served"; }
// Estimators whose alerts are scored under every rule (the others: the shipped rule only).
inline bool triesRules(const std::string& name) { return name == "montecarlo" || name == "oracle"; }

struct Job {
    std::string scenario;
    int seed;
};

// One simulated day of the branch and its lobby, as bench_alerts runs it too (bench/common/SimulatedDay.h).
using bench::dayEvents;
using bench::lobbyConfigOf;
// One simulated day: every estimator forecasts at issue and on the cadence, scored against what happened.
DayScore runDay(const Job& job, const forecast::History& history, const Options& options, forecast::ServedForecast& served);

// ---- M/M/s: s windows, Poisson arrivals, exponential services, first come first served ----

struct MmsResult {
    double load, delayed = 0, sqError = 0, sumWait = 0, predictedSum = 0;
    double rse() const { return delayed > 0 ? (sqError / delayed) / std::pow(sumWait / delayed, 2) : 0; }
};

MmsResult runMms(double load, int days, int servers);

}  // namespace lw::forecastbench
