// bench/alerts: the alert budget. Simulated days of each branch through the lobby, the served forecast, the watch
// and the alert board, as the kiosk runs them (the rules once a minute of event time), scored against what really
// happened. Prints `key: value` lines and a table per rule set (docs/FORECAST.md, "The alert budget").
//
//   bench_alerts [--days N] [--warmup N] [--first-seed N] [--only SCENARIO] [--threads N] [--rules A,B] [--explain]
//
// --first-seed: the first day's seed (default 1; the warm-up days come first): a held-out check on other days.
// --rules: only these rule sets. --explain: per branch and rule set, what was shown by kind (per day and in the
// busiest hour), the busiest hour's alerts one by one, each breach episode no wait situation was open for, and
// each wait alert shown with no breach after it. LW_BENCH_TRACE=A238 (a ticket) or W3 (a window): its events on stderr.
//
// Shown to the manager: a new incident (a card appears) or a situation worsening to a higher severity (the card
// asks for an acknowledgement again). Per manager-hour: those shown in each hour the branch is open. A breach:
// a wait (on its own clock: a transferred customer's second wait is its own) that passes its category's limit
// before the call. Precision per alert: the share of wait alerts shown (raised or worsened) after which a
// customer of that category passed the limit while the situation was open. Recall per situation: breach
// episodes (a category's breaches with less than 30 min between them are one episode) whose first breach came
// while a wait situation of that category was open; lead: from that situation's raise to the breach.
#include "alerts/AlertBoard.h"
#include "SimulatedDay.h"
#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "forecast/Forecast.h"
#include "lobby/LocalTime.h"
#include "sim/Profile.h"
#include "forecast/Served.h"
#include "forecast/Watch.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace lw;

