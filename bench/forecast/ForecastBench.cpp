// bench/forecast: every estimator against what really happened in simulated days, beside an oracle; the alerts they
// would raise; and the M/M/s sanity check. Prints `key: value` lines and a table (see docs/FORECAST.md).
//
//   bench_forecast [--days N] [--threads N] [--stride K] [--cadence-s S] [--mms-days N] [--only SCENARIO]
//   (LW_BENCH_DUMP=FILE: one CSV row per scored ticket and estimator: scenario, issue ms, name, ahead, predicted s,
//   actual s, low s, high s)
//
// Scenarios: the simulator's small, city and payday branches and the lunch-peak branch, N days each (seeds 1..N).
// Each day every estimator forecasts each ticket's wait at its issue (every K-th ticket of the big branches, 4 by
// default, every ticket of the small one; montecarlo_cold half as often) and is scored at its first call; every S seconds of the day the shipped estimator, the
// oracle and the point estimators forecast every waiting ticket, and a ticket's first "P(wait > threshold) >= 0.6"
// before the breach is its alert. The shipped estimator learns from the branch's earlier days (HistoryBuilder);
// `montecarlo_cold` is the same without history, what the first day gets. The oracle re-simulates 200 times from
// the lobby's state with the simulator's true parameters (arrival rates, service means and spreads, patience,
// walking, the windows' lunch and closing times).
#include "BranchDay.h"
#include "DeviceSessions.h"
#include "Forecast.h"
#include "Served.h"
#include "Watch.h"
#include "LocalTime.h"
#include "Profile.h"

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

using namespace lw;

namespace {

constexpr lobby::TimeMs kMinute = 60'000;
// Alert rules tried: raise when P(wait > threshold) reaches `level` and, if `withinMin` > 0, the threshold is at most
// that many minutes away. The first is the Watch's rule 1 as shipped (WatchSettings' defaults).
struct AlertRule {
    double level;
    int withinMin;
};
const std::vector<AlertRule> kRules = {{forecast::WatchSettings{}.breachProbability, forecast::WatchSettings{}.breachWithinMin},
                                       {0.6, 0}, {0.7, 0}, {0.8, 0}, {0.9, 0}, {0.6, 15}, {0.8, 15}, {0.6, 10}, {0.7, 10},
                                       {0.8, 10}, {0.9, 10}, {0.9, 12}, {0.95, 12}, {0.95, 8}};
const std::vector<std::string> kScenarios = {"small", "city", "payday", "lunch", "realistic"};

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
const std::vector<int> kQueueBuckets = {0, 1, 5, 10, 20, 50};
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

const std::vector<std::string> kShown = {"baseline", "queue", "queue_abandon", "les", "hol", "montecarlo_cold", "montecarlo", "served", "oracle"};
// The simple estimators the served one must never be worse than.
const std::vector<std::string> kSimple = {"baseline", "queue", "queue_abandon", "les", "hol"};
// Estimators whose alerts are scored (the others' intervals are points or they only matter on the first day).
bool scoresAlerts(const std::string& name) { return name != "montecarlo_cold" && name != "served"; }
// Estimators whose alerts are scored under every rule (the others: the shipped rule only).
bool triesRules(const std::string& name) { return name == "montecarlo" || name == "oracle"; }

lobby::LobbyConfig lobbyConfigOf(const sim::BranchProfile& profile) {
    lobby::LobbyConfig config;
    config.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Corporate", 15, 20, 30},
                         {"V", "贵宾业务", "VIP", 15, 20, 30}};
    for (const auto& c : profile.categories)
        if (c.code != 'A' && c.code != 'B' && c.code != 'V') config.categories.push_back({std::string(1, c.code), "", "", 15, 20, 30});
    for (const auto& w : profile.windows) {
        lobby::WindowConfig wc;
        wc.number = w.number;
        for (char c : w.serves) wc.serves.push_back(std::string(1, c));
        config.windows.push_back(wc);
    }
    return config;
}

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

