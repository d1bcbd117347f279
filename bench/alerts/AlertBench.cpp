// bench/alerts: the alert budget. Simulated days of each branch through the lobby, the served forecast, the watch
// and the alert board, as the kiosk runs them (the rules once a minute of event time), scored against what really
// happened. Prints `key: value` lines and a table per rule set (docs/FORECAST.md, "The alert budget").
//
//   bench_alerts [--days N] [--warmup N] [--only SCENARIO] [--threads N]
//
// Shown to the manager: a new incident (a card appears) or a situation worsening to a higher severity (the card
// asks for an acknowledgement again). Per manager-hour: those shown in each hour the branch is open. A breach:
// a wait (on its own clock: a transferred customer's second wait is its own) that passes its category's limit
// before the call. Precision per alert: the share of wait alerts shown (raised or worsened) after which a
// customer of that category passed the limit while the situation was open. Recall per situation: breach
// episodes (a category's breaches with less than 30 min between them are one episode) whose first breach came
// while a wait situation of that category was open; lead: from that situation's raise to the breach.
#include "alerts/AlertBoard.h"
#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "forecast/Forecast.h"
#include "lobby/LocalTime.h"
#include "sim/Profile.h"
#include "forecast/Served.h"
#include "forecast/Watch.h"

#include <algorithm>
#include <chrono>
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
    forecast::WatchSettings shipped;
    out.push_back({"shipped", shipped});
    forecast::WatchSettings s = shipped;
    s.situationClearAfterMs = 1 * kMinute;
    out.push_back({"clear_1min", s});
    s = shipped;
    s.situationClearAfterMs = 20 * kMinute;
    out.push_back({"clear_20min", s});
    s = shipped;
    s.breachProbability = 0.9;
    s.breachClearBelow = 0.7;
    s.breachWithinMin = 15;
    out.push_back({"p0.9_15min", s});
    s = shipped;
    s.breachProbability = 0.8;
    s.breachClearBelow = 0.6;
    s.breachWithinMin = 15;
    out.push_back({"p0.8_15min", s});
    s = shipped;
    s.raiseAtWarning = true;
    out.push_back({"raise_at_warning", s});
    s = shipped;
    s.noShowChance = 1.0;  // the ratio to the peers only
    out.push_back({"no_show_ratio_only", s});
    s = shipped;
    s.noShowChance = 0.001;
    out.push_back({"no_show_chance_0.001", s});
    s = shipped;
    s.slowServiceMin = 30;
    out.push_back({"slow_service_30min", s});
    return out;
}

struct Options {
    int days = 3;
    int warmup = 2;
    int threads = 2;
    std::string only;
};

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

// A wait on its own clock: from the issue (or the transfer) to the first call (or the customer leaving, or the
// end of the day).
struct WaitEpisode {
    std::string category;
    lobby::TimeMs start = 0, end = 0;
    bool open = true;
};

struct Situation {
    std::string category;
    lobby::TimeMs raisedAt = 0, endedAt = 0;
    std::vector<lobby::TimeMs> shown;  // raised and each worsening
};

struct Score {
    double days = 0, hours = 0, incidents = 0, escalations = 0, shown = 0;
    std::vector<double> perHour;
    std::map<std::string, double> byKind;  // incidents by kind
    double waitAlerts = 0, waitAlertsTrue = 0, episodes = 0, caught = 0;
    std::vector<double> leadsMin;
    double busiestHour = 0;
    void merge(const Score& o) {
        days += o.days, hours += o.hours, incidents += o.incidents, escalations += o.escalations, shown += o.shown;
        perHour.insert(perHour.end(), o.perHour.begin(), o.perHour.end());
        for (const auto& [k, n] : o.byKind) byKind[k] += n;
        waitAlerts += o.waitAlerts, waitAlertsTrue += o.waitAlertsTrue, episodes += o.episodes, caught += o.caught;
        leadsMin.insert(leadsMin.end(), o.leadsMin.begin(), o.leadsMin.end());
        busiestHour = std::max(busiestHour, o.busiestHour);
    }
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// One rule set's watch and board over the day, fed the same lobby and forecast as the others.
struct Run {
    forecast::Watch watch;
    alerts::AlertBoard board{10};
    std::vector<lobby::TimeMs> shown;
    std::map<std::string, Situation> open;  // wait situations by key
    std::vector<Situation> situations;
    Score score;
    explicit Run(const forecast::WatchSettings& s) : watch(s) {}