namespace {

constexpr lobby::TimeMs kMinute = 60'000;
const std::vector<std::string> kScenarios = {"small", "city", "lunch", "realistic", "payday"};

struct RuleSet {
    std::string name;
    forecast::WatchSettings settings;
};

std::vector<RuleSet> ruleSets() {
    std::vector<RuleSet> out;
    const forecast::WatchSettings shipped;
    out.push_back({"shipped", shipped});
    // The rules before the budget was met (every change below undone).
    forecast::WatchSettings before = shipped;
    before.slowServiceFactor = 0;
    before.noShowPerWindow = false;
    before.noShowChance = 0.01;
    before.noShowHysteresis = false;
    before.noShowPeerCalls = 0;
    before.waitsAlarmAtRaise = false;
    before.unservedIsPredicted = false;
    before.understaffedAlarm = true;
    before.understaffedClearAfterMs = before.clearAfterMs;
    before.understaffedOnlyIfCanOpen = false;
    before.closedOnlyUnserved = false;
    out.push_back({"before", before});
    // Each change undone on its own.
    auto one = [&](const std::string& name, auto change) {
        forecast::WatchSettings s = shipped;
        change(s);
        out.push_back({name, s});
    };
    one("undo_slow_factor", [](auto& s) { s.slowServiceFactor = 0; });
    one("undo_no_show_per_window", [](auto& s) { s.noShowPerWindow = false; });
    one("undo_no_show_hysteresis", [](auto& s) { s.noShowHysteresis = false; });
    one("undo_no_show_peer_calls", [](auto& s) { s.noShowPeerCalls = 0; });
    one("undo_waits_alarm_at_raise", [](auto& s) { s.waitsAlarmAtRaise = false; });
    one("undo_unserved_predicted", [](auto& s) { s.unservedIsPredicted = false; });
    one("undo_understaffed_warning", [&](auto& s) { s.understaffedAlarm = true; s.understaffedClearAfterMs = s.clearAfterMs; });
    one("undo_understaffed_can_open", [](auto& s) { s.understaffedOnlyIfCanOpen = false; });
    one("undo_closed_unserved", [](auto& s) { s.closedOnlyUnserved = false; });
    // Other settings tried.
    one("slow_factor_1.5", [](auto& s) { s.slowServiceFactor = 1.5; });
    one("slow_factor_2", [](auto& s) { s.slowServiceFactor = 2; });
    one("slow_service_30min", [](auto& s) { s.slowServiceMin = 30; });
    one("p0.9_15min", [](auto& s) { s.breachProbability = 0.9; s.breachWithinMin = 15; });
    one("p0.8_15min", [](auto& s) { s.breachProbability = 0.8; s.breachClearBelow = 0.6; s.breachWithinMin = 15; });
    one("p0.95_12min", [](auto& s) { s.breachWithinMin = 12; });
    one("p0.98_10min", [](auto& s) { s.breachProbability = 0.98; });
    one("p0.98_12min", [](auto& s) { s.breachProbability = 0.98; s.breachWithinMin = 12; });
    one("raise_at_warning", [](auto& s) { s.raiseAtWarning = true; });
    one("no_show_chance_0.01", [](auto& s) { s.noShowChance = 0.01; });
    one("clear_20min", [](auto& s) { s.situationClearAfterMs = 20 * kMinute; });
    one("warning_line_p0.8", [](auto& s) { s.warningLineProbability = 0.8; });
    one("warning_line_p0.85", [](auto& s) { s.warningLineProbability = 0.85; });
    one("warning_line_p0.9", [](auto& s) { s.warningLineProbability = 0.9; });
    one("warning_line_p0.95", [](auto& s) { s.warningLineProbability = 0.95; });
    return out;
}

struct Options {
    int days = 3;
    int warmup = 2;
    int firstSeed = 1;
    int threads = 2;
    std::string only;
    std::string rules;  // comma-separated names; empty: all
    bool explain = false;
};

using bench::dayEvents;
using bench::lobbyConfigOf;

// A wait on its own clock: from the issue (or the transfer) to the first call (or the customer leaving, or the
// end of the day).
struct WaitEpisode {
    std::string category;
    lobby::TimeMs start = 0, end = 0;
    bool open = true;
    std::string ticket;
    bool transferred = false;
    std::string ended = "day end";  // called, abandoned
    int queueAtStart = 0;           // waiting in its category when it began
};

struct Situation {
    std::string category;
    lobby::TimeMs raisedAt = 0, endedAt = 0;
    std::vector<lobby::TimeMs> shown;  // raised and each worsening
    std::string what;                  // as raised
};

struct Score {
    double days = 0, hours = 0, incidents = 0, escalations = 0, shown = 0;
    std::vector<double> perHour;
    std::map<std::string, double> byKind;  // incidents by kind
    double waitAlerts = 0, waitAlertsTrue = 0, episodes = 0, caught = 0;
    std::vector<double> leadsMin;
    double busiestHour = 0;
    std::map<std::string, double> shownByKind;      // shown (raised or worsened) by kind
    std::map<std::string, double> busiestByKind;    // in the busiest hour
    std::string busiestWhen;                         // "day 2 15:00"
    std::vector<std::string> busiestLines, missed, falseAlerts;   // --explain
    // Calibration: each minute a customer on a first wait is past the warning line and not yet at the limit, the
    // forecast's P(limit) by tenth, and whether that wait did pass the limit.
    std::array<double, 10> calibrationN{}, calibrationBreached{};
    void merge(const Score& o) {
        for (std::size_t k = 0; k < calibrationN.size(); ++k)
            calibrationN[k] += o.calibrationN[k], calibrationBreached[k] += o.calibrationBreached[k];
        for (const auto& [k, n] : o.shownByKind) shownByKind[k] += n;
        if (o.busiestHour > busiestHour || (busiestWhen.empty() && !o.busiestWhen.empty())) {
            busiestByKind = o.busiestByKind;
            busiestWhen = o.busiestWhen;
            busiestLines = o.busiestLines;
        }
        missed.insert(missed.end(), o.missed.begin(), o.missed.end());
        falseAlerts.insert(falseAlerts.end(), o.falseAlerts.begin(), o.falseAlerts.end());
        days += o.days, hours += o.hours, incidents += o.incidents, escalations += o.escalations, shown += o.shown;
        perHour.insert(perHour.end(), o.perHour.begin(), o.perHour.end());
        for (const auto& [k, n] : o.byKind) byKind[k] += n;
        waitAlerts += o.waitAlerts, waitAlertsTrue += o.waitAlertsTrue, episodes += o.episodes, caught += o.caught;
        leadsMin.insert(leadsMin.end(), o.leadsMin.begin(), o.leadsMin.end());
        busiestHour = std::max(busiestHour, o.busiestHour);
    }
};

// The q-quantile by nearest rank.
double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::max<std::size_t>(1, rank) - 1];
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// One rule set's watch and board over the day, fed the same lobby and forecast as the others.
struct Run {
    forecast::Watch watch;
    alerts::AlertBoard board{10};
    struct Shown {
        lobby::TimeMs at;
        std::string kind, what;
    };
    std::vector<Shown> shown;
    std::map<std::string, Situation> open;  // wait situations by key
    std::vector<Situation> situations;
    Score score;
    explicit Run(const forecast::WatchSettings& s) : watch(s) {}

