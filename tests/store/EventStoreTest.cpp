// The event log: migrations, reopen, group commit, per-day reads, file mode, and a full disk.
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <sys/stat.h>

using namespace lw;
using lobby::EventKind;
using lobby::LobbyEvent;

namespace {

lobby::LobbyConfig config() { return lobby::LobbyConfig{}; }

// 2026-01-05 09:00 local (+08:00) plus `minutes`.
lobby::TimeMs at(int minutes) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + minutes * 60'000LL; }

LobbyEvent issued(const std::string& ticket, lobby::TimeMs t, int seq) {
    LobbyEvent e;
    e.time = t;
    e.kind = EventKind::Issued;
    e.ticket = ticket;
    e.category = ticket.substr(0, 1);
    e.source = {"counter", 1, seq};
    return e;
}

}  // namespace

TEST_CASE("a new log gets the schema, WAL and mode 0600") {
    QString path = test::freshPath("new");
    auto opened = store::EventStore::open(path, config());
    REQUIRE(opened.error.empty());
    REQUIRE(opened.store);
    REQUIRE(opened.store->schemaVersion() == store::EventStore::kSchemaVersion);
    struct stat st {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    REQUIRE((st.st_mode & 0777) == 0600);
    REQUIRE(opened.store->counts().events == 0);
}

TEST_CASE("appended batches read back by business day, and survive a reopen") {
    QString path = test::freshPath("reopen");
    {
        auto s = store::EventStore::open(path, config()).store;
        store::Batch b;
        b.events.push_back(issued("A001", at(0), 1));
        LobbyEvent call;
        call.time = at(3);
        call.kind = EventKind::Called;
        call.ticket = "A001";
        call.window = 4;
        call.source = {"counter", 11, 7};
        b.events.push_back(call);
        LobbyEvent pause;
        pause.time = at(4);
        pause.kind = EventKind::WindowPause;
        pause.window = 4;
        pause.detail = "LUNCH";
        pause.source = {"counter", 11, 8};
        b.events.push_back(pause);
        // 03:59 the next morning still belongs to 2026-01-05 (the business day starts at 04:00).
        b.events.push_back(issued("B001", at(18 * 60 + 59), 2));
        b.events.push_back(issued("A001", at(19 * 60 + 1), 3));  // 04:01: a new business day
        b.rejects.push_back(store::Reject{at(1), "counter", "checksum", "checksum 0000 does not match", "$LW1,..."});
        REQUIRE_FALSE(s->append(b).has_value());
        REQUIRE(s->setMeta("branch", "0571") == std::nullopt);
    }
    auto s = store::EventStore::open(path, config()).store;
    REQUIRE(s);
    REQUIRE(s->schemaVersion() == store::EventStore::kSchemaVersion);
    REQUIRE(s->counts().events == 5);
    REQUIRE(s->counts().rejects == 1);
    REQUIRE(s->meta("branch") == "0571");
    auto day = s->eventsOfDay("2026-01-05");
    REQUIRE(day.size() == 4);
    REQUIRE(day[1].kind == EventKind::Called);
    REQUIRE(day[1].window == 4);
    REQUIRE(day[1].source.device == 11);
    REQUIRE(day[1].source.sequence == 7);
    REQUIRE(day[2].detail == "LUNCH");
    REQUIRE(day[3].ticket == "B001");
    REQUIRE(day[0].time == at(0));
    REQUIRE(s->eventsOfDay("2026-01-06").size() == 1);
    REQUIRE(s->lastBusinessDay() == "2026-01-06");
    REQUIRE(s->rejects(10).at(0).kind == "checksum");
}

TEST_CASE("a log that others can write is refused, with the fix in the message") {
    QString path = test::freshPath("mode");
    { REQUIRE(store::EventStore::open(path, config()).store); }
    ::chmod(QFile::encodeName(path).constData(), 0666);
    auto opened = store::EventStore::open(path, config());
    REQUIRE_FALSE(opened.store);
    REQUIRE_THAT(opened.error, Catch::Contains("chmod 600"));
}

TEST_CASE("a damaged or foreign file is refused, not overwritten") {
    QString path = test::freshPath("damaged");
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    auto opened = store::EventStore::open(path, config());
    REQUIRE_FALSE(opened.store);
    REQUIRE_FALSE(opened.error.empty());
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    REQUIRE(f.readAll() == QByteArray(8192, 'x'));
}

TEST_CASE("a log from a newer LobbyWatch is refused") {
    QString path = test::freshPath("newer");
    {
        auto s = store::EventStore::open(path, config()).store;
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "poke");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery(d).exec("PRAGMA user_version = 99");
        d.close();
    }
    QSqlDatabase::removeDatabase("poke");
    auto opened = store::EventStore::open(path, config());
    REQUIRE_FALSE(opened.store);
    REQUIRE_THAT(opened.error, Catch::Contains("newer"));
}