std::vector<lobby::LobbyEvent> dayEvents(const sim::BranchProfile& profile, int seed, lobby::TimeMs& midnight) {
    sim::DayPlan plan = sim::wholeDay(profile, lobby::daysFromCivil(2026, 1, 5) + seed, static_cast<std::uint64_t>(seed) * 7919);
    midnight = plan.localMidnight;
    auto result = sim::simulateDay(profile, plan);
    std::vector<lobby::LobbyEvent> events;
    int seq = 0;
    for (const auto& tr : result.transmissions)
        if (auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "bench")) events.push_back(*e);
    return events;
}

struct Tracked {
    lobby::TimeMs issuedAt = 0;
    bool peak = false;
    bool scoredAtIssue = false;
    std::map<std::string, forecast::TicketForecast> atIssue;
    std::map<std::string, std::vector<std::array<std::optional<lobby::TimeMs>, 3>>> firstAlert;  // per rule
};

struct Job {
    std::string scenario;
    int seed;
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

// ---- M/M/s: s windows, Poisson arrivals, exponential services, first come first served ----

struct MmsResult {
    double load, delayed = 0, sqError = 0, sumWait = 0, predictedSum = 0;
    double rse() const { return delayed > 0 ? (sqError / delayed) / std::pow(sumWait / delayed, 2) : 0; }
};

MmsResult runMms(double load, int days, int servers) {
    // One-minute services so that a day holds thousands of customers: 04:30 to 23:30, the first two hours (120
    // service times) a warm-up from the empty lobby, not scored.
    const double serviceMs = kMinute;
    const double lambdaPerMs = load * servers / serviceMs;
    MmsResult r{load};
    forecast::History history;
    history.days = 1;
    forecast::CategoryHistory ch;
    ch.meanServiceMs = serviceMs;
    ch.services = 1e6;
    history.categories.emplace_back("A", ch);
    auto queue = forecast::makeEstimator("queue", history);
    std::mt19937_64 rng(static_cast<std::uint64_t>(load * 1000));
    std::exponential_distribution<double> interArrival(lambdaPerMs), service(1.0 / serviceMs);
    for (int d = 0; d < days; ++d) {
        lobby::LobbyConfig config;
        config.categories = {{"A", "个人业务", "Personal", 15, 20, 30}};
        for (int w = 1; w <= servers; ++w) config.windows.push_back({w, {"A"}});
        lobby::Lobby lobby(config);
        const lobby::TimeMs midnight = (lobby::daysFromCivil(2026, 3, 2) + d) * 1440 * kMinute - 480 * kMinute;
        const lobby::TimeMs open = midnight + 270 * kMinute, warmUpEnds = open + 120 * kMinute, lastArrival = midnight + 1410 * kMinute;
        struct Ev {
            lobby::TimeMs time;
            int order;  // finishes before calls before issues at one instant
            lobby::LobbyEvent e;
        };
        std::vector<Ev> evs;
        for (int w = 1; w <= servers; ++w) {
            lobby::LobbyEvent e;
            e.kind = lobby::EventKind::WindowOpen;
            e.window = w;
            e.time = open;
            evs.push_back({open, 0, e});
        }
        std::vector<double> freeAt(static_cast<std::size_t>(servers), static_cast<double>(open));
        double t = static_cast<double>(open);
        std::map<std::string, lobby::TimeMs> startOf;
        for (int n = 1;; ++n) {
            t += interArrival(rng);
            if (t >= static_cast<double>(lastArrival)) break;
            std::string label = std::to_string(n);
            label = "A" + std::string(label.size() < 5 ? 5 - label.size() : 0, '0') + label;
            auto w = static_cast<std::size_t>(std::min_element(freeAt.begin(), freeAt.end()) - freeAt.begin());
            double start = std::max(t, freeAt[w]);
            double end = start + service(rng);
            freeAt[w] = end;
            lobby::LobbyEvent e;
            e.ticket = label;
            e.category = "A";
            e.time = static_cast<lobby::TimeMs>(t);
            e.kind = lobby::EventKind::Issued;
            evs.push_back({e.time, 3, e});
            e.window = static_cast<int>(w) + 1;
            e.time = static_cast<lobby::TimeMs>(start);
            e.kind = lobby::EventKind::Called;
            evs.push_back({e.time, 1, e});
            e.kind = lobby::EventKind::Started;
            evs.push_back({e.time, 2, e});
            e.time = std::max(static_cast<lobby::TimeMs>(end), e.time);
            e.kind = lobby::EventKind::Finished;
            evs.push_back({e.time, 0, e});
            startOf[label] = static_cast<lobby::TimeMs>(start);
        }
        std::stable_sort(evs.begin(), evs.end(), [](const Ev& a, const Ev& b) { return a.time != b.time ? a.time < b.time : a.order < b.order; });
        for (const auto& ev : evs) {
            lobby.apply(ev.e);
            if (ev.e.kind != lobby::EventKind::Issued || ev.time < warmUpEnds) continue;
            lobby::TimeMs wait = startOf[ev.e.ticket] - ev.time;
            if (wait <= 0) continue;  // a window was free: not delayed
            forecast::Forecast f = queue->forecast(lobby, ev.time);
            const forecast::TicketForecast* tf = f.ticket(ev.e.ticket);
            if (!tf) continue;
            double e = static_cast<double>(tf->expectedRemainingMs - wait);
            r.delayed += 1;
            r.sqError += e * e;
            r.sumWait += static_cast<double>(wait);
            r.predictedSum += static_cast<double>(tf->expectedRemainingMs);
        }
    }
    return r;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--only")) {
            options.only = argv[i + 1];
            continue;
        }
        int value = std::atoi(argv[i + 1]);
        if (value <= 0) {
            std::fprintf(stderr, "bench_forecast: %s needs a positive number\n", argv[i]);
            return 2;
        }
        if (!std::strcmp(argv[i], "--days")) options.days = value;
        else if (!std::strcmp(argv[i], "--threads")) options.threads = value;
        else if (!std::strcmp(argv[i], "--stride")) options.stride = value;
        else if (!std::strcmp(argv[i], "--cadence-s")) options.cadenceS = value;
        else if (!std::strcmp(argv[i], "--mms-days")) options.mmsDays = value;
        else {
            std::fprintf(stderr, "bench_forecast: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    auto started = std::chrono::steady_clock::now();

    // History first, day by day per branch: what the kiosk would have learned before each day.
    std::map<std::string, std::vector<forecast::History>> historyBefore;
    for (const auto& scenario : kScenarios) {
        if (!options.only.empty() && scenario != options.only) continue;
        sim::BranchProfile profile = sim::loadProfile(scenario);
        forecast::HistoryBuilder builder(480);
        for (int seed = 1; seed <= options.days; ++seed) {
            historyBefore[scenario].push_back(builder.build());
            lobby::TimeMs midnight = 0;
            for (const auto& e : dayEvents(profile, seed, midnight)) builder.observe(e);
        }
    }
    for (const auto& [scenario, histories] : historyBefore) {
        const forecast::History& h = histories.back();
        const forecast::CategoryHistory* a = h.of("A");
        std::printf("learned_%s: %d days; patience %.1f min, walk %.0f s, call in vain %.0f s, A service %.2f min (cv %.2f)\n",
                    scenario.c_str(), h.days, h.patienceMeanMs / kMinute, h.walkMs / 1000, h.noShowMs / 1000,
                    a ? a->meanServiceMs / kMinute : 0.0, a ? a->serviceCv : 0.0);
    }
    // One thread per branch at a time, its days in order (the served forecast carries its errors from day to
    // day); the expensive branches first, so that the threads finish together.
    std::vector<std::string> branches;
    for (const auto& [scenario, histories] : historyBefore) branches.push_back(scenario);
    std::stable_sort(branches.begin(), branches.end(), [](const std::string& a, const std::string& b) { return (a == "small") < (b == "small"); });

    // The M/M/s check runs beside the days (it is one thread's work).
    auto mmsRun = std::async(std::launch::async, [&options] {
        return std::vector<MmsResult>{runMms(0.8, options.mmsDays, 8), runMms(0.9, options.mmsDays, 8), runMms(0.95, options.mmsDays, 8)};
    });
    std::map<std::string, DayScore> byScenario;
    std::mutex mutex;
    std::atomic<std::size_t> nextJob{0};
    std::vector<std::thread> threads;
    for (int k = 0; k < options.threads; ++k)
        threads.emplace_back([&] {
            for (std::size_t j; (j = nextJob++) < branches.size();) {
                forecast::ServedForecast served({}, {}, 480);
                for (int seed = 1; seed <= options.days; ++seed) {
                    DayScore day = runDay({branches[j], seed}, historyBefore[branches[j]][static_cast<std::size_t>(seed - 1)], options, served);
                    std::lock_guard<std::mutex> lock(mutex);
                    byScenario[branches[j]].merge(day);
                }
            }
        });
    for (auto& t : threads) t.join();

    std::vector<MmsResult> mms = mmsRun.get();

    DayScore total;
    for (const auto& [scenario, day] : byScenario) total.merge(day);

    std::printf("days_per_scenario: %d\n", options.days);
    std::printf("tickets: %.0f\nscored_at_issue: %.0f\nbranch_hours: %.0f\n", total.tickets, total.scored, total.branchHours);
    std::printf("\n%-16s %-8s %7s %7s %7s %9s %9s %8s\n", "estimator", "scenario", "MAE", "RMSE", "bias", "under>5", "cover80", "n");
    for (const auto& name : kShown) {
        for (const auto& scenario : kScenarios) {
            const ErrorScore& e = byScenario[scenario].estimators[name].all;
            std::printf("%-16s %-8s %7.2f %7.2f %+7.2f %9.3f %9.3f %8.0f\n", name.c_str(), scenario.c_str(), e.mae(), e.rmse(),
                        e.bias(), e.n > 0 ? e.under5 / e.n : 0, e.withInterval > 0 ? e.covered / e.withInterval : 0, e.n);
        }
        for (const char* part : {"all", "peak"}) {
            const EstimatorScore& s = total.estimators[name];
            const ErrorScore& e = std::strcmp(part, "all") == 0 ? s.all : s.peak;
            std::printf("%-16s %-8s %7.2f %7.2f %+7.2f %9.3f %9.3f %8.0f\n", name.c_str(), part, e.mae(), e.rmse(), e.bias(),
                        e.n > 0 ? e.under5 / e.n : 0, e.withInterval > 0 ? e.covered / e.withInterval : 0, e.n);
            std::printf("%s_%s_mae_min: %.2f\n%s_%s_rmse_min: %.2f\n%s_%s_bias_min: %+.2f\n%s_%s_under5_share: %.3f\n%s_%s_coverage80: %.3f\n",
                        name.c_str(), part, e.mae(), name.c_str(), part, e.rmse(), name.c_str(), part, e.bias(), name.c_str(), part,
                        e.n > 0 ? e.under5 / e.n : 0, name.c_str(), part, e.withInterval > 0 ? e.covered / e.withInterval : 0);
        }
        std::printf("%s_ms_per_forecast: %.3f\n", name.c_str(),
                    total.estimators[name].forecasts > 0 ? total.estimators[name].seconds * 1000 / total.estimators[name].forecasts : 0);
    }

    const char* levels[3] = {"target", "warning", "limit"};
    auto ruleName = [](const AlertRule& r) {
        char text[32];
        std::snprintf(text, sizeof text, "p>=%.2g%s", r.level, r.withinMin > 0 ? (" <=" + std::to_string(r.withinMin) + "min").c_str() : "");
        return std::string(text);
    };
    auto alertRow = [&](const std::string& label, const std::string& rule, const char* level, const AlertScore& a, double hours,
                        bool keys) {
        double recall = a.breaches > 0 ? a.caughtEarly / a.breaches : 0;
        double precision = a.alerts > 0 ? a.trueAlerts / a.alerts : 0;
        double falsePerHour = hours > 0 ? a.falseAlerts / hours : 0;
        double lead = median(a.leadsMin);
        std::printf("%-24s %-14s %-8s %7.3f %9.3f %11.3f %9.1f %8.0f\n", label.c_str(), rule.c_str(), level, recall, precision,
                    falsePerHour, lead, a.breaches);
        if (!keys) return;
        std::printf("%s_%s_alert_recall: %.3f\n%s_%s_alert_precision: %.3f\n%s_%s_false_alarms_per_branch_hour: %.3f\n%s_%s_median_lead_min: %.1f\n",
                    label.c_str(), level, recall, label.c_str(), level, precision, label.c_str(), level, falsePerHour, label.c_str(), level, lead);
    };
    std::printf("\nalerts (recall counts alerts >= 5 min before the breach; false: the ticket did not pass the threshold)\n");
    std::printf("%-24s %-14s %-8s %7s %9s %11s %9s %8s\n", "estimator", "rule", "level", "recall", "precision", "false/hour", "lead_min", "breaches");
    for (const auto& name : kShown) {
        if (!scoresAlerts(name)) continue;
        for (std::size_t k = 0; k < 3; ++k) alertRow(name, ruleName(kRules[0]), levels[k], total.estimators[name].alerts[0][k], total.branchHours, true);
    }
    std::printf("\nthe shipped rule by scenario\n");
    for (const auto& name : {"montecarlo", "oracle"})
        for (const auto& scenario : kScenarios)
            for (std::size_t k = 0; k < 3; ++k)
                alertRow(std::string(name) + "/" + scenario, ruleName(kRules[0]), levels[k], byScenario[scenario].estimators[name].alerts[0][k],
                         byScenario[scenario].branchHours, false);
    std::printf("\nother rules (all scenarios)\n");
    for (const auto& name : {"montecarlo", "oracle"})
        for (std::size_t r = 1; r < kRules.size(); ++r)
            for (std::size_t k = 0; k < 3; ++k)
                alertRow(name, ruleName(kRules[r]), levels[k], total.estimators[name].alerts[r][k], total.branchHours, false);

    std::printf("\nM/M/8, queue-length estimator, delayed customers after a two-hour warm-up:\n");
    for (const auto& m : mms)
        std::printf("mms_load_%.2f: relative squared error %.3f (theory 1 - load = %.3f), %.0f delayed, mean wait %.2f service "
                    "times (theory %.2f), mean forecast %.2f\n",
                    m.load, m.rse(), 1 - m.load, m.delayed, m.sumWait / std::max(1.0, m.delayed) / kMinute, 1 / (8 * (1 - m.load)),
                    m.predictedSum / std::max(1.0, m.delayed) / kMinute);

    // The served forecast against the simple estimators on the same tickets, and its interval, per branch.
    std::printf("\nserved against the simple estimators (MAE in s on the same tickets; best simple: the lowest of %zu)\n", kSimple.size());
    std::printf("%-10s %8s %8s %8s %8s %8s %-14s %8s %7s  %s\n", "scenario", "served", "formula", "les", "mc", "best", "(which)", "cover80", "n", "served by");
    bool servedHolds = true;
    for (const auto& scenario : kScenarios) {
        if (byScenario[scenario].estimators["served"].all.n == 0) continue;
        auto& est = byScenario[scenario].estimators;
        std::string best;
        for (const auto& name : kSimple)
            if (est[name].all.n > 0 && (best.empty() || est[name].all.mae() < est[best].all.mae())) best = name;
        const ErrorScore& sv = est["served"].all;
        double cover = sv.withInterval > 0 ? sv.covered / sv.withInterval : 0;
        std::string by;
        double n = 0;
        for (const auto& [name, k] : byScenario[scenario].servedBy) n += k;
        for (const auto& [name, k] : byScenario[scenario].servedBy) {
            char part[48];
            std::snprintf(part, sizeof part, "%s%s %.0f%%", by.empty() ? "" : ", ", name.c_str(), 100 * k / std::max(1.0, n));
            by += part;
        }
        bool holds = sv.mae() <= est[best].all.mae() && cover >= 0.75 && cover <= 0.85;
        servedHolds = servedHolds && holds;
        std::printf("%-10s %8.1f %8.1f %8.1f %8.1f %8.1f %-14s %8.3f %7.0f  %s%s\n", scenario.c_str(), sv.mae() * 60, est["baseline"].all.mae() * 60,
                    est["les"].all.mae() * 60, est["montecarlo"].all.mae() * 60, est[best].all.mae() * 60, best.c_str(), cover, sv.n, by.c_str(),
                    holds ? "" : "  << NOT MET");
        std::printf("served_%s_mae_s: %.1f\nserved_%s_vs_best_simple: %.3f\nserved_%s_vs_formula: %.3f\nserved_%s_coverage80: %.3f\n",
                    scenario.c_str(), sv.mae() * 60, scenario.c_str(), sv.mae() / std::max(1e-9, est[best].all.mae()), scenario.c_str(),
                    sv.mae() / std::max(1e-9, est["baseline"].all.mae()), scenario.c_str(), cover);
    }
    std::printf("served_holds_everywhere: %s (MAE <= the best simple estimator's, 80%% interval covering 75-85%%)\n", servedHolds ? "yes" : "no");
    std::printf("\nserved forecast at issue (the audit's cost), by tickets already waiting\n%-10s %10s %12s\n", "waiting", "tickets", "ms/ticket");
    for (std::size_t b = 0; b < kQueueBuckets.size(); ++b) {
        const CostByQueue& c = total.servedCost;
        std::string label = std::to_string(kQueueBuckets[b]) + (b + 1 < kQueueBuckets.size() ? "-" + std::to_string(kQueueBuckets[b + 1] - 1) : "+");
        if (kQueueBuckets[b] == 0) label = "0";
        std::printf("%-10s %10.0f %12.3f\n", label.c_str(), c.tickets[b], c.tickets[b] > 0 ? c.seconds[b] * 1000 / c.tickets[b] : 0);
        std::printf("served_ms_per_ticket_waiting_%s: %.3f\n", label.c_str(), c.tickets[b] > 0 ? c.seconds[b] * 1000 / c.tickets[b] : 0);
    }

    // Targets of the shipped estimator (issue "Wait forecasts and early alerts").
    const EstimatorScore& mc = total.estimators["montecarlo"];
    double vsBaseline = mc.all.mae() / std::max(1e-9, total.estimators["baseline"].all.mae());
    double vsLesPeak = mc.peak.mae() / std::max(1e-9, total.estimators["les"].peak.mae());
    std::printf("\nshipped_mae_vs_baseline: %.2f (target <= 0.8)\n", vsBaseline);
    std::printf("shipped_peak_mae_vs_les: %.2f (target <= 0.9)\n", vsLesPeak);
    std::printf("shipped_bias_min: %+.2f (target within +-1)\n", mc.all.bias());
    std::printf("shipped_coverage80: %.3f (target 0.75-0.85)\n", mc.all.withInterval > 0 ? mc.all.covered / mc.all.withInterval : 0);
    // Cost on a big lobby: 40 windows, 300 waiting.
    lobby::LobbyConfig big;
    for (int w = 1; w <= 40; ++w) big.windows.push_back({w, w % 5 == 0 ? std::vector<std::string>{"V", "A"} : std::vector<std::string>{"A", "B"}});
    lobby::Lobby lobby(big);
    lobby::TimeMs t0 = *lobby::parseLocalTime("2026-01-05T10:00:00", 480);
    for (int w = 1; w <= 40; ++w) {
        lobby::LobbyEvent e;
        e.kind = lobby::EventKind::WindowOpen;
        e.window = w;
        e.time = t0;
        lobby.apply(e);
        e.kind = lobby::EventKind::Called;
        e.ticket = "A" + std::to_string(100 + w);
        lobby.apply(e);
    }
    for (int i = 0; i < 300; ++i) {
        lobby::LobbyEvent e;
        e.kind = lobby::EventKind::Issued;
        e.time = t0 + i * 2000;
        char label[8];
        std::snprintf(label, sizeof label, "%c%03d", "AABV"[i % 4], 200 + i);
        e.ticket = label;
        e.category = std::string(1, label[0]);
        e.priority = label[0] == 'V';
        lobby.apply(e);
    }
    auto bigMc = forecast::makeEstimator("montecarlo");
    std::vector<double> ms;
    for (int r = 0; r < 9; ++r) {
        auto a = std::chrono::steady_clock::now();
        auto f = bigMc->forecast(lobby, t0 + 700'000 + r);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
        if (r == 0) std::printf("big_lobby_forecast_tickets: %zu\n", f.tickets.size());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("big_lobby_montecarlo_ms_median: %.1f\n", ms[ms.size() / 2]);
    std::printf("wall_s: %.0f\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return 0;
}
