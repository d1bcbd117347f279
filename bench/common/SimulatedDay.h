// The day bench_forecast and bench_alerts both run: a branch profile's lobby (categories A, B, V and the profile's
// own, its windows) and one simulated day of it (a seed) as the lobby events the kiosk would take in.
#pragma once

#include "intake/DeviceSessions.h"
#include "lobby/LobbyConfig.h"
#include "lobby/LobbyEvent.h"
#include "lobby/LocalTime.h"
#include "sim/BranchDay.h"
#include "sim/Profile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lw::bench {

// Every category waits on the same thresholds (target 15, warning 20, limit 30 min).
inline lobby::LobbyConfig lobbyConfigOf(const sim::BranchProfile& profile) {
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

// The events of one simulated day of the branch (seed: the day after 2026-01-05 and the simulator's seed), and
// its local midnight.
inline std::vector<lobby::LobbyEvent> dayEvents(const sim::BranchProfile& profile, int seed, lobby::TimeMs& midnight) {
    sim::DayPlan plan = sim::wholeDay(profile, lobby::daysFromCivil(2026, 1, 5) + seed, static_cast<std::uint64_t>(seed) * 7919);
    midnight = plan.localMidnight;
    auto result = sim::simulateDay(profile, plan);
    std::vector<lobby::LobbyEvent> events;
    int seq = 0;
    for (const auto& tr : result.transmissions)
        if (auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "bench")) events.push_back(*e);
    return events;
}

}  // namespace lw::bench
