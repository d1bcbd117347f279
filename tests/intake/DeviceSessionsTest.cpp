// Device sessions: resends, gaps, restarts, heartbeats, refusals, health, and frame -> event translation.
#include "DeviceSessions.h"

#include <catch2/catch.hpp>

using namespace lw;
using namespace lw::protocol;
using intake::DeviceSessions;
using intake::Verdict;

namespace {

DecodedFrame frame(int address, int seq, Message m) {
    Frame f{address, seq, std::move(m)};
    std::string bytes = encodeFrame(f);
    return DecodedFrame{f, bytes.substr(0, bytes.size() - 2)};
}

}  // namespace

TEST_CASE("a new event is examined, then recorded; its resend is a duplicate and is ACKed again") {
    DeviceSessions s("counter");
    auto tkt = frame(1, 5, TicketIssued{{'A', 42}, true});
    auto d = s.examine(1000, tkt);
    REQUIRE(d.verdict == Verdict::NewEvent);
    REQUIRE(d.event);
    REQUIRE(d.event->kind == lobby::EventKind::Issued);
    REQUIRE(d.event->ticket == "A042");
    REQUIRE(d.event->category == "A");
    REQUIRE(d.event->priority);
    REQUIRE(d.event->time == 1000);
    REQUIRE(d.event->source.port == "counter");
    REQUIRE(d.event->source.device == 1);
    REQUIRE(d.event->source.sequence == 5);
    REQUIRE(std::get<Ack>(d.reply.message).sequence == 5);
    REQUIRE(d.reply.address == 1);
    s.recorded(tkt);

    auto again = s.examine(2000, tkt);
    REQUIRE(again.verdict == Verdict::Duplicate);
    REQUIRE_FALSE(again.originalPending);
    REQUIRE_FALSE(again.event);
    REQUIRE(std::get<Ack>(again.reply.message).sequence == 5);
    REQUIRE(s.device(1)->resends == 1);
    REQUIRE(s.device(1)->events == 1);
    REQUIRE(s.device(1)->kind == DeviceKind::Dispenser);
}

TEST_CASE("a frame the log could not take is new again when resent") {
    DeviceSessions s("p");
    auto cal = frame(11, 1, Call{3, {'A', 1}});
    REQUIRE(s.examine(1, cal).verdict == Verdict::NewEvent);
    // The same frame again before the log answered: a duplicate, but its ACK must wait for the log.
    auto early = s.examine(2, cal);
    REQUIRE(early.verdict == Verdict::Duplicate);
    REQUIRE(early.originalPending);
    s.notRecorded(cal);
    auto resent = s.examine(3, cal);
    REQUIRE(resent.verdict == Verdict::NewEvent);
    REQUIRE_FALSE(resent.gap);
}

TEST_CASE("gaps and sequence resets are counted, and the frames accepted") {
    DeviceSessions s("p");
    auto a = frame(11, 10, WindowOpened{3});
    s.examine(1, a);
    s.recorded(a);
    auto b = frame(11, 11, Call{3, {'A', 1}});
    REQUIRE_FALSE(s.examine(2, b).gap);
    s.recorded(b);
    auto c = frame(11, 15, Call{3, {'A', 2}});
    auto dc = s.examine(3, c);
    REQUIRE(dc.verdict == Verdict::NewEvent);
    REQUIRE(dc.gap);
    s.recorded(c);
    // Wrap-around is not a gap.
    auto w1 = frame(12, 65535, WindowOpened{4});
    s.examine(4, w1);
    s.recorded(w1);
    REQUIRE_FALSE(s.examine(5, frame(12, 0, WindowClosed{4})).gap);
    // The device restarted: seq 10 again, other bytes.
    auto restarted = frame(11, 10, WindowClosed{3});
    auto dr = s.examine(6, restarted);
    REQUIRE(dr.verdict == Verdict::NewEvent);
    REQUIRE(dr.sequenceReset);
    REQUIRE(s.device(11)->gaps == 1);
    REQUIRE(s.device(11)->sequenceResets == 1);
}

