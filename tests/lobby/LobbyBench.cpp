// Hidden micro-benchmark ([.bench]): a million events through Lobby::apply, printed as events per second.
#include "LobbyFixture.h"

#include <chrono>
#include <cstdio>

using namespace lwtest;

namespace {
// Simulated days of 10 windows and 3 categories: each step issues one ticket and calls, starts and finishes
// earlier ones, so the queues stay a few tickets deep and every event kind of the busy path is exercised.
std::vector<LobbyEvent> simulatedDays(std::size_t count) {
    std::vector<LobbyEvent> events;
    events.reserve(count + 64);
    const char* codes[] = {"A", "B", "C"};
    constexpr int kTicketsPerDay = 2400;
    constexpr int kWindows = 10;
    auto label = [&](int j) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%s%03d", codes[j % 3], j / 3 % 999 + 1);
        return std::string(buffer);
    };
    for (int day = 0; events.size() < count; ++day) {
        const std::string date = formatDate(civilFromDays(daysFromCivil(2026, 1, 5) + day));
        TimeMs t = at("08:00:00", date);
        for (int w = 1; w <= kWindows; ++w) events.push_back(windowEvent(EventKind::WindowOpen, t, w));
        for (int step = 0; step < kTicketsPerDay + 8; ++step, t += 10 * kSecond) {
            if (step < kTicketsPerDay) events.push_back(issue(t, label(step), codes[step % 3], step % 17 == 0));
            if (int j = step - 5; j >= 0 && j < kTicketsPerDay) events.push_back(call(t + 1, label(j), j % kWindows + 1));
            if (int j = step - 6; j >= 0 && j < kTicketsPerDay) events.push_back(start(t + 2, label(j), j % kWindows + 1));
            if (int j = step - 7; j >= 0 && j < kTicketsPerDay) events.push_back(finish(t + 3, label(j), j % kWindows + 1));
        }
    }
    events.resize(count);
    return events;
}
}  // namespace

TEST_CASE("bench: a million events through the lobby model", "[.bench]") {
    const std::vector<LobbyEvent> events = simulatedDays(1'000'000);
    Lobby lobby(branchConfig());
    std::size_t anomalies = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (const LobbyEvent& e : events) anomalies += lobby.apply(e).anomalies.size();
    const auto end = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(end - begin).count();
    std::printf("lobby_apply_events: %zu\nlobby_apply_seconds: %.3f\nlobby_apply_events_per_s: %.0f\n"
                "lobby_apply_ns_per_event: %.1f\n",
                events.size(), seconds, static_cast<double>(events.size()) / seconds,
                seconds * 1e9 / static_cast<double>(events.size()));
    CHECK(anomalies == 0);
    CHECK(lobby.totals().issued > 0);
}
