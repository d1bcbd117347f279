// The lobby the alert rules' tests watch: categories A, B and V, windows 1 (V, A), 2 (A) and 3 (B), minutes from
// 09:00 on 2026-01-05, and an event maker.
#pragma once

#include "lobby/LocalTime.h"
#include "forecast/Watch.h"

#include <string>

namespace lw::test {

constexpr lobby::TimeMs kMin = 60'000;

inline lobby::TimeMs at(double minutes) {
    return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + static_cast<lobby::TimeMs>(minutes * kMin);
}

inline lobby::LobbyConfig config() {
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}, {"B", "对公", "Corporate", 15, 20, 30}, {"V", "贵宾", "VIP", 10, 15, 20}};
    c.windows = {{1, {"V", "A"}}, {2, {"A"}}, {3, {"B"}}};
    return c;
}

inline lobby::LobbyEvent ev(lobby::EventKind kind, lobby::TimeMs t, const std::string& ticket = "", int window = 0) {
    lobby::LobbyEvent e;
    e.kind = kind;
    e.time = t;
    e.ticket = ticket;
    e.window = window;
    if (kind == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
    return e;
}

}  // namespace lw::test
