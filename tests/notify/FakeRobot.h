// A chat robot for the webhook's tests: a small HTTP server on 127.0.0.1 that records each request and answers
// from a script (then {"errcode":0}); it can go down (refusing connections) and come back on the same port, or
// hold requests without answering.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTcpServer>
#include <QTcpSocket>

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lw::test {

// Runs the event loop until `done` says so (true) or `ms` have passed (false): the sender and the kiosk work on
// threads and timers of their own.
inline bool waitUntil(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}


struct RobotRequest {
    std::string method, target, body, contentType;
};

class FakeRobot {
public:
    FakeRobot() {
        QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                open_.insert(s);
                QObject::connect(s, &QObject::destroyed, &server_, [this, s] { open_.erase(s); });
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { read(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        up();
    }

    void up() {
        if (server_.isListening()) return;
        if (!server_.listen(QHostAddress::LocalHost, port_)) throw std::runtime_error("the fake robot cannot listen");
        port_ = server_.serverPort();
    }
    // Down: not listening, and the connections it had are cut (a client's kept-alive one answers nothing more).
    void down() {
        server_.close();
        const auto open = open_;
        for (QTcpSocket* s : open) s->abort();
    }
    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

    // The next answers, in order: HTTP status and body.
    void script(std::vector<std::pair<int, std::string>> answers) { answers_.assign(answers.begin(), answers.end()); }
    void hold(bool holding) { hold_ = holding; }
    const std::vector<RobotRequest>& requests() const { return requests_; }

private:
    void read(QTcpSocket* s) {
        if (!server_.isListening()) {
            s->abort();
            return;
        }
        QByteArray& buffer = buffers_[s];
        buffer += s->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        const QByteArray head = buffer.left(headerEnd);
        qsizetype length = 0;
        QByteArray contentType;
        for (const QByteArray& line : head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:")) length = l.mid(15).trimmed().toInt();
            if (l.toLower().startsWith("content-type:")) contentType = l.mid(13).trimmed();
        }
        if (buffer.size() < headerEnd + 4 + length) return;
        const QList<QByteArray> first = head.left(head.indexOf("\r\n")).split(' ');
        requests_.push_back({first.value(0).toStdString(), first.value(1).toStdString(),
                             buffer.mid(headerEnd + 4, length).toStdString(), contentType.toStdString()});
        buffers_.erase(s);
        if (hold_) return;  // never answered: the sender's timeout ends it
        int status = 200;
        std::string body = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        if (!answers_.empty()) {
            status = answers_.front().first;
            body = answers_.front().second;
            answers_.pop_front();
        }
        const QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
                               "Content-Length: " + QByteArray::number(static_cast<int>(body.size())) +
                               "\r\nConnection: close\r\n\r\n" + QByteArray::fromStdString(body);
        s->write(out);
        s->disconnectFromHost();
    }

    QTcpServer server_;
    std::uint16_t port_ = 0;
    std::deque<std::pair<int, std::string>> answers_;
    bool hold_ = false;
    std::vector<RobotRequest> requests_;
    std::map<QTcpSocket*, QByteArray> buffers_;
    std::set<QTcpSocket*> open_;
};

}  // namespace lw::test
