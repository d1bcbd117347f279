// The shared ingestion path: ACK only after the log has the event, resends, rejects, rebuild after restart.
#include "kiosk/Ingest.h"
#include "lobby/LocalTime.h"
#include "DeviceReplies.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

using namespace lw;
using namespace lw::protocol;
using test::repliesIn;

namespace {

lobby::TimeMs at(int seconds) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + seconds * 1000LL; }

struct Rig {
    std::unique_ptr<store::EventStore> store;
    lobby::Lobby lobby{lobby::LobbyConfig{}};
    std::unique_ptr<kiosk::Ingest> ingest;
    explicit Rig(const std::string& name) {
        store = store::EventStore::open(test::freshPath(name), lobby::LobbyConfig{}).store;
        ingest = std::make_unique<kiosk::Ingest>(*store, lobby);
    }
};

}  // namespace

TEST_CASE("events are logged and applied, then ACKed; a new ticket gets 'no estimate' with the people ahead") {
    Rig rig("flow");
    std::string bytes = encodeFrame({1, 1, TicketIssued{{'A', 1}, false}}) + encodeFrame({1, 2, TicketIssued{{'A', 2}, false}}) +
                        encodeFrame({11, 1, WindowOpened{3}});
    rig.ingest->receive("counter", at(0), bytes);
    REQUIRE(rig.store->counts().events == 0);  // nothing before the commit
    kiosk::Replies replies;
    REQUIRE_FALSE(rig.ingest->commit(replies));
    REQUIRE(rig.store->counts().events == 3);
    REQUIRE(rig.lobby.totals().waiting == 2);
    auto out = repliesIn(replies.bytesByPort["counter"]);
    REQUIRE(out.size() == 5);
    REQUIRE(std::get<Ack>(out[0].message).sequence == 1);
    REQUIRE(out[0].address == 1);
    REQUIRE(std::get<NoEstimate>(out[1].message).ahead == 0);
    REQUIRE(std::get<Ack>(out[2].message).sequence == 2);
    REQUIRE(std::get<NoEstimate>(out[3].message).ahead == 1);
    REQUIRE(std::get<NoEstimate>(out[3].message).ticket.label() == "A002");
    REQUIRE(out[4].address == 11);
}

TEST_CASE("with a forecast, a new ticket gets its estimate (EST); a category without one gets ESN") {
    Rig rig("estimate");
    rig.ingest->setIssueEstimates({{"A", 12}});
    kiosk::Replies replies;
    rig.ingest->receive("p", at(0), encodeFrame({1, 1, TicketIssued{{'A', 1}, false}}) + encodeFrame({1, 2, TicketIssued{{'B', 1}, false}}));
    REQUIRE_FALSE(rig.ingest->commit(replies));
    auto out = repliesIn(replies.bytesByPort["p"]);
    REQUIRE(out.size() == 4);
    const auto& est = std::get<WaitEstimate>(out[1].message);
    REQUIRE(est.ticket.label() == "A001");
    REQUIRE(est.minutes == 12);
    REQUIRE(est.ahead == 0);
    REQUIRE(std::holds_alternative<NoEstimate>(out[3].message));
}

TEST_CASE("a call is ACKed and its window's LED display told what to show") {
    Rig rig("led");
    kiosk::Replies replies;
    rig.ingest->receive("p", at(0), encodeFrame({1, 1, TicketIssued{{'A', 42}, false}}) + encodeFrame({13, 7, Call{3, {'A', 42}}}));
    REQUIRE_FALSE(rig.ingest->commit(replies));
    auto out = repliesIn(replies.bytesByPort["p"]);
    REQUIRE(out.size() == 4);
    REQUIRE(out[3].address == 13);
    const auto& led = std::get<LedText>(out[3].message);
    REQUIRE(led.window == 3);
    REQUIRE(led.text == "请 A042 号到 3 号窗口");
    REQUIRE(led.text.size() <= kMaxLedTextBytes);
}

TEST_CASE("a resend of a logged frame is ACKed again and logged once") {
    Rig rig("resend");
    std::string tkt = encodeFrame({1, 1, TicketIssued{{'A', 1}, false}});
    kiosk::Replies replies;
    rig.ingest->receive("p", at(0), tkt);
    rig.ingest->commit(replies);
    replies = {};
    rig.ingest->receive("p", at(2), tkt);
    REQUIRE_FALSE(rig.ingest->commit(replies));
    auto out = repliesIn(replies.bytesByPort["p"]);
    REQUIRE(out.size() == 1);
    REQUIRE(std::get<Ack>(out[0].message).sequence == 1);
    REQUIRE(rig.store->counts().events == 1);
    REQUIRE(rig.lobby.totals().issued == 1);
    REQUIRE(rig.ingest->counters().duplicates == 1);
}

