// The watch: alert rules over the lobby and its forecast, with hysteresis, one alert per condition (plain C++).
#pragma once

#include "forecast/Forecast.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lw::forecast {

enum class Severity { Info, Warning, Alarm };
const char* toString(Severity severity);  // "info", "warning", "alarm"

// A ticket a situation concerns, with its figures at the last evaluation.
struct Member {
    std::string ticket;        // "A042"
    TimeMs waitedMs = 0;       // on its own clock: since it was issued, or since its last transfer
    TimeMs inBranchMs = 0;     // since it was first issued
    int transferredFrom = 0;   // the window that sent it on (0: not transferred)
    bool pastLimit = false;
    bool predicted = false;    // in because the forecast says it will pass the limit, not (yet) for its wait
};
// "A042 transferred from window 3, waiting again 1 min (42 min in the branch)" / "A042 34 min"; Chinese alike.
std::string memberTextEn(const Member& m);
std::string memberTextZh(const Member& m);

struct Alert {
    std::string key;      // kind + subject: one alert per condition
    std::string kind;     // waits (a category's customers waiting too long), slow_window, idle_window, understaffed,
                          // device, no_shows, window_closed
    std::string subject;  // "category:A", "window:3", "device:1", "branch"
    Severity severity = Severity::Warning;
    TimeMs raisedAt = 0;
    std::optional<TimeMs> timeLeftMs;  // until the breach, where that is the point
    std::string messageZh, messageEn;  // what, where, since when
    std::string actionZh, actionEn;    // what helps, in plain words
    // A situation's figures, kept up to date: the tickets it concerns (longest wait first) and the longest wait.
    std::vector<Member> members;
    TimeMs longestWaitMs = 0;
};

struct WatchSettings {
    // Rule 1 raises when P(limit) reaches breachProbability with at most breachWithinMin minutes to the limit
    // (0: any time), and lets go only below breachClearBelow. bench/forecast chose 0.95 within 10 min: earlier or
    // less sure, more of the alerts are about customers who are called in time (docs/FORECAST.md).
    double breachProbability = 0.95;
    int breachWithinMin = 10;
    double breachClearBelow = 0.7;
    // A customer past the warning line (a member should the situation be raised) raises it at this chance of passing
    // the limit within breachWithinMin (for a 20/30-min warning/limit, anyone past the warning line is within 10 min).
    // Until it had a name this was breachClearBelow's 0.7, applied to them as if the situation were raised.
    double warningLineProbability = 0.7;
    int slowServiceMin = 20;          // rule 3: a service running this long is probably a stuck transaction ...
    // ... and at least slowServiceFactor times the 95th percentile of today's finished services of its category
    // (once there are slowServiceSamples of them; 0: the minutes alone). A branch whose corporate services often
    // run 25 minutes is not stuck at 20; one whose services take two minutes is (docs/FORECAST.md).
    double slowServiceFactor = 3.0;
    int slowServiceSamples = 20;
    int idleWindowMin = 5;            // rule 4
    // Rule 7: a window's no-shows in the last hour (not counting customers called after waiting past the warning
    // line: those gave up, which is the wait's situation) at least this many, and its share of calls ending in a
    // no-show at least noShowRatio times that of the other windows serving its categories (plus 0.1).
    int noShowsInHalfHour = 3;
    double noShowRatio = 2.0;
    double noShowChance = 0.001;  // ... and that many at the peers' rate would happen by chance less often than this
    // ... per window compared (the chance is divided by the number of windows with calls: with 30 windows tested
    // every minute, 1% each is a false warning every hour).
    bool noShowPerWindow = true;
    // Once raised, the no-show warning stays while the window's rate is still out of line (ratio test alone).
    bool noShowHysteresis = true;
    // Only categories the other windows called at least this often in the hour are compared (0: every category,
    // one the peers did not call counting as none expected).
    int noShowPeerCalls = 5;
    // A category's wait situation is raised when a customer is likely to pass the limit soon (rule 1's chance and
    // time) or has passed it; with raiseAtWarning also when one passes the warning line.
    bool raiseAtWarning = false;
    // A wait situation raised because a breach is 95% sure within breachWithinMin (or has happened) is an alarm
    // from the start; false: a warning until the first breach is 5 min away (a second card 5 min after the first,
    // asking the same thing).
    bool waitsAlarmAtRaise = true;
    // A ticket in a category that no open or paused window serves cannot be called: it is in the situation as
    // predicted once its limit is breachWithinMin away, whatever the forecast says.
    bool unservedIsPredicted = true;
    // Rule 5 (understaffed) is a warning (the flow ahead of the waits; the wait situations are the alarm) and ends
    // after its condition has been gone this long.
    bool understaffedAlarm = false;
    // ... raised only when a closed or paused window could be opened (with every window open its advice, "open a
    // window", has nothing to act on: the wait situations tell the manager to speak to the queue).
    bool understaffedOnlyIfCanOpen = true;
    TimeMs understaffedClearAfterMs = 15 * 60'000;
    // A wait situation ends after no ticket of its category has been in it for this long (one lifecycle through
    // the lulls of a busy day, not a new incident each time the queue dips).
    TimeMs situationClearAfterMs = 10 * 60'000;
    int closedWindowQueue = 3;        // rule 8: waiting in its categories when a window closes ...
    // ... in a category that no other open or paused window serves, on the window that closed last for it (a
    // window closing at the end of its shift while others serve its categories is the plan, not an incident), and
    // ending once the category has had nobody waiting or a window again for situationClearAfterMs (false: any
    // category it served, on every closed window, ending after clearAfterMs).
    bool closedOnlyUnserved = true;
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

// A notice for the customers on the public board: a window that is stuck (its stuck-service alarm is on and the
// same service still runs) or paused for a fault. Gone when the window serves again.
struct BoardNotice {
    int window = 0;
    std::string zh, en;
};
std::vector<BoardNotice> boardNotices(const lobby::Lobby& lobby, const std::vector<Alert>& active);

class Watch {
public:
    explicit Watch(WatchSettings settings = {});

