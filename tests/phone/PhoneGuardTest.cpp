// The phone page against a hostile client on the branch network: a body's declared length judged however the head
// is split or requests follow one another on a connection, and connections limited in number, per address and in
// time (a slowloris), with the page answering a phone afterwards.
#include "PhoneHttp.h"

#include "phone/server/ConnectionGuard.h"
#include "phone/server/PhoneServer.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace lw;
using namespace lw::test;
using lw::phone::PhoneServer;
using lw::phone::RequestStream;

namespace {

phone::PhoneHooks hooks(int* signIns) {
    phone::PhoneHooks h;
    h.staff = []() { return std::vector<std::string>{"王芳"}; };
    h.signIn = [signIns](const std::string&, const std::string&, const std::string&) {
        ++*signIns;
        return phone::SignInAnswer{};
    };
    h.lockedForMin = []() { return 0; };
    h.language = []() { return QStringLiteral("zh_CN"); };
    return h;
}

phone::PhoneConfig local() {
    phoneApp();
    phone::PhoneConfig c;
    c.address = "127.0.0.1";
    c.port = 0;
    return c;
}

void pump(int ms) {
    QDeadlineTimer until(ms);
    while (!until.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(2);
    }
}

// A raw connection from `from` (127.0.0.x), connected before it returns (a plain socket bound to that source
// address, then handed to a QTcpSocket).
std::unique_ptr<QTcpSocket> connectFrom(quint16 port, const char* from = "127.0.0.1") {
    auto s = std::make_unique<QTcpSocket>();
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &source.sin_addr);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
        if (fd >= 0) ::close(fd);
        return s;
    }
    s->setSocketDescriptor(fd);
    pump(20);
    return s;
}

// What came back on `s` until it closed or `ms` passed.
QByteArray answerOn(QTcpSocket& s, int ms) {
    QByteArray got;
    QDeadlineTimer until(ms);
    while (!until.hasExpired()) {
        pump(5);
        got += s.readAll();
        if (s.state() == QAbstractSocket::UnconnectedState) break;
    }
    return got + s.readAll();
}

QByteArray headOf(quint16 port, const QByteArray& method, const QByteArray& path) {
    const QByteArray host = "127.0.0.1:" + QByteArray::number(port);
    return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
}

}  // namespace

