// bench/forecast: the M/M/s sanity check: Erlang C's mean wait against a simulated first-come-first-served queue.
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

}  // namespace lw::forecastbench
