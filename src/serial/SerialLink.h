// One serial port on its own thread: opens it by name, stamps received bytes, reopens it after it is lost.
#pragma once

#include "clock/Clock.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSerialPort>
#include <QString>
#include <QTimer>

#include <atomic>
#include <cstdint>

namespace lw::serial {

struct LinkSettings {
    QString name;    // the config's name for the port, used in the log
    QString device;  // /dev/ttyUSB0
    qint32 baud = 9600;
    QSerialPort::Parity parity = QSerialPort::NoParity;
};

// Lives on a worker thread (see SerialLinkThread); talk to it through queued signals and slots only.
// A lost port -- any resource, read or write error, including the ReadError storm a vanished pty gives -- is
// closed at the first error and reopened by name with backoff (100 ms doubling to 1 s), never in a busy loop.
//
// Every buffer is bounded, so that a line faster than the kiosk, or a device that never reads, cannot grow memory:
// - read side: at most kMaxUnconsumed bytes handed to the kiosk and not yet taken (consumed()); beyond that the
//   link stops reading, QSerialPort's own buffer stops at kReadBuffer, then the kernel's: a pty writer waits, a
//   real line at full speed overruns and the devices resend what was not acknowledged;
// - write side: while more than kMaxUnsent bytes wait to go out, replies are dropped and counted (the device
//   resends and is answered again once it reads).
class SerialLink : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMaxUnconsumed = 256 * 1024;
    static constexpr qint64 kReadBuffer = 64 * 1024;
    static constexpr qint64 kMaxUnsent = 64 * 1024;

    SerialLink(LinkSettings settings, const kiosk::Clock& clock);
    ~SerialLink() override;

    // Thread-safe: the kiosk has taken `bytes` of what received() handed it.
    void consumed(qint64 bytes) { unconsumed_.fetch_sub(bytes); }
    // Thread-safe: replies dropped because the device did not read (bytes), since the start.
    quint64 droppedReplyBytes() const { return droppedReplyBytes_.load(); }

public slots:
    void start();
    void send(const QByteArray& bytes);
    void stop();

signals:
    void received(const QString& port, qint64 atMs, const QByteArray& bytes);
    void linkUp(const QString& port);
    void linkDown(const QString& port, const QString& reason);

private:
    void tryOpen();
    void lose(const QString& reason);
    void readAvailable();
    void scheduleReopen();
    void noteDropped(qint64 bytes);

    LinkSettings settings_;
    const kiosk::Clock& clock_;
    QSerialPort* port_ = nullptr;
    QTimer* reopen_ = nullptr;
    int backoffMs_ = 100;
    bool stopping_ = false;
    QString lastReason_;
    QTimer* readLater_ = nullptr;  // reading paused while the kiosk has kMaxUnconsumed bytes to take
    std::atomic<qint64> unconsumed_{0};
    std::atomic<quint64> droppedReplyBytes_{0};
    qint64 droppedSinceNote_ = 0;
    qint64 lastDropNoteMs_ = -1;
};

}  // namespace lw::serial
