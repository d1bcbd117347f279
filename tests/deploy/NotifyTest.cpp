// The kiosk tells systemd it is ready and keeps pinging the watchdog while its screens' thread turns; a frozen
// screens' thread (the test hook blocks it for good, the other threads go on) stops the pings.
#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

QString tmpDir() { return QString::fromUtf8(std::getenv("LW_TEST_TMP")); }
QString bin(const char* name) { return QString::fromUtf8(std::getenv("LW_BIN_DIR")) + "/" + name; }

// What systemd's side of $NOTIFY_SOCKET gets: each datagram with when it came (ms since the kiosk started).
struct Message {
    qint64 atMs;
    std::string text;
};

class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : path_(path) {
        ::unlink(path.c_str());
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof a.sun_path);
        std::memcpy(a.sun_path, path.data(), path.size());
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    }
    ~NotifySocket() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    // Everything that arrives in the next `forMs`.
    void collect(std::vector<Message>& into, const QElapsedTimer& clock, qint64 forMs) {
        const qint64 until = clock.elapsed() + forMs;
        while (clock.elapsed() < until) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(std::max<qint64>(1, until - clock.elapsed()))) <= 0) continue;
            char buffer[4096];
            ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n > 0) into.push_back({clock.elapsed(), std::string(buffer, static_cast<std::size_t>(n))});
        }
    }

private:
    std::string path_;
    int fd_ = -1;
};

void startKiosk(QProcess& kiosk, const QString& name, const std::string& socket, const char* freezeMs) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NOTIFY_SOCKET", QString::fromStdString(socket));
    env.insert("WATCHDOG_USEC", "200000");  // a ping every 100 ms
    if (freezeMs) env.insert("LOBBYWATCH_TEST_FREEZE_MS", freezeMs);
    kiosk.setProcessEnvironment(env);
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QFile::remove(tmpDir() + "/" + name + ".db");
    kiosk.start(bin("lobbywatch"), {"--headless", "--db", tmpDir() + "/" + name + ".db"});
    REQUIRE(kiosk.waitForStarted(5000));
}

std::vector<qint64> pingTimes(const std::vector<Message>& messages) {
    std::vector<qint64> times;
    for (const auto& m : messages)
        if (m.text == "WATCHDOG=1") times.push_back(m.atMs);
    return times;
}

}  // namespace

TEST_CASE("READY=1 once the kiosk runs, then WATCHDOG=1 pings; STOPPING=1 on SIGTERM") {
    const std::string socket = (tmpDir() + "/notify-running.sock").toStdString();
    NotifySocket systemd(socket);
    QProcess kiosk;
    QElapsedTimer clock;
    clock.start();
    startKiosk(kiosk, "running", socket, nullptr);
    std::vector<Message> got;
    systemd.collect(got, clock, 5000);
    REQUIRE(!got.empty());
    INFO("first message: " << got.front().text);
    REQUIRE(got.front().text.rfind("READY=1\nSTATUS=", 0) == 0);
    auto pings = pingTimes(got);
    // A ping every 100 ms for the seconds after READY: at least half of them even on a loaded machine.
    const qint64 readyAt = got.front().atMs;
    CHECK(pings.size() >= static_cast<std::size_t>((5000 - readyAt) / 100 / 2));
    for (std::size_t i = 1; i < pings.size(); ++i) CHECK(pings[i] - pings[i - 1] < 1000);
    kiosk.terminate();
    got.clear();
    systemd.collect(got, clock, 1500);
    REQUIRE(kiosk.waitForFinished(10000));
    bool stopping = false;
    for (const auto& m : got) stopping = stopping || m.text == "STOPPING=1";
    CHECK(stopping);
}

TEST_CASE("a frozen screens' thread stops the watchdog pings (systemd then restarts the kiosk)") {
    const std::string socket = (tmpDir() + "/notify-frozen.sock").toStdString();
    NotifySocket systemd(socket);
    QProcess kiosk;
    QElapsedTimer clock;
    clock.start();
    startKiosk(kiosk, "frozen", socket, "2000");
    std::vector<Message> got;
    systemd.collect(got, clock, 8000);
    const qint64 end = clock.elapsed();
    REQUIRE(!got.empty());
    REQUIRE(got.front().text.rfind("READY=1", 0) == 0);
    auto pings = pingTimes(got);
    REQUIRE(pings.size() >= 3);  // it pinged while it ran ...
    INFO("last ping at " << pings.back() << " ms, READY at " << got.front().atMs << " ms");
    // ... and not for the last 3 s (the freeze comes 2 s after start), though the process is still there.
    CHECK(end - pings.back() >= 3000);
    CHECK(kiosk.state() == QProcess::Running);
    kiosk.kill();
    kiosk.waitForFinished(5000);
}
