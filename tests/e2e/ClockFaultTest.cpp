// Faults through the real pipeline: the wall clock jumping (NTP), started a day behind, set back between two
// starts, at 1970; the kiosks run under libfaketime.
#include "E2eSupport.h"

#include <QDateTime>
#include <QRegularExpression>

#include <sys/mount.h>
#include <sys/statvfs.h>

#include <QSet>

#include <random>
#include <set>

using namespace lw;
using namespace lw::test;
namespace p = lw::protocol;

namespace {

// A kiosk whose wall clock reads what `stamp` says (libfaketime's "@YYYY-MM-DD HH:MM:SS", re-read at every clock
// read; the monotonic clock is the real one, as under NTP).
struct FakedWall {
    QString stamp;
    void set(const QString& utc) {
        QFile f(stamp);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(("@" + utc + "\n").toUtf8());
    }
    // The true time moved by `offsetS` seconds.
    void setOffset(qint64 offsetS) { set(QDateTime::currentDateTimeUtc().addSecs(offsetS).toString("yyyy-MM-dd HH:mm:ss")); }
    // What a process started under the faked wall clock runs with.
    QProcessEnvironment environment() const {
        const char* preload = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
        REQUIRE(QFile::exists(preload));  // Debian's faketime, installed by ./run
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_PRELOAD", preload);
        env.insert("FAKETIME_TIMESTAMP_FILE", stamp);
        env.insert("FAKETIME_NO_CACHE", "1");
        env.insert("DONT_FAKE_MONOTONIC", "1");  // like an NTP step: the wall clock moves, the monotonic clock does not
        env.insert("TZ", "UTC");
        // Under AddressSanitizer the preloaded faketime comes before ASan's runtime; that is fine here.
        env.insert("ASAN_OPTIONS", env.value("ASAN_OPTIONS") + (env.value("ASAN_OPTIONS").isEmpty() ? "" : ":") +
                                       "verify_asan_link_order=0");
        return env;
    }
    void start(QProcess& kiosk, const QString& dir, const QStringList& args) const {
        kiosk.setProcessEnvironment(environment());
        startKiosk(kiosk, dir, args);
    }
};

void stopKiosk(QProcess& kiosk) {
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(10000));
    REQUIRE(kiosk.exitStatus() == QProcess::NormalExit);
}

bool send(DeviceEnd& line, const p::Frame& frame) {
    for (int attempt = 0; attempt < 5; ++attempt)
        if (line.sendAndWait(frame, 1500)) return true;
    return false;
}

}  // namespace

TEST_CASE("clock: the wall clock jumps an hour forward and back mid-day; event times stay monotone, no absurd waits") {
    QString dir = workDir("clock");
    PtyPair pty(dir);
    QString db = dir + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv";
    FakedWall wall{dir + "/faketime"};
    wall.setOffset(0);
    QProcess kiosk;
    wall.start(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "300", "--start", "08:55",
                            "--status-every-sim-s", "600"});
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", "10:40", "--date", branchToday(), "--quiet", "--acked",
                                      acked, "--truth-events", truth});
    REQUIRE(sim.waitForStarted(5000));
    QThread::msleep(7000);
    wall.setOffset(3600);  // an hour forward
    {
        // The same environment really moves the wall clock of a process started in it.
        QProcess date;
        date.setProcessEnvironment(wall.environment());
        date.start("date", {"+%s"});
        REQUIRE(date.waitForFinished(5000));
        qint64 seen = date.readAllStandardOutput().trimmed().toLongLong();
        qint64 real = QDateTime::currentSecsSinceEpoch();
        INFO("date under faketime: " << seen << ", real: " << real);
        REQUIRE(std::abs(seen - real - 3600) < 30);
    }
    QThread::msleep(7000);
    wall.setOffset(-3600);  // and back, an hour behind the true time
    REQUIRE(sim.waitForFinished(120'000));
    REQUIRE(sim.exitCode() == 0);
    QThread::msleep(800);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(5000));
    QString err = readText(dir + "/kiosk.err");
    INFO(err.right(2000).toStdString());
    REQUIRE_FALSE(err.contains("clock_back"));
    REQUIRE_FALSE(err.contains("clock_jump"));
    REQUIRE(checkLogAgainstSim(db, acked, truth).ackedEvents > 100);
    // Receive times never go back, and no wait is negative or absurd.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events a JOIN events b ON b.id = a.id + 1 "
                         "WHERE b.received_at < a.received_at").value(0).toInt() == 0);
    // A ticket whose issue the kiosk took after its call (the dispenser's frame refused BUSY or retried while the
    // window's call got through, on a loaded machine at 300x) is an anomaly of its own, its issue time taken as
    // when it was first seen: its received_at pair is out of order by design, not by the clock. Few, and said.
    const int late = queryLog(db, "SELECT COUNT(DISTINCT ticket) FROM anomalies WHERE kind IN ('issued_late', 'never_issued')")
                         .value(0).toInt();
    INFO("tickets whose issue came after their call: " << late);
    REQUIRE(late <= 3);
    QStringList waits = queryLog(db, "SELECT MIN(c.received_at - i.received_at) || ',' || MAX(c.received_at - i.received_at) "
                                     "FROM events i JOIN events c ON c.ticket = i.ticket AND c.kind = 'called' "
                                     "WHERE i.kind = 'issued' AND i.ticket NOT IN (SELECT ticket FROM anomalies "
                                     "WHERE kind IN ('issued_late', 'never_issued') AND ticket IS NOT NULL)");
    auto range = waits.value(0).split(',');
    INFO("waits from issue to call, ms: " << waits.value(0).toStdString());
    REQUIRE(range.size() == 2);
    REQUIRE(range[0].toLongLong() >= 0);
    REQUIRE(range[1].toLongLong() < 90 * 60'000LL);
    // Every incident happened within the simulated morning, none an hour off.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE raised_at < (SELECT MIN(received_at) FROM events) - 600000 "
                         "OR raised_at > (SELECT MAX(received_at) FROM events) + 600000").value(0).toInt() == 0);
}

