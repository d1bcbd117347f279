// The event log as a file: one writer at a time, only LobbyWatch's logs opened, private files, and a log that
// cannot be written at start (read-only directory, full disk) still opened for the kiosk.
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace lw;
using store::EventStore;
using Access = store::EventStore::Access;
using Check = store::EventStore::Check;

namespace {

lobby::LobbyConfig config() { return lobby::LobbyConfig{}; }
lobby::TimeMs at(int minutes) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + minutes * 60'000LL; }

store::Batch oneIssue(const std::string& ticket, int seq) {
    store::Batch b;
    lobby::LobbyEvent e;
    e.time = at(seq);
    e.kind = lobby::EventKind::Issued;
    e.ticket = ticket;
    e.category = ticket.substr(0, 1);
    e.source = {"counter", 1, seq};
    b.events.push_back(e);
    return b;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();
    ::chmod(QFile::encodeName(path).constData(), 0600);
}

// Runs SQL on a file through a connection of its own (a foreign program's database, a trigger for a test).
void sql(const QString& path, const QStringList& statements) {
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "logfile_test");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        for (const QString& s : statements) {
            INFO(s.toStdString());
            REQUIRE(q.exec(s));
        }
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("logfile_test");
}

int applicationIdOf(const QString& path) {
    int id = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "logfile_appid");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("PRAGMA application_id"));
        REQUIRE(q.next());
        id = q.value(0).toInt();
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("logfile_appid");
    return id;
}

int modeOf(const QString& path) {
    struct stat st {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    return static_cast<int>(st.st_mode & 0777);
}

}  // namespace

TEST_CASE("one writer per log: a second ingesting open is refused naming the holder's PID; readers and small writes "
          "go on; the lock goes with its holder") {
    QString path = test::freshPath("one_writer");
    auto first = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE(first.store);
    REQUIRE_FALSE(first.store->append(oneIssue("A001", 1)));
    auto second = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE_FALSE(second.store);
    CHECK_FALSE(second.damaged);
    CHECK_THAT(second.error, Catch::Contains("in use by another LobbyWatch") &&
                                 Catch::Contains("PID " + std::to_string(::getpid())));
    // A report, a complaint list: read beside the writer.
    auto reader = EventStore::open(path, config(), Check::Deferred, Access::Read);
    REQUIRE(reader.store);
    CHECK(reader.store->eventsOfDay("2026-01-05").size() == 1);
    // staff add, complaint add: small writes that SQLite puts between the writer's commits.
    auto writer = EventStore::open(path, config(), Check::Deferred, Access::Write);
    REQUIRE(writer.store);
    REQUIRE_FALSE(writer.store->recordAction({at(2), "os:root", "staff_added", "staff:王芳", "manager"}));
    REQUIRE_FALSE(first.store->append(oneIssue("A002", 2)));
    CHECK(reader.store->eventsOfDay("2026-01-05").size() == 2);
    CHECK(first.store->actionsOfDay("2026-01-05").size() == 1);
    first.store.reset();
    auto third = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE(third.store);
    CHECK(third.store->eventsOfDay("2026-01-05").size() == 2);
}

