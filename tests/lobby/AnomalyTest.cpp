// Odd input: recorded as anomalies, never dropped; duplicates change nothing; the clock never goes back.
#include "LobbyFixture.h"

using namespace lwtest;

TEST_CASE("a call for a ticket never issued creates it with an unknown issue time", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    const ApplyResult r = lobby.apply(call(at("09:00:00"), "A009", 2));
    REQUIRE(r.anomalies.size() == 1);
    const Anomaly& a = r.anomalies[0];
    CHECK(a.kind == "never_issued");
    CHECK(a.ticket == "A009");
    CHECK(a.window == 2);
    CHECK(a.time == at("09:00:00"));
    CHECK(a.message.find("A009") != std::string::npos);
    const Ticket* t = lobby.ticket("A009");
    REQUIRE(t);
    CHECK_FALSE(t->issuedAt);
    CHECK_FALSE(t->waitMs(at("09:10:00")));
    CHECK(t->state == TicketState::Called);
    CHECK(t->category == "A");
    CHECK(lobby.window(2)->ticket == "A009");
    CHECK(lobby.totals().issued == 0);
    CHECK(lobby.totals().anomalies == 1);
    CHECK(lobby.anomalies().size() == 1);
    CHECK(lobby.category("A")->waitsLastHourMs.empty());  // no wait to count
}

TEST_CASE("the issue of a ticket arriving after its call fills it in, not a second ticket", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(call(at("09:00:00"), "A009", 2));
    // The dispenser's frame was damaged on the line and resent a second later.
    const ApplyResult r = lobby.apply(issue(at("09:00:01"), "A009", "A"));
    REQUIRE(hasAnomaly(r, "issued_late"));
    CHECK_FALSE(hasAnomaly(r, "reissued"));
    const Ticket* t = lobby.ticket("A009");
    REQUIRE(t);
    CHECK(t->state == TicketState::Called);  // still at the window
    REQUIRE(t->issuedAt);
    CHECK(*t->issuedAt == at("09:00:00"));   // no later than first seen
    CHECK(lobby.totals().issued == 1);
    CHECK(lobby.totals().abandoned == 0);
    lobby.apply(finish(at("09:05:00"), "A009", 2));
    CHECK(lobby.totals().finished == 1);
    // A real second issue of the number later in the day is still a reissue.
    CHECK(hasAnomaly(lobby.apply(issue(at("10:00:00"), "A009", "A")), "reissued"));
}

TEST_CASE("a finished ticket called again is an anomaly and stays finished", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(call(at("09:01:00"), "A001", 2));
    lobby.apply(finish(at("09:05:00"), "A001", 2));
    const ApplyResult r = lobby.apply(call(at("09:06:00"), "A001", 2));
    CHECK(hasAnomaly(r, "called_after_finish"));
    CHECK(lobby.ticket("A001")->state == TicketState::Finished);
    CHECK(lobby.window(2)->ticket.empty());
    CHECK(lobby.window(2)->servedToday == 1);
}

TEST_CASE("events at another window than the calling one are anomalies", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    for (int w : {2, 3}) lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), w));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(call(at("09:01:00"), "A001", 2));
    const ApplyResult started = lobby.apply(start(at("09:02:00"), "A001", 3));
    CHECK(hasAnomaly(started, "started_elsewhere"));
    CHECK(lobby.window(3)->ticket == "A001");
    CHECK(lobby.window(2)->ticket.empty());
    const ApplyResult done = lobby.apply(finish(at("09:06:00"), "A001", 2));
    CHECK(hasAnomaly(done, "finished_elsewhere"));
    CHECK(lobby.window(2)->servedToday == 1);  // counted where it was finished
    CHECK(lobby.window(3)->ticket.empty());
}