    // Feed every applied event (for the per-window no-show and recall counts).
    // Also each ticket's own clock: a transferred ticket's second wait starts at its transfer.
    void observe(const lobby::LobbyEvent& event);
    // Evaluates every rule at `now` and returns what changed since the last call.
    // `offlineDevices`: bus addresses whose heartbeat stopped (the shell knows; the lobby does not).
    WatchChanges evaluate(const lobby::Lobby& lobby, const Forecast& forecast, TimeMs now,
                          const std::vector<int>& offlineDevices = {});
    std::vector<Alert> active() const;  // sorted by severity, then time left, then age

private:
    void waitSituations(const lobby::Lobby& lobby, const Forecast& forecast, TimeMs now, std::vector<Alert>& out);
    void noShowSituations(const lobby::Lobby& lobby, TimeMs now, std::vector<Alert>& out);

    struct Tracked {
        Alert alert;
        TimeMs lastSeen = 0;
    };
    WatchSettings settings_;
    std::map<std::string, Tracked> active_;
    struct Call {
        TimeMs at = 0;
        std::string ticket;
        TimeMs waitedMs = -1;  // the ticket's wait on its own clock when called (-1: unknown)
        std::string category;
        bool noShow = false;
    };
    struct TicketClock {
        TimeMs issuedAt = 0;
        TimeMs since = 0;          // its own clock: issued, or transferred
        int transferredFrom = 0;
        std::string category;
        bool called = false;       // its current wait has had its first call
        int lastWindow = 0;
    };
    std::map<int, std::deque<Call>> calls_;       // per window, the last hour's first calls (and how they ended)
    std::map<std::string, TicketClock> clocks_;   // per ticket label
    std::map<std::string, std::set<std::string>> membersOf_;  // per wait situation: its members at the last call
};

}  // namespace lw::forecast
