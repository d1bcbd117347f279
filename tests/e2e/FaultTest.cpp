// Faults through the real pipeline (socat pty -> lobbywatch --headless -> SQLite): a port sending garbage, a full
// disk, the wall clock jumping. The long run (90 simulated days) is in LongRunTest.cpp.
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


// Runs lobbywatch to the end; its exit code, stderr in `err`.
int runLobbywatch(const QStringList& args, std::string* err = nullptr, const QByteArray& input = {}) {
    QProcess p;
    p.start(bin("lobbywatch"), args);
    REQUIRE(p.waitForStarted(5000));
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(60'000));
    if (err) *err = p.readAllStandardError().toStdString();
    return p.exitCode();
}

// A log with something in it, made by the command line (so that it is LobbyWatch's, 0600, WAL closed).
void makeLog(const QString& db) {
    std::string err;
    INFO(err);
    REQUIRE(runLobbywatch({"staff", "add", "李", "--role", "manager", "--db", db}, &err, "2580\n") == 0);
}

struct TmpfsMount {
    QByteArray path;
    ~TmpfsMount() { ::umount2(path.constData(), MNT_DETACH); }
};

// Fills the file system of `file` to the last byte.
void fillUp(const QString& file) {
    QFile fill(file);
    REQUIRE(fill.open(QIODevice::WriteOnly));
    QByteArray block(64 * 1024, 'f');
    while (fill.write(block) == block.size() && fill.flush()) {}
    QByteArray byte(1, 'f');
    while (fill.write(byte) == 1 && fill.flush()) {}
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

TEST_CASE("clock: the wall clock jumps an hour forward and back mid-day; event times stay monotone, no absurd waits") {
    const char* preload = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
    REQUIRE(QFile::exists(preload));  // Debian's faketime, installed by ./run
    QString dir = workDir("clock");
    PtyPair pty(dir);
    QString db = dir + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv", stamp = dir + "/faketime";
    auto setWall = [&](qint64 offsetS) {
        QFile f(stamp);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QDateTime t = QDateTime::currentDateTimeUtc().addSecs(offsetS);
        f.write(("@" + t.toString("yyyy-MM-dd HH:mm:ss") + "\n").toUtf8());
    };
    setWall(0);
    QProcess kiosk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LD_PRELOAD", preload);
    env.insert("FAKETIME_TIMESTAMP_FILE", stamp);
    env.insert("FAKETIME_NO_CACHE", "1");
    env.insert("DONT_FAKE_MONOTONIC", "1");  // like an NTP step: the wall clock moves, the monotonic clock does not
    env.insert("TZ", "UTC");
    // Under AddressSanitizer the preloaded faketime comes before ASan's runtime; that is fine here.
    env.insert("ASAN_OPTIONS", env.value("ASAN_OPTIONS") + (env.value("ASAN_OPTIONS").isEmpty() ? "" : ":") +
                                   "verify_asan_link_order=0");
    kiosk.setProcessEnvironment(env);
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "300", "--start", "08:55",
                            "--status-every-sim-s", "600"});
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", "10:40", "--date", branchToday(), "--quiet", "--acked",
                                      acked, "--truth-events", truth});
    REQUIRE(sim.waitForStarted(5000));
    QThread::msleep(7000);
    setWall(3600);  // an hour forward
    {
        // The same environment really moves the wall clock of a process started in it.
        QProcess date;
        date.setProcessEnvironment(env);
        date.start("date", {"+%s"});
        REQUIRE(date.waitForFinished(5000));
        qint64 seen = date.readAllStandardOutput().trimmed().toLongLong();
        qint64 real = QDateTime::currentSecsSinceEpoch();
        INFO("date under faketime: " << seen << ", real: " << real);
        REQUIRE(std::abs(seen - real - 3600) < 30);
    }
    QThread::msleep(7000);
    setWall(-3600);  // and back, an hour behind the true time
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
    QStringList waits = queryLog(db, "SELECT MIN(c.received_at - i.received_at) || ',' || MAX(c.received_at - i.received_at) "
                                     "FROM events i JOIN events c ON c.ticket = i.ticket AND c.kind = 'called' "
                                     "WHERE i.kind = 'issued'");
    auto range = waits.value(0).split(',');
    INFO("waits from issue to call, ms: " << waits.value(0).toStdString());
    REQUIRE(range.size() == 2);
    REQUIRE(range[0].toLongLong() >= 0);
    REQUIRE(range[1].toLongLong() < 90 * 60'000LL);
    // Every incident happened within the simulated morning, none an hour off.
    REQUIRE(queryLog(db, "SELECT COUNT(*) FROM incidents WHERE raised_at < (SELECT MIN(received_at) FROM events) - 600000 "
                         "OR raised_at > (SELECT MAX(received_at) FROM events) + 600000").value(0).toInt() == 0);
}

