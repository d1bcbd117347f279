// Shared pieces of the end-to-end tests: the built binaries, a socat pty pair, a stop-and-wait device on the
// far end of it, and reading a process's memory and descriptors from /proc.
#pragma once

#include "protocol/Codec.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace lw::test {

inline QString bin(const char* name) { return QString::fromUtf8(std::getenv("LW_BIN_DIR")) + "/" + name; }

inline QString workDir(const std::string& name) { return QFileInfo(freshPath(name)).absolutePath(); }

// A socat pair: <dir>/kiosk and <dir>/branch.
// A killed socat leaves its links behind, pointing at /dev/pts/N numbers the system hands to the next pty anyone
// opens (another test's kiosk or simulator on a shared machine). Followed, such a link joins a foreign line: frames
// get ACKed by a kiosk that logs them elsewhere. So the links are removed when the pair stops and before it
// starts, and the pair is ready only once socat has made them afresh.
struct PtyPair {
    QString dir;
    QProcess socat;
    explicit PtyPair(QString d) : dir(std::move(d)) { start(); }
    ~PtyPair() { stop(); }
    QString kiosk() const { return dir + "/kiosk"; }
    QString branch() const { return dir + "/branch"; }
    void removeLinks() {
        QFile::remove(kiosk());
        QFile::remove(branch());
    }
    void start() {
        removeLinks();
        socat.start("socat", {"pty,raw,echo=0,link=" + kiosk(), "pty,raw,echo=0,link=" + branch()});
        REQUIRE(socat.waitForStarted(5000));
        for (int i = 0; i < 250 && !(QFile::exists(kiosk()) && QFile::exists(branch())); ++i) QThread::msleep(20);
        REQUIRE(QFile::exists(kiosk()));
        REQUIRE(QFile::exists(branch()));
    }
    void stop() {
        if (socat.state() == QProcess::NotRunning) return;
        removeLinks();  // first: nobody may open them between the kill and their removal
        socat.kill();
        socat.waitForFinished(3000);
    }
};

// The device end of a pty: raw writes, and stop-and-wait sends that wait for the kiosk's ACK or NAK.
class DeviceEnd {
public:
    explicit DeviceEnd(const QString& path) {
        fd_ = ::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
        REQUIRE(fd_ >= 0);
        termios t{};
        tcgetattr(fd_, &t);
        cfmakeraw(&t);
        tcsetattr(fd_, TCSANOW, &t);
    }
    ~DeviceEnd() {
        if (fd_ >= 0) ::close(fd_);
    }
    DeviceEnd(const DeviceEnd&) = delete;
    DeviceEnd& operator=(const DeviceEnd&) = delete;

    // Writes everything (waiting while the pty is full); false if the line is gone.
    bool write(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
            if (n > 0) {
                done += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno != EAGAIN) return false;
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, 100);
            drain();  // keep the kiosk's replies from filling the other direction
        }
        return true;
    }
    // Reads what the kiosk sent; decodes ACK/NAK into acks/naks.
    void drain(int waitMs = 0) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, waitMs) <= 0) return;
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd_, buf, sizeof buf)) > 0) {
            std::vector<protocol::DecodeResult> out;
            decoder_.feed(std::string_view(buf, static_cast<std::size_t>(n)), out);
            for (auto& r : out) {
                auto* f = std::get_if<protocol::DecodedFrame>(&r);
                if (!f) continue;
                if (auto* ack = std::get_if<protocol::Ack>(&f->frame.message)) acks.push_back({f->frame.address, ack->sequence});
                if (auto* nak = std::get_if<protocol::Nak>(&f->frame.message)) naks.push_back({f->frame.address, nak->sequence});
            }
        }
    }
    // Sends a frame and waits up to timeoutMs for its ACK (true) or NAK (false, nakked = true).
    bool sendAndWait(const protocol::Frame& frame, int timeoutMs, bool* nakked = nullptr) {
        std::size_t a = acks.size(), k = naks.size();  // replies from here on (write() may already read some)
        if (!write(protocol::encodeFrame(frame))) return false;
        auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < until) {
            drain(50);
            for (; a < acks.size(); ++a)
                if (acks[a] == std::pair<int, int>{frame.address, frame.sequence}) return true;
            for (; k < naks.size(); ++k)
                if (naks[k] == std::pair<int, int>{frame.address, frame.sequence}) {
                    if (nakked) *nakked = true;
                    return false;
                }
        }
        return false;
    }

    std::vector<std::pair<int, int>> acks, naks;  // (address, seq)

private:
    int fd_ = -1;
    protocol::FrameDecoder decoder_;
};

