// The set of serial ports: links on their threads, their state on the owner's.
#include "serial/SerialPorts.h"

#include <QMetaObject>

#include <cstdio>

namespace lw::serial {

SerialPorts::SerialPorts(const kiosk::Clock& clock, QObject* parent) : QObject(parent), clock_(clock) {}

SerialPorts::~SerialPorts() {
    for (auto& [name, l] : links_) {
        QMetaObject::invokeMethod(l->link, &SerialLink::stop, Qt::BlockingQueuedConnection);
        l->thread.quit();
        l->thread.wait();
        delete l->link;
    }
}

void SerialPorts::open(const std::vector<LinkSettings>& ports) {
    for (const auto& s : ports) {
        auto l = std::make_unique<Link>();
        l->link = new SerialLink(s, clock_);
        l->link->moveToThread(&l->thread);
        state_[s.name] = Port{};
        connect(l->link, &SerialLink::received, this, &SerialPorts::received);
        connect(l->link, &SerialLink::linkUp, this, [this](const QString& port) {
            Port& p = state_[port];
            if (!p.up && !p.reason.isEmpty()) ++p.reconnects;
            p.up = true;
            std::fprintf(stderr, "lobbywatch: port %s up\n", port.toUtf8().constData());
            emit portUp(port);
        });
        connect(l->link, &SerialLink::linkDown, this, [this](const QString& port, const QString& reason) {
            Port& p = state_[port];
            p.up = false;
            p.reason = reason;
            std::fprintf(stderr, "lobbywatch: port %s down: %s\n", port.toUtf8().constData(), reason.toUtf8().constData());
            emit portDown(port, reason);
        });
        l->thread.setObjectName(QStringLiteral("serial %1").arg(s.name));
        l->thread.start();
        QMetaObject::invokeMethod(l->link, &SerialLink::start, Qt::QueuedConnection);
        links_.emplace(s.name, std::move(l));
    }
}

void SerialPorts::send(const QString& port, const QByteArray& bytes) {
    auto it = links_.find(port);
    if (it == links_.end() || bytes.isEmpty()) return;
    QMetaObject::invokeMethod(it->second->link, "send", Qt::QueuedConnection, Q_ARG(QByteArray, bytes));
}

void SerialPorts::consumed(const QString& port, qint64 bytes) {
    if (auto it = links_.find(port); it != links_.end()) it->second->link->consumed(bytes);
}

bool SerialPorts::allUp() const {
    bool all = !state_.empty();
    for (const auto& [name, p] : state_) all = all && p.up;
    return all;
}

}  // namespace lw::serial
