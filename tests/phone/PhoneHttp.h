// A small HTTP client for the phone page's tests: one request per connection, the event loop run while it waits
// (the server is on the test's thread).
#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>

namespace lw::test {

// The event loop the server and the client need (Catch's main makes none).
inline void phoneApp() {
    static int argc = 1;
    static char name[] = "phone_test";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
}

struct Http {
    int status = 0;
    QByteArray head, body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray& name) const {
        for (const QByteArray& line : head.split('\n'))
            if (line.toLower().startsWith(name.toLower() + ":")) return line.mid(name.size() + 1).trimmed();
        return {};
    }
};

// One request on its own connection. `headers` are added as given; Host is the server's unless given.
inline Http http(quint16 port, const QByteArray& method, const QByteArray& path, const QByteArray& body = {},
                 const QList<QPair<QByteArray, QByteArray>>& headers = {}) {
    phoneApp();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    QByteArray req = method + " " + path + " HTTP/1.1\r\n";
    bool host = false;
    for (const auto& [k, v] : headers) {
        req += k + ": " + v + "\r\n";
        host = host || k.toLower() == "host";
    }
    if (!host) req += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (method == "POST") req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "Connection: close\r\n\r\n" + body;
    QByteArray got;
    QDeadlineTimer deadline(10'000);
    bool sent = false;
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!sent && s.state() == QAbstractSocket::ConnectedState) {
            s.write(req);
            sent = true;
        }
        got += s.readAll();
        const qsizetype end = got.indexOf("\r\n\r\n");
        if (end >= 0) {
            Http h;
            h.head = got.left(end);
            const QList<QByteArray> first = h.head.split(' ');
            h.status = first.size() > 1 ? first[1].toInt() : 0;
            const int length = h.header("Content-Length").toInt();
            if (got.size() - end - 4 >= length) {
                h.body = got.mid(end + 4, length);
                return h;
            }
        }
        if (sent && s.state() == QAbstractSocket::UnconnectedState && s.bytesAvailable() == 0) break;
        QThread::msleep(2);
    }
    return {};
}

// The page's own Origin, as a browser sends it with the page's POSTs.
inline QByteArray pageOrigin(quint16 port) { return "http://127.0.0.1:" + QByteArray::number(port); }

// A POST from the page itself: JSON, with the page's Origin, and the session cookie when there is one.
inline Http post(quint16 port, const QByteArray& path, const QJsonObject& body, const QByteArray& cookie = {}) {
    QList<QPair<QByteArray, QByteArray>> h{{"Content-Type", "application/json"}, {"Origin", pageOrigin(port)}};
    if (!cookie.isEmpty()) h.append({"Cookie", cookie});
    return http(port, "POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

inline Http get(quint16 port, const QByteArray& path, const QByteArray& cookie = {}) {
    QList<QPair<QByteArray, QByteArray>> h;
    if (!cookie.isEmpty()) h.append({"Cookie", cookie});
    return http(port, "GET", path, {}, h);
}

// "lw_session=TOKEN" from a sign-in's Set-Cookie.
inline QByteArray cookieOf(const Http& h) { return h.header("Set-Cookie").split(';').first(); }

}  // namespace lw::test