TEST_CASE("only a LobbyWatch log is opened: anything else is refused unchanged, never moved, nothing left beside it") {
    QString path = test::freshPath("foreign");
    const QString dir = QFileInfo(path).absolutePath();
    struct Foreign {
        const char* what;
        std::function<void()> make;
    };
    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
    const std::vector<Foreign> files = {
        {"the config file", [&] { writeFile(path, "[kiosk]\nutc_offset_minutes = 480\n[window 1]\nserves = A\n"); }},
        {"a PNG", [&] { writeFile(path, png + QByteArray(2000, '\x07')); }},
        {"random bytes", [&] { writeFile(path, QByteArray(8192, 'x')); }},
        {"another program's SQLite database", [&] {
             sql(path, {"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)",
                        "INSERT INTO customers (name, phone) VALUES ('Li', '138')"});
             ::chmod(QFile::encodeName(path).constData(), 0600);
         }},
        {"an SQLite database marked by another program", [&] {
             sql(path, {"PRAGMA application_id = 1234", "CREATE TABLE events (id INTEGER PRIMARY KEY, x TEXT)"});
             ::chmod(QFile::encodeName(path).constData(), 0600);
         }},
        {"an SQLite database with no tables", [&] {
             sql(path, {"PRAGMA user_version = 3"});
             ::chmod(QFile::encodeName(path).constData(), 0600);
         }},
    };
    for (const auto& f : files) {
        for (Access access : {Access::Ingest, Access::Write, Access::Read}) {
            QDir(dir).removeRecursively();
            QDir().mkpath(dir);
            f.make();
            const QByteArray before = readAll(path);
            REQUIRE(before.size() > 0);
            INFO(f.what << ", access " << static_cast<int>(access));
            auto opened = EventStore::open(path, config(), Check::Full, access);
            CHECK_FALSE(opened.store);
            CHECK_FALSE(opened.damaged);  // so nobody moves it aside
            CHECK_THAT(opened.error, Catch::Contains("not a LobbyWatch event log") && Catch::Contains(path.toStdString()));
            CHECK(readAll(path) == before);
            CHECK(QDir(dir).entryList(QDir::Files | QDir::Hidden) == QStringList{"events.db"});
        }
    }
}

TEST_CASE("a new log carries LobbyWatch's application_id; an earlier log (none yet) is recognised and marked; an empty "
          "file becomes a log") {
    QString path = test::freshPath("application_id");
    { REQUIRE(EventStore::open(path, config()).store); }
    CHECK(applicationIdOf(path) == store::kApplicationId);
    CHECK(store::identifyLog(path).marked);

    // An earlier LobbyWatch's log: schema 8 and no application_id.
    QString old = test::freshPath("application_id_old");
    {
        auto s = EventStore::open(old, config()).store;
        REQUIRE_FALSE(s->append(oneIssue("A001", 1)));
    }
    sql(old, {"PRAGMA application_id = 0"});
    ::chmod(QFile::encodeName(old).constData(), 0600);
    REQUIRE(applicationIdOf(old) == 0);
    CHECK(store::identifyLog(old).kind == store::LogIdentity::Kind::LobbyWatch);
    {
        auto reader = EventStore::open(old, config(), Check::Deferred, Access::Read);  // reads it, changes nothing
        REQUIRE(reader.store);
        CHECK(reader.store->eventsOfDay("2026-01-05").size() == 1);
    }
    CHECK(applicationIdOf(old) == 0);
    {
        auto s = EventStore::open(old, config(), Check::Full, Access::Ingest);
        INFO(s.error);
        REQUIRE(s.store);
        CHECK(s.store->eventsOfDay("2026-01-05").size() == 1);
    }
    CHECK(applicationIdOf(old) == store::kApplicationId);

    QString empty = test::freshPath("application_id_empty");
    writeFile(empty, {});
    {
        auto s = EventStore::open(empty, config(), Check::Full, Access::Ingest);
        REQUIRE(s.store);
        REQUIRE_FALSE(s.store->append(oneIssue("A001", 1)));
    }
    CHECK(applicationIdOf(empty) == store::kApplicationId);
}

