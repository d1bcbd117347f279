// The watch: alert rules over the lobby and its forecast, with hysteresis, one alert per condition (plain C++).
#pragma once

#include "Forecast.h"

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::forecast {

enum class Severity { Info, Warning, Alarm };
const char* toString(Severity severity);  // "info", "warning", "alarm"

struct Alert {
    std::string key;      // kind + subject: one alert per condition
    std::string kind;     // predicted_breach, long_wait, slow_window, idle_window, understaffed, device, no_shows,
                          // window_closed
    std::string subject;  // "ticket:A042", "window:3", "device:1", "category:A", "branch"
    Severity severity = Severity::Warning;
    TimeMs raisedAt = 0;
    std::optional<TimeMs> timeLeftMs;  // until the breach, where that is the point
    std::string messageZh, messageEn;  // what, where, since when
    std::string actionZh, actionEn;    // what helps, in plain words
};

struct WatchSettings {
    // Rule 1 raises when P(limit) reaches breachProbability with at most breachWithinMin minutes to the limit
    // (0: any time), and lets go only below breachClearBelow. bench/forecast chose 0.95 within 10 min: earlier or
    // less sure, more of the alerts are about customers who are called in time (docs/FORECAST.md).
    double breachProbability = 0.95;
    int breachWithinMin = 10;
    double breachClearBelow = 0.7;
    int slowServiceMin = 20;          // rule 3: a service running this long is probably a stuck transaction
    int idleWindowMin = 5;            // rule 4
    int noShowsInHalfHour = 3;        // rule 7: no-shows + recalls at one window within 30 min
    int closedWindowQueue = 3;        // rule 8: waiting in its categories when a window closes
    TimeMs clearAfterMs = 60'000;     // a condition must be gone this long before its alert clears
};

struct WatchChanges {
    std::vector<Alert> raised;
    std::vector<Alert> updated;   // still active; severity or figures changed
    std::vector<Alert> cleared;   // the condition ended (and stayed ended for clearAfterMs)
};

// For the screen: when more than `maxSingles` tickets of one category share an alert kind (predicted_breach,
// long_wait), one card says so instead of a card per ticket ("38 customers in A are likely to pass the 30-min
// limit (the first in 1 min): A555, A556, A557 …"). Its key is "group|<kind>|<category>"; `members` gets the
// keys it stands for. Order: each group where its most urgent member was. Other alerts pass unchanged.
std::vector<Alert> groupAlerts(const std::vector<Alert>& alerts, std::map<std::string, std::vector<std::string>>& members,
                               std::size_t maxSingles = 3);

class Watch {
public:
    explicit Watch(WatchSettings settings = {});

    // Feed every applied event (for the per-window no-show and recall counts).
    void observe(const lobby::LobbyEvent& event);
    // Evaluates every rule at `now` and returns what changed since the last call.
    // `offlineDevices`: bus addresses whose heartbeat stopped (the shell knows; the lobby does not).
    WatchChanges evaluate(const lobby::Lobby& lobby, const Forecast& forecast, TimeMs now,
                          const std::vector<int>& offlineDevices = {});
    std::vector<Alert> active() const;  // sorted by severity, then time left, then age

private:
    struct Tracked {
        Alert alert;
        TimeMs lastSeen = 0;
    };
    WatchSettings settings_;
    std::map<std::string, Tracked> active_;
    std::map<int, std::deque<TimeMs>> missedCalls_;  // per window: no-shows and recalls
};

}  // namespace lw::forecast