TEST_CASE("a call at a closed window opens it, and the previous ticket there is closed", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:00:30"), "A002", "A"));
    lobby.apply(issue(at("09:00:40"), "A003", "A"));
    const ApplyResult r = lobby.apply(call(at("09:01:00"), "A001", 2));
    CHECK(hasAnomaly(r, "window_not_open"));
    CHECK(lobby.window(2)->state == WindowState::Open);

    const ApplyResult next = lobby.apply(call(at("09:02:00"), "A002", 2));
    CHECK(hasAnomaly(next, "implicit_no_show"));
    CHECK(lobby.ticket("A001")->state == TicketState::NoShow);
    lobby.apply(start(at("09:03:00"), "A002", 2));
    const ApplyResult third = lobby.apply(call(at("09:08:00"), "A003", 2));
    CHECK(hasAnomaly(third, "implicit_finish"));
    CHECK(lobby.ticket("A002")->state == TicketState::Finished);
    CHECK(*lobby.window(2)->meanServiceMs() == Approx(5 * 60'000));
}

TEST_CASE("a clock going back never makes a negative wait", "[lobby][anomaly][clock]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    lobby.apply(issue(at("09:10:00"), "A001", "A"));
    const ApplyResult r = lobby.apply(call(at("09:05:00"), "A001", 2));  // NTP stepped the clock back 5 min
    REQUIRE(hasAnomaly(r, "clock_back"));
    CHECK(r.anomalies[0].message.find("300.0 s earlier") != std::string::npos);
    const Ticket* t = lobby.ticket("A001");
    CHECK(t->calledAt == at("09:10:00"));  // applied at the last seen time
    CHECK(*t->waitMs(at("09:10:00")) == 0);
    CHECK(*lobby.now() == at("09:10:00"));
    lobby.apply(finish(at("09:08:00"), "A001", 2));
    CHECK(lobby.window(2)->serviceTimesMs == std::vector<TimeMs>{0});
    // A tick behind the clock is ignored quietly.
    const ApplyResult tick = lobby.tick(at("09:09:00"));
    CHECK(tick.anomalies.empty());
    CHECK(*lobby.now() == at("09:10:00"));
}

TEST_CASE("a big forward jump within the day is flagged, waits are still computed", "[lobby][anomaly][clock]") {
    Lobby lobby(branchConfig());
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:01:00"), "A002", "A"));
    lobby.apply(call(at("09:02:00"), "A002", 2));
    const ApplyResult r = lobby.apply(call(at("11:30:00"), "A001", 2));
    CHECK(hasAnomaly(r, "clock_jump"));
    CHECK(lobby.ticket("A001")->clockSuspect);
    CHECK(*lobby.ticket("A001")->waitMs(at("11:30:00")) == 150 * kMinute);

    // Nothing open: a long quiet spell is no jump.
    Lobby quiet(branchConfig());
    quiet.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    quiet.apply(windowEvent(EventKind::WindowClose, at("09:01:00"), 2));
    const ApplyResult later = quiet.apply(issue(at("13:00:00"), "A001", "A"));
    CHECK(later.anomalies.empty());
    // Under the threshold: no jump either.
    const ApplyResult soon = quiet.apply(issue(at("14:59:00"), "A002", "A"));
    CHECK(soon.anomalies.empty());
}

TEST_CASE("windows and categories the config does not name are created and reported", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    const ApplyResult issued = lobby.apply(issue(at("09:00:00"), "X001", "X"));
    CHECK(issued.newCategories == std::vector<std::string>{"X"});
    CHECK(issued.newWindows.empty());
    const auto x = lobby.category("X");
    REQUIRE(x);
    CHECK_FALSE(x->configured);
    CHECK(x->config.targetMin == CategoryConfig{}.targetMin);
    CHECK(x->config.limitMin == CategoryConfig{}.limitMin);

    lobby.apply(issue(at("09:00:10"), "A001", "A"));
    const ApplyResult called = lobby.apply(call(at("09:01:00"), "X001", 7));
    CHECK(called.newWindows == std::vector<int>{7});
    const Window* w = lobby.window(7);
    REQUIRE(w);
    CHECK_FALSE(w->configured);
    CHECK(w->serves == std::vector<std::string>{"X"});  // taken to serve what it calls
    lobby.apply(finish(at("09:02:00"), "X001", 7));
    lobby.apply(call(at("09:03:00"), "A001", 7));
    CHECK(w->serves == std::vector<std::string>{"X", "A"});

    // Seen once, reported once.
    const ApplyResult again = lobby.apply(issue(at("09:04:00"), "X002", "X"));
    CHECK(again.newCategories.empty());
    CHECK(lobby.windows().size() == 4);
}

TEST_CASE("re-applying an identical event changes nothing", "[lobby][anomaly][idempotent]") {
    const std::vector<LobbyEvent> day = {
        windowEvent(EventKind::WindowOpen, at("08:55:00"), 2),
        issue(at("09:00:00"), "A001", "A"),
        issue(at("09:01:00"), "A002", "A"),
        call(at("09:02:00"), "A001", 2),
        ticketAt(EventKind::Recalled, at("09:03:00"), "A001", 2),
        start(at("09:04:00"), "A001", 2),
        finish(at("09:08:00"), "A001", 2),
        windowEvent(EventKind::WindowPause, at("09:09:00"), 2, "BREAK"),
        windowEvent(EventKind::WindowOpen, at("09:20:00"), 2),
        transfer(at("09:21:00"), "A002", 0, "B"),
    };
    Lobby once(branchConfig());
    Lobby twice(branchConfig());
    for (const LobbyEvent& e : day) {
        once.apply(e);
        twice.apply(e);
        const ApplyResult again = twice.apply(e);
        CHECK(again.duplicate);
        CHECK(again.anomalies.empty());
    }
    // And a replay of the whole day after it: still nothing.
    for (const LobbyEvent& e : day) CHECK(twice.apply(e).duplicate);

    const Ticket* a = twice.ticket("A001");
    CHECK(a->recalls == 1);
    CHECK(a->state == TicketState::Finished);
    CHECK(twice.ticket("A002")->transfers == 1);
    CHECK(twice.window(2)->servedToday == 1);
    CHECK(twice.window(2)->state == WindowState::Open);
    CHECK(twice.window(2)->idleMs(at("09:30:00")) == once.window(2)->idleMs(at("09:30:00")));
    CHECK(twice.totals().finished == once.totals().finished);
    CHECK(twice.totals().transfers == 1);
    CHECK(twice.totals().anomalies == 0);
    CHECK(twice.category("A")->waitsLastHourMs == once.category("A")->waitsLastHourMs);

    // A finish with a new time is no duplicate: it is a second finish.
    const ApplyResult second = twice.apply(finish(at("09:30:00"), "A001", 2));
    CHECK_FALSE(second.duplicate);
    CHECK(hasAnomaly(second, "finished_twice"));
    CHECK(twice.window(2)->servedToday == 1);
}

TEST_CASE("a ticket label issued again replaces the earlier ticket", "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    const ApplyResult r = lobby.apply(issue(at("09:05:00"), "A001", "A"));
    CHECK(hasAnomaly(r, "reissued"));
    CHECK(lobby.ticket("A001")->issuedAt == at("09:05:00"));
    CHECK(lobby.waiting("A").size() == 1);
    CHECK(lobby.totals().waiting == 1);
    CHECK(lobby.totals().abandoned == 1);
}

TEST_CASE("a finish at a closed window is recorded and leaves it closed; a call at a paused one opens it",
          "[lobby][anomaly]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:00:10"), "A002", "A"));
    lobby.apply(call(at("09:01:00"), "A001", 2));
    CHECK(lobby.window(2)->ticketSince == at("09:01:00"));
    lobby.apply(start(at("09:02:00"), "A001", 2));
    lobby.apply(windowEvent(EventKind::WindowClose, at("09:05:00"), 2));
    CHECK(lobby.window(2)->ticket == "A001");  // closing does not end the service

    const ApplyResult done = lobby.apply(finish(at("09:06:00"), "A001", 2));
    CHECK(hasAnomaly(done, "window_closed"));
    CHECK(lobby.window(2)->state == WindowState::Closed);
    CHECK(lobby.window(2)->servedToday == 1);
    CHECK(lobby.window(2)->idleMs(at("10:00:00")) == 1 * kMinute);  // 09:00 -> 09:01 only

    lobby.apply(windowEvent(EventKind::WindowPause, at("09:07:00"), 2, "BREAK"));
    const ApplyResult called = lobby.apply(call(at("09:20:00"), "A002", 2));
    CHECK(hasAnomaly(called, "window_not_open"));
    CHECK(lobby.window(2)->state == WindowState::Open);
    CHECK(lobby.window(2)->pauseReason.empty());
}

