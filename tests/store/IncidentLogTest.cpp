// Incidents while the log is full: they wait in memory, in order, and are written when space comes back.
#include "store/EventStore.h"
#include "kiosk/IncidentLog.h"
#include "store/LogWriter.h"
#include "lobby/LocalTime.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

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

namespace {

// An injected write failure: the log refuses every audit row (a trigger), as a disk that fills between the change
// and its audit row would.
void refuseAuditRows(const QString& path, bool refuse) {
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "audit_trigger");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(refuse ? "CREATE TRIGGER refuse_audit BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'audit row refused (test)'); END"
                              : "DROP TRIGGER refuse_audit"));
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("audit_trigger");
}

int countRows(const QString& path, const QString& sql) {
    int n = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "audit_count");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        n = q.value(0).toInt();
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("audit_count");
    return n;
}

}  // namespace

TEST_CASE("a change and its audit row go in together or not at all: complaint and complaint_received, an acknowledge "
          "or resolve step and its action, kept thresholds and change_thresholds") {
    QString path = test::freshPath("audit_together");
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(s);
    kiosk::IncidentLog log(*s);
    store::Incident alert = incident("predicted_breach", at(0));
    alert.messageZh = "A042 可能超过等候上限";
    const std::int64_t handle = log.raise(alert);
    REQUIRE(handle > 0);
    refuseAuditRows(path, true);

    report::Complaint c;
    c.receivedAt = at(1);
    c.receivedDay = "2026-01-05";
    c.channel = "on_site";
    c.cause = "long_wait";
    c.receivedBy = "王芳";
    c.summary = "等了 50 分钟";
    c.dueDay = "2026-01-08";
    c.state = "open";
    auto refused = s->atomically([&]() -> std::optional<std::string> {
        std::string error;
        auto id = s->addComplaint(c, error);
        if (!id) return error;
        return s->recordAction({at(1), c.receivedBy, "complaint_received", "complaint:" + std::to_string(*id), c.cause});
    });
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("audit row refused"));
    CHECK(countRows(path, "SELECT COUNT(*) FROM complaints") == 0);

    log.step(handle, "acknowledged", at(2), "王芳", "", store::StaffAction{at(2), "王芳", "acknowledge", "", "ticket|A042"});
    log.step(handle, "resolved", at(3), "王芳", "已致歉", store::StaffAction{at(3), "王芳", "resolve", "", "已致歉"});
    log.setting("thresholds", "A:10/15/25", {at(4), "王芳", "change_thresholds", "category:A", "15/20/30 -> 10/15/25"});
    CHECK(log.waiting() == 3);
    CHECK(countRows(path, "SELECT COUNT(*) FROM incident_steps") == 1);  // raised only
    CHECK(countRows(path, "SELECT COUNT(*) FROM incidents WHERE state = 'raised'") == 1);
    CHECK_FALSE(s->meta("thresholds"));

    refuseAuditRows(path, false);
    REQUIRE(log.flush() == 0);
    CHECK(countRows(path, "SELECT COUNT(*) FROM incidents WHERE state = 'resolved'") == 1);
    CHECK(countRows(path, "SELECT COUNT(*) FROM incident_steps") == 3);
    CHECK(*s->meta("thresholds") == "A:10/15/25");
    auto actions = s->actionsOfDay("2026-01-05");
    REQUIRE(actions.size() == 3);
    CHECK(actions[0].action == "acknowledge");
    CHECK(actions[0].subject == "incident:" + std::to_string(handle));
    CHECK(actions[1].action == "resolve");
    CHECK(actions[2].action == "change_thresholds");
}

