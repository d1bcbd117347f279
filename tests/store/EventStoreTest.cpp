// The event log: migrations, reopen, group commit, per-day reads, file mode, and a full disk.
#include "EventStore.h"
#include "LocalTime.h"
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
    REQUIRE(s->schemaVersion() == 1);
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
