// Device sessions: resends, gaps, restarts, heartbeats, refusals, health, and frame -> event translation.
#include "intake/DeviceSessions.h"

#include <catch2/catch.hpp>

using namespace lw;
using namespace lw::protocol;
using intake::DeviceSessions;
using intake::Verdict;

namespace {

const std::string kDay = "2026-01-05";
const std::string kNextDay = "2026-01-06";

DecodedFrame frame(int address, int seq, Message m) {
    Frame f{address, seq, std::move(m)};
    std::string bytes = encodeFrame(f);
    return DecodedFrame{f, bytes.substr(0, bytes.size() - 2)};
}

}  // namespace

TEST_CASE("a new event is examined, then recorded; its resend is a duplicate and is ACKed again") {
    DeviceSessions s("counter");
    auto tkt = frame(1, 5, TicketIssued{{'A', 42}, true});
    auto d = s.examine(1000, kDay, tkt);
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

    auto again = s.examine(2000, kDay, tkt);
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
    REQUIRE(s.examine(1, kDay, cal).verdict == Verdict::NewEvent);
    // The same frame again before the log answered: a duplicate, but its ACK must wait for the log.
    auto early = s.examine(2, kDay, cal);
    REQUIRE(early.verdict == Verdict::Duplicate);
    REQUIRE(early.originalPending);
    s.notRecorded(cal);
    auto resent = s.examine(3, kDay, cal);
    REQUIRE(resent.verdict == Verdict::NewEvent);
    REQUIRE_FALSE(resent.gap);
}

TEST_CASE("gaps and sequence resets are counted, and the frames accepted") {
    DeviceSessions s("p");
    auto a = frame(11, 10, WindowOpened{3});
    s.examine(1, kDay, a);
    s.recorded(a);
    auto b = frame(11, 11, Call{3, {'A', 1}});
    REQUIRE_FALSE(s.examine(2, kDay, b).gap);
    s.recorded(b);
    auto c = frame(11, 15, Call{3, {'A', 2}});
    auto dc = s.examine(3, kDay, c);
    REQUIRE(dc.verdict == Verdict::NewEvent);
    REQUIRE(dc.gap);
    s.recorded(c);
    // Wrap-around is not a gap.
    auto w1 = frame(12, 65535, WindowOpened{4});
    s.examine(4, kDay, w1);
    s.recorded(w1);
    REQUIRE_FALSE(s.examine(5, kDay, frame(12, 0, WindowClosed{4})).gap);
    // The device restarted: seq 10 again, other bytes.
    auto restarted = frame(11, 10, WindowClosed{3});
    auto dr = s.examine(6, kDay, restarted);
    REQUIRE(dr.verdict == Verdict::NewEvent);
    REQUIRE(dr.sequenceReset);
    REQUIRE(s.device(11)->gaps == 1);
    REQUIRE(s.device(11)->sequenceResets == 1);
}

TEST_CASE("only the last 32 frames are remembered for resends") {
    DeviceSessions s("p");
    auto first = frame(11, 0, WindowOpened{1});
    s.examine(0, kDay, first);
    s.recorded(first);
    for (int i = 1; i <= 32; ++i) {
        auto f = frame(11, i, Recall{1, {'A', i}});
        s.examine(i, kDay, f);
        s.recorded(f);
    }
    REQUIRE(s.examine(100, kDay, first).verdict == Verdict::NewEvent);  // too old to be a resend: a restart
}

TEST_CASE("heartbeats, unknown types and kiosk messages from a device") {
    DeviceSessions s("p");
    auto hb = s.examine(1000, kDay, frame(2, 1, Heartbeat{DeviceKind::Keypad, 77}));
    REQUIRE(hb.verdict == Verdict::Heartbeat);
    REQUIRE_FALSE(hb.event);
    REQUIRE(std::get<Ack>(hb.reply.message).sequence == 1);
    REQUIRE(s.device(2)->kind == DeviceKind::Keypad);
    REQUIRE(s.device(2)->uptimeS == 77u);

    auto unknown = s.examine(1001, kDay, frame(2, 2, UnknownMessage{"QRY", {"1"}}));
    REQUIRE(unknown.verdict == Verdict::Unsupported);
    REQUIRE(std::get<Nak>(unknown.reply.message).reason == NakReason::Unsupported);
    auto wrong = s.examine(1002, kDay, frame(2, 3, Ack{5}));
    REQUIRE(wrong.verdict == Verdict::WrongDirection);
    REQUIRE(std::get<Nak>(wrong.reply.message).reason == NakReason::BadField);
    REQUIRE(s.device(2)->refused == 2);
}

