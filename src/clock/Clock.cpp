// The kiosk's clock: monotone, following the wall clock's steps forward, slewing small steps back.
#include "clock/Clock.h"

#include "lobby/LocalTime.h"

#include <algorithm>
#include <cstdio>

#ifndef LW_BUILD_DATE
#define LW_BUILD_DATE "2026-01-01"
#endif

namespace lw::kiosk {

std::string buildDate() { return LW_BUILD_DATE; }

lobby::TimeMs buildTime() {
    const std::string d = buildDate();
    const std::int64_t days = lobby::daysFromCivil(std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), std::stoi(d.substr(8, 2)));
    return days * 86'400'000;
}

lobby::TimeMs Clock::raw() const {
    return base_.load() + static_cast<lobby::TimeMs>(static_cast<double>(elapsed_.nsecsElapsed()) / 1e6 * speed_);
}

lobby::TimeMs Clock::now() const {
    // Whatever the anchor did meanwhile, no reader ever sees the clock go back.
    const lobby::TimeMs t = raw();
    lobby::TimeMs last = lastGiven_.load();
    while (t > last && !lastGiven_.compare_exchange_weak(last, t)) {}
    return std::max(t, last);
}

void Clock::notBefore(lobby::TimeMs t) const {
    const lobby::TimeMs gap = t - raw();
    if (gap > 0) base_ += gap;
}

ClockFollow Clock::follow(lobby::TimeMs wall) const {
    ClockFollow out;
    if (!followsWall_) return out;
    const lobby::TimeMs diff = wall - raw();
    if (diff > kStepToleranceMs) {
        base_ += diff;
        out.steppedForwardMs = diff;
    } else if (diff < -kStepToleranceMs && -diff <= kSlewLimitMs) {
        // Caught up by running slow: at most 100 ms per reading (readings come once a second), never visibly back
        // (now() holds the last time it gave).
        base_ -= std::min<lobby::TimeMs>(-diff, 100);
        out.aheadOfWallMs = -diff;
    } else if (diff < 0) {
        out.aheadOfWallMs = -diff;
    }
    return out;
}

std::optional<ClockDoubt> doubtClock(lobby::TimeMs wall, lobby::TimeMs kioskNow, lobby::TimeMs built,
                                     int utcOffsetMinutes) {
    const std::string shown = lobby::formatLocalTime(wall, utcOffsetMinutes).replace(10, 1, " ");
    const std::string kept = lobby::formatLocalTime(kioskNow, utcOffsetMinutes).replace(10, 1, " ");
    if (wall < built) {
        return ClockDoubt{"系统时钟显示 " + shown + "，早于本程序的构建日期 " + buildDate() + "；请校准时钟（NTP）。在此之前按 " + kept +
                              " 起计时",
                          "The system clock reads " + shown + ", before this program was built (" + buildDate() +
                              "); set the clock (NTP). Until then the kiosk counts on from " + kept};
    }
    if (kioskNow - wall > Clock::kSlewLimitMs) {
        char behind[64];
        const long long minutes = (kioskNow - wall) / 60'000;
        if (minutes >= 48 * 60) std::snprintf(behind, sizeof behind, "%lld days", minutes / (24 * 60));
        else if (minutes >= 120) std::snprintf(behind, sizeof behind, "%lld h", minutes / 60);
        else std::snprintf(behind, sizeof behind, "%lld min", minutes);
        return ClockDoubt{"系统时钟显示 " + shown + "，比本机已记录的时间 " + kept + " 早 " + behind +
                              "；时间不倒退，继续按已记录的时间计时。请校准时钟（NTP）",
                          "The system clock reads " + shown + ", " + behind + " behind the kiosk's time " + kept +
                              " (never before the log's last event); time does not go back, the kiosk counts on from "
                              "there. Set the clock (NTP)"};
    }
    return std::nullopt;
}

}  // namespace lw::kiosk
