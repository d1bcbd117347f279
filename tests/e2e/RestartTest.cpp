// Devices that restart: across the business-day rollover (switched off overnight) and mid-day after a power cut,
// each with the same first frames as before, through the real kiosk over a pty. Every ticket is logged once.
#include "E2eSupport.h"

#include <QTimeZone>

using namespace lw;
using namespace lw::test;

namespace {

using protocol::BootAnnounce;
using protocol::DeviceKind;
using protocol::Frame;
using protocol::Heartbeat;
using protocol::TicketIssued;

// Sends until the kiosk answers (ACK: true; NAK: false, as a revision-2 device on an older kiosk gets for BOT).
bool deliver(DeviceEnd& device, const Frame& frame, int withinMs = 15'000) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(withinMs);
    while (std::chrono::steady_clock::now() < until) {
        bool nakked = false;
        if (device.sendAndWait(frame, 1000, &nakked)) return true;
        if (nakked) return false;
    }
    FAIL("no answer from the kiosk to " << protocol::encodeFrame(frame));
    return false;
}

}  // namespace

TEST_CASE("devices restarted across the rollover and after a mid-day power cut: identical first frames, every ticket logged once") {
    QString dir = workDir("restart");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    // The kiosk's clock: today (branch time) 03:59:00, four times real time, so the business day rolls over at
    // 04:00 fifteen real seconds after the start. --clock-origin lets a restarted kiosk go on with the same clock.
    const QDate today = QDate::fromString(branchToday(), Qt::ISODate);
    const QString yesterday = today.addDays(-1).toString(Qt::ISODate);
    const qint64 sim0 = QDateTime(today, QTime(3, 59), QTimeZone(480 * 60)).toMSecsSinceEpoch();
    const qint64 wall0 = QDateTime::currentMSecsSinceEpoch();
    const double speed = 4.0;
    const qint64 rolloverWall = wall0 + static_cast<qint64>(60'000 / speed);
    const QStringList args{"--headless", "--port", pty.kiosk(), "--db", db, "--speed", QString::number(speed),
                           "--clock-origin", QString("%1,%2").arg(wall0).arg(sim0), "--status-every-sim-s", "3600"};

    // Before the rollover: dispenser 1 (revision 1: no BOT) and dispenser 2 (revision 2) print their first tickets.
    const Frame v001{1, 0, TicketIssued{{'V', 1}, true}};
    const Frame v002{2, 1, TicketIssued{{'V', 2}, true}};
    {
        QProcess kiosk;
        startKiosk(kiosk, dir, args);
        DeviceEnd device(pty.branch());
        REQUIRE(deliver(device, v001));
        REQUIRE(deliver(device, Frame{2, 0, BootAnnounce{DeviceKind::Dispenser, 0x11111111u, 2}}));
        REQUIRE(deliver(device, v002));
        kiosk.terminate();
        REQUIRE(kiosk.waitForFinished(15'000));
    }
    // The kiosk restarts, still before 04:00: it rebuilds yesterday's business day and remembers those frames.
    QProcess kiosk;
    startKiosk(kiosk, dir, args);
    DeviceEnd device(pty.branch());
    REQUIRE(deliver(device, Frame{5, 0, Heartbeat{DeviceKind::Keypad, 1}}));  // the kiosk is up
    QString err = readText(dir + "/kiosk.err");
    INFO(err.toStdString());
    REQUIRE(QDateTime::currentMSecsSinceEpoch() < rolloverWall);  // else this machine is too slow for the test
    REQUIRE(err.contains("today " + yesterday + ": 2 events rebuilt"));
    while (QDateTime::currentMSecsSinceEpoch() < rolloverWall + 500) QThread::msleep(50);

    // After the rollover, the same dispensers were switched on again: the same first frames, byte for byte.
    REQUIRE(deliver(device, v001));
    REQUIRE(deliver(device, v001));  // its resend today (the ACK was lost): acknowledged, not logged again
    REQUIRE(deliver(device, Frame{2, 0, BootAnnounce{DeviceKind::Dispenser, 0x22222222u, 2}}));
    REQUIRE(deliver(device, v002));
    REQUIRE(deliver(device, v002));

    // Mid-day: dispenser 3 (revision 2) and dispenser 4 (revision 1) lose power and come back.
    const Frame a001{3, 1, TicketIssued{{'A', 1}, false}};
    const Frame b001{4, 0, TicketIssued{{'B', 1}, false}};
    REQUIRE(deliver(device, Frame{3, 0, BootAnnounce{DeviceKind::Dispenser, 0x33333333u, 2}}));
    REQUIRE(deliver(device, a001));
    REQUIRE(deliver(device, b001));
    REQUIRE(deliver(device, Frame{4, 1, Heartbeat{DeviceKind::Dispenser, 600}}));
    // The power cut.
    REQUIRE(deliver(device, Frame{3, 0, BootAnnounce{DeviceKind::Dispenser, 0x44444444u, 2}}));
    REQUIRE(deliver(device, a001));
    REQUIRE(deliver(device, a001));
    REQUIRE(deliver(device, b001));
    REQUIRE(deliver(device, b001));
    REQUIRE(deliver(device, Frame{4, 1, Heartbeat{DeviceKind::Dispenser, 2}}));
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(15'000));

    // Every ticket printed is in the log once: two V001 (yesterday and today), two V002, two A001, two B001.
    QStringList rows = queryLog(db, "SELECT device || ' ' || ticket || ' ' || business_day FROM events ORDER BY id");
    const QString d = today.toString(Qt::ISODate);
    CHECK(rows == QStringList({"1 V001 " + yesterday, "2 V002 " + yesterday, "1 V001 " + d, "2 V002 " + d,
                               "3 A001 " + d, "4 B001 " + d, "3 A001 " + d, "4 B001 " + d}));
}