TEST_CASE("clock: a live kiosk started a day behind follows the clock's correction (NTP); the business day follows") {
    QString dir = workDir("clock_ntp");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    FakedWall wall{dir + "/faketime"};
    // 2030-06-10 09:00 in the branch (UTC+8): a day behind the true 2030-06-11.
    wall.set("2030-06-10 01:00:00");
    QProcess kiosk;
    wall.start(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--status-every-sim-s", "1"});
    QThread::msleep(1500);
    DeviceEnd line(pty.branch());
    REQUIRE(send(line, {2, 0, p::TicketIssued{{'A', 1}, false}}));
    wall.set("2030-06-11 01:00:00");  // NTP steps the clock a day forward
    QThread::msleep(2500);
    REQUIRE(send(line, {2, 1, p::TicketIssued{{'A', 1}, false}}));
    REQUIRE(send(line, {2, 2, p::TicketIssued{{'A', 2}, false}}));
    QThread::msleep(500);
    stopKiosk(kiosk);
    QString err = readText(dir + "/kiosk.err");
    INFO(err.toStdString());
    // Filed under the day the corrected clock says; the first under the day the clock said then.
    REQUIRE(queryLog(db, "SELECT business_day || ' ' || ticket FROM events WHERE kind = 'issued' ORDER BY id") ==
            QStringList{"2030-06-10 A001", "2030-06-11 A001", "2030-06-11 A002"});
    REQUIRE(err.contains("stepped forward"));
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events a JOIN events b ON b.id = a.id + 1 "
                         "WHERE b.received_at < a.received_at").value(0).toInt() == 0);
    // A step forward is what NTP does: not an incident.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE kind = 'clock_implausible'").value(0).toInt() == 0);
}

