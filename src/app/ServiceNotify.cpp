// systemd's service notifications over the plain datagram protocol (see ServiceNotify.h for why not libsystemd).
#include "app/ServiceNotify.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace lw::app {

namespace {

sockaddr_un addressOf(const std::string& path, socklen_t& length) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path, path.data(), path.size());
    if (path[0] == '@') a.sun_path[0] = '\0';  // an abstract socket
    length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
    return a;
}

}  // namespace

ServiceNotify::ServiceNotify(QObject* parent) : QObject(parent) {
    const char* socketPath = std::getenv("NOTIFY_SOCKET");
    if (!socketPath || !*socketPath) return;
    address_ = socketPath;
    if ((address_[0] != '/' && address_[0] != '@') || address_.size() >= sizeof(sockaddr_un::sun_path)) {
        std::fprintf(stderr, "lobbywatch: NOTIFY_SOCKET=%s is not a socket path; no notifications to systemd\n", socketPath);
        return;
    }
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        std::fprintf(stderr, "lobbywatch: cannot open a socket for systemd's notifications: %s\n", std::strerror(errno));
        return;
    }
    // WATCHDOG_PID is not checked: under cage it names the compositor, and this process is the one to ping.
    if (const char* usec = std::getenv("WATCHDOG_USEC")) {
        char* end = nullptr;
        long long us = std::strtoll(usec, &end, 10);
        if (end && *end == '\0' && us > 0) intervalMs_ = static_cast<int>(std::max(1LL, us / 2000));
    }
    ::unsetenv("NOTIFY_SOCKET");  // not for the processes the kiosk might start
    watchdog_.setTimerType(Qt::PreciseTimer);
    connect(&watchdog_, &QTimer::timeout, this, &ServiceNotify::ping);
}

ServiceNotify::~ServiceNotify() {
    if (fd_ >= 0) ::close(fd_);
}

bool ServiceNotify::send(const std::string& message) {
    if (fd_ < 0) return false;
    socklen_t length = 0;
    sockaddr_un a = addressOf(address_, length);
    ssize_t n = ::sendto(fd_, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&a), length);
    if (n == static_cast<ssize_t>(message.size())) return true;
    if (!sendFailedReported_) {
        sendFailedReported_ = true;
        std::fprintf(stderr, "lobbywatch: cannot notify systemd at %s: %s\n", address_.c_str(), std::strerror(errno));
    }
    return false;
}

void ServiceNotify::ready(const std::string& status) {
    if (fd_ < 0) return;
    send("READY=1\nSTATUS=" + status);
    if (intervalMs_ > 0) {
        ping();
        watchdog_.start(intervalMs_);
    }
}

void ServiceNotify::stopping() {
    watchdog_.stop();
    send("STOPPING=1");
}

void ServiceNotify::ping() { send("WATCHDOG=1"); }

std::unique_ptr<ServiceNotify> notifyWhenRunning(QCoreApplication& app, std::function<std::string()> status) {
    auto notify = std::make_unique<ServiceNotify>();
    ServiceNotify* n = notify.get();
    // The first turn of the event loop: the lobby is rebuilt, the screens are loaded, and the loop turns.
    QTimer::singleShot(0, n, [n, status = std::move(status)]() { n->ready(status()); });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, n, &ServiceNotify::stopping);
    freezeForTestIfAsked(n);
    return notify;
}

void freezeForTestIfAsked(QObject* context) {
    const char* ms = std::getenv("LOBBYWATCH_TEST_FREEZE_MS");
    if (!ms) return;
    int after = std::atoi(ms);
    QTimer::singleShot(after, context, []() {
        std::fprintf(stderr, "lobbywatch: LOBBYWATCH_TEST_FREEZE_MS: the screens' thread stops here\n");
        for (;;) QThread::sleep(3600);
    });
}

}  // namespace lw::app
