// The log on its writer thread: jobs in order on a thread of their own, the commit in two halves (ACKs only for
// the batch that went in, what arrived meanwhile waits for its own commit), incidents written there.
#include "store/EventStore.h"
#include "kiosk/IncidentLog.h"
#include "kiosk/Ingest.h"
#include "lobby/LocalTime.h"
#include "store/LogWriter.h"
#include "DeviceReplies.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace lw;
using namespace lw::protocol;
using test::repliesIn;

namespace {

lobby::TimeMs at(int seconds) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + seconds * 1000LL; }

std::vector<int> ackedSequences(const std::string& bytes) {
    std::vector<int> acked;
    for (const auto& f : repliesIn(bytes))
        if (const auto* a = std::get_if<Ack>(&f.message)) acked.push_back(a->sequence);
    return acked;
}

std::string ticket(int seq) { return encodeFrame({1, seq, TicketIssued{{'A', seq}, false}}); }

}  // namespace

TEST_CASE("the writer thread runs its jobs in order, on one thread that is not the caller's; run() waits for its "
          "job; the writer finishes what was posted before it stops") {
    const QString path = test::freshPath("log_writer");
    auto opened = store::EventStore::open(path, lobby::LobbyConfig{});
    REQUIRE(opened.store);
    std::vector<int> order;
    std::atomic<int> ran{0};
    std::thread::id writerThread;
    {
        store::LogWriter writer(std::move(opened.store));
        std::atomic<bool> release{false};
        // A slow commit (a long fsync) holds only the writer thread: the caller goes on.
        writer.post([&](store::EventStore&) {
            writerThread = std::this_thread::get_id();
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            order.push_back(1);
            ++ran;
        });
        for (int i = 2; i <= 5; ++i)
            writer.post([&order, &ran, i](store::EventStore& s) {
                store::Batch b;
                lobby::LobbyEvent e;
                e.time = at(i);
                e.kind = lobby::EventKind::Issued;
                e.ticket = "A00" + std::to_string(i);
                e.category = "A";
                e.source = {"p", 1, i};
                b.events.push_back(e);
                REQUIRE_FALSE(s.append(b));
                order.push_back(i);
                ++ran;
            });
        CHECK(ran == 0);               // posting did not wait
        CHECK(writer.backlog() == 5);
        release = true;
        writer.run([&](store::EventStore&) { CHECK(std::this_thread::get_id() == writerThread); });
        CHECK(ran == 5);               // run() came back after everything before it
        CHECK(writer.backlog() == 0);
        writer.post([&](store::EventStore&) { order.push_back(6); });
    }
    CHECK(writerThread != std::this_thread::get_id());
    CHECK(order == std::vector<int>{1, 2, 3, 4, 5, 6});
    auto reader = store::EventStore::open(path, lobby::LobbyConfig{}, store::EventStore::Check::Full, store::EventStore::Access::Read);
    REQUIRE(reader.store);
    CHECK(reader.store->counts().events == 4);
}