TEST_CASE("clock: set back a day between two starts, the kiosk keeps the log's day and time (an incident, on the "
          "status line) until the clock is right; no served customer waits again, reports agree") {
    QString dir = workDir("clock_back");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    FakedWall wall{dir + "/faketime"};
    wall.set("2030-06-11 01:00:00");  // 09:00 in the branch
    QProcess kiosk;
    QStringList args{"--headless", "--port", pty.kiosk(), "--db", db, "--status-every-sim-s", "1"};
    wall.start(kiosk, dir, args);
    QThread::msleep(1500);
    {
        DeviceEnd line(pty.branch());
        REQUIRE(send(line, {2, 0, p::TicketIssued{{'A', 1}, false}}));
        REQUIRE(send(line, {2, 1, p::TicketIssued{{'A', 2}, false}}));
        REQUIRE(send(line, {11, 0, p::WindowOpened{1}}));
        REQUIRE(send(line, {11, 1, p::Call{1, {'A', 1}}}));
        REQUIRE(send(line, {11, 2, p::ServiceStarted{1, {'A', 1}}}));
        REQUIRE(send(line, {11, 3, p::ServiceFinished{1, {'A', 1}}}));
        REQUIRE(send(line, {11, 4, p::Call{1, {'A', 2}}}));
        REQUIRE(send(line, {11, 5, p::ServiceStarted{1, {'A', 2}}}));
        REQUIRE(send(line, {11, 6, p::ServiceFinished{1, {'A', 2}}}));
    }
    QThread::msleep(300);
    stopKiosk(kiosk);
    const int before = queryLog(db, "SELECT MAX(id) FROM events").value(0).toInt();
    const qint64 lastTime = queryLog(db, "SELECT MAX(received_at) FROM events").value(0).toLongLong();

    // Someone sets the clock back a day; the kiosk restarts.
    wall.set("2030-06-10 01:05:00");
    wall.start(kiosk, dir, args);
    QThread::msleep(2500);
    {
        // The lobby is the log's day: both customers served, nobody waiting whose wait could raise an alert.
        QString restarted = readText(dir + "/kiosk.out");
        INFO(restarted.toStdString());
        REQUIRE(restarted.contains("2030-06-11 09:"));
        REQUIRE(restarted.contains("issued 2 waiting 0 serving 0 done 2"));
        DeviceEnd line(pty.branch());
        // The keypad resends the finish whose ACK the restart lost, then serves on; the dispenser issues A003.
        REQUIRE(send(line, {11, 6, p::ServiceFinished{1, {'A', 2}}}));
        REQUIRE(send(line, {2, 2, p::TicketIssued{{'A', 3}, false}}));
        REQUIRE(send(line, {11, 7, p::Call{1, {'A', 3}}}));
        QThread::msleep(2500);
        QString out = readText(dir + "/kiosk.out");
        INFO(out.right(1500).toStdString());
        REQUIRE(out.contains("CLOCK IMPLAUSIBLE"));
        // The clock is put right: the incident clears.
        wall.set("2030-06-11 01:10:00");
        QThread::msleep(2500);
        REQUIRE(send(line, {11, 8, p::ServiceStarted{1, {'A', 3}}}));
        REQUIRE(send(line, {11, 9, p::ServiceFinished{1, {'A', 3}}}));
    }
    QThread::msleep(300);
    stopKiosk(kiosk);
    QString err = readText(dir + "/kiosk.err");
    INFO(err.toStdString());
    REQUIRE(err.contains("clock implausible"));
    REQUIRE(err.contains("plausible again"));
    // Nothing after the restart went under the day before, nor before the log's last time.
    REQUIRE(queryLog(db, QString("SELECT COUNT(*) FROM events WHERE id > %1 AND (business_day <> '2030-06-11' OR "
                                 "received_at < %2)").arg(before).arg(lastTime)).value(0).toInt() == 0);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE business_day = '2030-06-10'").value(0).toInt() == 0);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events a JOIN events b ON b.id = a.id + 1 "
                         "WHERE b.received_at < a.received_at").value(0).toInt() == 0);
    // Each ticket issued once, nobody waiting (no alert for a served customer), one incident raised and cleared.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE kind = 'issued'").value(0).toInt() == 3);
    // The keypad's resend after the restart is recognised (the resend memory is rebuilt from the log's day, which
    // the clock no longer hides): A002 finished once.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE kind = 'finished' AND ticket = 'A002'").value(0).toInt() == 1);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE kind = 'waits'").value(0).toInt() == 0);
    REQUIRE(queryLog(db, "SELECT state FROM incidents WHERE kind = 'clock_implausible'") == QStringList{"cleared"});
    REQUIRE(queryLog(db, "SELECT message_en FROM incidents WHERE kind = 'clock_implausible'").value(0).contains("behind"));
    // The report over both days agrees by category and by window: 3 served.
    QString json = dir + "/r.json";
    QProcess report;
    report.start(bin("lobbywatch"), {"report", "--db", db, "--from", "2030-06-10", "--to", "2030-06-11", "--format",
                                     "json", "--out", json});
    REQUIRE(report.waitForFinished(60'000));
    REQUIRE(report.exitCode() == 0);
    QFile f(json);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QRegularExpression servedAll("\"all\":\\s*\\{[^}]*\"served\":\\s*(\\d+)");
    QRegularExpression servedWindow("\"windows\":\\s*\\[\\s*\\{[^}]*\"served\":\\s*(\\d+)");
    auto a = servedAll.match(QString::fromUtf8(text)), w = servedWindow.match(QString::fromUtf8(text));
    INFO(text.left(3000).toStdString());
    REQUIRE(a.hasMatch());
    REQUIRE(w.hasMatch());
    REQUIRE(a.captured(1).toInt() == 3);
    REQUIRE(w.captured(1).toInt() == 3);
}

TEST_CASE("clock: a wall clock at 1970 is an incident and on the status line; nothing is filed under 1970") {
    QString dir = workDir("clock_1970");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    FakedWall wall{dir + "/faketime"};
    wall.set("1970-01-01 00:00:00");
    QProcess kiosk;
    wall.start(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--status-every-sim-s", "1"});
    QThread::msleep(1500);
    {
        DeviceEnd line(pty.branch());
        REQUIRE(send(line, {2, 0, p::TicketIssued{{'A', 1}, false}}));
    }
    QThread::msleep(1500);
    stopKiosk(kiosk);
    QString out = readText(dir + "/kiosk.out"), err = readText(dir + "/kiosk.err");
    INFO(err.toStdString());
    REQUIRE(out.contains("CLOCK IMPLAUSIBLE"));
    REQUIRE(queryLog(db, "SELECT message_en FROM incidents WHERE kind = 'clock_implausible' AND state = 'raised'")
                .value(0)
                .contains("before this program was built"));
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE business_day < '2026-01-01'").value(0).toInt() == 0);
}
