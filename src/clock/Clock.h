// The kiosk's clock: the wall clock followed without going back, or a simulated branch day running N times faster.
#pragma once

#include "lobby/LobbyEvent.h"

#include <QElapsedTimer>

#include <atomic>
#include <optional>
#include <string>

namespace lw::kiosk {

// The day this program was built (from CMake, UTC midnight): a wall clock reading before it cannot be right.
lobby::TimeMs buildTime();
std::string buildDate();  // "YYYY-MM-DD"

// What follow() did with a reading of the wall clock.
struct ClockFollow {
    lobby::TimeMs steppedForwardMs = 0;  // the wall clock stepped forward (NTP after boot): the clock jumped with it
    lobby::TimeMs aheadOfWallMs = 0;     // the clock is this far ahead of the wall clock (it never goes back)
};

// Read from the serial threads too: every read and the wall-clock following are lock-free atomics, so the clock is
// shared as a const reference.
//
// Time is base + speed x a monotonic elapsed time, so durations never depend on the wall clock. A live kiosk
// (followWallClock) re-reads the wall clock every second: a step forward is followed at once (the business day
// follows the corrected clock), a step back is never followed by going back (receive times in the log stay
// monotone): up to kSlewLimitMs it is caught up by running 10% slow, beyond that the clock keeps its own time and
// the kiosk reports the wall clock as implausible.
class Clock {
public:
    static constexpr lobby::TimeMs kStepToleranceMs = 2000;
    static constexpr lobby::TimeMs kSlewLimitMs = 5 * 60'000;

    Clock(lobby::TimeMs base, double speed) : base_(base), speed_(speed) { elapsed_.start(); }
    lobby::TimeMs now() const;
    double speed() const { return speed_; }
    lobby::TimeMs base() const { return base_.load(); }

    // The live kiosk's clock (speed 1, started at the wall clock): follow() then compares it with the wall clock.
    void followWallClock() { followsWall_ = true; }
    bool followsWall() const { return followsWall_; }
    // From now on never earlier than t (at start: the log's last event, the build date).
    void notBefore(lobby::TimeMs t) const;
    // Compares the clock with a reading of the wall clock (ms since 1970) and follows it as described above.
    // Does nothing for a clock that does not follow the wall clock.
    ClockFollow follow(lobby::TimeMs wall) const;

private:
    lobby::TimeMs raw() const;

    mutable std::atomic<lobby::TimeMs> base_;
    mutable std::atomic<lobby::TimeMs> lastGiven_{INT64_MIN};
    double speed_;
    bool followsWall_ = false;
    QElapsedTimer elapsed_;
};

// Why a wall clock reading cannot be trusted, for the incident and the screen, or nullopt when it can: before the
// build date, or more than kSlewLimitMs behind the kiosk's own time (the log's last event, or the time it kept).
struct ClockDoubt {
    std::string zh;
    std::string en;
};
std::optional<ClockDoubt> doubtClock(lobby::TimeMs wall, lobby::TimeMs kioskNow, lobby::TimeMs built,
                                     int utcOffsetMinutes);

}  // namespace lw::kiosk
