// The phone page's connections guarded: counted per address, timed, and each request's head and declared body
// judged as the bytes arrive (see ConnectionGuard.h).
#include "phone/server/ConnectionGuard.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace lw::phone {

RequestStream::Verdict RequestStream::feed(const QByteArray& bytes) {
    qsizetype at = 0;
    while (at < bytes.size()) {
        if (bodyLeft_ > 0) {  // the current request's body: counted past, not looked at
            const qint64 n = std::min<qint64>(bodyLeft_, bytes.size() - at);
            bodyLeft_ -= n;
            at += static_cast<qsizetype>(n);
            continue;
        }
        const qsizetype before = head_.size();
        head_ += bytes.mid(at);
        const qsizetype end = head_.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
        if (end < 0) {
            if (head_.size() > maxHead_) return Verdict::HeadTooLarge;
            return Verdict::Fine;
        }
        if (end > maxHead_) return Verdict::HeadTooLarge;
        const QByteArray head = head_.left(end);
        at += end + 4 - before;  // the rest of this chunk is the body, then the next request
        head_.clear();
        if (const Verdict v = endOfHead(head, bytes.size() - at); v != Verdict::Fine) return v;
    }
    return Verdict::Fine;
}

RequestStream::Verdict RequestStream::endOfHead(const QByteArray& head, qint64 bodyBytesAlreadyHere) {
    qint64 length = 0;
    for (const QByteArray& raw : head.split('\n')) {
        const QByteArray line = raw.trimmed().toLower();
        if (line.startsWith("transfer-encoding:")) return Verdict::Chunked;
        if (!line.startsWith("content-length:")) continue;
        bool ok = false;
        const qint64 n = line.mid(15).trimmed().toLongLong(&ok);
        if (!ok || n < 0) {  // not a number: the HTTP server refuses it; never taken as small here
            refusedLeft_ = 0;
            return Verdict::TooLarge;
        }
        length = std::max(length, n);  // two lengths: the larger counts
    }
    if (length > maxBody_) {
        refusedLeft_ = std::max<qint64>(0, length - bodyBytesAlreadyHere);
        return Verdict::TooLarge;
    }
    bodyLeft_ = length;
    return Verdict::Fine;
}

namespace {

QString addressOf(const QTcpSocket& socket) {
    bool v4 = false;
    const quint32 ip4 = socket.peerAddress().toIPv4Address(&v4);
    return v4 ? QHostAddress(ip4).toString() : socket.peerAddress().toString();
}

void answerAndClose(QTcpSocket* socket, const QByteArray& status, const QByteArray& code, qint64 drain) {
    const QByteArray body = R"({"error":")" + code + R"("})";
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->readAll();
    // The refused body is read and dropped (up to 1 MB) so that the client, still sending, reads the answer;
    // beyond that the connection is cut.
    if (drain > 0 && drain <= 1024 * 1024) {
        socket->setProperty("lw_discard", drain);
        return;
    }
    socket->disconnectFromHost();
}

// One connection's guard: its stream of requests and its one timer (the head's deadline, or the idle limit).
class Guard : public QObject {
public:
    Guard(QTcpSocket* socket, const ConnectionLimits& limits)
        : QObject(socket), socket_(socket), limits_(limits), stream_(limits) {
        timer_.setSingleShot(true);
        QObject::connect(&timer_, &QTimer::timeout, socket_, [s = socket_]() { s->abort(); });
        timer_.start(limits_.headTimeoutMs);  // a connection that says nothing is not kept
    }

    void bytesArrived() {
        if (qint64 discard = socket_->property("lw_discard").toLongLong(); discard > 0) {
            discard -= socket_->readAll().size();
            socket_->setProperty("lw_discard", discard);
            if (discard <= 0) socket_->disconnectFromHost();
            return;
        }
        if (refused_) {
            socket_->readAll();
            return;
        }
        // Only the bytes not yet seen: the HTTP server reads everything that arrived in its own slot, after this one.
        const bool wasMidRequest = stream_.midRequest();
        switch (stream_.feed(socket_->peek(socket_->bytesAvailable()))) {
        case RequestStream::Verdict::Fine:
            break;
        case RequestStream::Verdict::TooLarge:
            refused_ = true;
            answerAndClose(socket_, "413 Payload Too Large", "too_large", stream_.refusedBodyLeft());
            return;
        case RequestStream::Verdict::Chunked:
            refused_ = true;
            answerAndClose(socket_, "411 Length Required", "length_required", 0);
            return;
        case RequestStream::Verdict::HeadTooLarge:
            refused_ = true;
            answerAndClose(socket_, "431 Request Header Fields Too Large", "head_too_large", 0);
            return;
        }
        // A slow request is timed from its first byte (each byte does not buy more time); between requests, idle.
        if (!stream_.midRequest()) {
            timer_.start(limits_.idleTimeoutMs);
        } else if (!wasMidRequest) {
            timer_.start(limits_.headTimeoutMs);
        }
    }

private:
    QTcpSocket* socket_;
    ConnectionLimits limits_;
    RequestStream stream_;
    QTimer timer_;
    bool refused_ = false;
};

}  // namespace

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits& limits, QObject* parent) : QTcpServer(parent), limits_(limits) {
    // Out of file descriptors (or another accept error): Qt stops accepting; accept again a second later rather than
    // leave the page down until the kiosk restarts.
    QObject::connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        QTimer::singleShot(1000, this, [this]() { resumeAccepting(); });
    });
}

void GuardedTcpServer::incomingConnection(qintptr handle) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QString address = addressOf(*socket);
    if (open_ >= limits_.maxConnections || perAddress_.value(address) >= limits_.maxPerAddress) {
        // Over the limit: told so and closed; the HTTP server never sees it.
        const QByteArray body = R"({"error":"busy"})";
        socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    ++open_;
    ++perAddress_[address];
    // Counted out once, when it disconnects or is deleted, whichever comes first.
    auto counted = std::make_shared<bool>(true);
    auto release = [this, address, counted]() {
        if (!*counted) return;
        *counted = false;
        --open_;
        if (--perAddress_[address] <= 0) perAddress_.remove(address);
    };
    QObject::connect(socket, &QTcpSocket::disconnected, this, release);
    QObject::connect(socket, &QObject::destroyed, this, release);
    auto* guard = new Guard(socket, limits_);
    QObject::connect(socket, &QTcpSocket::readyRead, guard, [guard]() { guard->bytesArrived(); });
    addPendingConnection(socket);
}

}  // namespace lw::phone