TEST_CASE("a log, -wal or -shm other users can read, or a directory they can write, is refused with the chmod that "
          "fixes it; a new log and its -wal and -shm are 0600") {
    QString path = test::freshPath("private");
    const QString dir = QFileInfo(path).absolutePath();
    {
        auto s = EventStore::open(path, config()).store;
        REQUIRE(s);
        REQUIRE_FALSE(s->append(oneIssue("A001", 1)));
        CHECK(modeOf(path) == 0600);
        CHECK(modeOf(path + "-wal") == 0600);
        CHECK(modeOf(path + "-shm") == 0600);
    }
    ::chmod(QFile::encodeName(path).constData(), 0644);
    for (Access access : {Access::Ingest, Access::Write, Access::Read}) {
        auto opened = EventStore::open(path, config(), Check::Deferred, access);
        REQUIRE_FALSE(opened.store);
        CHECK_THAT(opened.error, Catch::Contains("read by other users") && Catch::Contains("chmod 600 '" + path.toStdString() + "'"));
    }
    ::chmod(QFile::encodeName(path).constData(), 0600);
    writeFile(path + "-wal", {});
    ::chmod(QFile::encodeName(path + "-wal").constData(), 0644);
    auto wal = EventStore::open(path, config());
    REQUIRE_FALSE(wal.store);
    CHECK_THAT(wal.error, Catch::Contains("chmod 600 '" + path.toStdString() + "-wal'"));
    QFile::remove(path + "-wal");
    ::chmod(QFile::encodeName(dir).constData(), 0777);
    auto open = EventStore::open(path, config());
    ::chmod(QFile::encodeName(dir).constData(), 0755);
    REQUIRE_FALSE(open.store);
    CHECK_THAT(open.error, Catch::Contains("can be written by other users") && Catch::Contains("chmod go-w"));
    REQUIRE(EventStore::open(path, config()).store);
}

TEST_CASE("a log that cannot be written at start: an ingesting store opens failing, reads what the log holds, refuses "
          "writes with the reason, and takes them once it can; reports read it; small writes are refused") {
    QString path = test::freshPath("readonly_dir");
    const QString dir = QFileInfo(path).absolutePath();
    {
        auto s = EventStore::open(path, config()).store;
        REQUIRE_FALSE(s->append(oneIssue("A001", 1)));
        REQUIRE_FALSE(s->append(oneIssue("A002", 2)));
    }
    std::unique_ptr<EventStore> kiosk;
    {
        test::ReadOnlyDir readOnly(dir);
        auto opened = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
        INFO(opened.error);
        REQUIRE(opened.store);
        kiosk = std::move(opened.store);
        CHECK_THAT(kiosk->writeProblem(), Catch::Contains("the event log " + path.toStdString() + " cannot be written"));
        CHECK(kiosk->eventsOfDay("2026-01-05").size() == 2);  // the lobby is rebuilt from it
        auto refused = kiosk->append(oneIssue("A003", 3));
        REQUIRE(refused);
        CHECK_THAT(*refused, Catch::Contains("cannot be written"));
        CHECK(kiosk->eventsOfDay("2026-01-05").size() == 2);
        CHECK_FALSE(kiosk->raiseIncident({0, at(3), "link_down", "alarm", "port:x", "", "", "raised", 0}));

        auto report = EventStore::open(path, config(), Check::Deferred, Access::Read);
        INFO(report.error);
        REQUIRE(report.store);
        CHECK(report.store->eventsOfDay("2026-01-05").size() == 2);
        report.store.reset();
        auto small = EventStore::open(path, config(), Check::Deferred, Access::Write);
        CHECK_FALSE(small.store);
        CHECK_THAT(small.error, Catch::Contains("cannot be written"));
    }
    REQUIRE_FALSE(kiosk->append(oneIssue("A003", 3)));
    CHECK(kiosk->writeProblem().empty());
    CHECK(kiosk->eventsOfDay("2026-01-05").size() == 3);
    kiosk.reset();
    CHECK(applicationIdOf(path) == store::kApplicationId);
}

