// A ticket's timeline from a day's events (plain C++): issued, every call and recall and at which window, no-show,
// transfers, service. Ticket numbers wrap (after 999), so one label may have been issued more than once in a day:
// each issue starts a visit of its own, and a complaint names the visit by time.
#pragma once

#include "lobby/LobbyEvent.h"
#include "complaint/QueueOrder.h"

#include <optional>
#include <string>
#include <vector>

namespace lw::complaint {

struct TicketVisit {
    std::string label;
    lobby::TimeMs issuedAt = 0;
    std::vector<lobby::LobbyEvent> events;  // from its issue up to the next issue of the same label
};

// The visits of `label` in a day's events (by time), oldest first; none when it was never issued that day.
std::vector<TicketVisit> ticketVisits(const std::vector<lobby::LobbyEvent>& dayEvents, const std::string& label);

// The visit a customer means by "my ticket at about `near`": the latest issued at or before it. nullopt when all
// were issued after it.
std::optional<TicketVisit> visitAt(const std::vector<TicketVisit>& visits, lobby::TimeMs near);

// The lobby manager's decision to put a missed number (a no-show) back in the queue: when, who, why.
struct Requeue {
    lobby::TimeMs at = 0;
    std::string by, note;
};

// One line of a visit's timeline, in both languages: its events (issued, every call and recall with its window,
// no-show, transfers, service), the calls out of the queue's order that touched it ("skipped": another called ahead
// of it; "out_of_turn": it was called ahead of others) and the manager's re-queue decisions ("requeued").
struct TimelineLine {
    lobby::TimeMs at = 0;
    std::string what;  // an event's name (issued, called, ...), skipped, out_of_turn or requeued
    int window = 0;
    std::string zh, en;
};

// The visit's timeline by time. `jumps`: the day's queue jumps; `until`: the visit's end (the next issue of the
// same label, 0: the day's end); `requeues`: the decisions recorded for this visit.
std::vector<TimelineLine> timelineOf(const TicketVisit& visit, lobby::TimeMs until, const std::vector<QueueJump>& jumps,
                                     const std::vector<Requeue>& requeues);

// A visit the manager may put back in the queue: its last call ended in a no-show (and nothing since).
bool missedNumber(const TicketVisit& visit);

// The visit's end: the next issue of the same label that day, minus 1 ms (0 when it was the last).
lobby::TimeMs visitEnd(const std::vector<TicketVisit>& visits, const TicketVisit& visit);

}  // namespace lw::complaint