TEST_CASE("a full disk fails the whole batch with SQLite's reason; nothing half-written; it recovers") {
    QString path = test::freshPath("full");
    auto s = store::EventStore::open(path, config()).store;
    store::Batch small;
    small.events.push_back(issued("A001", at(0), 1));
    REQUIRE_FALSE(s->append(small));
    s->setMaxPages(8);
    store::Batch big;
    for (int i = 0; i < 5000; ++i) big.events.push_back(issued("A" + std::to_string(100 + i % 800), at(1), i + 2));
    auto error = s->append(big);
    REQUIRE(error.has_value());
    REQUIRE_THAT(*error, Catch::Contains("full"));
    REQUIRE(s->counts().events == 1);
    s->setMaxPages(0);
    REQUIRE_FALSE(s->append(big));
    REQUIRE(s->counts().events == 5001);
}

TEST_CASE("incidents and every step of their life are rows in the log") {
    QString path = test::freshPath("incidents");
    auto s = store::EventStore::open(path, config()).store;
    store::Incident i;
    i.raisedAt = at(10);
    i.kind = "link_down";
    i.severity = "alarm";
    i.subject = "port:counter";
    i.messageZh = "串口 counter 断开";
    i.messageEn = "Port counter is down";
    auto id = s->raiseIncident(i);
    REQUIRE(id);
    REQUIRE(s->stepIncident(*id, "acknowledged", at(11), "manager 007"));
    REQUIRE(s->stepIncident(*id, "resolved", at(15), "manager 007", "replugged the USB adapter"));
    REQUIRE_FALSE(s->stepIncident(*id + 100, "resolved", at(15)));
    auto day = s->incidentsOfDay("2026-01-05");
    REQUIRE(day.size() == 1);
    REQUIRE(day[0].state == "resolved");
    REQUIRE(day[0].stateAt == at(15));
    REQUIRE(day[0].messageZh == "串口 counter 断开");
    QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "steps");
    d.setDatabaseName(path);
    REQUIRE(d.open());
    {
        QSqlQuery q(d);
        REQUIRE(q.exec("SELECT state, by_whom, note FROM incident_steps ORDER BY id"));
        std::vector<std::string> states;
        while (q.next()) states.push_back(q.value(0).toString().toStdString());
        REQUIRE(states == std::vector<std::string>{"raised", "acknowledged", "resolved"});
    }
    d.close();
    d = QSqlDatabase();
    QSqlDatabase::removeDatabase("steps");
}

