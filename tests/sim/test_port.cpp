// lobbywatch-sim --port over a socat pty pair, with the test playing the kiosk: ACKs, order, re-sends, reconnects.
#include "protocol/Codec.h"
#include "sim/SerialLine.h"
#include "SimRun.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <csignal>
#include <fstream>
#include <map>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace lw::protocol;
using Clock = std::chrono::steady_clock;

namespace {

pid_t spawn(std::vector<std::string> args) {
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

bool exists(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0;
}

// One socat pair; `a` is the simulator's end, `b` the kiosk's.
struct PtyPair {
    std::string a, b;
    pid_t pid = -1;
    void start() {
        pid = spawn({"socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b});
        for (int i = 0; i < 200 && !(exists(a) && exists(b)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE((exists(a) && exists(b)));
    }
    void stop() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
        pid = -1;
        for (int i = 0; i < 100 && (exists(a) || exists(b)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ~PtyPair() { stop(); }
};

struct Arrival {
    Clock::time_point at;
    int sequence;
    std::string raw;
};

struct Kiosk {
    lw::sim::SerialPort port;
    FrameDecoder decoder;
    std::map<int, std::vector<Arrival>> byDevice;
    int kioskSequence = 0;
    int acks = 0;
    bool withholdFirstTicket = true;
    std::string withheld;      // raw bytes of the frame left un-ACKed once
    Clock::time_point withheldAt;
    explicit Kiosk(const std::string& path) : port(path, 9600) {}

    bool open() {
        std::string error;
        return port.open(error);
    }
    // Reads for up to `ms`; false when the port went away.
    bool pump(int ms) {
        std::string bytes;
        if (!port.read(bytes, ms)) return false;
        std::vector<DecodeResult> results;
        decoder.feed(bytes, results);
        for (const auto& r : results) {
            const auto* f = std::get_if<DecodedFrame>(&r);
            if (!f) continue;
            byDevice[f->frame.address].push_back(Arrival{Clock::now(), f->frame.sequence, f->raw});
            if (withholdFirstTicket && std::holds_alternative<TicketIssued>(f->frame.message)) {
                withholdFirstTicket = false;
                withheld = f->raw;
                withheldAt = Clock::now();
                continue;
            }
            ++acks;
            port.write(encodeFrame(Frame{f->frame.address, kioskSequence, Ack{f->frame.sequence}}));
            kioskSequence = (kioskSequence + 1) % (kMaxSequence + 1);
        }
        return true;
    }
};

int lines(const std::string& path) {
    std::ifstream in(path);
    int n = 0;
    for (std::string l; std::getline(in, l);) ++n;
    return n;
}

// Each device's frames arrive in sequence order; a repeat is always the same bytes as the frame before it.
int checkOrder(const Kiosk& kiosk) {
    int distinct = 0;
    for (const auto& [address, arrivals] : kiosk.byDevice) {
        INFO("device " << address);
        int expected = 0;
        std::string last;
        for (const auto& a : arrivals) {
            if (a.raw == last) continue;
            CHECK(a.sequence == expected);
            expected = a.sequence + 1;
            last = a.raw;
            ++distinct;
        }
    }
    return distinct;
}

}  // namespace

TEST_CASE("--port: frames arrive in order, an un-ACKed frame comes again with the same bytes") {
    const std::string dir = simtest::tmp();
    const std::string acked = dir + "/acked-in-order.csv";
    std::remove(acked.c_str());
    PtyPair pty{dir + "/a", dir + "/b"};
    pty.start();
    Kiosk kiosk(pty.b);
    REQUIRE(kiosk.open());
    const pid_t sim = spawn({simtest::binary(), "--profile", "small", "--seed", "3", "--start", "09:00", "--until", "09:15",
                             "--speed", "300", "--quiet", "--port", pty.a, "--acked", acked});
    int status = -1;
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline) {
        REQUIRE(kiosk.pump(20));
        if (waitpid(sim, &status, WNOHANG) == sim) break;
    }
    if (Clock::now() >= deadline) kill(sim, SIGKILL);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    REQUIRE(!kiosk.withheld.empty());
    // The same bytes came again about a second later, and nothing else from that device came in between.
    const int address = decodeLine(kiosk.withheld).index() == 0 ? std::get<DecodedFrame>(decodeLine(kiosk.withheld)).frame.address : -1;
    const auto& arrivals = kiosk.byDevice[address];
    std::size_t first = 0;
    while (first < arrivals.size() && arrivals[first].raw != kiosk.withheld) ++first;
    REQUIRE(first + 1 < arrivals.size());
    CHECK(arrivals[first + 1].raw == kiosk.withheld);
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(arrivals[first + 1].at - arrivals[first].at).count();
    CHECK(gap >= 900);
    CHECK(gap < 3000);

    const int distinct = checkOrder(kiosk);
    CHECK(distinct > 100);  // heartbeats of four devices for 15 minutes, window opens, a few tickets
    CHECK(lines(acked) == distinct);
    CHECK(kiosk.acks == distinct);
}

TEST_CASE("--port: the simulator survives the port vanishing and resends what was not ACKed") {
    const std::string dir = simtest::tmp();
    const std::string acked = dir + "/acked-reconnect.csv";
    std::remove(acked.c_str());
    PtyPair pty{dir + "/a", dir + "/b"};
    pty.start();
    auto kiosk = std::make_unique<Kiosk>(pty.b);
    kiosk->withholdFirstTicket = false;
    REQUIRE(kiosk->open());
    const pid_t sim = spawn({simtest::binary(), "--profile", "small", "--seed", "5", "--start", "09:00", "--until", "09:20",
                             "--speed", "400", "--port", pty.a, "--acked", acked});
    int status = -1;
    bool restarted = false;
    const auto begin = Clock::now();
    const auto deadline = begin + std::chrono::seconds(25);
    while (Clock::now() < deadline) {
        if (!kiosk->pump(20)) {
            kiosk->port.close();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            kiosk->open();
        }
        if (!restarted && Clock::now() - begin > std::chrono::milliseconds(1200)) {
            // socat restarted: both ends vanish and come back as new ptys under the same names.
            restarted = true;
            kiosk->port.close();
            pty.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            pty.start();
            REQUIRE(kiosk->open());
            kiosk->decoder.reset();
        }
        if (waitpid(sim, &status, WNOHANG) == sim) break;
    }
    if (Clock::now() >= deadline) kill(sim, SIGKILL);
    REQUIRE(restarted);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const int distinct = checkOrder(*kiosk);  // no device lost a frame across the restart
    CHECK(distinct > 100);
    CHECK(lines(acked) == distinct);
}
