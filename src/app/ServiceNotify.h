// systemd's service notifications (sd_notify): READY=1 once the kiosk runs, WATCHDOG=1 while its event loop turns.
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <string>

class QCoreApplication;

namespace lw::app {

// The plain datagram protocol (one AF_UNIX datagram of "KEY=VALUE" lines to $NOTIFY_SOCKET), not libsystemd:
// it is a dozen lines, and it works the same when the kiosk is not the unit's main process (under the cage
// compositor, where libsystemd's sd_watchdog_enabled() says no because $WATCHDOG_PID is cage's).
//
// The watchdog pings come from a timer on the thread that owns this object: the screens' thread, so a frozen
// screen or a deadlock stops them. The log is written on its own thread (LogWriter), which the pings do not wait
// for: a write that hangs does not stop them (README, "The service"); a write that fails is known (LOG FAILING on
// the screen, the devices resending) and the pings go on.
class ServiceNotify : public QObject {
    Q_OBJECT

public:
    // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC; without them every call does nothing.
    explicit ServiceNotify(QObject* parent = nullptr);
    ~ServiceNotify() override;

    // READY=1 with a STATUS= line, then the watchdog pings (every half of WATCHDOG_USEC) start.
    void ready(const std::string& status);
    void stopping();
    bool enabled() const { return fd_ >= 0; }
    int watchdogIntervalMs() const { return intervalMs_; }

    // Sends one notification ("READY=1\nSTATUS=..."); false if it could not be sent.
    bool send(const std::string& message);

private:
    void ping();

    int fd_ = -1;
    std::string address_;
    int intervalMs_ = 0;
    QTimer watchdog_;
    bool sendFailedReported_ = false;
};

// The kiosk's notifier: READY=1 (with `status()` as STATUS=) at the first turn of the event loop, after the lobby is
// rebuilt and the screens are loaded; STOPPING=1 when the application quits.
std::unique_ptr<ServiceNotify> notifyWhenRunning(QCoreApplication& app, std::function<std::string()> status);

// Test hook: LOBBYWATCH_TEST_FREEZE_MS=N blocks the screens' thread for good N ms after start (the serial and
// forecast threads go on), as a deadlock would; the notify test checks that the pings stop.
void freezeForTestIfAsked(QObject* context);

}  // namespace lw::app
