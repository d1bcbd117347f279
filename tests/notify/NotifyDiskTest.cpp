// The webhook on a full disk, through the real kiosk: "the log cannot be written" is the alarm that must get out,
// though the outbox cannot record it. A 4 MB tmpfs full before the kiosk starts (root only; skipped otherwise), a
// simulated branch on a pty, a fake robot: the alarm reaches the robot while the disk is full, and once space
// returns the outbox holds it once, as sent, and the robot got it once. The first incident of the spell (a port
// that cannot be opened) is said on stderr.
#include "E2eSupport.h"
#include "FakeRobot.h"
#include "FullDisk.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <sys/statvfs.h>

#include <fstream>

using namespace lw;
using namespace lw::test;

namespace {

int received(const FakeRobot& robot, const std::string& part) {
    int n = 0;
    for (const auto& r : robot.requests()) n += r.body.find(part) != std::string::npos ? 1 : 0;
    return n;
}

int occurrences(const QString& text, const QString& part) { return static_cast<int>(text.count(part)); }

}  // namespace

TEST_CASE("full disk at start: the 'log failing' alarm reaches the robot; once space returns it is in the outbox "
          "once, as sent, and the first incident of the spell is said on stderr") {
    const QString dir = workDir("notify-fulldisk");
    const QString mnt = dir + "/mnt";
    TmpfsMount unmount(mnt);
    const QString db = mnt + "/events.db", filler = mnt + "/filler", ini = dir + "/branch.ini";
    makeLog(db);
    fillUp(filler);
    struct statvfs vfs {};
    REQUIRE(::statvfs(QFile::encodeName(mnt).constData(), &vfs) == 0);
    REQUIRE(vfs.f_bavail == 0);

    FakeRobot robot;
    {
        std::ofstream out(ini.toStdString());
        out << "[kiosk]\nutc_offset_minutes = 480\n[branch]\nname = 城东支行\n"
               "[port ghost]\ndevice = " << (dir + "/no-such-tty").toStdString() << "\n"
               "[notify ops]\nkind = wecom\nurl = " << robot.url("/cgi-bin/webhook/send?key=K") << "\nsend = alarm\n"
               "retry_first_s = 5\n";
    }
    QFile::setPermissions(ini, QFile::ReadOwner | QFile::WriteOwner);
    PtyPair pty(dir);
    QProcess kiosk, sim;
    startKiosk(kiosk, dir, {"--headless", "--config", ini, "--port", pty.kiosk(), "--db", db, "--speed", "300",
                            "--start", "08:55", "--status-every-sim-s", "120"});
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "7", "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", "09:40", "--date", branchToday(), "--quiet"});
    REQUIRE(sim.waitForStarted(5000));

    // While the disk is full: the alarm reaches the robot (and the port's, raised in the same spell).
    const bool told = waitUntil([&] { return received(robot, "事件日志无法写入") >= 1; }, 15'000);
    INFO(readText(dir + "/kiosk.err").right(3000).toStdString());
    REQUIRE(told);
    CHECK(received(robot, "The event log cannot be written") == 1);
    REQUIRE(waitUntil([&] { return received(robot, "Port ghost is down") >= 1; }, 10'000));
    REQUIRE(kiosk.state() == QProcess::Running);
    CHECK(readText(dir + "/kiosk.err").contains("could not be recorded"));

    // Space returns: the sim's resends go in, and the held messages with them.
    QFile::remove(filler);
    auto inOutbox = [&] {
        return queryLog(db, "SELECT count(*) FROM notifications WHERE subject IN ('log_write_failed|log',"
                            " 'link_down|port:ghost')").value(0).toInt();
    };
    bool recorded = false;
    for (int i = 0; i < 100 && !recorded; ++i) {
        waitUntil([] { return false; }, 200);  // the robot answers meanwhile
        recorded = inOutbox() == 2;
    }
    const QString err = readText(dir + "/kiosk.err");
    INFO(err.right(3000).toStdString());
    REQUIRE(recorded);
    waitUntil([] { return false; }, 500);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(10'000));
    sim.kill();
    sim.waitForFinished(5000);

    CHECK(err.contains("writable again"));
    // Recorded once each, as sent on the first attempt, the attempt with them; the robot got each once.
    const QStringList rows = queryLog(db, "SELECT subject || ' ' || attempts || ' ' || (sent_at IS NOT NULL) || ' ' ||"
                                          " (SELECT count(*) FROM notification_attempts a WHERE a.notification = n.id"
                                          "  AND a.outcome = 'delivered') FROM notifications n WHERE subject IN"
                                          " ('log_write_failed|log', 'link_down|port:ghost') ORDER BY id");
    CHECK(rows == QStringList{"log_write_failed|log 1 1 1", "link_down|port:ghost 1 1 1"});
    CHECK(received(robot, "事件日志无法写入") == 1);
    CHECK(received(robot, "Port ghost is down") == 1);
    // The first incident of the spell, the port's, raised while the log refused writes, said once on stderr.
    CHECK(occurrences(err, "the log refuses writes; the incident 'Port ghost is down") == 1);
    CHECK(queryLog(db, "SELECT count(*) FROM incidents WHERE kind = 'link_down' AND subject = 'port:ghost'")
              .value(0).toInt() == 1);
}
