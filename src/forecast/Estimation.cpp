// The figures every estimator shares: the lobby's snapshot, speeds, capacity, arrivals ahead, the normal distribution.
#include "forecast/Estimation.h"

#include <algorithm>
#include <cmath>

namespace lw::forecast::detail {

TimeMs pauseRestMs(const Window& w, TimeMs now) {
    // How long pauses last when nothing says otherwise: lunch an hour, a break a quarter, a fault twenty minutes;
    // less what has passed of it (at least a minute more: it has not ended yet).
    TimeMs typical = w.pauseReason == "LUNCH" ? 60 * 60'000 : w.pauseReason == "FAULT" ? 20 * 60'000 : 15 * 60'000;
    TimeMs passed = w.pausedSince && now > *w.pausedSince ? now - *w.pausedSince : 0;
    return std::max<TimeMs>(60'000, typical - passed);
}

Snapshot snapshot(const Lobby& lobby, TimeMs now) {
    Snapshot s;
    s.categories = lobby.categories();
    for (const auto& c : s.categories) {
        int position = 0;
        for (const Ticket* t : lobby.waiting(c.config.code)) {
            TimeMs waited = t->issuedAt && now > *t->issuedAt ? now - *t->issuedAt : 0;
            s.byCategory[c.config.code].push_back(s.waiting.size());
            s.waiting.push_back({t, c.config.code, t->priority, waited, t->transferredToWindow, position++});
        }
    }
    for (const Window* w : lobby.windows()) {
        OpenWindow ow{w, 0, w->state == WindowState::Closed};
        if (w->state == WindowState::Paused) ow.availableInMs = pauseRestMs(*w, now);
        s.windows.push_back(ow);
    }
    return s;
}

bool serves(const Window& w, const std::string& category) {
    return std::find(w.serves.begin(), w.serves.end(), category) != w.serves.end();
}

double capacityPerMs(const Snapshot& s, const Speeds& speeds, const std::string& category) {
    double capacity = 0;
    for (const auto& ow : s.windows) {
        const Window& w = *ow.window;
        if (ow.closed || w.state != WindowState::Open || !serves(w, category)) continue;
        double share = 1.0;
        for (const auto& earlier : w.serves) {
            if (earlier == category) break;
            auto it = s.byCategory.find(earlier);
            if (it != s.byCategory.end() && !it->second.empty()) share = 0.25;
        }
        capacity += share / (speeds.categoryMeanMs(category) * speeds.windowFactor(w));
    }
    return capacity;
}

const lobby::CategoryConfig& thresholdsOf(const Snapshot& s, const std::string& category) {
    for (const auto& c : s.categories)
        if (c.config.code == category) return c.config;
    static const lobby::CategoryConfig defaults;
    return defaults;
}

int quarterOfDay(TimeMs t, int utcOffsetMinutes) {
    std::int64_t minute = ((t / 60'000 + utcOffsetMinutes) % 1440 + 1440) % 1440;
    return static_cast<int>(minute / 15);
}

ArrivalForecast arrivalsAhead(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes,
                              int quarters, bool known) {
    ArrivalForecast out;
    TimeMs quarterMs = 15 * 60'000;
    std::int64_t local = now + static_cast<TimeMs>(utcOffsetMinutes) * 60'000;
    out.firstQuarterEnds = now + (quarterMs - ((local % quarterMs) + quarterMs) % quarterMs);
    int q0 = quarterOfDay(now, utcOffsetMinutes);
    const double hourMs = 60 * kMinuteMs;
    if (const CategoryHistory* h = history.of(c.config.code); h && history.days > 0) {
        double expectedLastHour = 0;
        for (int k = 1; k <= 4; ++k) expectedLastHour += h->perHourByQuarter[static_cast<std::size_t>((q0 - k + 96) % 96)] / 4;
        double level = known ? 1.0 : (c.issuedLastHour + 10.0) / (expectedLastHour + 10.0);
        for (int k = 0; k < quarters; ++k) {
            int q = q0 + k;
            out.perMs.push_back(q < 96 ? h->perHourByQuarter[static_cast<std::size_t>(q)] * level / hourMs : 0.0);
        }
        return out;
    }
    out.perMs.assign(static_cast<std::size_t>(quarters), static_cast<double>(c.issuedLastHour) / hourMs);
    return out;
}

double arrivalsPerMs(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes) {
    return arrivalsAhead(c, history, now, utcOffsetMinutes, 1).perMs.front();
}

void fromMoments(TicketForecast& f, double meanMs, double sdMs, const lobby::CategoryConfig& thresholds) {
    f.expectedRemainingMs = static_cast<TimeMs>(meanMs);
    f.lowMs = static_cast<TimeMs>(std::max(0.0, meanMs - 1.2816 * sdMs));
    f.highMs = static_cast<TimeMs>(meanMs + 1.2816 * sdMs);
    auto p = [&](int minutes) {
        double left = minutes * kMinuteMs - static_cast<double>(f.waitedMs);
        if (sdMs <= 0) return meanMs > left ? 1.0 : 0.0;
        return 1.0 - normalCdf((left - meanMs) / sdMs);
    };
    f.pTarget = p(thresholds.targetMin);
    f.pWarning = std::min(f.pTarget, p(thresholds.warningMin));
    f.pLimit = std::min(f.pWarning, p(thresholds.limitMin));
}

}  // namespace lw::forecast::detail
