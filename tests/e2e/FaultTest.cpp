// Faults through the real pipeline (socat pty -> lobbywatch --headless -> SQLite): a port sending garbage, a log
// that cannot be written from the start, a port another program holds. The wall clock: ClockFaultTest.cpp; a full
// disk: FullDiskTest.cpp; the long run (90 simulated days): LongRunTest.cpp.
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

// A frame with a correct checksum around any body, even one the protocol does not allow.
std::string rawFrame(const std::string& body) {
    char crc[8];
    std::snprintf(crc, sizeof crc, "%04X", p::crc16(body));
    return "$" + body + "*" + crc + "\r\n";
}

}  // namespace

TEST_CASE("garbage on the line: random bytes, overlong lines, absurd fields, a flood; the kiosk stays up, counts and "
          "logs what it refused, and a real device is still served") {
    const QDateTime startedAt = QDateTime::currentDateTime();
    QString dir = workDir("garbage");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    QProcess kiosk;
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--status-every-sim-s", "1"});
    QThread::msleep(800);
    DeviceEnd line(pty.branch());

    std::mt19937 rng(7);
    std::string random(256 * 1024, '\0');
    for (auto& c : random) c = static_cast<char>(rng() & 0xFF);
    REQUIRE(line.write(random));
    for (int i = 0; i < 50; ++i) REQUIRE(line.write("$LW1,1," + std::string(2000, '7') + "\r\n"));
    // Right checksum, absurd content: window 9999, ticket 1000, control characters, a negative sequence,
    // an address beyond the bus, a type nobody knows.
    const std::string absurd[] = {
        "LW1,12,1,CAL,9999,A001", "LW1,12,2,CAL,3,A1000",  "LW1,12,3,CAL,3,A\x07" "01",
        "LW1,12,-4,FIN,3,A001",   "LW1,999,5,TKT,A001,0", "LW1,12,6,XYZ,3",
        "LW1,12,7,WPS,3,\x1b[2J", "LW2,12,8,WOP,3",        "LW1,12,9,TKT,A001,7",
    };
    for (const auto& body : absurd) REQUIRE(line.write(rawFrame(body)));
    // A flood: 3000 valid tickets from one dispenser as fast as the line takes them (no real device does this),
    // numbers wrapping past 999. The kiosk takes a burst of 200 from one device (then 5 a second) and answers the
    // rest NAK BUSY, and still serves a well-behaved device.
    std::string flood;
    for (int i = 0; i < 3000; ++i) flood += p::encodeFrame({5, i, p::TicketIssued{{'B', 1 + i % 999}, false}});
    REQUIRE(line.write(flood));
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.acks.size() + line.naks.size() < 3000 && std::chrono::steady_clock::now() < until) line.drain(100);
    std::set<int> floodAcked;
    for (const auto& [address, seq] : line.acks)
        if (address == 5) floodAcked.insert(seq);
    INFO("ACKs for the flood: " << floodAcked.size() << ", NAKs " << line.naks.size());
    REQUIRE(floodAcked.size() >= 200);
    REQUIRE(line.naks.size() > 0);
    bool ok = false;
    for (int attempt = 0; attempt < 5 && !ok; ++attempt) ok = line.sendAndWait({2, 1, p::TicketIssued{{'A', 42}, false}}, 1000);
    REQUIRE(ok);
    // Numbers issued twice at a device's pace: C001..C020, then the same again. Each second issue is a reissue.
    for (int round = 0, seq = 0; round < 2; ++round) {
        for (int n = 1; n <= 20; ++n, ++seq) {
            bool taken = false;
            for (int attempt = 0; attempt < 5 && !taken; ++attempt)
                taken = line.sendAndWait({6, seq, p::TicketIssued{{'C', n}, false}}, 1000);
            REQUIRE(taken);
            QThread::msleep(3);  // never two in the same millisecond
        }
    }
    REQUIRE(kiosk.state() == QProcess::Running);
    long rss = rssKb(kiosk.processId());
    INFO("kiosk RSS after the garbage: " << rss << " kB");
    REQUIRE(rss > 0);
    REQUIRE(rss < 300 * 1024);
    QThread::msleep(1500);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(5000));
    REQUIRE(kiosk.exitStatus() == QProcess::NormalExit);
    QString out = readText(dir + "/kiosk.out"), err = readText(dir + "/kiosk.err");
    INFO(err.right(2000).toStdString());

    // Counted: the status line's "bad" figure covers every refused frame.
    QRegularExpression bad("\\(bad (\\d+),");
    long lastBad = -1;
    for (auto it = bad.globalMatch(out); it.hasNext();) lastBad = it.next().captured(1).toLong();
    INFO(out.right(600).toStdString());
    REQUIRE(lastBad >= 50 + 9);
    // Logged, within the per-minute budget (the rest summarised), escaped: no control character reaches the log.
    int rejects = queryLog(db, "SELECT COUNT(*) FROM rejects").value(0).toInt();
    REQUIRE(rejects >= 60);
    REQUIRE(rejects <= 60 * 3 + 3);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM rejects WHERE kind = 'overlong'").value(0).toInt() > 0);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM rejects WHERE raw GLOB '*[' || char(1) || '-' || char(31) || ']*' "
                         "OR detail GLOB '*[' || char(1) || '-' || char(31) || ']*'").value(0).toInt() == 0);
    // Nothing absurd became an event: no window 9999, no ticket that is not a letter and three digits.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE window_no > 99 OR (ticket IS NOT NULL AND "
                         "ticket NOT GLOB '[A-Z][0-9][0-9][0-9]')").value(0).toInt() == 0);
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM events WHERE ticket = 'A042'").value(0).toInt() == 1);
    // Every flood frame ACKed is in the log once; what was refused BUSY is not (its device would resend it).
    QStringList floodLogged = queryLog(db, "SELECT seq FROM events WHERE device = 5");
    REQUIRE(floodLogged.size() == QSet<QString>(floodLogged.begin(), floodLogged.end()).size());
    for (int seq : floodAcked) REQUIRE(floodLogged.contains(QString::number(seq)));
    REQUIRE(floodLogged.size() < 3000);
    // Reissued numbers are anomalies in the log, and stderr was not flooded with them. The paced reissues are
    // exactly 20.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM anomalies WHERE kind = 'reissued' AND ticket GLOB 'C*'").value(0).toInt() == 20);
    const int minutes = static_cast<int>(startedAt.secsTo(QDateTime::currentDateTime()) / 60) + 2;  // minutes it ran, rounded up
    REQUIRE(err.count("anomaly reissued") <= 30 * minutes);
    REQUIRE(queryLog(db, "PRAGMA integrity_check").value(0) == "ok");
}

