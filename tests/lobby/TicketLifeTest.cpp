// A ticket's life: every transition, recalls, no-shows, abandons, transfers and the priority rule.
#include "LobbyFixture.h"

using namespace lwtest;

TEST_CASE("a ticket goes waiting, called, serving, finished", "[lobby][ticket]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));

    const ApplyResult issued = lobby.apply(issue(at("09:00:00"), "A001", "A"));
    CHECK(issued.anomalies.empty());
    const Ticket* t = lobby.ticket("A001");
    REQUIRE(t);
    CHECK(t->state == TicketState::Waiting);
    CHECK(t->issuedAt == at("09:00:00"));
    CHECK(*t->waitMs(at("09:04:00")) == 4 * kMinute);
    CHECK(lobby.totals().waiting == 1);
    CHECK(lobby.waiting("A").size() == 1);

    lobby.apply(call(at("09:05:00"), "A001", 2));
    CHECK(t->state == TicketState::Called);
    CHECK(t->window == 2);
    CHECK(t->calledAt == at("09:05:00"));
    CHECK(*t->waitMs(at("09:30:00")) == 5 * kMinute);  // the wait stops at the call
    CHECK(lobby.waiting("A").empty());
    CHECK(lobby.window(2)->ticket == "A001");
    CHECK(lobby.totals().called == 1);

    lobby.apply(start(at("09:06:00"), "A001", 2));
    CHECK(t->state == TicketState::Serving);
    CHECK(t->startedAt == at("09:06:00"));
    CHECK(lobby.totals().serving == 1);

    const ApplyResult done = lobby.apply(finish(at("09:10:00"), "A001", 2));
    CHECK(done.anomalies.empty());
    CHECK(t->state == TicketState::Finished);
    CHECK(t->endedAt == at("09:10:00"));
    CHECK(lobby.window(2)->ticket.empty());
    const LobbyTotals totals = lobby.totals();
    CHECK(totals.issued == 1);
    CHECK(totals.finished == 1);
    CHECK(totals.waiting + totals.called + totals.serving == 0);
    CHECK(lobby.anomalies().empty());
}

TEST_CASE("recalls are counted and keep the first call's wait", "[lobby][ticket]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(call(at("09:02:00"), "A001", 2));
    lobby.apply(ticketAt(EventKind::Recalled, at("09:03:00"), "A001", 2));
    lobby.apply(ticketAt(EventKind::Recalled, at("09:04:00"), "A001", 2));
    const ApplyResult third = lobby.apply(ticketAt(EventKind::Recalled, at("09:05:00"), "A001", 2));
    CHECK(third.anomalies.empty());
    const Ticket* t = lobby.ticket("A001");
    CHECK(t->recalls == 3);
    CHECK(t->state == TicketState::Called);
    CHECK(t->calledAt == at("09:02:00"));
    CHECK(t->lastCalledAt == at("09:05:00"));
    CHECK(*t->waitMs(at("09:10:00")) == 2 * kMinute);
    CHECK(*lobby.window(2)->sinceLastCallMs(at("09:06:00")) == 1 * kMinute);
}

TEST_CASE("a no-show ends the ticket and frees the window", "[lobby][ticket]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(call(at("09:02:00"), "A001", 2));
    const ApplyResult r = lobby.apply(ticketAt(EventKind::NoShow, at("09:04:00"), "A001", 2));
    CHECK(r.anomalies.empty());
    CHECK(lobby.ticket("A001")->state == TicketState::NoShow);
    CHECK(lobby.ticket("A001")->endedAt == at("09:04:00"));
    CHECK(lobby.window(2)->ticket.empty());
    CHECK(lobby.window(2)->servedToday == 0);
    CHECK(lobby.totals().noShow == 1);
}

TEST_CASE("an abandoned waiting ticket leaves the queue", "[lobby][ticket]") {
    Lobby lobby(branchConfig());
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:01:00"), "A002", "A"));
    LobbyEvent gone;
    gone.time = at("09:20:00");
    gone.kind = EventKind::Abandoned;
    gone.ticket = "A001";
    const ApplyResult r = lobby.apply(gone);
    CHECK(r.anomalies.empty());
    const Ticket* t = lobby.ticket("A001");
    CHECK(t->state == TicketState::Abandoned);
    CHECK(*t->waitMs(at("10:00:00")) == 20 * kMinute);  // its wait ended when it left
    const auto waiting = lobby.waiting("A");
    REQUIRE(waiting.size() == 1);
    CHECK(waiting[0]->label == "A002");
    CHECK(lobby.totals().abandoned == 1);
    CHECK(lobby.totals().waiting == 1);
}