TEST_CASE("when the log is full nothing is ACKed, and the device's resends go in once it has room") {
    Rig rig("full");
    kiosk::Replies replies;
    rig.ingest->receive("p", at(0), encodeFrame({1, 1, TicketIssued{{'A', 1}, false}}));
    REQUIRE_FALSE(rig.ingest->commit(replies));
    rig.store->setMaxPages(8);
    std::string burst;
    for (int i = 2; i < 600; ++i) burst += encodeFrame({1, i, TicketIssued{{'A', i}, false}});
    burst += encodeFrame({1, 600, Heartbeat{DeviceKind::Dispenser, 5}});
    replies = {};
    rig.ingest->receive("p", at(1), burst);
    auto error = rig.ingest->commit(replies);
    REQUIRE(error);
    auto out = repliesIn(replies.bytesByPort["p"]);
    REQUIRE(out.size() == 1);  // only the heartbeat's ACK: it does not depend on the log
    REQUIRE(std::get<Ack>(out[0].message).sequence == 600);
    REQUIRE(rig.lobby.totals().issued == 1);
    REQUIRE(rig.ingest->counters().failedCommits == 1);

    rig.store->setMaxPages(0);
    replies = {};
    rig.ingest->receive("p", at(5), burst);  // the device resends the same bytes
    REQUIRE_FALSE(rig.ingest->commit(replies));
    REQUIRE(rig.store->counts().events == 599);
    REQUIRE(rig.lobby.totals().issued == 599);
    REQUIRE(repliesIn(replies.bytesByPort["p"]).size() == 598 * 2 + 1);  // ACK + ESN per ticket, ACK for the heartbeat
}

TEST_CASE("what the kiosk refuses is logged as a reject with the reason, and NAKed where a device can act") {
    Rig rig("rejects");
    std::string bad = encodeFrame({1, 1, WindowOpened{3}});
    bad[10] = '9';
    std::string unknown = encodeFrame({1, 2, UnknownMessage{"QRY", {}}});
    kiosk::Replies replies;
    rig.ingest->receive("p", at(0), "\x01\x02" + bad + unknown);
    REQUIRE_FALSE(rig.ingest->commit(replies));
    auto rejects = rig.store->rejects(10);
    REQUIRE(rejects.size() == 2);
    REQUIRE(rejects[1].kind == "checksum");
    REQUIRE(rejects[0].kind == "unsupported");
    auto out = repliesIn(replies.bytesByPort["p"]);
    REQUIRE(out.size() == 1);  // no reply to a bad checksum: the device resends
    REQUIRE(std::get<Nak>(out[0].message).reason == NakReason::Unsupported);
    REQUIRE(rig.store->counts().events == 0);
}

TEST_CASE("a restart rebuilds today's lobby from the log, equal to the one that wrote it") {
    QString path = test::freshPath("rebuild");
    lobby::LobbyTotals before;
    {
        auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
        lobby::Lobby lobby{lobby::LobbyConfig{}};
        kiosk::Ingest ingest(*s, lobby);
        std::string bytes;
        int seq = 0;
        bytes += encodeFrame({11, seq++, WindowOpened{1}});
        for (int i = 1; i <= 30; ++i) bytes += encodeFrame({1, seq++, TicketIssued{{'A', i}, i % 7 == 0}});
        for (int i = 1; i <= 12; ++i) {
            bytes += encodeFrame({11, seq++, Call{1, {'A', i}}});
            bytes += encodeFrame({11, seq++, ServiceStarted{1, {'A', i}}});
            bytes += encodeFrame({11, seq++, ServiceFinished{1, {'A', i}}});
        }
        kiosk::Replies replies;
        ingest.receive("p", at(0), bytes);
        REQUIRE_FALSE(ingest.commit(replies));
        before = lobby.totals();
    }
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    lobby::Lobby rebuilt{lobby::LobbyConfig{}};
    REQUIRE(kiosk::rebuildToday(*s, rebuilt, at(60)) == 1 + 30 + 36);
    auto after = rebuilt.totals();
    REQUIRE(after.issued == before.issued);
    REQUIRE(after.waiting == before.waiting);
    REQUIRE(after.finished == before.finished);
    REQUIRE(after.waiting == 18);
}

