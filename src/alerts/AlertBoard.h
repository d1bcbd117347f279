// The alert board: the lobby's open alerts as the manager handles them (raise, group, acknowledge, resolve,
// escalate). Plain C++, no Qt, no clock reads. Each call returns what changed (incidents to raise, steps to take);
// the shell carries them out in the event log and on the screen.
#pragma once

#include "Watch.h"

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

struct BoardChanges {
    std::vector<forecast::Alert> raised;  // a new incident each; give its id back with attach()
    std::vector<IncidentStep> steps;
    bool any() const { return !raised.empty() || !steps.empty(); }
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

    // What the watch found at `now`: raised alerts open (their incidents to be raised), cleared ones close
    // ("cleared", unless a manager resolved them already).
    BoardChanges apply(const forecast::WatchChanges& changes, TimeMs now);
    // The incident raised for the alert `key` (from apply()'s `raised`).
    void attach(const std::string& key, std::int64_t incident);
    // Alerts open for escalateAfterMin without an acknowledgement: "escalated".
    BoardChanges escalate(TimeMs now);

    // `key` is an alert's or a card's (a card acts on each alert it stands for, each incident saying who).
    // Nothing changes for an unknown key, a resolved alert, or (acknowledge) one acknowledged already.
    BoardChanges acknowledge(const std::string& key, const std::string& who, TimeMs now);
    BoardChanges resolve(const std::string& key, const std::string& who, const std::string& note, TimeMs now);

    // The cards for the panel from the watch's active alerts: what a manager resolved is off it (until its
    // condition ends), and many alerts of one kind in one category make one card (forecast::groupAlerts).
    std::vector<forecast::Alert> cards(const std::vector<forecast::Alert>& active);
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
    };
    template <class Step>
    BoardChanges forAlertOrCard(const std::string& key, Step step);

    TimeMs escalateAfterMs_;
    std::map<std::string, OpenAlert> alerts_;                   // by alert key
    std::map<std::string, std::vector<std::string>> groups_;    // a card's key -> the alerts it stands for
};

}  // namespace lw::alerts