// Resident memory in kB and open descriptors of a process, from /proc.
inline long rssKb(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}
inline int openFds(qint64 pid) {
    return static_cast<int>(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

}  // namespace lw::test

#include "lobby/EventCsv.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>
#include <fstream>
#include <map>

namespace lw::test {

using Stories = std::map<std::string, std::vector<std::string>>;  // ticket -> kinds of its events, in order

struct SimCheck {
    int ackedEvents = 0;   // frames the simulator saw acknowledged, heartbeats aside
    int truthEvents = 0;   // events in the simulator's ground truth
    int loggedFrames = 0;  // distinct (device, sequence) pairs in the log
    Stories logged, truth;
};

// After a simulated run: the log is sound, every frame the simulator saw acknowledged is in it exactly once,
// nothing is logged twice, and per ticket the log has the truth's events (compared as sets: across an outage a
// keypad's call may get through before the dispenser's resent ticket). Returns both stories for stricter checks.
inline SimCheck checkLogAgainstSim(const QString& db, const QString& acked, const QString& truth) {
    SimCheck result;
    std::map<std::pair<int, int>, int> logged;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "check_sim");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("PRAGMA integrity_check"));
        REQUIRE(q.next());
        REQUIRE(q.value(0).toString() == "ok");
        REQUIRE(q.exec("SELECT device, seq, kind, ticket FROM events ORDER BY id"));
        while (q.next()) {
            ++logged[{q.value(0).toInt(), q.value(1).toInt()}];
            if (!q.value(3).toString().isEmpty())
                result.logged[q.value(3).toString().toStdString()].push_back(q.value(2).toString().toStdString());
        }
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("check_sim");
    std::ifstream ackedFile(acked.toStdString());
    std::string line;
    while (std::getline(ackedFile, line)) {
        auto parts = QString::fromStdString(line).split(',');
        REQUIRE(parts.size() >= 3);
        if (parts[2] == "HBT" || parts[2] == "BOT") continue;  // acknowledged, never logged
        ++result.ackedEvents;
        INFO(line);
        REQUIRE(logged[{parts[0].toInt(), parts[1].toInt()}] == 1);
    }
    for (const auto& [key, rows] : logged) REQUIRE(rows == 1);
    result.loggedFrames = static_cast<int>(logged.size());
    std::ifstream truthFile(truth.toStdString());
    lobby::EventCsvReader reader(truthFile, "truth", 480);
    lobby::CsvRow row;
    while (reader.next(row)) {
        const lobby::LobbyEvent* e = row.event();
        REQUIRE(e != nullptr);
        ++result.truthEvents;
        if (e != nullptr && !e->ticket.empty()) result.truth[e->ticket].push_back(lobby::eventName(e->kind));
    }
    for (auto [ticket, kinds] : result.truth) {
        std::vector<std::string> mine = result.logged[ticket];
        std::sort(kinds.begin(), kinds.end());
        std::sort(mine.begin(), mine.end());
        std::string want, got;
        for (const auto& k : kinds) want += k + " ";
        for (const auto& k : mine) got += k + " ";
        INFO(ticket << ": truth " << want << "| log " << got);
        REQUIRE(got == want);
    }
    REQUIRE(result.logged.size() == result.truth.size());
    return result;
}

// Starts the kiosk with its stdout and stderr in <dir>/kiosk.out and <dir>/kiosk.err: files, not pipes, since a
// pipe nobody reads while the test waits would stall the kiosk once full.
inline void startKiosk(QProcess& kiosk, const QString& dir, const QStringList& args) {
    kiosk.setStandardOutputFile(dir + "/kiosk.out");
    kiosk.setStandardErrorFile(dir + "/kiosk.err");
    kiosk.start(bin("lobbywatch"), args);
    REQUIRE(kiosk.waitForStarted(5000));
}

// Today's date in the simulated branch's time zone (UTC+8), for the simulator's --date.
inline QString branchToday() {
    return QDateTime::currentDateTime().toOffsetFromUtc(480 * 60).date().toString(Qt::ISODate);
}

inline QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Runs one SQL query on a log and returns the first column of every row as text.
inline QStringList queryLog(const QString& db, const QString& sql) {
    QStringList out;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "query_log");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        INFO(sql.toStdString());
        REQUIRE(q.exec(sql));
        while (q.next()) out << q.value(0).toString();
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("query_log");
    return out;
}

// A command run to its end: its exit code (-1 when it crashed), its output, and the highest VmHWM seen meanwhile.
struct CommandRun {
    int exitCode = -1;
    std::string out;
    std::string err;
    long peakKb = 0;
};

// Runs `program` with `input` on its stdin to its end (at most `timeoutMs`), sampling its peak memory.
inline CommandRun runProcess(const QString& program, const QStringList& args, const QByteArray& input = {},
                      int timeoutMs = 120'000) {
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForStarted(5000));
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    CommandRun r;
    QElapsedTimer clock;
    clock.start();
    while (!p.waitForFinished(20)) {
        REQUIRE(clock.elapsed() < timeoutMs);
        QFile status(QStringLiteral("/proc/%1/status").arg(p.processId()));
        if (!status.open(QIODevice::ReadOnly)) continue;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:")) r.peakKb = std::max(r.peakKb, line.mid(6).trimmed().split(' ').value(0).toLong());
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

// A log with something in it, made by the command line (so that it is LobbyWatch's, 0600, WAL closed).
inline void makeLog(const QString& db) {
    CommandRun r = runProcess(bin("lobbywatch"), {"staff", "add", "李", "--role", "manager", "--db", db}, "2580\n", 60'000);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
}

}  // namespace lw::test