namespace {

// A live kiosk (no --speed: it follows the wall clock) whose wall clock reads what `stamp` says (libfaketime's
// "@YYYY-MM-DD HH:MM:SS", re-read at every clock read; the monotonic clock is the real one, as under NTP).
struct FakedWall {
    QString stamp;
    void set(const QString& utc) {
        QFile f(stamp);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(("@" + utc + "\n").toUtf8());
    }
    void start(QProcess& kiosk, const QString& dir, const QStringList& args) {
        const char* preload = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
        REQUIRE(QFile::exists(preload));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_PRELOAD", preload);
        env.insert("FAKETIME_TIMESTAMP_FILE", stamp);
        env.insert("FAKETIME_NO_CACHE", "1");
        env.insert("DONT_FAKE_MONOTONIC", "1");
        env.insert("TZ", "UTC");
        env.insert("ASAN_OPTIONS", env.value("ASAN_OPTIONS") + (env.value("ASAN_OPTIONS").isEmpty() ? "" : ":") +
                                       "verify_asan_link_order=0");
        kiosk.setProcessEnvironment(env);
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

// Needs root to mount a small tmpfs; without it the test says so and ctest reports it as skipped (code 77).
TEST_CASE("full disk: the log's file system fills; the kiosk stays up, stops acknowledging, raises an incident, and "
          "catches up when space returns") {
    QString dir = workDir("fulldisk");
    QString mnt = dir + "/mnt";
    QDir().mkpath(mnt);
    if (::mount("tmpfs", QFile::encodeName(mnt).constData(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
        std::fprintf(stderr, "SKIPPED: cannot mount a tmpfs at %s (%s); the full-disk test needs root\n",
                     mnt.toUtf8().constData(), std::strerror(errno));
        std::exit(77);
    }
    struct Unmount {
        QByteArray path;
        ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
    } unmount{QFile::encodeName(mnt)};
    PtyPair pty(dir);
    QString db = mnt + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv", filler = mnt + "/filler";
    QProcess kiosk;
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "300", "--start", "08:55",
                            "--status-every-sim-s", "120"});
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "5", "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", "10:40", "--date", branchToday(), "--quiet", "--acked",
                                      acked, "--truth-events", truth});
    REQUIRE(sim.waitForStarted(5000));
    QThread::msleep(4000);
    // Fill the file system to the last byte.
    {
        QFile fill(filler);
        REQUIRE(fill.open(QIODevice::WriteOnly));
        QByteArray block(64 * 1024, 'f');
        while (fill.write(block) == block.size() && fill.flush()) {}
        QByteArray byte(1, 'f');
        while (fill.write(byte) == 1 && fill.flush()) {}
    }
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
    QDir().mkpath(mnt);
    if (::mount("tmpfs", QFile::encodeName(mnt).constData(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
        std::fprintf(stderr, "SKIPPED: cannot mount a tmpfs at %s (%s); the full-disk test needs root\n",
                     mnt.toUtf8().constData(), std::strerror(errno));
        std::exit(77);
    }
    TmpfsMount unmount{QFile::encodeName(mnt)};
    QString db = mnt + "/events.db", acked = dir + "/acked.csv", truth = dir + "/truth.csv", filler = mnt + "/filler";
    makeLog(db);
    fillUp(filler);
    struct statvfs vfs {};
    REQUIRE(::statvfs(QFile::encodeName(mnt).constData(), &vfs) == 0);
    REQUIRE(vfs.f_bavail == 0);
    PtyPair pty(dir);
    QProcess kiosk;
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "300", "--start", "08:55",
                            "--status-every-sim-s", "120"});
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "6", "--port", pty.branch(), "--speed", "300",
                                      "--start", "08:55", "--until", "10:20", "--date", branchToday(), "--quiet", "--acked",
                                      acked, "--truth-events", truth});
    REQUIRE(sim.waitForStarted(5000));
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