TEST_CASE("read-only log: the kiosk says at start that the log cannot be written (stderr and screen), shows LOG "
          "FAILING from the start, and acknowledges nothing") {
    QString dir = workDir("readonly_start");
    QString logDir = dir + "/log";
    QDir().mkpath(logDir);
    QString db = logDir + "/events.db";
    makeLog(db);
    auto readOnly = std::make_unique<ReadOnlyDir>(logDir);
    PtyPair pty(dir);
    QProcess kiosk;
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "60", "--status-every-sim-s", "30"});
    QThread::msleep(1500);
    QString err = readText(dir + "/kiosk.err");
    INFO(err.toStdString());
    // Said at start, before any frame arrived.
    REQUIRE(err.contains("the event log " + db + " cannot be written"));
    REQUIRE(err.contains("LOG FAILING"));
    DeviceEnd line(pty.branch());
    bool nakked = false;
    CHECK_FALSE(line.sendAndWait({2, 1, p::TicketIssued{{'A', 1}, false}}, 2000, &nakked));
    CHECK(line.acks.empty());
    REQUIRE(kiosk.state() == QProcess::Running);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(5000));
    QString out = readText(dir + "/kiosk.out");
    INFO(out.toStdString());
    CHECK(out.contains("LOG FAILING"));
    CHECK_FALSE(out.contains("logged 1"));
    readOnly.reset();
    CHECK(queryLog(db, "SELECT COUNT(*) FROM events") == QStringList{"0"});
}

TEST_CASE("a serial port another program holds is reported as in use, not as a missing group") {
    QString dir = workDir("busy_port");
    PtyPair pty(dir);
    QProcess first, second;
    startKiosk(first, dir, {"--headless", "--port", pty.kiosk(), "--db", dir + "/a.db", "--speed", "60"});
    for (int i = 0; i < 100 && !readText(dir + "/kiosk.err").contains("up"); ++i) QThread::msleep(50);
    REQUIRE(readText(dir + "/kiosk.err").contains("port kiosk up"));
    QString other = dir + "/other";
    QDir().mkpath(other);
    startKiosk(second, other, {"--headless", "--port", pty.kiosk(), "--db", dir + "/b.db", "--speed", "60"});
    QString err;
    for (int i = 0; i < 100 && !err.contains("down"); ++i) {
        QThread::msleep(50);
        err = readText(other + "/kiosk.err");
    }
    INFO(err.toStdString());
    CHECK(err.contains("is in use by another program"));
    CHECK(err.contains(QStringLiteral("PID %1").arg(first.processId())));
    CHECK_FALSE(err.contains("dialout"));
    second.terminate();
    first.terminate();
    REQUIRE(second.waitForFinished(5000));
    REQUIRE(first.waitForFinished(5000));
}
