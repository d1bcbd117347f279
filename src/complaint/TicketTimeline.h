// A ticket's timeline from a day's events (plain C++): issued, every call and recall and at which window, no-show,
// transfers, service. Ticket numbers wrap (after 999), so one label may have been issued more than once in a day:
// each issue starts a visit of its own, and a complaint names the visit by time.
#pragma once

#include "LobbyEvent.h"

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

}  // namespace lw::complaint
