// Calls that skip the queue order (plain C++, from a day's events): a ticket called while an earlier ticket of the
// same category still waited, outside the priority rules (a priority ticket goes before the others; among equals,
// the one that joined the queue first). The facts a queue-jumping dispute needs, counted per window.
#pragma once

#include "lobby/LobbyEvent.h"

#include <map>
#include <string>
#include <vector>

namespace lw::complaint {

struct QueueJump {
    lobby::TimeMs at = 0;        // the call
    int window = 0;
    std::string category;
    std::string called;          // the ticket called ...
    std::string skipped;         // ... while this one, ahead of it, still waited (the first of them)
    int skippedCount = 0;        // how many were ahead of it
    std::vector<std::string> skippedAll;  // all of them, in the queue's order
};

// By time (log order within the same moment). Joining the queue: issued, or transferred into the category; leaving it: called, no-show,
// abandoned, or transferred away. A ticket transferred to a particular window (no category) waits for that window
// only and is left out of the order.
std::vector<QueueJump> queueJumps(const std::vector<lobby::LobbyEvent>& dayEvents);

// The jumps per window.
std::map<int, int> jumpsPerWindow(const std::vector<QueueJump>& jumps);

}  // namespace lw::complaint
