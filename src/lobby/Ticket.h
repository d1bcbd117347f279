// One ticket of the current business day, as the lobby model sees it.
#pragma once

#include "lobby/LobbyEvent.h"

#include <optional>
#include <string>

namespace lw::lobby {

// issued -> Waiting -> Called (recalled any number of times) -> Serving -> Finished;
// or NoShow, Abandoned. A transfer puts a ticket back to Waiting in its new category.
enum class TicketState { Waiting, Called, Serving, Finished, NoShow, Abandoned };

const char* toString(TicketState state);  // "waiting", "called", ...

struct Ticket {
    std::string label;             // "A042"
    std::string category;          // where it waits now (after transfers)
    std::string originalCategory;  // as issued
    bool priority = false;         // VIP
    std::optional<TimeMs> issuedAt;  // nullopt: the model never saw it issued (an anomaly was raised)
    TicketState state = TicketState::Waiting;
    std::optional<TimeMs> calledAt;       // the call that ended its current wait; reset by a transfer
    std::optional<TimeMs> firstCalledAt;  // the first call of the day, kept across transfers
    std::optional<TimeMs> lastCalledAt;   // the latest call or recall
    int recalls = 0;
    std::optional<TimeMs> startedAt;  // service start at the current window
    std::optional<TimeMs> endedAt;    // finished, no-show or abandoned
    int window = 0;                   // the window that called it last (0: none)
    int transferredToWindow = 0;      // a transfer sent it to this window only (0: any window)
    int transfers = 0;
    bool closedByRollover = false;  // closed by the model at the end of the business day, not by a device
    bool clockSuspect = false;      // a wall-clock jump happened while it was open: its times are doubtful

    bool isOpen() const {
        return state == TicketState::Waiting || state == TicketState::Called || state == TicketState::Serving;
    }

    // Total wait: from the original issue time (transfers keep it) to the call that ended the current wait,
    // or to `now` while it waits. nullopt when the issue time is unknown. Never negative.
    std::optional<TimeMs> waitMs(TimeMs now) const {
        if (!issuedAt) return std::nullopt;
        TimeMs end = now;
        if (calledAt) {
            end = *calledAt;
        } else if (state != TicketState::Waiting && endedAt) {
            end = *endedAt;
        }
        return end > *issuedAt ? end - *issuedAt : 0;
    }
};

}  // namespace lw::lobby