TEST_CASE("after a restart, a device's resend of a frame logged just before it is ACKed, not logged twice") {
    QString path = test::freshPath("restart");
    std::string tkt = encodeFrame({1, 7, TicketIssued{{'A', 1}, false}});
    {
        auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
        lobby::Lobby lobby{lobby::LobbyConfig{}};
        kiosk::Ingest ingest(*s, lobby);
        kiosk::Replies replies;
        ingest.receive("counter", at(0), tkt);
        REQUIRE_FALSE(ingest.commit(replies));
        // The kiosk dies here: the ACK never left.
    }
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    lobby::Lobby lobby{lobby::LobbyConfig{}};
    kiosk::Ingest ingest(*s, lobby);
    auto today = s->eventsOfDay("2026-01-05");
    REQUIRE(today.at(0).source.frameCrc == intake::frameCrcOf(tkt.substr(0, tkt.size() - 2)));
    for (const auto& e : today) lobby.apply(e);
    ingest.rememberLogged(today);
    kiosk::Replies replies;
    ingest.receive("counter", at(2), tkt);  // the device resends
    REQUIRE_FALSE(ingest.commit(replies));
    REQUIRE(s->counts().events == 1);
    REQUIRE(ingest.counters().duplicates == 1);
    auto out = repliesIn(replies.bytesByPort["counter"]);
    REQUIRE(out.size() == 1);
    REQUIRE(std::get<Ack>(out[0].message).sequence == 7);
    // A different frame with the next number is new.
    ingest.receive("counter", at(3), encodeFrame({1, 8, TicketIssued{{'A', 2}, false}}));
    REQUIRE_FALSE(ingest.commit(replies));
    REQUIRE(s->counts().events == 2);
}

TEST_CASE("a port spewing garbage: 60 rejects a minute are logged one by one, the rest counted in one summary row") {
    Rig rig("garbage");
    std::string bad = encodeFrame({1, 1, TicketIssued{{'A', 1}, false}});
    bad[bad.find('*') + 1] = bad[bad.find('*') + 1] == '0' ? '1' : '0';  // wrong checksum
    std::string flood;
    for (int i = 0; i < 1000; ++i) flood += bad;
    rig.ingest->receive("counter", at(0), flood);
    kiosk::Replies replies;
    REQUIRE_FALSE(rig.ingest->commit(replies));
    REQUIRE(rig.store->counts().rejects == 60);
    REQUIRE(rig.ingest->counters().decodeErrors == 1000);
    REQUIRE(rig.ingest->counters().rejectsSummarised == 940);
    // The next minute a good frame arrives: the summary row goes in with it, and the frame is taken.
    rig.ingest->receive("counter", at(61), encodeFrame({1, 2, TicketIssued{{'A', 2}, false}}));
    REQUIRE_FALSE(rig.ingest->commit(replies));
    REQUIRE(rig.store->counts().rejects == 61);
    REQUIRE(rig.store->counts().events == 1);
    auto rows = rig.store->rejects(100);
    bool summary = false;
    for (const auto& r : rows)
        if (r.kind == "summary") {
            summary = true;
            REQUIRE(r.detail.rfind("940 more", 0) == 0);
        }
    REQUIRE(summary);
}

namespace {

// An event log in memory that refuses batches while `refuse` is set: the ingestion path behind the interface.
struct MemoryLog final : kiosk::EventLog {
    bool refuse = false;
    std::vector<lobby::LobbyEvent> events;
    int appends = 0;
    std::optional<std::string> append(const store::Batch& batch) override {
        ++appends;
        if (refuse) return std::string("disk full (test)");
        events.insert(events.end(), batch.events.begin(), batch.events.end());
        return std::nullopt;
    }
    std::vector<lobby::LobbyEvent> eventsOfDay(const std::string& day) override {
        std::vector<lobby::LobbyEvent> out;
        for (const auto& e : events)
            if (lobby::businessDayOf(e.time, lobby::LobbyConfig{}) == day) out.push_back(e);
        return out;
    }
};

}  // namespace

TEST_CASE("behind the event-log interface: an ACK only for a batch the log took; a refused batch is not ACKed, the "
          "lobby goes back to what the log holds, and the resend goes in once") {
    MemoryLog log;
    lobby::Lobby lobby{lobby::LobbyConfig{}};
    kiosk::Ingest ingest(log, lobby);
    const std::string ticket = encodeFrame({1, 1, TicketIssued{{'A', 1}, false}});
    log.refuse = true;
    ingest.receive("counter", at(0), ticket);
    CHECK(lobby.totals().issued == 1);  // the screens see it at once
    kiosk::Replies replies;
    REQUIRE(ingest.commit(replies) == std::optional<std::string>("disk full (test)"));
    CHECK(repliesIn(replies.bytesByPort["counter"]).empty());  // nothing acknowledged
    CHECK(lobby.totals().issued == 0);                           // rebuilt from what the log holds
    CHECK(log.events.empty());

    log.refuse = false;
    replies = {};
    ingest.receive("counter", at(2), ticket);  // the device resends
    REQUIRE_FALSE(ingest.commit(replies));
    auto out = repliesIn(replies.bytesByPort["counter"]);
    REQUIRE(out.size() == 2);
    CHECK(std::get<Ack>(out[0].message).sequence == 1);
    CHECK(log.events.size() == 1);
    CHECK(lobby.totals().issued == 1);
    CHECK(log.appends == 2);
}
