// bench/forecast: one simulated day of a branch, every estimator forecasting each ticket at its issue and every
// waiting ticket on the cadence, scored against what happened (errors, intervals, alerts, cost).
#include "ForecastBench.h"

#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "forecast/Forecast.h"
#include "forecast/Served.h"
#include "forecast/Watch.h"
#include "lobby/LocalTime.h"
#include "sim/Profile.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace lw::forecastbench {

double profileRate(const sim::BranchProfile& p, int minute) {
    if (minute < p.openMin || minute >= p.lastTicketMin) return 0;
    double rate = 0;
    for (const auto& step : p.rates)
        if (step.fromMin <= minute) rate = step.perHour;
    return rate * p.rateScale;
}

// What the simulator really does, in the forecast's terms: the oracle's history and priors.
std::pair<forecast::History, forecast::Priors> truthOf(const sim::BranchProfile& p) {
    forecast::History h;
    h.days = 1;
    double shares = 0;
    for (const auto& c : p.categories) shares += c.share;
    for (const auto& c : p.categories) {
        forecast::CategoryHistory ch;
        for (int q = 0; q < 96; ++q) ch.perHourByQuarter[static_cast<std::size_t>(q)] = profileRate(p, q * 15 + 7) * c.share / shares;
        ch.meanServiceMs = c.serviceMeanS * 1000;
        ch.serviceCv = c.serviceCv;
        ch.services = 1e9;
        h.categories.emplace_back(std::string(1, c.code), ch);
    }
    for (const auto& w : p.windows) {
        forecast::WindowHistory wh;
        for (const auto& pause : w.pauses) wh.pauses.emplace_back(pause.fromMin, pause.toMin);
        wh.closeMin = w.closeMin > 0 ? w.closeMin : p.closeMin;
        wh.openMin = w.openMin > 0 ? w.openMin : p.openMin;
        h.windows.emplace_back(w.number, wh);
    }
    forecast::Priors priors;
    priors.patienceMeanMs = p.patienceMeanS * 1000;
    priors.patienceCv = p.patienceCv;
    return {h, priors};
}

struct Tracked {
    lobby::TimeMs issuedAt = 0;
    bool peak = false;
    bool scoredAtIssue = false;
    std::map<std::string, forecast::TicketForecast> atIssue;
    std::map<std::string, std::vector<std::array<std::optional<lobby::TimeMs>, 3>>> firstAlert;  // per rule
};


