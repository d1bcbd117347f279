// The alert board: the lobby's open alerts as the manager handles them (raise, group, acknowledge, resolve,
// escalate). Plain C++, no Qt, no clock reads. Each call returns what changed (incidents to raise, steps to take);
// the shell carries them out in the event log and on the screen.
#pragma once

#include "forecast/Watch.h"

#include <set>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lw::alerts {

using TimeMs = std::int64_t;

// A step on an alert's incident ("cleared", "acknowledged", "resolved", "escalated"), with the staff action that
// goes in with it (acknowledge, resolve) when a person took it.
struct IncidentStep {
    std::string alertKey;
    std::int64_t incident = -1;
    std::string step;
    TimeMs at = 0;
    std::string who;      // empty: the kiosk itself
    std::string note;
    std::string action;   // "acknowledge" | "resolve" | empty (no staff action)
    std::string actionDetail;
};

// A situation's figures changed: its incident's severity, figures and message as they stand now, and the tickets
// that joined or left it. (A raised alert's members join with its incident: see forecast::Alert::members.)
struct SituationUpdate {
    std::string alertKey;
    std::int64_t incident = -1;
    TimeMs at = 0;
    std::string severity;
    std::string figures;  // "members=5 past_limit=2 longest_wait_min=34 time_left_min=0"
    std::string messageZh, messageEn;
    std::vector<std::string> joined, left;
};

// The incident's figures in words a query can read ("members=5 past_limit=2 longest_wait_min=34 ...").
std::string figuresOf(const forecast::Alert& alert);

struct BoardChanges {
    std::vector<forecast::Alert> raised;  // a new incident each; give its id back with attach()
    std::vector<IncidentStep> steps;
    std::vector<SituationUpdate> updates;
    bool any() const { return !raised.empty() || !steps.empty() || !updates.empty(); }
};

// How a card on the panel stands: who acknowledged all of it (empty: not everyone yet), how many alerts it stands
// for, and whether acknowledge and resolve apply to it (they do to the lobby's alerts, not to other cards).
struct CardState {
    std::string acknowledgedBy;
    TimeMs acknowledgedAt = 0;  // the latest acknowledgement among its alerts (0: none)
    int count = 1;
    bool actionable = false;
};

class AlertBoard {
public:
    // An alert nobody acknowledged within `escalateAfterMin` goes to the branch head (an "escalated" step), once.
    explicit AlertBoard(int escalateAfterMin) : escalateAfterMs_(escalateAfterMin * 60'000LL) {}

    // What the watch found at `now`: raised alerts open (their incidents to be raised), updated ones have their
    // figures and members carried to the incident (a "worsened" step when the severity rises above what it
    // reached before: the card then asks for an acknowledgement again, and a resolved one is back on the panel),
    // cleared ones close ("cleared", unless a manager resolved them already). An alarm nobody acknowledged stays
    // on the panel after its condition ended ("cleared" is recorded) until a manager acknowledges it.
    BoardChanges apply(const forecast::WatchChanges& changes, TimeMs now);
    // The incident raised for the alert `key` (from apply()'s `raised`).
    void attach(const std::string& key, std::int64_t incident);
    // Alerts open for escalateAfterMin without an acknowledgement: "escalated".
    BoardChanges escalate(TimeMs now);

    // An alarm the shell raised itself with its incident (a port down, the log damaged): on the panel like the
    // watch's, acknowledged, resolved and escalated alike. release(): its condition ended (the shell stepped its
    // incident); unacknowledged, it stays on the panel until a manager answers it.
    void hold(const forecast::Alert& alert, std::int64_t incident, TimeMs now);
    void release(const std::string& key);

    // `key` is an alert's or a card's (a card acts on each alert it stands for, each incident saying who).
    // Nothing changes for an unknown key, a resolved alert, or (acknowledge) one acknowledged already.
    BoardChanges acknowledge(const std::string& key, const std::string& who, TimeMs now);
    BoardChanges resolve(const std::string& key, const std::string& who, const std::string& note, TimeMs now);

    // The cards for the panel from the watch's active alerts: what a manager resolved is off it (until its
    // condition ends), many alerts of one kind in one category make one card (forecast::groupAlerts), and ended
    // alarms waiting for an acknowledgement follow (their message says the condition ended).
    std::vector<forecast::Alert> cards(const std::vector<forecast::Alert>& active);
    // Ended alarms that nobody acknowledged yet (still on the panel).
    std::size_t awaitingAcknowledgement() const { return ended_.size(); }
    // A card from the last cards() call, or any other key (not actionable).
    CardState stateOf(const std::string& key) const;

    std::size_t open() const { return alerts_.size(); }
    bool isOpen(const std::string& key) const { return alerts_.count(key) > 0; }

private:
    struct OpenAlert {
        std::int64_t incident = -1;
        TimeMs raisedAt = 0;
        bool escalated = false;
        std::string acknowledgedBy;  // empty: nobody yet
        TimeMs acknowledgedAt = 0;
        bool resolved = false;       // a manager resolved it: off the panel until the condition ends
        forecast::Severity worst = forecast::Severity::Info;
        std::vector<std::string> members;
        forecast::Alert last;        // as last seen (an ended alarm's card)
    };
    void endAlarm(const std::string& key, OpenAlert open);
    template <class Step>
    BoardChanges forAlertOrCard(const std::string& key, Step step);

    TimeMs escalateAfterMs_;
    std::map<std::string, OpenAlert> alerts_;                   // by alert key
    std::map<std::string, OpenAlert> ended_;                    // ended alarms awaiting an acknowledgement
    std::set<std::string> held_;                                // alerts_ the shell raised (not the watch's)
    std::map<std::string, std::vector<std::string>> groups_;    // a card's key -> the alerts it stands for
};

}  // namespace lw::alerts
