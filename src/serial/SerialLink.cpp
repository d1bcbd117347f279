// The serial link: QSerialPort owned by the link's thread, with close-and-reopen on any loss.
#include "serial/SerialLink.h"

#include <QDateTime>
#include <QFile>

#include <cstdio>
#include <unistd.h>

namespace lw::serial {

namespace {

// " (PID n)" from the lock file QSerialPort leaves for a port it has open (LCK.. and the path with '/' as '_'),
// or empty.
QString portHolder(const QString& device) {
    const QString name = QStringLiteral("LCK..") + QString(device).replace(QLatin1Char('/'), QLatin1Char('_'));
    for (const char* dir : {"/var/lock", "/run/lock", "/tmp", "/var/tmp"}) {
        QFile lock(QLatin1String(dir) + QLatin1Char('/') + name);
        if (!lock.open(QIODevice::ReadOnly)) continue;
        const QByteArray pid = lock.readLine(32).trimmed();
        if (!pid.isEmpty()) return QStringLiteral(" (PID %1)").arg(QString::fromLatin1(pid));
    }
    return {};
}

}  // namespace

SerialLink::SerialLink(LinkSettings settings, const kiosk::Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {}

SerialLink::~SerialLink() = default;

void SerialLink::start() {
    // Created here, on the link's thread, so that the port's notifiers live on this thread.
    reopen_ = new QTimer(this);
    reopen_->setSingleShot(true);
    connect(reopen_, &QTimer::timeout, this, &SerialLink::tryOpen);
    readLater_ = new QTimer(this);
    readLater_->setSingleShot(true);
    connect(readLater_, &QTimer::timeout, this, &SerialLink::readAvailable);
    tryOpen();
}

void SerialLink::stop() {
    stopping_ = true;
    if (reopen_) reopen_->stop();
    if (port_) {
        port_->disconnect(this);
        port_->close();
        delete port_;
        port_ = nullptr;
    }
}

void SerialLink::tryOpen() {
    if (stopping_ || port_) return;
    auto* port = new QSerialPort(this);
    port->setPortName(settings_.device);
    port->setBaudRate(settings_.baud);
    port->setDataBits(QSerialPort::Data8);
    port->setParity(settings_.parity);
    port->setStopBits(QSerialPort::OneStop);
    port->setFlowControl(QSerialPort::NoFlowControl);
    port->setReadBufferSize(kReadBuffer);
    if (!port->open(QIODevice::ReadWrite)) {
        QString reason;
        if (port->error() == QSerialPort::PermissionError &&
            ::access(QFile::encodeName(settings_.device).constData(), R_OK | W_OK) == 0) {
            // We may open it, yet it was refused: another program has it (Qt's lock file, or the tty's exclusive
            // mode), e.g. a second kiosk on the same port. Not a matter of groups.
            reason = QStringLiteral("%1 is in use by another program%2; close that one (a second kiosk on this port?); "
                                    "retrying")
                         .arg(settings_.device, portHolder(settings_.device));
        } else if (port->error() == QSerialPort::PermissionError) {
            reason = QStringLiteral("permission denied on %1: add the kiosk's user to the group that owns it "
                                    "(usually: usermod -aG dialout $USER, then log in again)")
                         .arg(settings_.device);
        } else if (port->error() == QSerialPort::DeviceNotFoundError) {
            reason = QStringLiteral("%1 is not there (unplugged?); retrying").arg(settings_.device);
        } else {
            reason = QStringLiteral("cannot open %1: %2").arg(settings_.device, port->errorString());
        }
        delete port;
        if (reason != lastReason_) {
            lastReason_ = reason;
            emit linkDown(settings_.name, reason);
        }
        scheduleReopen();
        return;
    }
    port_ = port;
    backoffMs_ = 100;
    lastReason_.clear();
    connect(port_, &QSerialPort::readyRead, this, &SerialLink::readAvailable);
    connect(port_, &QSerialPort::errorOccurred, this, [this](QSerialPort::SerialPortError error) {
        if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError) return;
        lose(port_ ? port_->errorString() : QStringLiteral("port error"));
    });
    emit linkUp(settings_.name);
    // Bytes may already be waiting.
    if (port_->bytesAvailable() > 0) readAvailable();
}

void SerialLink::readAvailable() {
    if (!port_) return;
    if (unconsumed_.load() >= kMaxUnconsumed) {
        // The kiosk is behind: leave the bytes where they are (bounded buffers) and look again shortly.
        if (!readLater_->isActive()) readLater_->start(5);
        return;
    }
    QByteArray bytes = port_->read(kReadBuffer);
    if (bytes.isEmpty()) return;
    unconsumed_.fetch_add(bytes.size());
    emit received(settings_.name, clock_.now(), bytes);
    if (port_->bytesAvailable() > 0 && !readLater_->isActive()) readLater_->start(0);
}

void SerialLink::send(const QByteArray& bytes) {
    if (!port_ || bytes.isEmpty()) return;  // the device resends what it does not see acknowledged
    if (port_->bytesToWrite() > kMaxUnsent) {
        noteDropped(bytes.size());
        return;
    }
    if (port_->write(bytes) != bytes.size()) lose(QStringLiteral("write failed: %1").arg(port_->errorString()));
}

void SerialLink::noteDropped(qint64 bytes) {
    droppedReplyBytes_.fetch_add(static_cast<quint64>(bytes));
    droppedSinceNote_ += bytes;
    // Said at most once a minute: a device that never reads would otherwise flood the journal.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (lastDropNoteMs_ >= 0 && now - lastDropNoteMs_ < 60'000) return;
    lastDropNoteMs_ = now;
    std::fprintf(stderr, "lobbywatch: port %s: replies are not being read (%lld bytes waiting to go out); dropped "
                         "%lld bytes of replies, the devices will resend\n",
                 settings_.name.toUtf8().constData(), static_cast<long long>(port_ ? port_->bytesToWrite() : 0),
                 static_cast<long long>(droppedSinceNote_));
    droppedSinceNote_ = 0;
}

void SerialLink::lose(const QString& reason) {
    if (!port_) return;
    // Disconnect first: a vanished pty raises ReadError again and again; one is enough.
    QSerialPort* port = port_;
    port_ = nullptr;
    port->disconnect(this);
    port->close();
    port->deleteLater();
    lastReason_ = QStringLiteral("lost %1: %2").arg(settings_.device, reason);
    emit linkDown(settings_.name, lastReason_);
    backoffMs_ = 100;
    scheduleReopen();
}

void SerialLink::scheduleReopen() {
    if (stopping_ || !reopen_) return;
    reopen_->start(backoffMs_);
    backoffMs_ = std::min(backoffMs_ * 2, 1000);
}

}  // namespace lw::serial
