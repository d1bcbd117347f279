// The shipping rules that need no database: backoff while the link is down, when being behind becomes an incident,
// the digest that says which version of a day's totals the central database holds. Plain C++, time passed in.
#pragma once

#include <cstdint>
#include <string>

namespace lw::central {

using TimeMs = std::int64_t;

// The wait before the next try after `failures` failed ones in a row: 5 s, 10 s, 20 s ... up to `maxSeconds`.
int retryDelaySeconds(int failures, int maxSeconds);

// Behind too long: rows of the log have waited to be shipped since `oldestUnshippedAt` (0: none wait).
bool lagging(TimeMs oldestUnshippedAt, TimeMs now, int maxLagMin);

// FNV-1a, 64 bits, as 16 hex digits: which bytes of a day's totals the central database holds.
std::string digest(const std::string& bytes);

// What the device page shows of the link.
struct LinkStatus {
    enum class State { Off, Connecting, Up, Down, Refused } state = State::Off;
    TimeMs lastShippedAt = 0;        // the kiosk's time of the last pass that left nothing behind (0: never)
    long long rowsBehind = 0;        // rows of the log not in the central database (as last known)
    TimeMs oldestUnshippedAt = 0;    // the receive time of the oldest of them (0: none)
    long long shippedTotal = 0;      // rows shipped since start
    std::string error;               // the last problem (empty: none)
};
const char* stateName(LinkStatus::State state);  // off, connecting, up, down, refused

}  // namespace lw::central
