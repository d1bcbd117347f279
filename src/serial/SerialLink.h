// One serial port on its own thread: opens it by name, stamps received bytes, reopens it after it is lost.
#pragma once

#include "Clock.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSerialPort>
#include <QString>
#include <QTimer>

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
class SerialLink : public QObject {
    Q_OBJECT

public:
    SerialLink(LinkSettings settings, const kiosk::Clock& clock);
    ~SerialLink() override;

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

    LinkSettings settings_;
    const kiosk::Clock& clock_;
    QSerialPort* port_ = nullptr;
    QTimer* reopen_ = nullptr;
    int backoffMs_ = 100;
    bool stopping_ = false;
    QString lastReason_;
};

}  // namespace lw::serial
