// A ticket label's visits in a day.
#include "TicketTimeline.h"

#include <algorithm>

namespace lw::complaint {

std::vector<TicketVisit> ticketVisits(const std::vector<lobby::LobbyEvent>& logged, const std::string& label) {
    // By time (an import logs a history in its own order), the log's order among events of the same moment.
    std::vector<lobby::LobbyEvent> dayEvents;
    for (const auto& e : logged)
        if (e.ticket == label) dayEvents.push_back(e);
    std::stable_sort(dayEvents.begin(), dayEvents.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    std::vector<TicketVisit> visits;
    for (const auto& e : dayEvents) {
        if (e.ticket != label) continue;
        if (e.kind == lobby::EventKind::Issued) {
            TicketVisit v;
            v.label = label;
            v.issuedAt = e.time;
            visits.push_back(std::move(v));
        }
        // Events of a label before its first issue that day (a ticket of the day before) belong to no visit.
        if (!visits.empty()) visits.back().events.push_back(e);
    }
    return visits;
}

std::optional<TicketVisit> visitAt(const std::vector<TicketVisit>& visits, lobby::TimeMs near) {
    std::optional<TicketVisit> best;
    for (const auto& v : visits)
        if (v.issuedAt <= near) best = v;
    return best;
}

}  // namespace lw::complaint
