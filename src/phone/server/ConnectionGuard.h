// The phone page's connections, guarded before the HTTP server reads them: how many are open, how long a request's
// head may take, how big a body may be (judged as the bytes arrive, however a head is split or requests follow
// each other on one connection), so that one client on the branch network can neither fill the kiosk's memory nor
// hold its sockets and file descriptors, which the serial ports and the log need too.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QTcpServer>

namespace lw::phone {

struct ConnectionLimits {
    int maxConnections = 64;       // open at once, every phone together
    int maxPerAddress = 16;        // from one address (a browser opens at most 6)
    int headTimeoutMs = 10'000;    // from a connection's start, or a request's first byte, to the end of its head
    int idleTimeoutMs = 30'000;    // a connection that sends nothing for this long after a request (the page asks every 3 s)
    qint64 maxBodyBytes = 4096;    // a declared body over this is refused (413) before it is read
    qint64 maxHeadBytes = 16'384;  // a head over this is refused (431)
};

// One connection's bytes, request after request: each request's head gathered whole however it arrives, its
// declared body then counted past, so that the next request's head (pipelined) is judged too. Plain logic over bytes.
class RequestStream {
public:
    enum class Verdict { Fine, TooLarge, Chunked, HeadTooLarge };

    explicit RequestStream(const ConnectionLimits& limits) : maxBody_(limits.maxBodyBytes), maxHead_(limits.maxHeadBytes) {}
    // The bytes that arrived next; the first refusal found (the stream is then of no further use).
    Verdict feed(const QByteArray& bytes);
    // Part of a request has come and not all of it, head and declared body (a slow sender is timed from its first
    // byte).
    bool midRequest() const { return !head_.isEmpty() || bodyLeft_ > 0; }
    // After TooLarge: the body's bytes the refused request declared that have not come yet.
    qint64 refusedBodyLeft() const { return refusedLeft_; }

private:
    Verdict endOfHead(const QByteArray& head, qint64 bodyBytesAlreadyHere);

    qint64 maxBody_, maxHead_;
    QByteArray head_;        // the current request's head so far
    qint64 bodyLeft_ = 0;    // of the current request's body, still to come
    qint64 refusedLeft_ = 0;
};

// The listening socket of the phone page: each connection counted and timed, its bytes judged by a RequestStream
// before the HTTP server (which keeps a request's bytes in memory until it is whole) reads them.
class GuardedTcpServer : public QTcpServer {
public:
    GuardedTcpServer(const ConnectionLimits& limits, QObject* parent);
    int open() const { return open_; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    ConnectionLimits limits_;
    int open_ = 0;
    QHash<QString, int> perAddress_;
};

}  // namespace lw::phone