TEST_CASE("a device is offline 90 s after its last frame") {
    DeviceSessions s("p");
    s.examine(10'000, kDay, frame(2, 1, Heartbeat{DeviceKind::Dispenser, 1}));
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

// ---- restarts and business days: a frame is a resend only within one boot and one business day ----

namespace {

// Examines and (for a new event) records a frame, as the ingestion does after a successful commit.
Verdict take(DeviceSessions& s, lobby::TimeMs at, const std::string& day, const DecodedFrame& f) {
    auto d = s.examine(at, day, f);
    if (d.verdict == Verdict::NewEvent) s.recorded(f);
    return d.verdict;
}

}  // namespace

TEST_CASE("a dispenser restarted across the business-day rollover: its identical first frame is a new ticket") {
    DeviceSessions s("counter");
    auto v001 = frame(1, 0, TicketIssued{{'V', 1}, true});
    REQUIRE(take(s, 1000, kDay, v001) == Verdict::NewEvent);
    REQUIRE(take(s, 2000, kDay, v001) == Verdict::Duplicate);  // the same day: a resend
    // Next morning it was switched on again: seq 0, the same ticket number, the same bytes.
    REQUIRE(take(s, 86'400'000, kNextDay, v001) == Verdict::NewEvent);
    REQUIRE(take(s, 86'401'000, kNextDay, v001) == Verdict::Duplicate);  // and its resend today is one
    REQUIRE(s.device(1)->events == 2);
}

TEST_CASE("a dispenser restarted mid-day announces the power-up; its identical first frames are new") {
    DeviceSessions s("counter");
    auto boot1 = frame(1, 0, BootAnnounce{DeviceKind::Dispenser, 0x1234ABCDu, 2});
    auto v001 = frame(1, 1, TicketIssued{{'V', 1}, true});
    auto bootDecision = s.examine(1000, kDay, boot1);
    REQUIRE(bootDecision.verdict == Verdict::Boot);
    REQUIRE(std::get<Ack>(bootDecision.reply.message).sequence == 0);
    REQUIRE_FALSE(bootDecision.event);
    REQUIRE(take(s, 1100, kDay, v001) == Verdict::NewEvent);
    // The BOT resent (its ACK was lost) is the same boot: the ticket's resend is still a resend.
    REQUIRE(s.examine(1200, kDay, boot1).verdict == Verdict::Boot);
    REQUIRE(s.device(1)->restarts == 0);
    // A power cut; the dispenser comes back with another boot id and the same first frames.
    auto boot2 = frame(1, 0, BootAnnounce{DeviceKind::Dispenser, 0x0BADF00Du, 2});
    REQUIRE(s.examine(5000, kDay, boot2).verdict == Verdict::Boot);
    REQUIRE(take(s, 5100, kDay, v001) == Verdict::NewEvent);
    REQUIRE(take(s, 5200, kDay, v001) == Verdict::Duplicate);
    REQUIRE(s.device(1)->restarts == 1);
    REQUIRE(s.device(1)->events == 2);
    REQUIRE(s.device(1)->revision == 2);
}

TEST_CASE("a revision-1 device that restarted: the heartbeat's uptime going down, or its sequence going back") {
    DeviceSessions s("p");
    auto wop = frame(13, 0, WindowOpened{3});
    REQUIRE(take(s, 1000, kDay, wop) == Verdict::NewEvent);
    REQUIRE(s.examine(2000, kDay, frame(13, 1, Heartbeat{DeviceKind::Keypad, 900})).verdict == Verdict::Heartbeat);
    // Restarted: seq 0 again with the same bytes; not the latest frame (a heartbeat came after it), so not a resend.
    auto again = s.examine(3000, kDay, wop);
    REQUIRE(again.verdict == Verdict::NewEvent);
    REQUIRE(again.sequenceReset);
    s.recorded(wop);
    REQUIRE(s.examine(4000, kDay, frame(13, 1, Heartbeat{DeviceKind::Keypad, 20})).verdict == Verdict::Heartbeat);
    REQUIRE(s.device(13)->restarts == 1);  // 900 s up, then 20 s
    // After the restart its memory is empty: the frames from before are not resends either.
    auto cal = frame(13, 2, Call{3, {'A', 1}});
    REQUIRE(take(s, 5000, kDay, cal) == Verdict::NewEvent);
    REQUIRE(take(s, 5500, kDay, cal) == Verdict::Duplicate);
}

TEST_CASE("only the device's latest frame can be resent (stop-and-wait)") {
    DeviceSessions s("p");
    auto a = frame(11, 0, WindowOpened{1});
    auto b = frame(11, 1, Call{1, {'A', 1}});
    REQUIRE(take(s, 1, kDay, a) == Verdict::NewEvent);
    REQUIRE(take(s, 2, kDay, b) == Verdict::NewEvent);
    // seq 0 with the same bytes after seq 1: the device got the ACK of seq 0 before it sent seq 1, so this is a
    // restarted device, not a resend.
    auto d = s.examine(3, kDay, a);
    REQUIRE(d.verdict == Verdict::NewEvent);
    REQUIRE(d.sequenceReset);
}

TEST_CASE("frames remembered from the log count as resends only on the business day they were logged") {
    // The kiosk restarted; yesterday's and today's logged frames are remembered with their business day.
    DeviceSessions s("counter");
    auto v001 = frame(1, 0, TicketIssued{{'V', 1}, true});
    const int crc = intake::frameCrcOf(v001.raw);
    s.remember(1, 0, crc, kDay);
    REQUIRE(s.examine(86'400'000, kNextDay, v001).verdict == Verdict::NewEvent);

    DeviceSessions today("counter");
    today.remember(1, 0, crc, kNextDay);
    REQUIRE(today.examine(86'400'000, kNextDay, v001).verdict == Verdict::Duplicate);
    // A power-up announced after the kiosk's restart: whatever the log holds is from an earlier boot.
    today.examine(86'401'000, kNextDay, frame(1, 0, BootAnnounce{DeviceKind::Dispenser, 7u, 2}));
    REQUIRE(today.examine(86'402'000, kNextDay, frame(1, 1, TicketIssued{{'V', 1}, true})).verdict == Verdict::NewEvent);
}
