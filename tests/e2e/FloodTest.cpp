// A fast or misbehaving line: frames as fast as a pty takes them, a device that never reads its replies, a line
// saturated at 115200 baud, and a real stop-and-wait device beside them. The kiosk's memory stays bounded, it keeps
// answering the real device and publishing its status, and every frame it acknowledged is in the log.
// LW_FLOOD_SECONDS sets the flood's length (45 in the regular suite; 600 in flood_test_long, ./run test --long).
#include "E2eSupport.h"

#include <QSet>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace lw;
using namespace lw::test;

namespace {

using protocol::Frame;
using protocol::Heartbeat;
using protocol::TicketIssued;

std::string ticketFor(std::uint64_t n) {
    return protocol::TicketId{'A', static_cast<int>(n % 999) + 1}.label();
}

// A line that sends event frames (and, for a flood, heartbeats of many addresses, garbage and bad checksums) as
// fast as `paceBytesPerS` allows (0: as fast as the pty takes them), reads what comes back when `reads`, and
// remembers which of its event frames were ACKed: (seq, ticket) of device `address`.
struct Flooder {
    Flooder(QString p, int a) : path(std::move(p)), address(a) {}
    QString path;
    int address;
    std::int64_t paceBytesPerS = 0;
    bool reads = true;
    std::atomic<bool> stop{false};
    std::set<std::pair<int, std::string>> acked;  // (seq, ticket or "") of ACKed event frames
    std::uint64_t sentBytes = 0, events = 0, busy = 0;

    void run() {
        int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
        if (fd < 0) return;
        termios t{};
        tcgetattr(fd, &t);
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
        protocol::FrameDecoder decoder;
        std::map<int, std::string> ticketOfSeq;  // the latest event frame sent with each seq
        std::map<int, int> seqOf;                // per address
        std::uint64_t n = 0;
        std::string out;
        const auto begin = std::chrono::steady_clock::now();
        auto next = [&](int addr) { int& s = seqOf[addr]; int v = s; s = (s + 1) % 65536; return v; };
        while (!stop) {
            if (out.empty()) {
                // One round: an event frame, then (for a flood) 24 heartbeats of other addresses, garbage, a bad frame.
                // Every 20th event a new ticket, the others a window opening, pausing and closing in turn: each ticket
                // issued and never called stays in today's lobby (about 2 KB with its alerts), which is the day's
                // data and not a buffer; the window events exercise the same path without piling up customers.
                const int seq = next(address);
                const int window = address - 200;
                Frame f{address, seq, protocol::WindowOpened{window}};
                std::string ticket;
                if (events % 20 == 0) {
                    ticket = ticketFor(events / 20);
                    f.message = TicketIssued{*protocol::TicketId::parse(ticket), false};
                } else if (events % 3 == 1) {
                    f.message = protocol::WindowPaused{window, protocol::PauseReason::Lunch};
                } else if (events % 3 == 2) {
                    f.message = protocol::WindowClosed{window};
                }
                ticketOfSeq[seq] = ticket;
                out += protocol::encodeFrame(f);
                ++events;
                if (paceBytesPerS == 0) {
                    for (int a = 200; a < 224; ++a) out += protocol::encodeFrame(Frame{a, next(a), Heartbeat{protocol::DeviceKind::Keypad, static_cast<std::uint32_t>(n)}});
                    out += "\x01\x02 noise ";
                    out += "$LW1,9,1,WOP,1*0000\r\n";
                }
                ++n;
            }
            if (paceBytesPerS > 0) {
                const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
                if (static_cast<double>(sentBytes) > elapsed * static_cast<double>(paceBytesPerS)) {
                    ::poll(nullptr, 0, 2);
                    goto readBack;
                }
            }
            {
                ssize_t w = ::write(fd, out.data(), out.size());
                if (w > 0) {
                    sentBytes += static_cast<std::uint64_t>(w);
                    out.erase(0, static_cast<std::size_t>(w));
                } else {
                    pollfd p{fd, POLLOUT, 0};
                    ::poll(&p, 1, 5);
                }
            }
        readBack:
            if (!reads) continue;
            char buf[8192];
            ssize_t r;
            while ((r = ::read(fd, buf, sizeof buf)) > 0) {
                std::vector<protocol::DecodeResult> results;
                decoder.feed(std::string_view(buf, static_cast<std::size_t>(r)), results);
                for (auto& res : results) {
                    auto* f = std::get_if<protocol::DecodedFrame>(&res);
                    if (!f || f->frame.address != address) continue;
                    if (auto* ack = std::get_if<protocol::Ack>(&f->frame.message)) {
                        auto it = ticketOfSeq.find(ack->sequence);
                        if (it != ticketOfSeq.end()) acked.insert({ack->sequence, it->second});
                    } else if (std::holds_alternative<protocol::Nak>(f->frame.message)) {
                        ++busy;
                    }
                }
            }
        }
        ::close(fd);
    }
};

long maxOf(const std::vector<long>& v) { return v.empty() ? -1 : *std::max_element(v.begin(), v.end()); }

}  // namespace