    void tick(const lobby::Lobby& lobby, const forecast::Forecast& f, lobby::TimeMs now) {
        const forecast::WatchChanges changes = watch.evaluate(lobby, f, now);
        alerts::BoardChanges ch = board.apply(changes, now);
        for (const auto& a : ch.raised) {
            board.attach(a.key, 1);
            shown.push_back(now);
            score.incidents += 1;
            score.byKind[a.kind] += 1;
            if (a.kind == "waits") open[a.key] = Situation{a.subject.substr(9), now, 0, {now}};
            static const bool verbose = std::getenv("LW_BENCH_VERBOSE") != nullptr;
            if (verbose) std::fprintf(stderr, "%lld %s %s\n", static_cast<long long>(now / 1000 % 86400), a.key.c_str(), a.messageEn.c_str());
        }
        alerts::BoardChanges esc = board.escalate(now);
        for (const auto* steps : {&ch.steps, &esc.steps})
            for (const auto& s : *steps) {
                if (s.step == "worsened") {
                    shown.push_back(now);
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
    auto endWait = [&](const std::string& ticket, lobby::TimeMs at) {
        auto it = waiting.find(ticket);
        if (it == waiting.end()) return;
        it->second.end = at;
        it->second.open = false;
        episodes.push_back(it->second);
        waiting.erase(it);
    };
    lobby::TimeMs nextTick = 0;
    for (const auto& e : events) {
        while (nextTick != 0 && nextTick <= e.time) {
            forecast::Forecast f = served.forecast(lobby, nextTick);
            for (auto& run : runs) run->tick(lobby, f, nextTick);
            nextTick += kMinute;
        }
        if (nextTick == 0) nextTick = e.time + kMinute;
        using lobby::EventKind;
        if (e.kind == EventKind::Issued) waiting[e.ticket] = {e.category, e.time, 0, true};
        if (e.kind == EventKind::Called || e.kind == EventKind::Abandoned) endWait(e.ticket, e.time);
        if (e.kind == EventKind::Transferred) {
            const lobby::Ticket* t = lobby.ticket(e.ticket);
            waiting[e.ticket] = {e.category.empty() && t ? t->category : e.category, e.time, 0, true};
        }
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
    for (const auto& w : episodes) {
        const lobby::CategoryConfig* c = nullptr;
        for (const auto& cc : config.categories)
            if (cc.code == w.category) c = &cc;
        if (!c) continue;
        const lobby::TimeMs limit = c->limitMin * kMinute;
        if (w.end - w.start > limit) breaches[w.category].push_back(w.start + limit);
    }
    for (auto& [c, b] : breaches) std::sort(b.begin(), b.end());

    std::vector<Score> out;
    const int openHour = profile.openMin / 60, closeHour = (profile.closeMin + 59) / 60;
    for (auto& run : runs) {
        Score s = run->score;
        for (auto& [key, sit] : run->open) {
            sit.endedAt = dayEnd;
            run->situations.push_back(sit);
        }
        s.days = 1;
        for (int h = openHour; h < closeHour; ++h) {
            double n = 0;
            for (lobby::TimeMs t : run->shown)
                if (t >= midnight + h * 60 * kMinute && t < midnight + (h + 1) * 60 * kMinute) n += 1;
            s.perHour.push_back(n);
            s.busiestHour = std::max(s.busiestHour, n);
            s.hours += 1;
        }
        s.shown = static_cast<double>(run->shown.size());
        for (const auto& sit : run->situations) {
            const auto& b = breaches[sit.category];
            for (lobby::TimeMs at : sit.shown) {
                s.waitAlerts += 1;
                if (std::any_of(b.begin(), b.end(), [&](lobby::TimeMs x) { return x >= at && x <= sit.endedAt; }))
                    s.waitAlertsTrue += 1;
            }
        }
        for (const auto& [category, b] : breaches) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                if (i > 0 && b[i] - b[i - 1] < 30 * kMinute) continue;  // the same episode
                s.episodes += 1;
                for (const auto& sit : run->situations)
                    if (sit.category == category && sit.raisedAt <= b[i] && b[i] <= sit.endedAt) {
                        s.caught += 1;
                        s.leadsMin.push_back(static_cast<double>(b[i] - sit.raisedAt) / kMinute);
                        break;
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
        else {
            std::fprintf(stderr, "bench_alerts: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    const auto started = std::chrono::steady_clock::now();
    const std::vector<RuleSet> rules = ruleSets();
    std::vector<std::string> scenarios;
    for (const auto& s : kScenarios)
        if (options.only.empty() || s == options.only) scenarios.push_back(s);

    // Each branch on its own thread, its days in order after `warmup` days the forecast learns from.
    auto branch = [&](const std::string& scenario) {
        sim::BranchProfile profile = sim::loadProfile(scenario);
        forecast::HistoryBuilder builder(480);
        std::vector<Score> total(rules.size());
        for (int seed = 1; seed <= options.warmup + options.days; ++seed) {
            if (seed > options.warmup) {
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

    std::printf("days: %d per branch (after %d days learned)\n", options.days, options.warmup);
    for (std::size_t r = 0; r < rules.size(); ++r) {
        std::printf("\nrules: %s\n", rules[r].name.c_str());
        std::printf("| branch | shown per manager-hour (median) | busiest hour | incidents/day | precision per alert | "
                    "recall per situation | median lead min | escalations/day |\n|---|---|---|---|---|---|---|---|\n");
        for (const auto& name : scenarios) {
            const Score& s = results[name][r];
            std::printf("| %s | %.1f | %.0f | %.1f | %.2f (%.0f) | %.2f (%.0f) | %.1f | %.1f |\n", name.c_str(),
                        median(s.perHour), s.busiestHour, s.incidents / s.days,
                        s.waitAlerts > 0 ? s.waitAlertsTrue / s.waitAlerts : 0, s.waitAlerts,
                        s.episodes > 0 ? s.caught / s.episodes : 1.0, s.episodes, median(s.leadsMin), s.escalations / s.days);
        }
        for (const auto& name : scenarios) {
            std::printf("kinds_%s_%s:", rules[r].name.c_str(), name.c_str());
            for (const auto& [kind, n] : results[name][r].byKind) std::printf(" %s %.1f/day", kind.c_str(), n / results[name][r].days);
            std::printf("\n");
        }
    }
    std::printf("\nseconds: %.1f\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return 0;
}