TEST_CASE("phone guard: a request's declared body is judged however its head arrives, on every request of a connection") {
    RequestStream::Verdict v{};
    phone::ConnectionLimits limits;
    {  // in pieces: the length comes after a first part of the head
        RequestStream s(limits);
        CHECK(s.feed("POST /api/signin HTTP/1.1\r\nHost: a\r\n") == RequestStream::Verdict::Fine);
        CHECK(s.midRequest());
        CHECK(s.feed("Content-Le") == RequestStream::Verdict::Fine);
        v = s.feed("ngth: 50000000\r\n\r\nxxxx");
        CHECK(v == RequestStream::Verdict::TooLarge);
        CHECK(s.refusedBodyLeft() == 50'000'000 - 4);
    }
    {  // a small request, then in the same bytes a big one
        RequestStream s(limits);
        v = s.feed("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 4097\r\n\r\n");
        CHECK(v == RequestStream::Verdict::TooLarge);
    }
    {  // byte by byte, and a body counted past (its bytes are not taken for a head)
        RequestStream s(limits);
        const QByteArray two = "POST /a HTTP/1.1\r\ncontent-length: 24\r\n\r\nContent-Length: 9999999\r\nGET / HTTP/1.1\r\n\r\n";
        for (char c : two) REQUIRE(s.feed(QByteArray(1, c)) == RequestStream::Verdict::Fine);
        CHECK_FALSE(s.midRequest());
    }
    {
        RequestStream s(limits);
        CHECK(s.feed("POST / HTTP/1.1\r\nContent-Length: 10\r\nContent-Length: 99999\r\n\r\n") == RequestStream::Verdict::TooLarge);
    }
    {
        RequestStream s(limits);
        CHECK(s.feed("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n") == RequestStream::Verdict::TooLarge);
    }
    {
        RequestStream s(limits);
        CHECK(s.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == RequestStream::Verdict::Chunked);
    }
    {
        RequestStream s(limits);
        CHECK(s.feed("GET / HTTP/1.1\r\nX: " + QByteArray(20'000, 'a')) == RequestStream::Verdict::HeadTooLarge);
    }
}

TEST_CASE("phone guard: a big body whose length comes in a later packet, or on a pipelined request, is refused unread") {
    int signIns = 0;
    PhoneServer s(local(), hooks(&signIns));
    REQUIRE(s.start());
    const quint16 port = s.port();
    const QByteArray rest = "Origin: http://127.0.0.1:" + QByteArray::number(port) +
                            "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n";
    {  // the head in two packets: the first ends before Content-Length
        auto c = connectFrom(port);
        c->write(headOf(port, "POST", "/api/signin"));
        c->flush();
        pump(200);
        c->write(rest + QByteArray(256 * 1024, 'x'));
        const QByteArray answer = answerOn(*c, 5000);
        CHECK(answer.startsWith("HTTP/1.1 413"));
    }
    {  // a GET, then on the same connection a POST declaring 50 MB
        auto c = connectFrom(port);
        c->write(headOf(port, "GET", "/api/state") + "\r\n" + headOf(port, "POST", "/api/signin") + rest +
                 QByteArray(256 * 1024, 'x'));
        const QByteArray answer = answerOn(*c, 5000);
        CHECK(answer.contains("HTTP/1.1 413"));
    }
    CHECK(signIns == 0);
    CHECK(get(port, "/api/state").status == 200);
}

TEST_CASE("phone guard: connections are limited in all and per address, a slow or silent one is cut, and the page goes on") {
    int signIns = 0;
    PhoneServer s(local(), hooks(&signIns));
    phone::ConnectionLimits limits;
    limits.maxConnections = 6;
    limits.maxPerAddress = 4;
    limits.headTimeoutMs = 1500;
    limits.idleTimeoutMs = 1500;
    s.setConnectionLimits(limits);
    REQUIRE(s.start());
    const quint16 port = s.port();

    // Four from one address are held; a fifth from it is told 503 and closed.
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 4; ++i) held.push_back(connectFrom(port, "127.0.0.2"));
    pump(50);
    QElapsedTimer took;
    took.start();
    auto fifth = connectFrom(port, "127.0.0.2");
    CHECK(answerOn(*fifth, 2000).startsWith("HTTP/1.1 503"));
    INFO("the fifth's answer took " << took.elapsed() << " ms");
    CHECK(s.openConnections() == 4);
    // Two more from another address fill the kiosk's limit; a phone then waits for a slot.
    held.push_back(connectFrom(port, "127.0.0.3"));
    held.push_back(connectFrom(port, "127.0.0.3"));
    pump(50);
    auto phone = connectFrom(port);
    const QByteArray busy = answerOn(*phone, 2000);
    INFO(busy.toStdString());
    CHECK(s.openConnections() == 6);
    CHECK(busy.startsWith("HTTP/1.1 503"));

    // A slowloris: one byte of a head every 50 ms is cut at the head's deadline (1.5 s from its first byte), however
    // many bytes it sends; a silent connection is cut too.
    held.clear();
    pump(100);
    auto silent = connectFrom(port, "127.0.0.5");
    auto slow = connectFrom(port, "127.0.0.4");
    REQUIRE(slow->state() == QAbstractSocket::ConnectedState);
    const QByteArray head = headOf(port, "GET", "/api/state") + "X-Pad: " + QByteArray(400, 'a');
    QDeadlineTimer giveUp(15'000);
    int sent = 0;
    while (slow->state() == QAbstractSocket::ConnectedState && !giveUp.hasExpired() && sent < head.size()) {
        slow->write(head.mid(sent++, 1));
        pump(50);
    }
    CHECK(slow->state() != QAbstractSocket::ConnectedState);
    CHECK(sent < head.size());  // cut before its head was whole
    answerOn(*silent, 5000);
    CHECK(silent->state() != QAbstractSocket::ConnectedState);

    // A phone asks as before, and many requests one after another are each counted out again.
    for (int i = 0; i < 30; ++i) REQUIRE(get(port, "/api/state").status == 200);
    CHECK(s.openConnections() <= 1);
}