TEST_CASE("a version-1 log is migrated to the current schema and keeps its events") {
    QString path = test::freshPath("migrate");
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "v1");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, business_day TEXT NOT NULL,"
                       " kind TEXT NOT NULL, ticket TEXT, category TEXT, window_no INTEGER, to_window INTEGER,"
                       " priority INTEGER NOT NULL DEFAULT 0, detail TEXT, port TEXT NOT NULL, device INTEGER NOT NULL,"
                       " seq INTEGER NOT NULL)"));
        REQUIRE(q.exec("CREATE INDEX events_by_day ON events(business_day, id)"));
        REQUIRE(q.exec("CREATE TABLE rejects (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, port TEXT NOT NULL,"
                       " kind TEXT NOT NULL, detail TEXT, raw TEXT)"));
        REQUIRE(q.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"));
        REQUIRE(q.exec(QString("INSERT INTO events (received_at, business_day, kind, ticket, category, port, device, seq)"
                               " VALUES (%1, '2026-01-05', 'issued', 'A001', 'A', 'counter', 1, 0)").arg(at(0))));
        REQUIRE(q.exec("PRAGMA user_version = 1"));
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("v1");
    ::chmod(QFile::encodeName(path).constData(), 0600);
    auto s = store::EventStore::open(path, config()).store;
    REQUIRE(s);
    REQUIRE(s->schemaVersion() == store::EventStore::kSchemaVersion);
    REQUIRE(s->eventsOfDay("2026-01-05").size() == 1);
    store::Incident i;
    i.raisedAt = at(1);
    i.kind = "link_down";
    i.severity = "alarm";
    i.subject = "port:x";
    REQUIRE(s->raiseIncident(i));
}

TEST_CASE("staff are kept with their PIN hash only; actions are rows with who did them") {
    QString path = test::freshPath("staff");
    auto s = store::EventStore::open(path, config()).store;
    REQUIRE(s);
    store::StaffMember m;
    m.name = "王芳";
    m.role = "manager";
    m.pinAlgorithm = "pbkdf2-sha256";
    m.pinIterations = 1000;
    m.pinSalt = QByteArray(16, '\x01');
    m.pinHash = QByteArray(32, '\x02');
    m.changedAt = at(0);
    REQUIRE_FALSE(s->putStaff(m));
    store::StaffMember head = m;
    head.name = "Zhao Lei";
    head.role = "head";
    REQUIRE_FALSE(s->putStaff(head));
    m.pinHash = QByteArray(32, '\x03');  // a new PIN for the same person replaces the old one
    REQUIRE_FALSE(s->putStaff(m));
    auto all = s->staff();
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "王芳");  // managers first, then heads
    CHECK(all[0].pinHash == QByteArray(32, '\x03'));
    CHECK(all[1].role == "head");
    CHECK(s->removeStaff("Zhao Lei"));
    CHECK_FALSE(s->removeStaff("Zhao Lei"));
    CHECK(s->staff().size() == 1);

    REQUIRE_FALSE(s->recordAction({at(5), "王芳", "sign_in_failed", "", "1 of 5"}));
    REQUIRE_FALSE(s->recordAction({at(6), "王芳", "resolve", "incident:7", "开了另一个窗口"}));
    auto acts = s->actionsOfDay("2026-01-05");
    REQUIRE(acts.size() == 2);
    CHECK(acts[1].who == "王芳");
    CHECK(acts[1].action == "resolve");
    CHECK(acts[1].subject == "incident:7");
    CHECK(acts[1].detail == "开了另一个窗口");
    CHECK(s->schemaVersion() == store::EventStore::kSchemaVersion);
}

TEST_CASE("a day's kept report totals are dropped when an event of that day is appended") {
    QString path = test::freshPath("day_totals");
    auto s = store::EventStore::open(path, config()).store;
    REQUIRE(s);
    s->putDayTotals("2026-01-05", "bytes of monday");
    s->putDayTotals("2026-01-06", "bytes of tuesday");
    CHECK(*s->dayTotals("2026-01-05") == "bytes of monday");
    store::Batch b;
    b.events.push_back(issued("A001", at(30), 1));  // 2026-01-05
    REQUIRE_FALSE(s->append(b));
    CHECK_FALSE(s->dayTotals("2026-01-05"));
    CHECK(*s->dayTotals("2026-01-06") == "bytes of tuesday");
}
