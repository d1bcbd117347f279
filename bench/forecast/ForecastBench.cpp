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

using namespace lw;
using namespace lw::forecastbench;

namespace {

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