TEST_CASE("only the last 32 frames are remembered for resends") {
    DeviceSessions s("p");
    auto first = frame(11, 0, WindowOpened{1});
    s.examine(0, first);
    s.recorded(first);
    for (int i = 1; i <= 32; ++i) {
        auto f = frame(11, i, Recall{1, {'A', i}});
        s.examine(i, f);
        s.recorded(f);
    }
    REQUIRE(s.examine(100, first).verdict == Verdict::NewEvent);  // too old to be a resend: a restart
}

TEST_CASE("heartbeats, unknown types and kiosk messages from a device") {
    DeviceSessions s("p");
    auto hb = s.examine(1000, frame(2, 1, Heartbeat{DeviceKind::Keypad, 77}));
    REQUIRE(hb.verdict == Verdict::Heartbeat);
    REQUIRE_FALSE(hb.event);
    REQUIRE(std::get<Ack>(hb.reply.message).sequence == 1);
    REQUIRE(s.device(2)->kind == DeviceKind::Keypad);
    REQUIRE(s.device(2)->uptimeS == 77u);

    auto unknown = s.examine(1001, frame(2, 2, UnknownMessage{"QRY", {"1"}}));
    REQUIRE(unknown.verdict == Verdict::Unsupported);
    REQUIRE(std::get<Nak>(unknown.reply.message).reason == NakReason::Unsupported);
    auto wrong = s.examine(1002, frame(2, 3, Ack{5}));
    REQUIRE(wrong.verdict == Verdict::WrongDirection);
    REQUIRE(std::get<Nak>(wrong.reply.message).reason == NakReason::BadField);
    REQUIRE(s.device(2)->refused == 2);
}

TEST_CASE("a device is offline 90 s after its last frame") {
    DeviceSessions s("p");
    s.examine(10'000, frame(2, 1, Heartbeat{DeviceKind::Dispenser, 1}));
    REQUIRE(s.device(2)->online(10'000 + 89'999));
    REQUIRE_FALSE(s.device(2)->online(10'000 + 90'000));
    REQUIRE(s.device(3) == nullptr);
}

TEST_CASE("every device message translates to its lobby event") {
    using lobby::EventKind;
    auto ev = [](Message m) { return *intake::toLobbyEvent(Frame{7, 1, std::move(m)}, 5, "p"); };
    REQUIRE(ev(Call{3, {'B', 7}}).kind == EventKind::Called);
    REQUIRE(ev(Call{3, {'B', 7}}).window == 3);
    REQUIRE(ev(Recall{3, {'B', 7}}).kind == EventKind::Recalled);
    REQUIRE(ev(NoShow{3, {'B', 7}}).kind == EventKind::NoShow);
    REQUIRE(ev(ServiceStarted{3, {'B', 7}}).kind == EventKind::Started);
    REQUIRE(ev(ServiceFinished{3, {'B', 7}}).ticket == "B007");
    auto t = ev(Transfer{3, {'A', 9}, 'B', 5});
    REQUIRE(t.kind == EventKind::Transferred);
    REQUIRE(t.category == "B");
    REQUIRE(t.toWindow == 5);
    REQUIRE(ev(Transfer{3, {'A', 9}, std::nullopt, 5}).category.empty());
    REQUIRE(ev(WindowPaused{4, PauseReason::Lunch}).detail == "LUNCH");
    REQUIRE(ev(WindowOpened{4}).kind == EventKind::WindowOpen);
    REQUIRE(ev(WindowClosed{4}).kind == EventKind::WindowClose);
    auto d = ev(DispenserStatus{DispenserState::PaperOut});
    REQUIRE(d.kind == EventKind::DeviceStatus);
    REQUIRE(d.detail == "PAPER_OUT");
    REQUIRE(d.source.device == 7);
    REQUIRE_FALSE(intake::toLobbyEvent(Frame{7, 1, Heartbeat{}}, 5, "p"));
    REQUIRE_FALSE(intake::toLobbyEvent(Frame{7, 1, Ack{1}}, 5, "p"));
}
