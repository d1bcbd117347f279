// The lobby model's clock and day: the monotone clock, clock jumps, the business-day rollover.
#include "lobby/LobbyState.h"

#include "lobby/LocalTime.h"

#include <algorithm>

namespace lw::lobby {

bool Lobby::State::anythingOpen() const {
    if (totals.waiting + totals.called + totals.serving > 0) return true;
    for (const auto& [number, rec] : windows) {
        if (rec.window.state != WindowState::Closed) return true;
    }
    return false;
}

void Lobby::State::startDay(TimeMs t) {
    day = businessDayNumber(t, config);
    dayText = businessDayOf(t, config);
}

void Lobby::State::rollover(TimeMs t) {
    const TimeMs end = *clock;
    result->closedDay = dayText;
    std::vector<const TicketRecord*> openTickets;
    for (auto& [label, rec] : tickets) {
        if (rec.ticket.isOpen()) openTickets.push_back(&rec);
    }
    std::sort(openTickets.begin(), openTickets.end(), [](const TicketRecord* a, const TicketRecord* b) { return a->seq < b->seq; });
    for (const TicketRecord* rec : openTickets) {
        Ticket closed = rec->ticket;
        closed.state = closed.state == TicketState::Serving ? TicketState::Finished : TicketState::Abandoned;
        closed.endedAt = end;
        closed.closedByRollover = true;
        result->closedTickets.push_back(std::move(closed));
    }
    tickets.clear();
    totals = LobbyTotals{};
    anomalies.clear();
    for (auto& [code, cat] : categories) {
        cat.queue.clear();
        cat.recentWaits.clear();
        cat.recentIssues.clear();
        cat.issued = 0;
        cat.called = 0;
    }
    for (auto& [number, rec] : windows) {
        Window& w = rec.window;
        if (w.state != WindowState::Closed) result->closedWindows.push_back(number);
        Window fresh;
        fresh.number = w.number;
        fresh.serves = w.serves;
        fresh.configured = w.configured;
        w = std::move(fresh);
        rec.reserved.clear();
        rec.applied.clear();
    }
    startDay(t);
}

// Moves the clock to t (never back) and rolls the day over; returns the time the event is applied at.
TimeMs Lobby::State::advance(TimeMs t, bool fromEvent) {
    if (!clock) {
        clock = t;
        startDay(t);
        return t;
    }
    TimeMs at = t;
    if (t < *clock) {
        if (fromEvent) {
            raise("clock_back", "", 0,
                  "event time " + formatLocalTime(t, config.utcOffsetMinutes) + " is " + seconds(*clock - t) +
                      " earlier than the last seen " + formatLocalTime(*clock, config.utcOffsetMinutes) +
                      "; applied at the last seen time");
        }
        at = *clock;
    }
    if (businessDayNumber(at, config) > day) {
        rollover(at);
    } else if (at - *clock > clockJumpMs && anythingOpen()) {
        raise("clock_jump", "", 0,
              "the clock jumped forward " + seconds(at - *clock) + " from " +
                  formatLocalTime(*clock, config.utcOffsetMinutes) + " within the business day; "
                  "the open tickets' waits are flagged as doubtful");
        for (auto& [label, rec] : tickets) {
            if (rec.ticket.isOpen()) rec.ticket.clockSuspect = true;
        }
    }
    clock = at;
    return at;
}

}  // namespace lw::lobby