    void tick(const lobby::Lobby& lobby, const forecast::Forecast& f, lobby::TimeMs now) {
        const forecast::WatchChanges changes = watch.evaluate(lobby, f, now);
        alerts::BoardChanges ch = board.apply(changes, now);
        for (const auto& a : ch.raised) {
            board.attach(a.key, 1);
            shown.push_back({now, a.kind, std::string("raised ") + forecast::toString(a.severity) + " " + a.key + ": " + a.messageEn});
            score.incidents += 1;
            score.byKind[a.kind] += 1;
            if (a.kind == "waits") open[a.key] = Situation{a.subject.substr(9), now, 0, {now}, a.messageEn};
            static const bool verbose = std::getenv("LW_BENCH_VERBOSE") != nullptr;
            if (verbose) std::fprintf(stderr, "%lld %s %s\n", static_cast<long long>(now / 1000 % 86400), a.key.c_str(), a.messageEn.c_str());
        }
        alerts::BoardChanges esc = board.escalate(now);
        for (const auto* steps : {&ch.steps, &esc.steps})
            for (const auto& s : *steps) {
                if (s.step == "worsened") {
                    shown.push_back({now, s.alertKey.substr(0, s.alertKey.find('|')), "worsened " + s.alertKey + " " + s.note});
                    if (std::getenv("LW_BENCH_VERBOSE")) std::fprintf(stderr, "%lld worsened %s\n", static_cast<long long>(now / 1000 % 86400), s.alertKey.c_str());
                    if (auto it = open.find(s.alertKey); it != open.end()) it->second.shown.push_back(now);
                }
                if (s.step == "escalated") score.escalations += 1;
                if (s.step == "cleared")
                    if (auto it = open.find(s.alertKey); it != open.end()) {
                        it->second.endedAt = now;
                        situations.push_back(it->second);
                        open.erase(it);
                    }
            }
        // Ended alarms that wait for an acknowledgement: the manager on the floor answers within a few minutes.
        for (const auto& card : board.cards(watch.active()))
            if (card.messageEn.rfind("(Ended", 0) == 0 && now - card.raisedAt > 5 * kMinute) board.acknowledge(card.key, "bench", now);
    }
};

