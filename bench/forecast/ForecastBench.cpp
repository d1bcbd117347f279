// bench/forecast: every estimator against the simulator's ground truth, and the forecast's cost on a big lobby.
#include "BranchDay.h"
#include "DeviceSessions.h"
#include "Forecast.h"
#include "LocalTime.h"
#include "Profile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace lw;

namespace {

constexpr lobby::TimeMs kMinute = 60'000;

struct Score {
    double absError = 0, error = 0;
    int n = 0, covered = 0;
    int truePositive = 0, falsePositive = 0, falseNegative = 0;  // "pLimit >= 0.5" at issue vs an actual breach
    int noEstimate = 0;
    double seconds = 0;
};

struct Prediction {
    lobby::TimeMs issuedAt;
    lobby::TimeMs expected, low, high;
    double pLimit;
    int limitMin;
};

}  // namespace

int main() {
    std::vector<std::pair<std::string, int>> days = {{"city", 1}, {"city", 2}, {"city", 3}, {"payday", 1}, {"payday", 2}};
    auto names = forecast::estimatorNames();
    std::map<std::string, Score> scores;
    int tickets = 0;
    for (const auto& [profileName, seed] : days) {
        sim::BranchProfile profile = sim::loadProfile(profileName);
        sim::DayPlan plan;
        std::int64_t day = lobby::daysFromCivil(2026, 1, 5) + seed;
        plan.localMidnight = day * 1440 * kMinute - 480 * kMinute;
        plan.startAt = plan.localMidnight + profile.openMin * kMinute;
        plan.stopAt = plan.localMidnight + 1440 * kMinute;
        plan.seed = static_cast<std::uint64_t>(seed) * 7919;
        auto result = sim::simulateDay(profile, plan);

        lobby::LobbyConfig config;
        config.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Corporate", 15, 20, 30},
                             {"V", "贵宾业务", "VIP", 10, 15, 20}};
        for (const auto& w : profile.windows) {
            lobby::WindowConfig wc;
            wc.number = w.number;
            for (char c : w.serves) wc.serves.push_back(std::string(1, c));
            config.windows.push_back(wc);
        }
        lobby::Lobby lobby(config);
        std::vector<std::unique_ptr<forecast::Estimator>> estimators;
        for (const auto& n : names) estimators.push_back(forecast::makeEstimator(n, {}, {}, 11));
        std::map<std::string, std::map<std::string, Prediction>> open;  // estimator -> ticket -> prediction
        int seq = 0;
        for (const auto& tr : result.transmissions) {
            auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "bench");
            if (!e) continue;
            bool firstCall = false;
            if (e->kind == lobby::EventKind::Called) {
                const lobby::Ticket* t = lobby.ticket(e->ticket);
                firstCall = t && t->state == lobby::TicketState::Waiting && !t->firstCalledAt;
            }
            if (firstCall) {
                for (auto& [name, preds] : open) {
                    auto it = preds.find(e->ticket);
                    if (it == preds.end()) continue;
                    const Prediction& p = it->second;
                    double actual = static_cast<double>(e->time - p.issuedAt);
                    Score& s = scores[name];
                    s.absError += std::abs(static_cast<double>(p.expected) - actual);
                    s.error += static_cast<double>(p.expected) - actual;
                    ++s.n;
                    if (static_cast<double>(p.low) <= actual && actual <= static_cast<double>(p.high)) ++s.covered;
                    bool breach = actual > double(p.limitMin * kMinute);
                    bool alarm = p.pLimit >= 0.5;
                    if (alarm && breach) ++s.truePositive;
                    if (alarm && !breach) ++s.falsePositive;
                    if (!alarm && breach) ++s.falseNegative;
                    preds.erase(it);
                }
            }
            lobby.apply(*e);
            if (e->kind != lobby::EventKind::Issued) continue;
            ++tickets;
            for (std::size_t i = 0; i < estimators.size(); ++i) {
                auto t0 = std::chrono::steady_clock::now();
                forecast::Forecast f = estimators[i]->forecast(lobby, e->time);
                scores[names[i]].seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                const forecast::TicketForecast* tf = f.ticket(e->ticket);
                if (!tf) {
                    ++scores[names[i]].noEstimate;
                    continue;
                }
                int limit = lobby.category(e->category) ? lobby.category(e->category)->config.limitMin : 30;
                open[names[i]][e->ticket] = {e->time, tf->expectedRemainingMs, tf->lowMs, tf->highMs, tf->pLimit, limit};
            }
        }
    }
    std::printf("days: %zu\ntickets: %d\n", days.size(), tickets);
    for (const auto& name : names) {
        const Score& s = scores[name];
        double n = std::max(1, s.n);
        std::printf("%s_mae_min: %.2f\n", name.c_str(), s.absError / n / double(kMinute));
        std::printf("%s_bias_min: %+.2f\n", name.c_str(), s.error / n / double(kMinute));
        std::printf("%s_interval80_coverage: %.2f\n", name.c_str(), double(s.covered) / n);
        double precision = s.truePositive + s.falsePositive > 0 ? double(s.truePositive) / double(s.truePositive + s.falsePositive) : 0;
        double recall = s.truePositive + s.falseNegative > 0 ? double(s.truePositive) / double(s.truePositive + s.falseNegative) : 0;
        std::printf("%s_limit_alarm_precision: %.2f\n", name.c_str(), precision);
        std::printf("%s_limit_alarm_recall: %.2f\n", name.c_str(), recall);
        std::printf("%s_scored: %d\n", name.c_str(), s.n);
        std::printf("%s_ms_per_forecast: %.3f\n", name.c_str(), s.seconds * 1000 / std::max(1, tickets));
    }

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
    auto mc = forecast::makeEstimator("montecarlo");
    std::vector<double> ms;
    for (int r = 0; r < 9; ++r) {
        auto a = std::chrono::steady_clock::now();
        auto f = mc->forecast(lobby, t0 + 700'000 + r);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
        if (r == 0) std::printf("big_lobby_forecast_tickets: %zu\n", f.tickets.size());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("big_lobby_montecarlo_ms_median: %.1f\n", ms[ms.size() / 2]);
    return 0;
}