TEST_CASE("flood: a pty flood, a saturated 115200 line and a device that never reads; memory bounded, nothing ACKed lost") {
    const int floodS = std::getenv("LW_FLOOD_SECONDS") ? std::atoi(std::getenv("LW_FLOOD_SECONDS")) : 45;
    QString dir = workDir("flood");
    PtyPair flood(workDir("flood-a")), saturated(workDir("flood-b")), deaf(workDir("flood-c")), real(workDir("flood-d"));
    QString db = dir + "/events.db";
    // The kiosk names a --port by its file name: one link per line under a name of its own.
    QStringList ports;
    for (auto [pair, name] : {std::pair{&flood, "flood"}, {&saturated, "saturated"}, {&deaf, "deaf"}, {&real, "real"}}) {
        REQUIRE(QFile::link(pair->kiosk(), dir + "/" + name));
        ports << "--port" << dir + "/" + name;
    }
    QProcess kiosk;
    startKiosk(kiosk, dir, QStringList{"--headless", "--db", db, "--status-every-sim-s", "5"} + ports);
    DeviceEnd device(real.branch());
    std::set<std::pair<int, int>> realAcked;  // (address, seq)
    int seq = 0;
    auto sendReal = [&](int timeoutMs) {
        Frame f{1, seq, TicketIssued{{'B', seq % 999 + 1}, false}};
        bool ok = device.sendAndWait(f, timeoutMs);
        if (ok) {
            realAcked.insert({1, seq});
            seq = (seq + 1) % 65536;
        }
        return ok;
    };
    bool up = false;
    for (int i = 0; i < 20 && !up; ++i) up = sendReal(1000);
    REQUIRE(up);
    QThread::msleep(1000);
    const long startRss = rssKb(kiosk.processId());

    Flooder floodLine{flood.branch(), 250};
    Flooder saturatedLine{saturated.branch(), 251};
    saturatedLine.paceBytesPerS = 11'520;  // 115200 baud, 8N1
    Flooder deafDevice{deaf.branch(), 252};
    deafDevice.paceBytesPerS = 2'000;
    deafDevice.reads = false;
    std::thread t1([&] { floodLine.run(); }), t2([&] { saturatedLine.run(); }), t3([&] { deafDevice.run(); });

    // Meanwhile the real device goes on issuing tickets, stop-and-wait, resending like firmware does.
    std::vector<long> rss;
    int realSent = 0, realAnswered = 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(floodS);
    auto nextSample = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < end) {
        ++realSent;
        for (int attempt = 0; attempt < 3; ++attempt)
            if (sendReal(1000)) {
                ++realAnswered;
                break;
            }
        if (std::chrono::steady_clock::now() >= nextSample) {
            rss.push_back(rssKb(kiosk.processId()));
            nextSample += std::chrono::seconds(1);
        }
        QThread::msleep(500);
    }
    floodLine.stop = saturatedLine.stop = deafDevice.stop = true;
    t1.join();
    t2.join();
    t3.join();
    // Afterwards: the kiosk answers at once, and its memory does not go on growing.
    QThread::msleep(2000);
    rss.push_back(rssKb(kiosk.processId()));
    bool answered = false;
    for (int i = 0; i < 3 && !answered; ++i) answered = sendReal(2000);
    REQUIRE(answered);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(30'000));

    std::printf("flood %d s: rss %ld kB at start, max %ld kB, %ld kB at the end; pty flood %llu bytes, %llu event frames, "
                "%zu ACKed, %llu NAK BUSY; saturated line %zu ACKed; real device %d of %d answered within 3 tries\n",
                floodS, startRss, maxOf(rss), rss.back(), static_cast<unsigned long long>(floodLine.sentBytes),
                static_cast<unsigned long long>(floodLine.events), floodLine.acked.size(),
                static_cast<unsigned long long>(floodLine.busy), saturatedLine.acked.size(), realAnswered, realSent);
    INFO("kiosk stderr: " << readText(dir + "/kiosk.err").left(3000).toStdString());
#if !defined(__SANITIZE_ADDRESS__)
    // (AddressSanitizer holds freed memory in quarantine: RSS says nothing about leaks or growth under it.)
    CHECK(maxOf(rss) - startRss < 20 * 1024);
#endif
    CHECK(floodLine.acked.size() > 100);
    CHECK(saturatedLine.acked.size() > 100);
    // Every frame ACKed on any line is in the log, once.
    std::map<int, std::set<std::pair<int, std::string>>> logged;
    std::map<std::tuple<int, int, QString>, int> rows;
    for (const QString& row : queryLog(db, "SELECT device || ',' || seq || ',' || ifnull(ticket, '') FROM events")) {
        QStringList p = row.split(',');
        logged[p[0].toInt()].insert({p[1].toInt(), p[2].toStdString()});
        ++rows[{p[0].toInt(), p[1].toInt(), p[2]}];
    }
    // (A flooding line's sequence numbers wrap many times in 10 minutes; a window event has no ticket to tell its
    // rounds apart, so once-only is checked on the tickets.)
    for (const auto& [key, count] : rows)
        if (!std::get<2>(key).isEmpty()) REQUIRE(count == 1);
    for (const auto& a : floodLine.acked) REQUIRE(logged[250].count(a) == 1);
    for (const auto& a : saturatedLine.acked) REQUIRE(logged[251].count(a) == 1);
    for (const auto& [address, s] : realAcked) REQUIRE(logged[address].count({s, protocol::TicketId{'B', s % 999 + 1}.label()}) == 1);
    // The screens kept updating: a status line every 5 s with the logged count growing.
    QStringList status = readText(dir + "/kiosk.out").split('\n', Qt::SkipEmptyParts);
    CHECK(status.size() >= floodS / 5 - 1);
}
