// Incidents while the log is full: they wait in memory, in order, and are written when space comes back.
#include "EventStore.h"
#include "IncidentLog.h"
#include "LocalTime.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>

using namespace lw;

namespace {

lobby::TimeMs at(int minutes) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + minutes * 60'000LL; }

store::Incident incident(const std::string& kind, lobby::TimeMs t) {
    store::Incident i;
    i.raisedAt = t;
    i.kind = kind;
    i.severity = "warning";
    i.subject = "device:counter/1";
    i.messageZh = std::string(200'000, 'x');  // needs about 50 new pages: a capped log refuses it
    i.messageEn = kind;
    return i;
}

// Caps the log at the pages it has (SQLite never caps below that): an incident whose text needs new pages fails
// as on a full disk.
void fill(store::EventStore& s) { s.setMaxPages(1); }

}  // namespace

TEST_CASE("incidents, steps and actions wait while the log is full and go in, in order, when it takes writes") {
    QString path = test::freshPath("incident_log");
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(s);
    kiosk::IncidentLog log(*s);
    std::int64_t before = log.raise(incident("link_down", at(0)));
    REQUIRE(before > 0);  // a log with room: written at once

    fill(*s);
    std::int64_t h = log.raise(incident("device_offline", at(2)));
    CHECK(h < 0);
    log.step(before, "cleared", at(3));
    log.step(h, "acknowledged", at(4), "王芳");
    log.action({at(4), "王芳", "acknowledge", "incident", ""});
    log.step(h, "resolved", at(5), "王芳", "replugged the cable");
    CHECK(log.waiting() == 5);
    CHECK(log.flush() == 5);  // still full: nothing lost, nothing half-written
    CHECK_FALSE(log.idOf(h));

    s->setMaxPages(0);
    CHECK(log.flush() == 0);
    REQUIRE(log.idOf(h));
    // Written: the steps with their own times and who, on the right incidents.
    auto day = s->incidentsOfDay("2026-01-05");
    REQUIRE(day.size() == 2);
    CHECK(day[0].kind == "link_down");
    CHECK(day[0].state == "cleared");
    CHECK(day[1].kind == "device_offline");
    CHECK(day[1].raisedAt == at(2));
    CHECK(day[1].state == "resolved");
    CHECK(day[1].stateAt == at(5));
    CHECK(s->actionsOfDay("2026-01-05").size() == 1);
    // After the flush, new ones go straight in again.
    CHECK(log.raise(incident("jam", at(6))) > 0);
    CHECK(log.waiting() == 0);
}

TEST_CASE("the waiting queue has a cap; what is over it is counted, not kept") {
    QString path = test::freshPath("incident_cap");
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(s);
    kiosk::IncidentLog log(*s, 3);
    fill(*s);
    for (int i = 0; i < 5; ++i) log.raise(incident("device_offline", at(i)));
    CHECK(log.waiting() == 3);
    CHECK(log.dropped() == 2);
    s->setMaxPages(0);
    CHECK(log.flush() == 0);
    CHECK(s->incidentsOfDay("2026-01-05").size() == 3);
}
