// One service window (柜台窗口) of the current business day: state, the ticket at it and today's service figures.
#pragma once

#include "lobby/LobbyEvent.h"

#include <optional>
#include <string>
#include <vector>

namespace lw::lobby {

enum class WindowState { Closed, Open, Paused };

const char* toString(WindowState state);  // "closed", "open", "paused"

struct Window {
    int number = 0;
    WindowState state = WindowState::Closed;
    std::string pauseReason;            // LUNCH|BREAK|FAULT|OTHER while paused
    std::optional<TimeMs> pausedSince;  // when the pause began, while paused
    std::vector<std::string> serves;    // category codes in priority order
    bool configured = false;            // false: created when first seen; `serves` grows with what it calls
    std::string ticket;                 // the ticket at the window (called or being served); empty: nobody
    std::optional<TimeMs> ticketSince;  // when that ticket was called to it
    std::optional<TimeMs> lastCallAt;   // latest call or recall
    int servedToday = 0;                // finished tickets
    std::vector<TimeMs> serviceTimesMs; // today's finished services, start (or call, without a start) to finish
    std::vector<std::string> serviceCategories;  // the category of each of those services, in the same order
    TimeMs idleMsClosed = 0;            // idle time of the idle spells that ended already
    std::optional<TimeMs> idleSince;    // open with nobody at the window since

    // Mean service time today; nullopt before the first finished service.
    std::optional<double> meanServiceMs() const;
    // 90th percentile by nearest rank: the ceil(0.9 n)-th smallest service time; nullopt when none.
    std::optional<TimeMs> p90ServiceMs() const;
    // Time spent open with nobody at the window today, up to `now`.
    TimeMs idleMs(TimeMs now) const { return idleMsClosed + (idleSince && now > *idleSince ? now - *idleSince : 0); }
    std::optional<TimeMs> sinceLastCallMs(TimeMs now) const {
        if (!lastCallAt) return std::nullopt;
        return now > *lastCallAt ? now - *lastCallAt : 0;
    }
};

}  // namespace lw::lobby
