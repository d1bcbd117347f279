// The set of serial ports the kiosk reads: one SerialLink per port, each on its own thread, with each port's state
// (up or down, why, reconnects) kept on the owner's thread. Received bytes and state changes come back by signal.
#pragma once

#include "serial/SerialLink.h"

#include <QObject>
#include <QThread>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace lw::serial {

class SerialPorts : public QObject {
    Q_OBJECT

public:
    struct Port {
        bool up = false;
        QString reason;               // why it went down last (empty: never down)
        std::uint64_t reconnects = 0; // came back after being down
    };

    explicit SerialPorts(const kiosk::Clock& clock, QObject* parent = nullptr);
    ~SerialPorts() override;  // stops every link and its thread

    // Opens each port on its own thread (reopened by name after an unplug).
    void open(const std::vector<LinkSettings>& ports);
    // Replies to the devices on `port` (queued to the link's thread).
    void send(const QString& port, const QByteArray& bytes);
    // The kiosk has taken `bytes` of what `port` handed it (the link reads on only while the kiosk keeps up).
    void consumed(const QString& port, qint64 bytes);

    const std::map<QString, Port>& ports() const { return state_; }
    bool allUp() const;  // false with no ports

signals:
    void received(const QString& port, qint64 atMs, const QByteArray& bytes);
    void portUp(const QString& port);
    void portDown(const QString& port, const QString& reason);

private:
    struct Link {
        QThread thread;
        SerialLink* link = nullptr;
    };
    const kiosk::Clock& clock_;
    std::map<QString, std::unique_ptr<Link>> links_;
    std::map<QString, Port> state_;
};

}  // namespace lw::serial