TEST_CASE("a situation's incident: its figures and message follow, its tickets join and leave, also after the log "
          "was full; the report's incident lives name its members") {
    QString path = test::freshPath("incident_members");
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(s);
    CHECK(s->schemaVersion() >= 11);  // the schema that brought members, or a later one
    kiosk::IncidentLog log(*s);
    store::Incident i = incident("waits", at(0));
    i.subject = "category:A";
    i.messageZh = "A 类 2 位客户等候过长";
    std::int64_t id = log.raise(i);
    REQUIRE(id > 0);
    log.update(id, at(0), "warning", "members=2", "zh", "en 2", {"A001", "A002"}, {});
    log.update(id, at(3), "alarm", "members=2 past_limit=1", "zh", "en 3", {"A003"}, {"A001"});
    auto members = s->incidentMembers(id);
    REQUIRE(members.size() == 3);
    CHECK(members[0].member == "A001");
    CHECK(members[0].joinedAt == at(0));
    CHECK(members[0].leftAt == at(3));
    CHECK(members[1].leftAt == 0);
    CHECK(members[2].member == "A003");
    CHECK(members[2].joinedAt == at(3));
    CHECK(s->incidentFigures(id) == "members=2 past_limit=1");
    auto day = s->incidentsOfDay("2026-01-05");
    REQUIRE(day.size() == 1);
    CHECK(day[0].severity == "alarm");
    CHECK(day[0].messageEn == "en 3");

    // A full log: the update waits, in order after its incident's steps, and goes in afterwards.
    fill(*s);
    std::int64_t h = log.raise(incident("waits", at(5)));
    CHECK(h < 0);
    log.update(h, at(5), "warning", "members=1", std::string(200'000, 'y'), "en", {"B001"}, {});
    log.update(id, at(6), "alarm", "members=1", std::string(200'000, 'z'), "en 6", {}, {"A002"});
    CHECK(log.flush() == 3);
    s->setMaxPages(0);
    CHECK(log.flush() == 0);
    REQUIRE(log.idOf(h));
    REQUIRE(s->incidentMembers(*log.idOf(h)).size() == 1);
    CHECK(s->incidentMembers(id)[1].leftAt == at(6));

    auto lives = s->incidentLives("2026-01-05", "2026-01-05");
    REQUIRE(lives.size() == 2);
    CHECK(lives[0].members == std::vector<std::string>{"A001", "A002", "A003"});
    CHECK(lives[1].members == std::vector<std::string>{"B001"});
}

TEST_CASE("on the writer thread, each incident that waits for the log is said on stderr once, the first of a "
          "disk-full spell too") {
    QString path = test::freshPath("incident_stderr");
    auto opened = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(opened);
    store::LogWriter writer(std::move(opened));
    kiosk::IncidentLog log(writer);
    writer.run([](store::EventStore& s) { s.setMaxPages(1); });
    // stderr into a file for the while.
    const std::string errPath = path.toStdString() + ".stderr";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int fd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
    // The first one is raised before any write has failed: the raising thread cannot know, the writer can.
    const std::int64_t first = log.raise(incident("link_down", at(0)));
    writer.run([](store::EventStore&) {});
    const std::int64_t second = log.raise(incident("device_offline", at(1)));
    log.step(first, "cleared", at(2));
    writer.run([](store::EventStore&) {});
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::ifstream in(errPath);
    std::stringstream text;
    text << in.rdbuf();
    const std::string err = text.str();
    INFO(err);
    auto count = [&err](const std::string& part) {
        int n = 0;
        for (auto at = err.find(part); at != std::string::npos; at = err.find(part, at + 1)) ++n;
        return n;
    };
    CHECK(count("the log refuses writes; the incident 'link_down' (device:counter/1) waits in memory") == 1);
    CHECK(count("the incident 'device_offline' (device:counter/1) waits in memory behind 1 writes the log refused") == 1);
    CHECK(count("waits in memory") == 2);  // a step is no incident
    CHECK(log.waiting() == 3);
    writer.run([](store::EventStore& s) { s.setMaxPages(0); });
    log.flush();
    writer.run([](store::EventStore&) {});
    CHECK(log.waiting() == 0);
    CHECK(log.idOf(second));
}