TEST_CASE("device status words are kept per device", "[lobby]") {
    Lobby lobby(branchConfig());
    LobbyEvent e;
    e.time = at("09:00:00");
    e.kind = EventKind::DeviceStatus;
    e.detail = "PAPER_LOW";
    e.source.device = 3;
    CHECK(lobby.apply(e).anomalies.empty());
    e.time = at("09:10:00");
    e.detail = "OK";
    lobby.apply(e);
    CHECK(lobby.deviceStatus().at(3) == "OK");
    CHECK(lobby.deviceStatus().size() == 1);
}

TEST_CASE("a finish without a start is timed from the last call; without a call it is not timed", "[lobby]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:00:10"), "A002", "A"));
    lobby.apply(call(at("09:01:00"), "A001", 2));
    lobby.apply(ticketAt(EventKind::Recalled, at("09:02:00"), "A001", 2));
    CHECK(lobby.apply(finish(at("09:05:00"), "A001", 2)).anomalies.empty());
    CHECK(lobby.window(2)->serviceTimesMs == std::vector<TimeMs>{3 * kMinute});

    lobby.apply(call(at("09:06:00"), "A002", 2));
    lobby.apply(transfer(at("09:07:00"), "A002", 2, "B"));
    const ApplyResult r = lobby.apply(finish(at("09:30:00"), "A002", 2));
    CHECK(hasAnomaly(r, "finished_without_call"));
    CHECK(lobby.window(2)->servedToday == 2);
    CHECK(lobby.window(2)->serviceTimesMs.size() == 1);  // the untimed one is counted, not timed
    CHECK(*lobby.ticket("A002")->waitMs(at("10:00:00")) == 29 * kMinute + 50 * kSecond);
}