std::vector<Score> runDay(const std::string& scenario, int seed, const forecast::History& history,
                          const std::vector<RuleSet>& rules) {
    sim::BranchProfile profile = sim::loadProfile(scenario);
    lobby::TimeMs midnight = 0;
    const std::vector<lobby::LobbyEvent> events = dayEvents(profile, seed, midnight);
    const lobby::LobbyConfig config = lobbyConfigOf(profile);
    lobby::Lobby lobby(config);
    forecast::ServedForecast served(history);
    std::vector<std::unique_ptr<Run>> runs;
    for (const auto& r : rules) runs.push_back(std::make_unique<Run>(r.settings));

    std::map<std::string, WaitEpisode> waiting;  // by ticket
    std::vector<WaitEpisode> episodes;
    auto endWait = [&](const std::string& ticket, lobby::TimeMs at, const char* how) {
        auto it = waiting.find(ticket);
        if (it == waiting.end()) return;
        it->second.end = at;
        it->second.ended = how;
        it->second.open = false;
        episodes.push_back(it->second);
        waiting.erase(it);
    };
    struct Sure {
        std::string ticket;
        lobby::TimeMs start;
        double pLimit;
    };
    std::vector<Sure> sure;  // for the calibration
    lobby::TimeMs nextTick = 0;
    for (const auto& e : events) {
        while (nextTick != 0 && nextTick <= e.time) {
            forecast::Forecast f = served.forecast(lobby, nextTick);
            for (auto& run : runs) run->tick(lobby, f, nextTick);
            for (const auto& t : f.tickets) {
                auto it = waiting.find(t.ticket);
                const lobby::CategoryStatus* c = nullptr;
                for (const auto& cs : lobby.categories())
                    if (cs.config.code == t.category) c = &cs;
                if (it == waiting.end() || it->second.transferred || !c) continue;
                const lobby::TimeMs waited = nextTick - it->second.start;
                if (waited >= c->config.warningMin * kMinute && waited < c->config.limitMin * kMinute)
                    sure.push_back({t.ticket, it->second.start, t.pLimit});
            }
            nextTick += kMinute;
        }
        if (nextTick == 0) nextTick = e.time + kMinute;
        using lobby::EventKind;
        auto queueOf = [&](const std::string& c) {
            auto cs = lobby.category(c);
            return cs ? cs->waiting : 0;
        };
        if (e.kind == EventKind::Issued) waiting[e.ticket] = {e.category, e.time, 0, true, e.ticket, false, "day end", queueOf(e.category)};
        if (e.kind == EventKind::Called) endWait(e.ticket, e.time, "called");
        if (e.kind == EventKind::Abandoned) endWait(e.ticket, e.time, "abandoned");
        if (e.kind == EventKind::Transferred) {
            const lobby::Ticket* t = lobby.ticket(e.ticket);
            const std::string c = e.category.empty() && t ? t->category : e.category;
            waiting[e.ticket] = {c, e.time, 0, true, e.ticket, true, "day end", queueOf(c)};
        }
        static const char* trace = std::getenv("LW_BENCH_TRACE");
        if (trace && (e.ticket == trace || (e.window > 0 && std::to_string(e.window) == std::string(trace).substr(1))))
            std::fprintf(stderr, "trace seed %d %lld kind %d ticket %s window %d cat %s detail %s\n", seed,
                         static_cast<long long>((e.time - midnight) / 1000), static_cast<int>(e.kind), e.ticket.c_str(),
                         e.window, e.category.c_str(), e.detail.c_str());
        lobby.apply(e);
        served.observe(e);
        for (auto& run : runs) run->watch.observe(e);
    }
    const lobby::TimeMs dayEnd = events.empty() ? 0 : events.back().time;
    for (auto& [ticket, w] : waiting) {
        w.end = dayEnd;
        episodes.push_back(w);
    }
    // Breaches by category, in time order.
    std::map<std::string, std::vector<lobby::TimeMs>> breaches;
    std::map<std::pair<std::string, lobby::TimeMs>, std::string> breachNotes;
    for (const auto& w : episodes) {
        const lobby::CategoryConfig* c = nullptr;
        for (const auto& cc : config.categories)
            if (cc.code == w.category) c = &cc;
        if (!c) continue;
        const lobby::TimeMs limit = c->limitMin * kMinute;
        if (w.end - w.start > limit) {
            breaches[w.category].push_back(w.start + limit);
            breachNotes[{w.category, w.start + limit}] =
                w.ticket + (w.transferred ? " (a transfer's second wait)" : "") + " waited " +
                std::to_string((w.end - w.start) / kMinute) + " min, " + w.ended + ", " + std::to_string(w.queueAtStart) +
                " waiting in " + w.category + " when it began";
        }
    }
    for (auto& [c, b] : breaches) std::sort(b.begin(), b.end());
    std::array<double, 10> calibrationN{}, calibrationBreached{};
    {
        std::map<std::pair<std::string, lobby::TimeMs>, bool> passed;
        for (const auto& w : episodes)
            for (const auto& cc : config.categories)
                if (cc.code == w.category) passed[{w.ticket, w.start}] = w.end - w.start > cc.limitMin * kMinute;
        for (const auto& x : sure) {
            auto it = passed.find({x.ticket, x.start});
            if (it == passed.end()) continue;
            const std::size_t k = std::min<std::size_t>(9, static_cast<std::size_t>(x.pLimit * 10));
            calibrationN[k] += 1;
            calibrationBreached[k] += it->second ? 1 : 0;
        }
    }

    std::vector<Score> out;
    const int openHour = profile.openMin / 60, closeHour = (profile.closeMin + 59) / 60;
    for (auto& run : runs) {
        Score s = run->score;
        s.calibrationN = calibrationN;
        s.calibrationBreached = calibrationBreached;
        for (auto& [key, sit] : run->open) {
            sit.endedAt = dayEnd;
            run->situations.push_back(sit);
        }
        s.days = 1;
        auto clock = [midnight](lobby::TimeMs t) {
            char buf[48];
            const long long m = (t - midnight) / kMinute;
            std::snprintf(buf, sizeof buf, "%02lld:%02lld", m / 60, m % 60);
            return std::string(buf);
        };
        for (int h = openHour; h < closeHour; ++h) {
            double n = 0;
            std::map<std::string, double> kinds;
            std::vector<std::string> lines;
            for (const auto& sh : run->shown)
                if (sh.at >= midnight + h * 60 * kMinute && sh.at < midnight + (h + 1) * 60 * kMinute) {
                    n += 1;
                    kinds[sh.kind] += 1;
                    lines.push_back(clock(sh.at) + " " + sh.what);
                }
            s.perHour.push_back(n);
            if (n > s.busiestHour) {
                s.busiestHour = n;
                s.busiestByKind = kinds;
                s.busiestWhen = "seed " + std::to_string(seed) + " " + clock(midnight + h * 60 * kMinute);
                s.busiestLines = lines;
            }
            s.hours += 1;
        }
        for (const auto& sh : run->shown) s.shownByKind[sh.kind] += 1;
        s.shown = static_cast<double>(run->shown.size());
        for (const auto& sit : run->situations) {
            const auto& b = breaches[sit.category];
            for (lobby::TimeMs at : sit.shown) {
                s.waitAlerts += 1;
                if (std::any_of(b.begin(), b.end(), [&](lobby::TimeMs x) { return x >= at && x <= sit.endedAt; }))
                    s.waitAlertsTrue += 1;
                else
                    s.falseAlerts.push_back("seed " + std::to_string(seed) + " " + sit.category + " " + clock(at) +
                                            " (open until " + clock(sit.endedAt) + "): " + sit.what);
            }
        }
        for (const auto& [category, b] : breaches) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                if (i > 0 && b[i] - b[i - 1] < 30 * kMinute) continue;  // the same episode
                s.episodes += 1;
                bool caught = false;
                lobby::TimeMs nextRaise = -1;
                for (const auto& sit : run->situations) {
                    if (sit.category == category && sit.raisedAt <= b[i] && b[i] <= sit.endedAt) {
                        s.caught += 1;
                        s.leadsMin.push_back(static_cast<double>(b[i] - sit.raisedAt) / kMinute);
                        caught = true;
                        break;
                    }
                    if (sit.category == category && sit.raisedAt > b[i] && (nextRaise < 0 || sit.raisedAt < nextRaise))
                        nextRaise = sit.raisedAt;
                }
                if (!caught) {
                    std::size_t n = 1;
                    while (i + n < b.size() && b[i + n] - b[i + n - 1] < 30 * kMinute) ++n;
                    const auto& why = breachNotes[{category, b[i]}];
                    s.missed.push_back("seed " + std::to_string(seed) + " " + category + " " + clock(b[i]) + ": " +
                                       std::to_string(n) + " breach(es) in the episode; " + why +
                                       (nextRaise >= 0 ? "; situation raised " + std::to_string((nextRaise - b[i]) / kMinute) + " min after"
                                                       : "; no situation later"));
                }
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_alerts: %s needs a value\n", argv[i]);
                std::exit(2);
            }
            return argv[++i];
        };
        if (!std::strcmp(argv[i], "--days")) options.days = std::stoi(next());
        else if (!std::strcmp(argv[i], "--warmup")) options.warmup = std::stoi(next());
        else if (!std::strcmp(argv[i], "--threads")) options.threads = std::stoi(next());
        else if (!std::strcmp(argv[i], "--only")) options.only = next();
        else if (!std::strcmp(argv[i], "--first-seed")) options.firstSeed = std::stoi(next());
        else if (!std::strcmp(argv[i], "--rules")) options.rules = next();
        else if (!std::strcmp(argv[i], "--explain")) options.explain = true;
        else {
            std::fprintf(stderr, "bench_alerts: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    const auto started = std::chrono::steady_clock::now();
    std::vector<RuleSet> rules;
    for (const auto& r : ruleSets())
        if (options.rules.empty() || ("," + options.rules + ",").find("," + r.name + ",") != std::string::npos) rules.push_back(r);
    if (rules.empty()) {
        std::fprintf(stderr, "bench_alerts: --rules %s names no rule set\n", options.rules.c_str());
        return 2;
    }
    std::vector<std::string> scenarios;
    for (const auto& s : kScenarios)
        if (options.only.empty() || s == options.only) scenarios.push_back(s);

    // Each branch on its own thread, its days in order after `warmup` days the forecast learns from.
    auto branch = [&](const std::string& scenario) {
        sim::BranchProfile profile = sim::loadProfile(scenario);
        forecast::HistoryBuilder builder(480);
        std::vector<Score> total(rules.size());
        for (int seed = options.firstSeed; seed < options.firstSeed + options.warmup + options.days; ++seed) {
            if (seed >= options.firstSeed + options.warmup) {
                std::vector<Score> day = runDay(scenario, seed, builder.build(), rules);
                for (std::size_t r = 0; r < rules.size(); ++r) total[r].merge(day[r]);
            }
            lobby::TimeMs midnight = 0;
            for (const auto& e : dayEvents(profile, seed, midnight)) builder.observe(e);
        }
        return total;
    };
    std::map<std::string, std::vector<Score>> results;
    for (std::size_t i = 0; i < scenarios.size(); i += static_cast<std::size_t>(std::max(1, options.threads))) {
        std::vector<std::pair<std::string, std::future<std::vector<Score>>>> running;
        for (std::size_t j = i; j < scenarios.size() && j < i + static_cast<std::size_t>(std::max(1, options.threads)); ++j)
            running.emplace_back(scenarios[j], std::async(std::launch::async, branch, scenarios[j]));
        for (auto& [name, f] : running) results[name] = f.get();
    }

    std::printf("days: %d per branch (after %d days learned; seeds %d to %d)\n", options.days, options.warmup,
                options.firstSeed, options.firstSeed + options.warmup + options.days - 1);
    for (std::size_t r = 0; r < rules.size(); ++r) {
        std::printf("\nrules: %s\n", rules[r].name.c_str());
        std::printf("| branch | shown per manager-hour (median) | 9 in 10 hours at most | busiest hour | incidents/day | "
                    "precision per alert | recall per situation | median lead min | escalations/day |\n"
                    "|---|---|---|---|---|---|---|---|---|\n");
        for (const auto& name : scenarios) {
            const Score& s = results[name][r];
            std::printf("| %s | %.1f | %.0f | %.0f | %.1f | %.2f (%.0f) | %.2f (%.0f) | %.1f | %.1f |\n", name.c_str(),
                        median(s.perHour), quantile(s.perHour, 0.9), s.busiestHour, s.incidents / s.days,
                        s.waitAlerts > 0 ? s.waitAlertsTrue / s.waitAlerts : 0, s.waitAlerts,
                        s.episodes > 0 ? s.caught / s.episodes : 1.0, s.episodes, median(s.leadsMin), s.escalations / s.days);
        }
        for (const auto& name : scenarios) {
            std::printf("kinds_%s_%s:", rules[r].name.c_str(), name.c_str());
            for (const auto& [kind, n] : results[name][r].byKind) std::printf(" %s %.1f/day", kind.c_str(), n / results[name][r].days);
            std::printf("\n");
        }
        // Shown by kind (raised or worsened), per day and in the busiest hour.
        for (const auto& name : scenarios) {
            const Score& s = results[name][r];
            std::printf("shown_%s_%s:", rules[r].name.c_str(), name.c_str());
            for (const auto& [kind, n] : s.shownByKind) std::printf(" %s %.1f/day", kind.c_str(), n / s.days);
            std::printf(" | busiest (%s):", s.busiestWhen.c_str());
            for (const auto& [kind, n] : s.busiestByKind) std::printf(" %s %.0f", kind.c_str(), n);
            std::printf("\n");
        }
        if (options.explain)
            for (const auto& name : scenarios) {
                const Score& s = results[name][r];
                // The forecast's own calibration where the rule reads it (the same for every rule set).
                std::printf("calibration_%s: P(limit) past the warning line, per customer-minute, against the share that "
                            "passed the limit:", name.c_str());
                for (std::size_t k = 0; k < s.calibrationN.size(); ++k)
                    if (s.calibrationN[k] > 0)
                        std::printf(" %.1f-%.1f %.2f (%.0f)", static_cast<double>(k) / 10, static_cast<double>(k + 1) / 10,
                                    s.calibrationBreached[k] / s.calibrationN[k], s.calibrationN[k]);
                std::printf("\n");
                std::printf("explain %s %s: busiest hour (%s)\n", rules[r].name.c_str(), name.c_str(), s.busiestWhen.c_str());
                for (const auto& line : s.busiestLines) std::printf("  %s\n", line.c_str());
                std::printf("explain %s %s: breach episodes with no wait situation open (%zu)\n", rules[r].name.c_str(),
                            name.c_str(), s.missed.size());
                for (const auto& line : s.missed) std::printf("  %s\n", line.c_str());
                std::printf("explain %s %s: wait alerts shown with no breach after them (%zu)\n", rules[r].name.c_str(),
                            name.c_str(), s.falseAlerts.size());
                for (const auto& line : s.falseAlerts) std::printf("  %s\n", line.c_str());
            }
    }
    std::printf("\nseconds: %.1f\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return 0;
}
