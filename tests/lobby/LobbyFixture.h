// Shared test scaffolding: a three-category, three-window branch on UTC+8 and short event builders.
#pragma once

#include "lobby/LocalTime.h"
#include "lobby/Lobby.h"

#include <catch2/catch.hpp>

#include <string>

namespace lwtest {

using namespace lw::lobby;

constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;

// Window 1 serves VIP first, then personal; window 2 personal only; window 3 business first, then personal.
inline LobbyConfig branchConfig() {
    LobbyConfig c;
    c.utcOffsetMinutes = 480;
    c.businessDayStartMinutes = 240;
    c.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Business", 20, 30, 40},
                    {"V", "贵宾", "VIP", 5, 10, 15}};
    c.windows = {{1, {"V", "A"}}, {2, {"A"}}, {3, {"B", "A"}}};
    return c;
}

// Local time on 2026-01-05 (or another date) at UTC+8.
inline TimeMs at(const std::string& hms, const std::string& date = "2026-01-05") {
    const auto t = parseLocalTime(date + "T" + hms, 480);
    REQUIRE(t);
    return *t;
}

inline LobbyEvent issue(TimeMs t, const std::string& ticket, const std::string& category, bool priority = false) {
    LobbyEvent e;
    e.time = t;
    e.kind = EventKind::Issued;
    e.ticket = ticket;
    e.category = category;
    e.priority = priority;
    return e;
}

inline LobbyEvent ticketAt(EventKind kind, TimeMs t, const std::string& ticket, int window) {
    LobbyEvent e;
    e.time = t;
    e.kind = kind;
    e.ticket = ticket;
    e.window = window;
    return e;
}

inline LobbyEvent call(TimeMs t, const std::string& ticket, int window) {
    return ticketAt(EventKind::Called, t, ticket, window);
}
inline LobbyEvent start(TimeMs t, const std::string& ticket, int window) {
    return ticketAt(EventKind::Started, t, ticket, window);
}
inline LobbyEvent finish(TimeMs t, const std::string& ticket, int window) {
    return ticketAt(EventKind::Finished, t, ticket, window);
}

inline LobbyEvent transfer(TimeMs t, const std::string& ticket, int fromWindow, const std::string& category,
                           int toWindow = 0) {
    LobbyEvent e = ticketAt(EventKind::Transferred, t, ticket, fromWindow);
    e.category = category;
    e.toWindow = toWindow;
    return e;
}

inline LobbyEvent windowEvent(EventKind kind, TimeMs t, int window, const std::string& detail = "") {
    LobbyEvent e;
    e.time = t;
    e.kind = kind;
    e.window = window;
    e.detail = detail;
    return e;
}

inline bool hasAnomaly(const ApplyResult& r, const std::string& kind) {
    for (const Anomaly& a : r.anomalies) {
        if (a.kind == kind) return true;
    }
    return false;
}

}  // namespace lwtest
