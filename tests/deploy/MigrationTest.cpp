// Upgrades: a log of every past schema version (tests/deploy/past-logs, made with the migrations as each version
// shipped them) opens in this build, migrated to the current schema with every event kept and new events taken;
// a log of a newer schema is refused with a message, and left as it was.
#include "store/EventStore.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <map>

using namespace lw;

namespace {

QString pastLog(int version) {
    return QString::fromUtf8(std::getenv("LW_SOURCE_DIR")) + QString("/tests/deploy/past-logs/log-v%1.db").arg(version);
}

// A copy to work on, private as the store requires (git does not keep the 0600).
QString copyOf(int version, const std::string& name) {
    const QString path = test::freshPath(name);
    REQUIRE(QFile::copy(pastLog(version), path));
    REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    return path;
}

int userVersion(const QString& path) {
    int v = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "version");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("PRAGMA user_version"));
        REQUIRE(q.next());
        v = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase("version");
    return v;
}

std::map<std::string, int> kindsOf(const std::vector<lobby::LobbyEvent>& events) {
    std::map<std::string, int> kinds;
    for (const auto& e : events) ++kinds[lobby::eventName(e.kind)];
    return kinds;
}

}  // namespace

TEST_CASE("a log of every past schema version is migrated to this one with every event kept") {
    for (int version = 1; version <= store::EventStore::kSchemaVersion; ++version) {
        INFO("log of schema " << version);
        REQUIRE(QFile::exists(pastLog(version)));
        const QString path = copyOf(version, "migrate-v" + std::to_string(version));
        REQUIRE(userVersion(path) == version);
        {
            auto opened = store::EventStore::open(path, lobby::LobbyConfig{}, store::EventStore::Check::Full);
            INFO(opened.error);
            REQUIRE(opened.store);
            auto& log = *opened.store;
            for (const char* day : {"2026-11-27", "2026-11-30"}) {
                auto events = log.eventsOfDay(day);
                REQUIRE(events.size() == 16);
                auto kinds = kindsOf(events);
                REQUIRE(kinds["issued"] == 4);
                REQUIRE(kinds["called"] == 4);
                REQUIRE(kinds["finished"] == 3);
                REQUIRE(kinds["no_show"] == 1);
                REQUIRE(events.front().kind == lobby::EventKind::WindowOpen);
                REQUIRE(events.back().ticket == "A004");
            }
            REQUIRE(log.firstBusinessDay() == "2026-11-27");
            // It takes new events after the upgrade.
            store::Batch batch;
            lobby::LobbyEvent e;
            e.time = 1'796'000'000'000;
            e.kind = lobby::EventKind::Issued;
            e.ticket = "A005";
            e.category = "A";
            e.source.port = "counter";
            e.source.device = 1;
            e.source.sequence = 1000;
            batch.events.push_back(e);
            REQUIRE_FALSE(log.append(batch));
            REQUIRE(log.counts().events == 33);
            // And the webhook's outbox (schema 12) takes a message.
            store::QueuedNotification n;
            n.target = "head";
            n.what = "alarm";
            n.subject = "slow_window|window:1";
            n.body = "x";
            n.createdAt = n.nextAt = e.time;
            REQUIRE_FALSE(log.queueNotification(n));
            REQUIRE(log.pendingNotifications(10).size() == 1);
        }
        REQUIRE(userVersion(path) == store::EventStore::kSchemaVersion);
        REQUIRE(store::EventStore::verify(path).empty());
    }
}

TEST_CASE("a log of a newer schema (a downgrade) is refused with a message and not migrated") {
    const QString path = copyOf(store::EventStore::kSchemaVersion, "downgrade");
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "bump");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(QString("PRAGMA user_version = %1").arg(store::EventStore::kSchemaVersion + 1)));
    }
    QSqlDatabase::removeDatabase("bump");
    auto opened = store::EventStore::open(path, lobby::LobbyConfig{}, store::EventStore::Check::Full);
    REQUIRE_FALSE(opened.store);
    REQUIRE_FALSE(opened.damaged);  // not moved aside as damaged: it is sound, only newer
    INFO(opened.error);
    REQUIRE(opened.error.find("newer LobbyWatch") != std::string::npos);
    // Not migrated, not emptied. (The store does switch the file to WAL before it reads the version: harmless,
    // the newer build uses WAL too, so the bytes of the header are not compared.)
    REQUIRE(userVersion(path) == store::EventStore::kSchemaVersion + 1);
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "count");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("SELECT count(*) FROM events"));
        REQUIRE(q.next());
        REQUIRE(q.value(0).toInt() == 32);
    }
    QSqlDatabase::removeDatabase("count");
}

TEST_CASE("complaints of schema 9 keep their record in schema 10: open and escalated become received (escalated at "
          "level 1), a reply not satisfied reopens, a reply's day counts for its clock") {
    const QString path = copyOf(9, "complaints-v9");
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "v9");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        // 2026-11-30T10:00+08:00 = 1796004000000; replied the next day at 09:00 (China) = 1796086800000.
        for (const char* row : {"(1, 1796004000000, '2026-11-30', 'phone', '李', 'policy', 'a', NULL, NULL, NULL, '2026-12-03', 'open', NULL, NULL, NULL, NULL)",
                                "(2, 1796004000000, '2026-11-30', 'phone', '李', 'policy', 'b', NULL, NULL, NULL, '2026-12-03', 'escalated', NULL, NULL, NULL, NULL)",
                                "(3, 1796004000000, '2026-11-30', 'phone', '李', 'policy', 'c', NULL, NULL, NULL, '2026-12-03', 'replied', 'ok', 1, 1796086800000, NULL)",
                                "(4, 1796004000000, '2026-11-30', 'phone', '李', 'policy', 'd', NULL, NULL, NULL, '2026-12-03', 'replied', 'no', 0, 1796086800000, NULL)",
                                "(5, 1796004000000, '2026-11-30', 'phone', '李', 'policy', 'e', NULL, NULL, NULL, '2026-12-03', 'closed', NULL, NULL, NULL, 1796086800000)"})
            REQUIRE(q.exec(QString("INSERT INTO complaints VALUES ") + row));
    }
    QSqlDatabase::removeDatabase("v9");
    auto opened = store::EventStore::open(path, lobby::LobbyConfig{}, store::EventStore::Check::Full);
    INFO(opened.error);
    REQUIRE(opened.store);
    auto all = opened.store->complaints("2026-11-30", "2026-11-30");
    REQUIRE(all.size() == 5);
    CHECK(all[0].state == "received");
    CHECK(all[0].escalationLevel == 0);
    CHECK(all[0].owner == "李");
    CHECK(all[0].complainedDay == "2026-11-30");
    CHECK(all[1].state == "received");
    CHECK(all[1].escalationLevel == 1);
    CHECK(all[1].escalatedTo == "officer");
    CHECK(all[2].state == "replied");
    CHECK(all[2].replyDay == "2026-12-01");
    CHECK(all[3].state == "reopened");
    CHECK(all[3].replyDay.empty());  // not satisfied: the reply clock still runs
    CHECK(all[3].escalationLevel == 1);
    CHECK(all[4].state == "closed");
    CHECK(all[4].replyDay.empty());  // closed with no reply: never "answered on time"
    CHECK(opened.store->complaintSteps(1).empty());
}
