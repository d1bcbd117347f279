// Odd input the model met: recorded with a plain-words message, never silently dropped.
#pragma once

#include "lobby/LobbyEvent.h"

#include <string>

namespace lw::lobby {

struct Anomaly {
    TimeMs time = 0;       // the model's (monotone) time when it was seen
    std::string kind;      // short code: "never_issued", "clock_back", ... (see Lobby.h)
    std::string ticket;    // empty when not about a ticket
    int window = 0;        // 0 when not about a window
    std::string message;   // for a person: what happened and what the model did about it
};

}  // namespace lw::lobby
