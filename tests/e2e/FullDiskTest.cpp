// Faults through the real pipeline: the log's file system full, mid-morning and at start (a 4 MB tmpfs; needs root,
// reported as skipped otherwise).
#include "E2eSupport.h"
#include "FullDisk.h"

#include <QDateTime>
#include <QRegularExpression>

#include <sys/statvfs.h>

#include <QSet>

#include <random>
#include <set>

using namespace lw;
using namespace lw::test;
namespace p = lw::protocol;

namespace {

// The kiosk on the pty at 300x from 08:55, and the small branch (`seed`) on the other end until `until`, writing
// what it had acknowledged to <dir>/acked.csv and what really happened to <dir>/truth.csv.
void startBranch(QProcess& kiosk, QProcess& sim, const PtyPair& pty, const QString& dir, const QString& db,
                 const QString& seed, const QString& until) {
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "300", "--start", "08:55",
                            "--status-every-sim-s", "120"});
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", seed, "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", until, "--date", branchToday(), "--quiet", "--acked",
                                      dir + "/acked.csv", "--truth-events", dir + "/truth.csv"});
    REQUIRE(sim.waitForStarted(5000));
}

}  // namespace

// Needs root to mount a small tmpfs; without it the test says so and ctest reports it as skipped (code 77).
TEST_CASE("full disk: the log's file system fills; the kiosk stays up, stops acknowledging, raises an incident, and "
          "catches up when space returns") {
    QString dir = workDir("fulldisk");
    QString mnt = dir + "/mnt";
    TmpfsMount unmount(mnt);
    PtyPair pty(dir);
    QString db = mnt + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv", filler = mnt + "/filler";
    QProcess kiosk, sim;
    startBranch(kiosk, sim, pty, dir, db, "5", "10:40");
    QThread::msleep(4000);
    fillUp(filler);  // to the last byte
    struct statvfs vfs {};
    REQUIRE(::statvfs(QFile::encodeName(mnt).constData(), &vfs) == 0);
    INFO("free bytes after filling: " << vfs.f_bavail * vfs.f_bsize);
    REQUIRE(vfs.f_bavail == 0);
    QThread::msleep(6000);  // 30 simulated minutes with a full disk
    REQUIRE(kiosk.state() == QProcess::Running);
    QString out = readText(dir + "/kiosk.out");
    INFO(out.right(1500).toStdString());
    // While the log fails, the status lines say so and the logged count stands still: nothing was taken (and so
    // nothing acknowledged, ACKs follow the commit) that could not be stored.
    QRegularExpression failing("logged (\\d+) \\|[^\n]*LOG FAILING");
    QSet<QString> loggedWhileFailing;
    int failingLines = 0;
    for (auto it = failing.globalMatch(out); it.hasNext(); ++failingLines) loggedWhileFailing.insert(it.next().captured(1));
    REQUIRE(failingLines >= 5);
    REQUIRE(loggedWhileFailing.size() == 1);
    QFile::remove(filler);  // space returns
    REQUIRE(sim.waitForFinished(180'000));
    REQUIRE(sim.exitCode() == 0);
    QThread::msleep(1000);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(5000));
    QString err = readText(dir + "/kiosk.err");
    INFO(err.right(2000).toStdString());
    REQUIRE(err.contains("writable again"));
    REQUIRE(checkLogAgainstSim(db, acked, truth).ackedEvents > 100);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE kind = 'log_write_failed' AND state = 'cleared'").value(0).toInt() == 1);
    // What the lobby raised during the outage (customers kept waiting while nothing could be logged) waited in
    // memory and is in the log now, with the times it happened.
    QStringList during = queryLog(db, "SELECT i.kind || ' ' || i.subject FROM incidents i, incidents o"
                                      " WHERE o.kind = 'log_write_failed' AND i.id <> o.id"
                                      " AND i.raised_at > o.raised_at AND i.raised_at < o.state_at");
    INFO("raised during the outage: " << during.join(", ").toStdString());
    REQUIRE(during.size() >= 1);
}

TEST_CASE("full disk at start: the kiosk starts on a log whose disk is already full, says so, shows LOG FAILING, "
          "acknowledges nothing, and catches up when space returns") {
    QString dir = workDir("fulldisk_start");
    QString mnt = dir + "/mnt";
    TmpfsMount unmount(mnt);
    QString db = mnt + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv", filler = mnt + "/filler";
    makeLog(db);
    fillUp(filler);
    struct statvfs vfs {};
    REQUIRE(::statvfs(QFile::encodeName(mnt).constData(), &vfs) == 0);
    REQUIRE(vfs.f_bavail == 0);
    PtyPair pty(dir);
    QProcess kiosk, sim;
    startBranch(kiosk, sim, pty, dir, db, "6", "10:20");
    QThread::msleep(6000);  // 30 simulated minutes on a full disk
    REQUIRE(kiosk.state() == QProcess::Running);
    QString err = readText(dir + "/kiosk.err"), out = readText(dir + "/kiosk.out");
    INFO(err.right(2000).toStdString() << out.right(1000).toStdString());
    REQUIRE(err.contains("the event log " + db + " cannot be written"));
    // Every status line so far says LOG FAILING, with nothing logged; no frame but heartbeats and boot announcements was acknowledged.
    QRegularExpression status("\\| logged (\\d+) \\|[^\n]*");
    int lines = 0;
    for (auto it = status.globalMatch(out); it.hasNext(); ++lines) {
        auto m = it.next();
        REQUIRE(m.captured(1) == "0");
        REQUIRE(m.captured(0).contains("LOG FAILING"));
    }
    REQUIRE(lines >= 5);
    int ackedBefore = 0;
    for (const QString& line : readText(acked).split('\n'))
        if (!line.isEmpty() && !line.contains("HBT") && !line.contains("BOT")) ++ackedBefore;  // boot announcements are ACKed, not logged
    REQUIRE(ackedBefore == 0);
    QFile::remove(filler);  // space returns
    REQUIRE(sim.waitForFinished(180'000));
    REQUIRE(sim.exitCode() == 0);
    QThread::msleep(1000);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(5000));
    err = readText(dir + "/kiosk.err");
    INFO(err.right(2000).toStdString());
    REQUIRE(err.contains("writable again"));
    REQUIRE(checkLogAgainstSim(db, acked, truth).ackedEvents > 50);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE kind = 'log_write_failed' AND state = 'cleared'").value(0).toInt() == 1);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM staff").value(0).toInt() == 1);  // what was there before is still there
}
