// A kiosk over a fresh event log with staff (王芳, manager, PIN 2580; Zhao Lei, head, PIN 7391) and a lobby in
// trouble at 10:30: window 1 opened at 09:00 and served A000 (issued 09:00, called 09:20, done 09:26); A001,
// issued at 09:50, was never called (a long-wait alarm); window 2 opened at 09:00 and paused for a fault at 09:40.
#pragma once

#include "app/Kiosk.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"
#include "kiosk/PinHash.h"
#include "StoreFixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QVariantMap>
#include <QThread>

#include <memory>
#include <stdexcept>
#include <tuple>

namespace lw::test {

inline lobby::TimeMs localTime(const char* text) { return *lobby::parseLocalTime(text, 480); }

inline kiosk::KioskConfig deskBranch(const QString& db) {
    kiosk::KioskConfig c;
    c.database = db.toStdString();
    c.lobby.categories = kiosk::defaultCategories();
    c.branch.name = "城东支行";
    c.branch.complaintHotline = "95588";
    c.branch.servicePhone = "010-6688 9900";
    return c;
}

// The branch's events as one batch to append: the dispenser is device 1, window N's keypad device 10 + N; a
// ticket's category is its letter.
struct DeskEvents {
    store::Batch batch;
    int seq = 0;
    void add(const char* at, lobby::EventKind kind, const std::string& ticket, int window) {
        lobby::LobbyEvent e;
        e.time = localTime(at);
        e.kind = kind;
        e.ticket = ticket;
        e.window = window;
        if (kind == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
        e.source = {"counter", window == 0 ? 1 : 10 + window, ++seq};
        batch.events.push_back(e);
    }
};

// The log: staff, and today's events. Throws on failure (usable outside a Catch test case, e.g. a QML test's setup).
inline QString prepareDeskLog(const std::string& name) {
    QString path = freshPath(name);
    auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
    if (!s) throw std::runtime_error("cannot open the test log");
    for (auto [who, role, pin] : {std::tuple{"王芳", "manager", "2580"}, std::tuple{"Zhao Lei", "head", "7391"}}) {
        kiosk::PinHash h = kiosk::hashPin(pin, 2000);  // a low count keeps the tests quick; the format is the same
        if (s->putStaff({who, role, h.algorithm, h.iterations, h.salt, h.hash, localTime("2026-03-02T08:00:00")}))
            throw std::runtime_error("cannot add staff");
    }
    DeskEvents events;
    events.add("2026-03-02T09:00:00", lobby::EventKind::WindowOpen, "", 1);
    events.add("2026-03-02T09:00:10", lobby::EventKind::WindowOpen, "", 2);  // window 2 pauses for a fault at 09:40
    events.add("2026-03-02T09:00:30", lobby::EventKind::Issued, "A000", 0);
    events.add("2026-03-02T09:20:30", lobby::EventKind::Called, "A000", 1);
    events.add("2026-03-02T09:21:00", lobby::EventKind::Started, "A000", 1);
    events.add("2026-03-02T09:26:00", lobby::EventKind::Finished, "A000", 1);
    events.add("2026-03-02T09:40:00", lobby::EventKind::WindowPause, "", 2);
    events.batch.events.back().detail = "FAULT";
    events.add("2026-03-02T09:50:00", lobby::EventKind::Issued, "A001", 0);
    if (s->append(events.batch)) throw std::runtime_error("cannot append the test events");
    return path;
}

// A headless kiosk on the log at `path` with `config` (a status line an hour of the branch's time), started.
inline std::unique_ptr<app::Kiosk> startDeskKiosk(const QString& path, const kiosk::Clock& clock,
                                                  const kiosk::KioskConfig& config) {
    auto opened = store::EventStore::open(path, config.lobby);
    if (!opened.store) throw std::runtime_error(opened.error);
    app::KioskOptions o;
    o.headless = true;
    o.statusEverySimS = 3600;
    auto k = std::make_unique<app::Kiosk>(config, std::move(opened.store), clock, o);
    k->start();
    return k;
}

inline std::unique_ptr<app::Kiosk> startDeskKiosk(const QString& path, const kiosk::Clock& clock) {
    return startDeskKiosk(path, clock, deskBranch(path));
}

// Runs the event loop until a card whose key `matches` is on the panel; the card (empty after 10 s).
template <typename Match>
QVariantMap waitForCard(app::Kiosk& k, Match matches) {
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        for (const QVariant& v : k.status()->alerts())
            if (matches(v.toMap()["key"].toString())) return v.toMap();
        QThread::msleep(20);
    }
    return {};
}

inline QVariantMap waitForCard(app::Kiosk& k, const QString& key) {
    return waitForCard(k, [&key](const QString& candidate) { return candidate == key; });
}

// The wait situation of category A (A001 waiting long); its key (empty after 10 s).
inline QString waitForLongWait(app::Kiosk& k) {
    return waitForCard(k, [](const QString& key) { return key == "waits|category:A"; })["key"].toString();
}

}  // namespace lw::test