TEST_CASE("the one-writer lock holds when its lock file is removed while the writer runs, and for every name of the "
          "log (a symlink)") {
    QString path = test::freshPath("lock_removed");
    auto first = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE(first.store);
    REQUIRE_FALSE(first.store->append(oneIssue("A001", 1)));
    // An IT person cleans up what looks like a leftover of a crash.
    REQUIRE(QFile::remove(path + ".lock"));
    auto second = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE_FALSE(second.store);
    CHECK_THAT(second.error, Catch::Contains("in use by another LobbyWatch"));
    // The log under another name: a symlink to it.
    const QString link = QFileInfo(path).absolutePath() + "/link.db";
    REQUIRE(QFile::link(path, link));
    auto third = EventStore::open(link, config(), Check::Deferred, Access::Ingest);
    REQUIRE_FALSE(third.store);
    CHECK_THAT(third.error, Catch::Contains("in use by another LobbyWatch"));
    CHECK_FALSE(QFile::exists(link + ".lock"));
    // A new log made by the first writer is held as well, from its first open.
    first.store.reset();
    QString fresh = test::freshPath("lock_removed_new");
    auto maker = EventStore::open(fresh, config(), Check::Deferred, Access::Ingest);
    REQUIRE(maker.store);
    REQUIRE(QFile::remove(fresh + ".lock"));
    auto other = EventStore::open(fresh, config(), Check::Deferred, Access::Ingest);
    CHECK_FALSE(other.store);
    // Gone with its holder.
    maker.store.reset();
    CHECK(EventStore::open(fresh, config(), Check::Deferred, Access::Ingest).store);
}

TEST_CASE("a log made under a umask of 000 is in directories others cannot write, and opens again") {
    QString base = test::freshPath("umask_000");
    QString path = QFileInfo(base).absolutePath() + "/branch/logs/events.db";
    const mode_t old = ::umask(0);
    auto made = EventStore::open(path, config(), Check::Deferred, Access::Write);
    ::umask(old);
    REQUIRE(made.store);
    made.store.reset();
    for (const QString& dir : {QFileInfo(path).absolutePath(), QFileInfo(QFileInfo(path).absolutePath()).absolutePath()}) {
        struct stat st {};
        REQUIRE(::stat(QFile::encodeName(dir).constData(), &st) == 0);
        CHECK((st.st_mode & 077) == 0);
    }
    auto again = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    CHECK(again.error == "");
    CHECK(again.store);
}

TEST_CASE("a --db that is a directory, a device or a text file is not advised to be moved aside as a damaged log") {
    QString path = test::freshPath("no_mv_advice");
    const QString dir = QFileInfo(path).absolutePath();
    for (const QString& target : {dir, QStringLiteral("/dev/null")}) {
        auto r = EventStore::open(target, config(), Check::Deferred, Access::Write);
        REQUIRE_FALSE(r.store);
        CHECK_THAT(r.error, Catch::Contains("not a LobbyWatch event log") && !Catch::Contains("mv "));
    }
    QFile text(path);
    REQUIRE(text.open(QIODevice::WriteOnly));
    text.write("[kiosk]\ndatabase = /var/lib/lobbywatch/events.db\n");
    text.close();
    auto r = EventStore::open(path, config(), Check::Deferred, Access::Ingest);
    REQUIRE_FALSE(r.store);
    CHECK_THAT(r.error, Catch::Contains("a text file") && !Catch::Contains("mv "));
    // Bytes that are no SQLite file at all may be a log whose first page was lost: that advice stays.
    QFile junk(path);
    REQUIRE(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, '\x01'));
    junk.close();
    CHECK_THAT(EventStore::open(path, config(), Check::Deferred, Access::Write).error, Catch::Contains("mv "));
}

TEST_CASE("writers opening a new log at the same moment (a kiosk starting while staff are added) all open it") {
    // Each migration step is taken by one of them; the others see it taken (before: "table ... already exists").
    int failures = 0;
    std::string firstError;
    for (int round = 0; round < 30; ++round) {
        QString path = test::freshPath("migrate_race");
        std::vector<std::string> errors(3);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < 3; ++i)
            threads.emplace_back([&, i]() {
                auto r = EventStore::open(path, config(), Check::Deferred, Access::Write);
                if (!r.store) errors[i] = r.error.empty() ? "no store" : r.error;
            });
        for (auto& t : threads) t.join();
        for (const auto& e : errors)
            if (!e.empty()) {
                ++failures;
                if (firstError.empty()) firstError = e;
            }
    }
    INFO(firstError);
    CHECK(failures == 0);
}