TEST_CASE("a commit in two halves: what arrives while a batch is written waits for its own commit, and each frame is "
          "ACKed only once its batch is in the log") {
    const QString path = test::freshPath("two_halves");
    auto store = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(store);
    lobby::Lobby lobby{lobby::LobbyConfig{}};
    kiosk::Ingest ingest(*store, lobby);
    ingest.receive("p", at(0), ticket(1));
    kiosk::Replies replies;
    store::Batch batch;
    REQUIRE(ingest.beginCommit(replies, batch));
    REQUIRE(batch.events.size() == 1);
    CHECK(ingest.committing());
    // While it is written: the device resending it (its ACK is late), and another dispenser's new ticket.
    ingest.receive("p", at(1), ticket(1) + encodeFrame({2, 1, TicketIssued{{'B', 1}, false}}));
    store::Batch second;
    CHECK_FALSE(ingest.beginCommit(replies, second));  // one at a time
    CHECK(replies.bytesByPort["p"].empty());
    REQUIRE_FALSE(store->append(batch));
    REQUIRE_FALSE(ingest.finishCommit(std::nullopt, replies));
    // Only the first ticket's ACK: neither the resend's (it goes with the next group) nor B001's (not in the log yet).
    CHECK(ackedSequences(replies.bytesByPort["p"]) == std::vector<int>{1});
    CHECK(ingest.counters().events == 1);
    replies = {};
    REQUIRE(ingest.beginCommit(replies, second));
    CHECK(second.events.size() == 1);  // the resend is not logged again
    REQUIRE_FALSE(store->append(second));
    REQUIRE_FALSE(ingest.finishCommit(std::nullopt, replies));
    CHECK(ackedSequences(replies.bytesByPort["p"]) == std::vector<int>{1, 1});  // the resend's, then B001's
    CHECK(store->counts().events == 2);
    CHECK(lobby.totals().issued == 2);
}

TEST_CASE("a commit in two halves refused by the log takes what arrived meanwhile with it: nothing ACKed, the lobby "
          "back to the log, and the resends go in once") {
    const QString path = test::freshPath("two_halves_full");
    auto store = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(store);
    lobby::Lobby lobby{lobby::LobbyConfig{}};
    kiosk::Ingest ingest(*store, lobby);
    kiosk::Replies replies;
    store::Batch batch;
    ingest.receive("p", at(0), ticket(1));
    REQUIRE(ingest.beginCommit(replies, batch));
    ingest.receive("p", at(1), encodeFrame({2, 1, TicketIssued{{'B', 1}, false}}) + encodeFrame({3, 7, Heartbeat{DeviceKind::Dispenser, 5}}));
    CHECK(lobby.totals().issued == 2);
    REQUIRE(ingest.finishCommit(std::string("disk full (test)"), replies));
    CHECK(ackedSequences(replies.bytesByPort["p"]) == std::vector<int>{7});  // the heartbeat only
    CHECK(lobby.totals().issued == 0);
    CHECK_FALSE(ingest.committing());
    CHECK(ingest.pending() == 0);
    replies = {};
    ingest.receive("p", at(6), ticket(1) + encodeFrame({2, 1, TicketIssued{{'B', 1}, false}}));  // both resend
    REQUIRE_FALSE(ingest.commit(replies));
    CHECK(ackedSequences(replies.bytesByPort["p"]) == std::vector<int>{1, 1});
    CHECK(store->counts().events == 2);
    CHECK(lobby.totals().issued == 2);
}

TEST_CASE("incidents written on the writer thread: every call returns at once, steps find their incident, the "
          "screens' reader sees them") {
    const QString path = test::freshPath("incidents_on_writer");
    auto store = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(store);
    store->releaseConnection();
    auto reader = store->readerHere();
    store::LogWriter writer(std::move(store));
    std::atomic<int> written{0};
    kiosk::IncidentLog log(writer, 10'000, [&written]() { ++written; });
    store::Incident i;
    i.raisedAt = at(0);
    i.kind = "device_offline";
    i.severity = "warning";
    i.subject = "device:p/1";
    i.messageZh = "取号机 1 离线";
    i.messageEn = "Dispenser 1 offline";
    const std::int64_t handle = log.raise(i);
    CHECK(handle < -1);  // a handle, not yet a row
    log.step(handle, "acknowledged", at(60), "王芳", {}, store::StaffAction{at(60), "王芳", "acknowledge", "", ""});
    log.step(handle, "resolved", at(120), "王芳", "checked the cable");
    writer.run([](store::EventStore&) {});
    CHECK(written == 3);
    CHECK(log.waiting() == 0);
    const auto incidents = reader->incidentsOfDay("2026-01-05");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].state == "resolved");
    const auto actions = reader->actionsOfDay("2026-01-05");
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].subject == "incident:" + std::to_string(incidents[0].id));
}
