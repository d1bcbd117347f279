// Retention: three years of a simulated branch (a day a month), the old months archived by `lobbywatch archive`:
// reports on the old years equal before and after, each archive reads back as a LobbyWatch log with every row it
// took, a run killed midway loses nothing, and an archive directory that cannot be written removes nothing.
#include "backup/Archive.h"
#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "E2eSupport.h"
#include "kiosk/Ingest.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"
#include "sim/Profile.h"
#include "app/ReportData.h"
#include "report/ReportFormat.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sys/mount.h>

using namespace lw;
using namespace lw::test;

namespace {

constexpr int kUtcOffset = 480;

lobby::LobbyConfig branchConfig() {
    lobby::LobbyConfig config;
    config.utcOffsetMinutes = kUtcOffset;
    config.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Corporate", 15, 20, 30}, {"V", "贵宾业务", "VIP", 10, 15, 20}};
    return config;
}

struct Run {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

Run lobbywatch(const QStringList& args, const QString& killAt = {}) {
    QProcess p;
    if (!killAt.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LW_TEST_ARCHIVE_KILL", killAt);
        p.setProcessEnvironment(env);
    }
    p.start(bin("lobbywatch"), args);
    REQUIRE(p.waitForStarted(5000));
    REQUIRE(p.waitForFinished(120'000));
    return {p.exitCode(), p.exitStatus() == QProcess::CrashExit, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// The 3rd of each month of 2023-2025, a small branch's whole day each, and a refused frame each day.
void makeThreeYears(const QString& db, const lobby::LobbyConfig& config) {
    auto opened = store::EventStore::open(db, config);
    REQUIRE(opened.store);
    lobby::Lobby lobby(config);
    kiosk::Ingest ingest(*opened.store, lobby);
    kiosk::Replies replies;
    const sim::BranchProfile small = sim::loadProfile("small");
    int seq = 0;
    for (int y = 2023; y <= 2025; ++y)
        for (int m = 1; m <= 12; ++m) {
            const std::int64_t day = lobby::daysFromCivil(y, m, 3);
            for (const auto& tr : sim::simulateDay(small, sim::wholeDay(small, day, 100 + static_cast<std::uint64_t>(y * 12 + m), kUtcOffset)).transmissions) {
                auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "line");
                if (e) ingest.add(*e);
            }
            ingest.commit(replies);
            store::Batch refused;
            refused.rejects.push_back({lobby::businessDayStart(day, config) + 6 * 3'600'000, "line", "checksum", "bad crc", "$LW1,1,2,TKT*0000"});
            REQUIRE_FALSE(opened.store->append(refused));
        }
}

// Every column of every row of `table` (optionally only those matching `where`), one line each, in id order.
QStringList rows(const QString& db, const QString& table, const QString& where = "1") {
    QStringList out;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "rows");
        d.setDatabaseName(db);
        d.setConnectOptions("QSQLITE_OPEN_READONLY");
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(QString("SELECT * FROM %1 WHERE %2 ORDER BY id").arg(table, where)));
        while (q.next()) {
            QStringList columns;
            for (int i = 0; i < q.record().count(); ++i) columns << q.value(i).toString();
            out << columns.join('|');
        }
    }
    QSqlDatabase::removeDatabase("rows");
    return out;
}

QString scalar(const QString& db, const QString& sql) {
    const QStringList r = queryLog(db, sql);
    return r.isEmpty() ? QString() : r.front();
}

// The report of from..to beside the period before, as JSON, made from the log as `lobbywatch report` makes it.
std::string reportOf(const QString& db, const lobby::LobbyConfig& config, const std::string& from, const std::string& to) {
    auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
    REQUIRE(opened.store);
    return report::toJson(app::loadReport(*opened.store, config, from, to, "2099-01-01").report);
}

QStringList archives(const QString& dir) {
    return QDir(dir).entryList({"lobbywatch-events-*"}, QDir::Files, QDir::Name);
}

}  // namespace

TEST_CASE("the first day kept: N years before today, 29 February on the 28th") {
    REQUIRE(backup::firstKeptDay("2031-06-15", 5) == "2026-06-15");
    REQUIRE(backup::firstKeptDay("2028-02-29", 1) == "2027-02-28");
    REQUIRE(backup::firstKeptDay("2028-02-29", 4) == "2024-02-29");
}

TEST_CASE("[retention] years and archive_dir: defaults, values, and a bad value named") {
    REQUIRE(kiosk::parseKioskConfig("", "k.ini").retention.years == 5);
    const auto c = kiosk::parseKioskConfig("[retention]\nyears = 3\narchive_dir = /srv/old\n", "k.ini");
    REQUIRE(c.retention.years == 3);
    REQUIRE(c.retention.archiveDir == "/srv/old");
    try {
        kiosk::parseKioskConfig("[retention]\nyears = 0\n", "k.ini");
        FAIL("years = 0 was taken");
    } catch (const std::exception& e) {
        REQUIRE(std::string(e.what()).find("k.ini:2") != std::string::npos);
        REQUIRE(std::string(e.what()).find("years") != std::string::npos);
    }
    REQUIRE_THROWS(kiosk::parseKioskConfig("[retention]\nyear = 3\n", "k.ini"));
}

TEST_CASE("old months go to checked archives: reports on the old years stay equal, the archives read back, a kill "
          "loses nothing, an unwritable directory removes nothing") {
    const lobby::LobbyConfig config = branchConfig();
    const QString dir = workDir("retention");
    const QString db = dir + "/events.db", before = dir + "/before.db", archiveDir = dir + "/archive";
    makeThreeYears(db, config);
    REQUIRE(QFile::copy(db, before));  // closed, checkpointed: the log as it was, to compare with
    const QString allEvents = scalar(db, "SELECT count(*) FROM events");
    REQUIRE(allEvents.toLongLong() > 20'000);
    const std::vector<std::pair<std::string, std::string>> ranges = {
        {"2023-01-01", "2023-12-31"}, {"2024-01-01", "2024-12-31"}, {"2023-03-01", "2023-03-31"},
        {"2024-11-15", "2025-02-15"},  // across the cut: archived days beside kept ones
    };
    std::vector<std::string> reportsBefore;
    for (const auto& [from, to] : ranges) reportsBefore.push_back(reportOf(before, config, from, to));
    REQUIRE(scalar(db, "SELECT count(*) FROM day_totals") == "0");  // the archive must keep them itself
    const QStringList archiveArgs = {"archive", "--db", db, "--to", archiveDir, "--before", "2025-01-15"};

    SECTION("killed midway, the log keeps every row; run again, it completes") {
        for (const char* step : {"before-commit", "compressing"}) {
            CAPTURE(step);
            Run killed = lobbywatch(archiveArgs, step);
            REQUIRE(killed.crashed);
            REQUIRE(scalar(db, "SELECT count(*) FROM events") == allEvents);
            REQUIRE(rows(db, "events") == rows(before, "events"));
            REQUIRE(rows(db, "rejects") == rows(before, "rejects"));
            REQUIRE(scalar(db, "PRAGMA integrity_check") == "ok");
            REQUIRE(scalar(db, "SELECT count(*) FROM meta WHERE key LIKE 'archive %'") == "0");
        }
        Run done = lobbywatch(archiveArgs);
        INFO(done.err.toStdString());
        REQUIRE(done.exitCode == 0);
        REQUIRE(done.out.count("archived ") == 24);
        REQUIRE(archives(archiveDir).size() == 24);  // the killed runs' leftovers replaced, no second copy
        REQUIRE(QDir(archiveDir).entryList(QDir::Files | QDir::Hidden).size() == 24);
    }
    SECTION("archived in one run") {
        Run done = lobbywatch(archiveArgs);
        INFO(done.err.toStdString());
        REQUIRE(done.exitCode == 0);
        REQUIRE(done.out.contains("archived 2023-01: "));
        REQUIRE(done.out.contains("archived 2024-12: "));
        REQUIRE_FALSE(done.out.contains("archived 2025-01"));
    }

    // The log: nothing before 2025 but the report totals of each archived day; 2025 untouched.
    REQUIRE(scalar(db, "SELECT count(*) FROM events WHERE business_day < '2025-01-01'") == "0");
    const auto cut = lobby::businessDayStart(lobby::daysFromCivil(2025, 1, 1), config);
    REQUIRE(scalar(db, QString("SELECT count(*) FROM rejects WHERE received_at < %1").arg(cut)) == "0");
    REQUIRE(scalar(db, QString("SELECT count(*) FROM rejects WHERE received_at >= %1").arg(cut)) == "12");
    REQUIRE(scalar(db, "SELECT count(*) FROM day_totals WHERE business_day < '2025-01-01'") == "24");
    REQUIRE(rows(db, "events") == rows(before, "events", "business_day >= '2025-01-01'"));
    REQUIRE(scalar(db, "PRAGMA integrity_check") == "ok");
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        CAPTURE(ranges[i].first, ranges[i].second);
        REQUIRE(reportOf(db, config, ranges[i].first, ranges[i].second) == reportsBefore[i]);
    }

    // Each archive reads back: a LobbyWatch log holding exactly that month's rows, a report can be made from.
    const QStringList files = archives(archiveDir);
    REQUIRE(files.size() == 24);
    REQUIRE(files.front() == "lobbywatch-events-2023-01.db.gz");
    long long archivedEvents = 0;
    for (const QString& name : files) {
        CAPTURE(name.toStdString());
        const QString month = name.mid(18, 7);
        const QString expanded = dir + "/" + month + ".db";
        QFile::remove(expanded);
        REQUIRE(backup::expandArchive((archiveDir + "/" + name).toStdString(), expanded.toStdString()).empty());
        const QString inMonth = QString("business_day BETWEEN '%1-01' AND '%1-31'").arg(month);
        const QStringList monthEvents = rows(before, "events", inMonth);
        REQUIRE(!monthEvents.isEmpty());
        REQUIRE(rows(expanded, "events") == monthEvents);
        REQUIRE(rows(expanded, "rejects").size() == 1);
        archivedEvents += monthEvents.size();
        const std::string first = month.toStdString() + "-01", last = report::addDays(report::addDays(first, 32).substr(0, 8) + "01", -1);
        auto fromArchive = store::EventStore::open(expanded, config, store::EventStore::Check::Full, store::EventStore::Access::Read);
        REQUIRE(fromArchive.store);
        auto fromLog = store::EventStore::open(before, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
        const auto a = app::loadReport(*fromArchive.store, config, first, last, "2099-01-01").report.current;
        const auto b = app::loadReport(*fromLog.store, config, first, last, "2099-01-01").report.current;
        REQUIRE(a.all.issued == b.all.issued);
        REQUIRE(a.all.served == b.all.served);
        REQUIRE(a.all.meanWaitS == b.all.meanWaitS);
        REQUIRE(a.all.p90WaitS == b.all.p90WaitS);
    }
    REQUIRE(archivedEvents + scalar(db, "SELECT count(*) FROM events").toLongLong() == allEvents.toLongLong());

    // Again: nothing left to archive.
    Run again = lobbywatch(archiveArgs);
    REQUIRE(again.exitCode == 0);
    REQUIRE(again.out.contains("nothing to archive"));

    // An archive directory that cannot be written: exit 1 naming it, nothing removed.
    const QString events2025 = scalar(db, "SELECT count(*) FROM events");
    QFile plain(dir + "/not-a-directory");
    REQUIRE(plain.open(QIODevice::WriteOnly));
    plain.close();
    Run notDir = lobbywatch({"archive", "--db", db, "--to", dir + "/not-a-directory/archive", "--before", "2025-03-01"});
    REQUIRE(notDir.exitCode == 1);
    REQUIRE(notDir.err.contains("not-a-directory/archive"));
    REQUIRE(notDir.err.contains("nothing was removed"));
    const QString readOnly = dir + "/read-only";
    QDir().mkpath(readOnly);
    {
        ReadOnlyDir guard(readOnly);
        Run refused = lobbywatch({"archive", "--db", db, "--to", readOnly, "--before", "2025-03-01"});
        REQUIRE(refused.exitCode == 1);
        REQUIRE(refused.err.contains(readOnly));
        REQUIRE(refused.err.contains("nothing was removed"));
    }
    REQUIRE(scalar(db, "SELECT count(*) FROM events") == events2025);

    // A full disk (root only: a private 256 KB tmpfs): the archive cannot be written; exit 1, the log keeps the month.
    const QString small = dir + "/full";
    QDir().mkpath(small);
    if (::geteuid() == 0 && ::mount("tmpfs", QFile::encodeName(small).constData(), "tmpfs", 0, "size=256k,mode=0700") == 0) {
        Run full = lobbywatch({"archive", "--db", db, "--to", small, "--before", "2025-03-01"});
        const QStringList left = QDir(small).entryList(QDir::Files | QDir::Hidden);  // no partial file left behind
        ::umount2(QFile::encodeName(small).constData(), MNT_DETACH);
        INFO(full.err.toStdString());
        REQUIRE(full.exitCode == 1);
        REQUIRE(full.err.contains("nothing of 2025-01 was removed"));
        REQUIRE((full.err.contains("database or disk is full") || full.err.contains("No space left")));
        REQUIRE(left.isEmpty());
        REQUIRE(scalar(db, "SELECT count(*) FROM events") == events2025);
    } else {
        WARN("not root (or no tmpfs): the full-disk case is not run");
    }
}
