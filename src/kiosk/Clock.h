// The kiosk's clock: monotonic wall time, or a simulated branch day running N times faster.
#pragma once

#include "LobbyEvent.h"

#include <QElapsedTimer>

namespace lw::kiosk {

// Read from the serial threads too: after construction it is only read (QElapsedTimer::elapsed is const).
class Clock {
public:
    // base = the wall clock at start (or the simulated start), then + speed x the monotonic elapsed time, so an
    // NTP step of the system clock never makes time go backwards inside a run.
    Clock(lobby::TimeMs base, double speed) : base_(base), speed_(speed) { elapsed_.start(); }
    lobby::TimeMs now() const {
        return base_ + static_cast<lobby::TimeMs>(static_cast<double>(elapsed_.nsecsElapsed()) / 1e6 * speed_);
    }
    double speed() const { return speed_; }
    lobby::TimeMs base() const { return base_; }

private:
    lobby::TimeMs base_;
    double speed_;
    QElapsedTimer elapsed_;
};

}  // namespace lw::kiosk
