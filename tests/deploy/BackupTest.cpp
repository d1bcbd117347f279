// Backups of the event log: rotation (which files are kept), and backups taken while the kiosk writes a busy day,
// each restored and compared with the log up to the moment it was taken; a damaged backup and a running kiosk
// are refused.
#include "E2eSupport.h"
#include "backup/LogBackup.h"
#include "backup/Rotation.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

using namespace lw::test;
namespace bk = lw::backup;

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run lobbywatch(const QStringList& args) {
    QProcess p;
    p.start(bin("lobbywatch"), args);
    REQUIRE(p.waitForStarted(5000));
    REQUIRE(p.waitForFinished(60'000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// Every column of every event with id <= lastId, one line each.
QStringList eventRows(const QString& db, long long lastId) {
    QStringList rows;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "rows");
        d.setDatabaseName(db);
        d.setConnectOptions("QSQLITE_OPEN_READONLY");
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(QString("SELECT * FROM events WHERE id <= %1 ORDER BY id").arg(lastId)));
        while (q.next()) {
            QStringList columns;
            for (int i = 0; i < q.record().count(); ++i) columns << q.value(i).toString();
            rows << columns.join('|');
        }
    }
    QSqlDatabase::removeDatabase("rows");
    return rows;
}

std::vector<std::string> names(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }

}  // namespace

TEST_CASE("rotation keeps the newest backup of each of the last 14 days and of each of the last 24 months") {
    std::vector<std::string> files;
    // Nightly backups for 30 months (2024-06 .. 2026-11), two on 2026-11-30, and files that are not backups.
    for (int y = 2024; y <= 2026; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= 28; ++d) {
                if ((y == 2024 && m < 6) || (y == 2026 && m > 11)) continue;
                char name[64];
                std::snprintf(name, sizeof name, "lobbywatch-%04d%02d%02d-023000.db", y, m, d);
                files.push_back(name);
            }
    files.push_back("lobbywatch-20261128-150000.db");  // a second one on the last day: the older one goes
    files.push_back("notes.txt");
    files.push_back("lobbywatch-20261128-023000.db.check");
    auto gone = bk::backupsToDelete(files, 14, 24);
    std::vector<std::string> kept;
    for (const auto& f : files)
        if (bk::stampOf(f) && std::find(gone.begin(), gone.end(), f) == gone.end()) kept.push_back(f);
    std::sort(kept.begin(), kept.end());
    // 14 days of November 2026 (the newest of 11-28 is the 15:00 one), and the newest of each of the 23 months before.
    REQUIRE(kept.size() == 14 + 23);
    REQUIRE(std::count(kept.begin(), kept.end(), "lobbywatch-20261128-150000.db") == 1);
    REQUIRE(std::count(gone.begin(), gone.end(), "lobbywatch-20261128-023000.db") == 1);
    REQUIRE(kept.front() == "lobbywatch-20241228-023000.db");  // 24 months: 2024-12 .. 2026-11
    REQUIRE(std::count(kept.begin(), kept.end(), "lobbywatch-20261115-023000.db") == 1);
    REQUIRE(std::count(kept.begin(), kept.end(), "lobbywatch-20261114-023000.db") == 0);
    for (const auto& g : gone) REQUIRE(bk::stampOf(g));  // never a file that is not a backup
    // Counted in days that have backups: after a month switched off, the last backups are all still kept.
    REQUIRE(bk::backupsToDelete(names({"lobbywatch-20260101-023000.db", "lobbywatch-20260102-023000.db"}), 14, 24).empty());
    REQUIRE(bk::stampOf("lobbywatch-2026110-1023000.db") == std::nullopt);
}

