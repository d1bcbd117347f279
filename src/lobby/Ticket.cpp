// Ticket state names, as the log and the screens show them.
#include "lobby/Ticket.h"

namespace lw::lobby {

const char* toString(TicketState state) {
    switch (state) {
    case TicketState::Waiting: return "waiting";
    case TicketState::Called: return "called";
    case TicketState::Serving: return "serving";
    case TicketState::Finished: return "finished";
    case TicketState::NoShow: return "no_show";
    case TicketState::Abandoned: return "abandoned";
    }
    return "unknown";
}

}  // namespace lw::lobby