TEST_CASE("a transfer keeps the issue time and the total wait counts from it", "[lobby][ticket][transfer]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 3));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:05:00"), "B001", "B"));
    lobby.apply(call(at("09:10:00"), "A001", 2));
    lobby.apply(start(at("09:11:00"), "A001", 2));
    const ApplyResult r = lobby.apply(transfer(at("09:15:00"), "A001", 2, "B"));
    CHECK(r.anomalies.empty());

    const Ticket* t = lobby.ticket("A001");
    CHECK(t->state == TicketState::Waiting);
    CHECK(t->category == "B");
    CHECK(t->originalCategory == "A");
    CHECK(t->issuedAt == at("09:00:00"));
    CHECK(t->transfers == 1);
    CHECK(*t->waitMs(at("09:20:00")) == 20 * kMinute);
    CHECK(lobby.window(2)->ticket.empty());
    CHECK(lobby.window(2)->servedToday == 0);
    CHECK(lobby.totals().transfers == 1);

    // Its original issue time puts it ahead of B001, issued later.
    auto waitingB = lobby.waiting("B");
    REQUIRE(waitingB.size() == 2);
    CHECK(waitingB[0]->label == "A001");
    CHECK(waitingB[1]->label == "B001");
    CHECK(lobby.waiting("A").empty());
    CHECK(lobby.nextFor(3)->label == "A001");

    lobby.apply(call(at("09:25:00"), "A001", 3));
    CHECK(*t->waitMs(at("09:40:00")) == 25 * kMinute);
    const auto b = lobby.category("B");
    REQUIRE(b);
    REQUIRE(b->waitsLastHourMs.size() == 1);
    CHECK(b->waitsLastHourMs[0] == 25 * kMinute);
    CHECK(t->firstCalledAt == at("09:10:00"));
}

TEST_CASE("a transfer to a window makes it the only one to take the ticket", "[lobby][ticket][transfer]") {
    Lobby lobby(branchConfig());
    for (int w : {1, 2, 3}) lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), w));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:01:00"), "A002", "A"));
    lobby.apply(issue(at("09:02:00"), "B001", "B"));
    lobby.apply(call(at("09:03:00"), "A001", 2));
    lobby.apply(transfer(at("09:04:00"), "A001", 2, "", 3));  // same category, to window 3

    const Ticket* t = lobby.ticket("A001");
    CHECK(t->category == "A");
    CHECK(t->transferredToWindow == 3);
    // Window 2 and window 1 serve A but must not take A001; window 3 takes it before its own B queue.
    CHECK(lobby.nextFor(2)->label == "A002");
    CHECK(lobby.nextFor(1)->label == "A002");
    CHECK(lobby.nextFor(3)->label == "A001");
    CHECK(lobby.waiting("A").size() == 2);

    const ApplyResult wrong = lobby.apply(call(at("09:05:00"), "A001", 2));
    CHECK(hasAnomaly(wrong, "wrong_window"));
    CHECK(t->state == TicketState::Called);  // recorded, not refused: the clerk did call it
}

TEST_CASE("a VIP issued later is called first by a window serving V then A", "[lobby][ticket][priority]") {
    Lobby lobby(branchConfig());
    for (int w : {1, 2}) lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), w));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:05:00"), "V001", "V", true));
    lobby.apply(issue(at("09:06:00"), "A002", "A", true));  // a VIP holding a personal ticket
    lobby.apply(issue(at("09:07:00"), "A003", "A"));

    CHECK(lobby.nextFor(1)->label == "V001");
    const auto a = lobby.waiting("A");
    REQUIRE(a.size() == 3);
    CHECK(a[0]->label == "A002");  // priority first within the category
    CHECK(a[1]->label == "A001");  // then by issue time
    CHECK(a[2]->label == "A003");
    CHECK(lobby.nextFor(2)->label == "A002");
    CHECK(lobby.category("A")->priorityWaiting == 1);

    lobby.apply(call(at("09:08:00"), "V001", 1));
    CHECK(lobby.nextFor(1)->label == "A002");
    lobby.apply(call(at("09:09:00"), "A002", 2));
    CHECK(lobby.nextFor(1)->label == "A001");
    CHECK(lobby.nextFor(2)->label == "A001");
}