TEST_CASE("backups taken while the kiosk writes a busy day restore to the log as it was at each backup") {
    QString dir = workDir("busy");
    PtyPair pty(dir);
    const QString db = dir + "/events.db";
    QProcess kiosk;
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    kiosk.start(bin("lobbywatch"), {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "600", "--start", "08:55",
                                    "--status-every-sim-s", "3600"});
    REQUIRE(kiosk.waitForStarted(5000));
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "city", "--seed", "5", "--port", pty.branch(), "--speed", "600",
                                      "--start", "08:55", "--until", "11:30", "--date", branchToday(), "--quiet"});
    REQUIRE(sim.waitForStarted(5000));

    // A city branch's morning (08:55-11:30 at 600x, about 16 s). A backup every 1.5 s while it runs, each into its own directory (two in one second would share a name).
    QStringList backups;
    bool refusedWhileRunning = false;
    for (int i = 0; sim.state() == QProcess::Running && i < 40; ++i) {
        QThread::msleep(1500);
        if (!QFile::exists(db)) continue;
        const QString to = dir + QString("/backup-%1").arg(i);
        Run r = lobbywatch({"backup", "--db", db, "--to", to});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        REQUIRE(r.out.contains("checked: integrity_check ok"));
        const QStringList made = QDir(to).entryList({"lobbywatch-*.db"}, QDir::Files);
        REQUIRE(made.size() == 1);
        backups << to + "/" + made.front();
        if (!refusedWhileRunning) {
            // The running kiosk's log is never replaced under it.
            Run refused = lobbywatch({"restore", backups.back(), "--db", db});
            REQUIRE(refused.exitCode == 1);
            REQUIRE(refused.err.contains("stop the kiosk first"));
            refusedWhileRunning = true;
        }
    }
    REQUIRE(sim.waitForFinished(120'000));
    REQUIRE(sim.exitCode() == 0);
    QThread::msleep(500);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(10'000));
    REQUIRE(backups.size() >= 4);

    bk::LogFigures final;
    std::string error;
    REQUIRE(bk::readFigures(db.toStdString(), final, error));
    long long previous = -1;
    int midDay = 0;
    for (int i = 0; i < backups.size(); ++i) {
        const QString restored = dir + QString("/restored-%1.db").arg(i);
        Run r = lobbywatch({"restore", backups[i], "--db", restored});
        INFO(backups[i].toStdString() << ": " << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        bk::LogFigures f;
        REQUIRE(bk::readFigures(restored.toStdString(), f, error));
        REQUIRE(f.lastEventId >= previous);
        previous = f.lastEventId;
        if (f.lastEventId > 0 && f.lastEventId < final.lastEventId) ++midDay;
        // The restored log is the source up to the backup's moment: the same events, column for column, and no
        // event the source got later.
        const QStringList got = eventRows(restored, f.lastEventId + 1'000'000), want = eventRows(db, f.lastEventId);
        REQUIRE(got.size() == want.size());
        REQUIRE(got == want);
        REQUIRE(f.events() == static_cast<long long>(got.size()));
    }
    REQUIRE(midDay >= 3);  // taken while the kiosk was writing
    REQUIRE(previous <= final.lastEventId);
}

TEST_CASE("restore refuses a damaged backup, a truncated one and one without its check, and changes nothing") {
    QString dir = workDir("refuse");
    const QString cap = dir + "/day.cap", db = dir + "/events.db", target = dir + "/target.db";
    QProcess sim;
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "4", "--date", "2026-11-30", "--speed", "max", "--quiet",
                                      "--out", cap});
    REQUIRE(sim.waitForFinished(60'000));
    REQUIRE(lobbywatch({"replay", cap, "--db", db}).exitCode == 0);
    REQUIRE(lobbywatch({"backup", "--db", db, "--to", dir + "/b"}).exitCode == 0);
    const QString backup = dir + "/b/" + QDir(dir + "/b").entryList({"lobbywatch-*.db"}, QDir::Files).value(0);
    REQUIRE(lobbywatch({"restore", backup, "--db", target}).exitCode == 0);
    const QStringList before = eventRows(target, 1LL << 40);
    REQUIRE(before.size() > 100);

    auto refusedWith = [&](const QString& file, const char* why) {
        Run r = lobbywatch({"restore", file, "--db", target});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 1);
        REQUIRE(r.err.contains("refusing to restore"));
        REQUIRE(r.err.contains(why));
        REQUIRE(eventRows(target, 1LL << 40) == before);  // the log in place is untouched
    };
    // One byte changed in the middle.
    const QString damaged = dir + "/b/lobbywatch-20000101-000000.db";
    REQUIRE(QFile::copy(backup, damaged));
    REQUIRE(QFile::copy(backup + ".check", damaged + ".check"));
    {
        QFile f(damaged);
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        char c = 0;
        f.getChar(&c);
        f.seek(f.size() / 2);
        f.putChar(static_cast<char>(c ^ 0x5a));
    }
    refusedWith(damaged, "SHA-256");
    // Cut short.
    REQUIRE(QFile::remove(damaged));
    REQUIRE(QFile::copy(backup, damaged));
    QFile::resize(damaged, QFileInfo(backup).size() / 2);
    refusedWith(damaged, "SHA-256");
    // A copy whose check file is missing (an unfinished backup).
    REQUIRE(QFile::remove(damaged + ".check"));
    refusedWith(damaged, "no check file");
    // The check says ok for the file but the figures recorded were of another log: refused too.
    REQUIRE(QFile::remove(damaged));
    REQUIRE(QFile::copy(backup, damaged));
    QFile check(backup + ".check");
    REQUIRE(check.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(check.readAll());
    text.replace(QRegularExpression("issued=(\\d+)"), "issued=1");
    QFile forged(damaged + ".check");
    REQUIRE(forged.open(QIODevice::WriteOnly));
    forged.write(text.toUtf8());
    forged.close();
    refusedWith(damaged, "day totals");
}
