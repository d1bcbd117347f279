// A payday morning at 10:30 for the screens' fit test: 12 windows (three paused, for a fault, lunch and other
// business; one closed), 510 personal tickets, corporate and VIP queues far past their limits (many alerts at
// once), a dispenser low on paper, and the newest call "A510 to window 5": the longest texts the screens show.
#pragma once

#include "DeskFixture.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace lw::test {

inline QString prepareBusyLog(const std::string& name) {
    QString path = freshPath(name);
    auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
    if (!s) throw std::runtime_error("cannot open the test log");
    for (auto [who, role, pin] : {std::tuple{"王芳", "manager", "2580"}, std::tuple{"赵磊 Zhao Lei", "head", "7391"}}) {
        kiosk::PinHash h = kiosk::hashPin(pin, 2000);
        if (s->putStaff({who, role, h.algorithm, h.iterations, h.salt, h.hash, localTime("2026-03-02T08:00:00")}))
            throw std::runtime_error("cannot add staff");
    }
    store::Batch b;
    int seq = 0;
    const lobby::TimeMs start = localTime("2026-03-02T08:30:00");
    auto add = [&](lobby::TimeMs at, lobby::EventKind kind, const std::string& ticket, int window, const std::string& detail = {}) {
        lobby::LobbyEvent e;
        e.time = at;
        e.kind = kind;
        e.ticket = ticket;
        e.window = window;
        e.detail = detail;
        if (kind == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
        e.source = {"counter", window == 0 ? 1 : 10 + window, ++seq};
        b.events.push_back(e);
    };
    for (int w = 1; w <= 12; ++w) add(start, lobby::EventKind::WindowOpen, "", w);
    // Tickets: A every 14 s (A510 at 10:28:46), B every 90 s, V every 4 min.
    struct Ticket { lobby::TimeMs at; std::string label; };
    std::vector<Ticket> tickets;
    char label[8];
    for (int i = 1; i <= 510; ++i) { std::snprintf(label, sizeof label, "A%03d", i); tickets.push_back({start + (i - 1) * 14'000LL, label}); }
    for (int i = 1; i <= 80; ++i) { std::snprintf(label, sizeof label, "B%03d", i); tickets.push_back({start + (i - 1) * 90'000LL, label}); }
    for (int i = 1; i <= 30; ++i) { std::snprintf(label, sizeof label, "V%03d", i); tickets.push_back({start + (i - 1) * 240'000LL, label}); }
    std::stable_sort(tickets.begin(), tickets.end(), [](const Ticket& x, const Ticket& y) { return x.at < y.at; });
    // Windows 1-6, 10 and 11 serve in ticket order, 2 min 40 s each, calling until 10:29: at 10:30 they serve,
    // except window 5, which stops calling at 10:26 and has finished for its call of A510.
    const lobby::TimeMs stop = localTime("2026-03-02T10:29:00");
    std::array<lobby::TimeMs, 13> freeAt{};
    freeAt.fill(start);
    const std::array<int, 8> serving{1, 2, 3, 4, 5, 6, 10, 11};
    for (const auto& t : tickets) add(t.at, lobby::EventKind::Issued, t.label, 0);
    for (const auto& t : tickets) {
        if (t.label == "A510") continue;
        int best = serving[0];
        for (int w : serving)
            if (freeAt[w] < freeAt[best] && !(w == 5 && freeAt[w] > localTime("2026-03-02T10:26:00"))) best = w;
        lobby::TimeMs call = std::max(freeAt[best], t.at + 30'000);
        if (call > stop) break;
        freeAt[best] = call + 160'000;
        add(call, lobby::EventKind::Called, t.label, best);
        add(call + 40'000, lobby::EventKind::Started, t.label, best);
        if (freeAt[best] < localTime("2026-03-02T10:29:45")) add(freeAt[best], lobby::EventKind::Finished, t.label, best);
    }
    add(localTime("2026-03-02T09:40:00"), lobby::EventKind::WindowPause, "", 7, "FAULT");
    add(localTime("2026-03-02T10:05:00"), lobby::EventKind::WindowPause, "", 8, "LUNCH");
    add(localTime("2026-03-02T10:10:00"), lobby::EventKind::WindowPause, "", 9, "OTHER");
    add(localTime("2026-03-02T09:15:00"), lobby::EventKind::WindowClose, "", 12);
    add(localTime("2026-03-02T10:20:00"), lobby::EventKind::DeviceStatus, "", 0, "PAPER_LOW");
    add(localTime("2026-03-02T10:29:50"), lobby::EventKind::Called, "A510", 5);
    std::stable_sort(b.events.begin(), b.events.end(), [](const lobby::LobbyEvent& x, const lobby::LobbyEvent& y) { return x.time < y.time; });
    if (s->append(b)) throw std::runtime_error("cannot append the test events");
    return path;
}

}  // namespace lw::test