DayScore runDay(const Job& job, const forecast::History& history, const Options& options, forecast::ServedForecast& served) {
    sim::BranchProfile profile = sim::loadProfile(job.scenario);
    lobby::TimeMs midnight = 0;
    std::vector<lobby::LobbyEvent> events = dayEvents(profile, job.seed, midnight);
    lobby::Lobby lobby(lobbyConfigOf(profile));
    auto [truth, truePriors] = truthOf(profile);

    std::map<std::string, std::unique_ptr<forecast::Estimator>> estimators;
    for (const auto& name : forecast::estimatorNames()) estimators[name] = forecast::makeEstimator(name, history, {}, 11);
    estimators["montecarlo_cold"] = forecast::makeEstimator("montecarlo", {}, {}, 11);
    forecast::MonteCarloOptions oracleOptions;
    oracleOptions.knownParameters = true;
    oracleOptions.walkMs = (profile.walkMinS + profile.walkMaxS) / 2 * 1000;
    oracleOptions.noShowMs = 2.5 * profile.recallGapS * 1000;
    estimators["oracle"] = forecast::makeMonteCarlo(truth, truePriors, oracleOptions, 13);
    // The served forecast keeps what it learned of the estimators' errors from day to day, as the kiosk does.
    served.relearn(history, forecast::makeEstimator("montecarlo", history, {}, 11));

    double maxRate = 0;
    for (const auto& step : profile.rates) maxRate = std::max(maxRate, step.perHour);
    auto isPeak = [&](lobby::TimeMs t) { return profileRate(profile, static_cast<int>((t - midnight) / kMinute)) >= 0.8 * maxRate; };
    const std::array<int, 3> thresholds = {15, 20, 30};

    DayScore day;
    day.branchHours = (profile.closeMin - profile.openMin) / 60.0;
    std::map<std::string, Tracked> tracked;
    int issuedCount = 0;
    lobby::TimeMs nextTick = 0;
    const lobby::TimeMs cadence = options.cadenceS * 1000LL;

    auto timed = [&](const std::string& name, lobby::TimeMs now) {
        auto t0 = std::chrono::steady_clock::now();
        forecast::Forecast f = estimators[name]->forecast(lobby, now);
        EstimatorScore& s = day.estimators[name];
        s.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        s.forecasts += 1;
        return f;
    };
    // First alerts: a ticket whose chance of passing a threshold reaches the level before it has passed it.
    auto noteAlerts = [&](const std::string& name, const forecast::TicketForecast& tf, lobby::TimeMs now) {
        auto it = tracked.find(tf.ticket);
        if (it == tracked.end()) return;
        auto& first = it->second.firstAlert[name];
        if (first.empty()) first.resize(kRules.size());
        const std::array<double, 3> p = {tf.pTarget, tf.pWarning, tf.pLimit};
        for (std::size_t r = 0; r < (triesRules(name) ? kRules.size() : 1); ++r)
            for (std::size_t k = 0; k < 3; ++k) {
                lobby::TimeMs breachAt = it->second.issuedAt + thresholds[k] * kMinute;
                if (first[r][k] || p[k] < kRules[r].level || now >= breachAt) continue;
                if (kRules[r].withinMin > 0 && breachAt - now > kRules[r].withinMin * kMinute) continue;
                first[r][k] = now;
            }
    };
    auto settle = [&](const Tracked& t, std::optional<lobby::TimeMs> calledAt, lobby::TimeMs dayEnd) {
        // Alerts: breached when the wait to the first call (or to the end of the day, never called) passed it.
        lobby::TimeMs waited = (calledAt ? *calledAt : dayEnd) - t.issuedAt;
        for (const auto& [name, first] : t.firstAlert) {
            if (!scoresAlerts(name)) continue;
            for (std::size_t r = 0; r < first.size(); ++r)
                for (std::size_t k = 0; k < 3; ++k) {
                    AlertScore& a = day.estimators[name].alerts[r][k];
                    lobby::TimeMs breachAt = t.issuedAt + thresholds[k] * kMinute;
                    bool breached = waited > thresholds[k] * kMinute;
                    if (!calledAt && !breached) continue;  // open at the end of the day: unknown
                    if (first[r][k]) {
                        a.alerts += 1;
                        if (breached) a.trueAlerts += 1;
                        else a.falseAlerts += 1;
                    }
                    if (breached) {
                        a.breaches += 1;
                        if (first[r][k] && *first[r][k] <= breachAt - 5 * kMinute) a.caughtEarly += 1;
                        if (first[r][k]) a.leadsMin.push_back(static_cast<double>(breachAt - *first[r][k]) / kMinute);
                    }
                }
        }
        // Errors of the forecast at issue, against the wait to the first call.
        if (!calledAt || !t.scoredAtIssue) return;
        day.scored += 1;
        double actual = static_cast<double>(*calledAt - t.issuedAt) / 1000;
        static const char* dump = std::getenv("LW_BENCH_DUMP");
        if (dump) {
            static std::mutex dumpMutex;
            std::lock_guard<std::mutex> lock(dumpMutex);
            static FILE* out = std::fopen(dump, "w");
            for (const auto& [name, tf] : t.atIssue)
                std::fprintf(out, "%s,%lld,%s,%d,%.0f,%.0f,%lld,%lld\n", job.scenario.c_str(), static_cast<long long>(t.issuedAt), name.c_str(), tf.ahead,
                             static_cast<double>(tf.expectedRemainingMs) / 1000, actual, static_cast<long long>(tf.lowMs / 1000), static_cast<long long>(tf.highMs / 1000));
            std::fflush(out);
        }
        for (const auto& [name, tf] : t.atIssue) {
            std::optional<std::pair<double, double>> interval;
            if (tf.highMs > tf.lowMs) interval = std::make_pair(static_cast<double>(tf.lowMs) / 1000, static_cast<double>(tf.highMs) / 1000);
            double predicted = static_cast<double>(tf.expectedRemainingMs) / 1000;
            day.estimators[name].all.add(predicted, actual, interval);
            if (t.peak) day.estimators[name].peak.add(predicted, actual, interval);
        }
    };

    for (const auto& e : events) {
        // The alert ticks up to this event.
        while (nextTick != 0 && nextTick <= e.time) {
            if (lobby.totals().waiting > 0) {
                for (const auto& [name, est] : estimators) {
                    if (!scoresAlerts(name)) continue;
                    forecast::Forecast f = timed(name, nextTick);
                    for (const auto& tf : f.tickets) noteAlerts(name, tf, nextTick);
                }
            }
            nextTick += cadence;
        }
        if (nextTick == 0) nextTick = e.time + cadence;

        if (e.kind == lobby::EventKind::Called) {
            const lobby::Ticket* t = lobby.ticket(e.ticket);
            if (t && t->state == lobby::TicketState::Waiting && !t->firstCalledAt) {
                auto it = tracked.find(e.ticket);
                if (it != tracked.end()) {
                    settle(it->second, e.time, e.time);
                    tracked.erase(it);
                }
            }
        }
        if (e.kind == lobby::EventKind::Issued) tracked.erase(e.ticket);  // a label used again: the old one is lost
        lobby.apply(e);
        served.observe(e);
        if (e.kind != lobby::EventKind::Issued) continue;
        ++issuedCount;
        day.tickets += 1;
        Tracked t;
        t.issuedAt = e.time;
        t.peak = isPeak(e.time);
        t.scoredAtIssue = job.scenario == "small" || issuedCount % options.stride == 0;
        // The served forecast at every issue (the audit's path: the Monte Carlo stops each run at this ticket).
        auto s0 = std::chrono::steady_clock::now();
        auto w = served.forecastTicket(lobby, e.time, e.ticket);
        day.servedCost.add(lobby.totals().waiting - 1, std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count());
        if (w && t.scoredAtIssue) {
            forecast::TicketForecast tf;
            tf.ticket = e.ticket;
            if (const lobby::Ticket* issued = lobby.ticket(e.ticket)) tf.ahead = static_cast<int>(lobby.waiting(issued->category).size()) - 1;
            tf.expectedRemainingMs = static_cast<lobby::TimeMs>(w->expectedMs);
            tf.lowMs = static_cast<lobby::TimeMs>(w->lowMs);
            tf.highMs = static_cast<lobby::TimeMs>(w->highMs);
            if (tf.highMs <= tf.lowMs) tf.highMs = tf.lowMs + 1;  // a zero-width interval is still an interval
            t.atIssue["served"] = tf;
            day.servedBy[w->estimator] += 1;
        }
        tracked[e.ticket] = t;
        if (!t.scoredAtIssue) continue;
        const bool sampleCold = (issuedCount / options.stride) % 2 == 0 || job.scenario == "small";
        for (const auto& [name, est] : estimators) {
            if (name == "montecarlo_cold" && !sampleCold) continue;  // half as often: it only shows what history adds
            forecast::Forecast f = timed(name, e.time);
            if (const forecast::TicketForecast* tf = f.ticket(e.ticket)) {
                tracked[e.ticket].atIssue[name] = *tf;
                if (scoresAlerts(name)) noteAlerts(name, *tf, e.time);
            }
        }
    }
    lobby::TimeMs dayEnd = events.empty() ? 0 : events.back().time;
    for (const auto& [label, t] : tracked) settle(t, std::nullopt, dayEnd);
    return day;
}

}  // namespace lw::forecastbench
