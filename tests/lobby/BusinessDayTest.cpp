// Business-day rollover: what the old day's open tickets and windows become, and numbering starting again.
#include "LobbyFixture.h"

#include <algorithm>

using namespace lwtest;

namespace {
void busyMorning(Lobby& lobby) {
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 2));
    lobby.apply(windowEvent(EventKind::WindowOpen, at("08:55:00"), 3));
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:01:00"), "A002", "A"));
    lobby.apply(issue(at("09:02:00"), "B001", "B"));
    lobby.apply(issue(at("09:03:00"), "A003", "A"));
    lobby.apply(call(at("09:05:00"), "A001", 2));
    lobby.apply(start(at("09:06:00"), "A001", 2));   // still being served at closing
    lobby.apply(call(at("09:07:00"), "B001", 3));    // still called at closing
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:08:00"), 1));
    lobby.apply(windowEvent(EventKind::WindowClose, at("09:09:00"), 1));
}
}  // namespace

TEST_CASE("the first event of a later business day closes the old day", "[lobby][day]") {
    Lobby lobby(branchConfig());
    CHECK(lobby.businessDay().empty());
    busyMorning(lobby);
    CHECK(lobby.businessDay() == "2026-01-05");

    const ApplyResult r = lobby.apply(issue(at("08:00:00", "2026-01-06"), "A001", "A"));
    CHECK(r.closedDay == "2026-01-05");
    CHECK(lobby.businessDay() == "2026-01-06");
    REQUIRE(r.closedTickets.size() == 4);
    auto closed = [&](const std::string& label) {
        auto it = std::find_if(r.closedTickets.begin(), r.closedTickets.end(),
                               [&](const Ticket& t) { return t.label == label; });
        REQUIRE(it != r.closedTickets.end());
        return *it;
    };
    CHECK(closed("A001").state == TicketState::Finished);  // was being served
    CHECK(closed("B001").state == TicketState::Abandoned);  // was called
    CHECK(closed("A002").state == TicketState::Abandoned);  // was waiting
    CHECK(closed("A003").state == TicketState::Abandoned);
    for (const Ticket& t : r.closedTickets) {
        CHECK(t.closedByRollover);
        CHECK(t.endedAt == at("09:09:00"));  // the last time the model saw in the old day
    }
    CHECK(r.closedTickets[0].label == "A001");  // in the order they were issued
    std::vector<int> windows = r.closedWindows;
    CHECK(windows == std::vector<int>{2, 3});  // window 1 was already closed

    // A001 of the new day is a new ticket.
    const Ticket* t = lobby.ticket("A001");
    REQUIRE(t);
    CHECK(t->state == TicketState::Waiting);
    CHECK(t->issuedAt == at("08:00:00", "2026-01-06"));
    CHECK(t->recalls == 0);
    CHECK_FALSE(t->calledAt);
    CHECK(lobby.ticket("A002") == nullptr);
    CHECK(lobby.waiting("A").size() == 1);
    CHECK(lobby.waiting("B").empty());

    // The day's figures start again.
    const LobbyTotals totals = lobby.totals();
    CHECK(totals.issued == 1);
    CHECK(totals.waiting == 1);
    CHECK(totals.serving == 0);
    CHECK(totals.abandoned == 0);
    const Window* w2 = lobby.window(2);
    CHECK(w2->state == WindowState::Closed);
    CHECK(w2->ticket.empty());
    CHECK(w2->servedToday == 0);
    CHECK(w2->idleMs(at("09:00:00", "2026-01-06")) == 0);
    CHECK(w2->serves == std::vector<std::string>{"A"});
    CHECK(lobby.category("A")->issuedToday == 1);
    CHECK(lobby.category("A")->waitsLastHourMs.empty());
}

TEST_CASE("a tick past 04:00 local rolls the day over without an event", "[lobby][day]") {
    Lobby lobby(branchConfig());
    busyMorning(lobby);
    lobby.tick(at("23:00:00"));
    const ApplyResult before = lobby.tick(at("03:59:59", "2026-01-06"));
    CHECK(before.closedDay.empty());
    CHECK(lobby.businessDay() == "2026-01-05");
    CHECK(lobby.totals().waiting == 2);

    const ApplyResult r = lobby.tick(at("04:00:00", "2026-01-06"));
    CHECK(r.closedDay == "2026-01-05");
    CHECK(r.closedTickets.size() == 4);
    CHECK(lobby.businessDay() == "2026-01-06");
    CHECK(lobby.totals().waiting == 0);
    CHECK(lobby.ticket("A001") == nullptr);
    for (const Ticket& t : r.closedTickets) CHECK(t.endedAt == at("03:59:59", "2026-01-06"));

    // Nothing more to close on a second tick of the same day.
    const ApplyResult again = lobby.tick(at("04:00:01", "2026-01-06"));
    CHECK(again.closedDay.empty());
    CHECK(again.closedTickets.empty());
}

TEST_CASE("an event at 03:59:59 local still belongs to the previous business day", "[lobby][day]") {
    Lobby lobby(branchConfig());
    lobby.apply(issue(at("22:00:00"), "A001", "A"));
    const ApplyResult late = lobby.apply(issue(at("03:59:59", "2026-01-06"), "A002", "A"));
    CHECK(late.closedDay.empty());
    CHECK(hasAnomaly(late, "clock_jump"));  // six silent hours with a ticket waiting: no ticks came either
    CHECK(lobby.businessDay() == "2026-01-05");
    CHECK(lobby.totals().issued == 2);
}
