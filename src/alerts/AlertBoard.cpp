// The alert board: open alerts, their cards, and each step a manager or the clock takes on them.
#include "alerts/AlertBoard.h"

#include <algorithm>
#include <iterator>

namespace lw::alerts {

namespace {

int rank(forecast::Severity s) { return s == forecast::Severity::Alarm ? 2 : s == forecast::Severity::Warning ? 1 : 0; }

// Alarms a person must answer even when their condition ended by itself: a stuck window, a dispenser out of paper
// or a device gone silent, the log or a port failing.
bool mustBeAnswered(const std::string& kind) {
    return kind == "slow_window" || kind == "device" || kind == "window_fault" || kind == "link_down" ||
           kind == "log_write_failed" || kind == "log_damaged";
}

std::vector<std::string> ticketsOf(const forecast::Alert& a) {
    std::vector<std::string> out;
    for (const auto& m : a.members) out.push_back(m.ticket);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::string figuresOf(const forecast::Alert& a) {
    if (a.kind != "waits") return {};
    int past = 0;
    for (const auto& m : a.members) past += m.pastLimit ? 1 : 0;
    std::string out = "members=" + std::to_string(a.members.size()) + " past_limit=" + std::to_string(past) +
                      " longest_wait_min=" + std::to_string(a.longestWaitMs / 60'000);
    if (a.timeLeftMs) out += " time_left_min=" + std::to_string(*a.timeLeftMs / 60'000);
    return out;
}

BoardChanges AlertBoard::apply(const forecast::WatchChanges& changes, TimeMs now) {
    BoardChanges out;
    for (const auto& a : changes.raised) {
        // The same condition back while its ended alarm still waits for an acknowledgement: one card, the new one.
        ended_.erase(a.key);
        OpenAlert open;
        open.raisedAt = now;
        open.worst = a.severity;
        open.members = ticketsOf(a);
        open.last = a;
        alerts_[a.key] = open;
        out.raised.push_back(a);
    }
    for (const auto& a : changes.updated) {
        auto it = alerts_.find(a.key);
        if (it == alerts_.end()) continue;
        OpenAlert& open = it->second;
        open.last = a;
        open.last.raisedAt = a.raisedAt;
        // As the incident was raised: what, then what helps.
        SituationUpdate u{a.key, open.incident, now, forecast::toString(a.severity), figuresOf(a),
                          a.messageZh + "。" + a.actionZh, a.messageEn + ". " + a.actionEn, {}, {}};
        std::vector<std::string> members = ticketsOf(a);
        std::set_difference(members.begin(), members.end(), open.members.begin(), open.members.end(),
                            std::back_inserter(u.joined));
        std::set_difference(open.members.begin(), open.members.end(), members.begin(), members.end(),
                            std::back_inserter(u.left));
        open.members = std::move(members);
        out.updates.push_back(std::move(u));
        if (rank(a.severity) > rank(open.worst)) {
            out.steps.push_back({a.key, open.incident, "worsened", now, "",
                                 std::string(forecast::toString(open.worst)) + " -> " + forecast::toString(a.severity), "", ""});
            open.worst = a.severity;
            // Worse than what was acknowledged or resolved: back on the panel, to be acknowledged again.
            open.acknowledgedBy.clear();
            open.acknowledgedAt = 0;
            open.resolved = false;
            open.raisedAt = now;  // the escalation clock starts again (an escalation already made stands)
        }
    }
    for (const auto& a : changes.cleared) {
        auto it = alerts_.find(a.key);
        if (it == alerts_.end()) continue;
        // A resolved alert's incident is closed already; the condition ending now only frees its key.
        if (!it->second.resolved) out.steps.push_back({a.key, it->second.incident, "cleared", now, "", "", "", ""});
        if (!it->second.resolved && it->second.acknowledgedBy.empty() && it->second.worst == forecast::Severity::Alarm &&
            mustBeAnswered(a.kind))
            endAlarm(a.key, it->second);
        alerts_.erase(it);
    }
    return out;
}

void AlertBoard::endAlarm(const std::string& key, OpenAlert open) {
    forecast::Alert& card = open.last;
    card.key = key;
    card.severity = forecast::Severity::Alarm;
    card.timeLeftMs.reset();
    card.messageZh = "（已恢复，待确认）" + card.messageZh;
    card.messageEn = "(Ended, to be acknowledged) " + card.messageEn;
    card.actionZh = "请确认，并在处理后记录所采取的措施";
    card.actionEn = "Acknowledge it, and record what was done when you resolve it";
    ended_[key] = std::move(open);
}

void AlertBoard::hold(const forecast::Alert& alert, std::int64_t incident, TimeMs now) {
    forecast::WatchChanges raised;
    raised.raised.push_back(alert);
    raised.raised.back().raisedAt = now;
    apply(raised, now);
    attach(alert.key, incident);
    held_.insert(alert.key);
}

void AlertBoard::release(const std::string& key) {
    auto it = alerts_.find(key);
    if (it == alerts_.end()) return;
    forecast::WatchChanges cleared;
    cleared.cleared.push_back(it->second.last);
    apply(cleared, 0);  // the shell took the "cleared" step on its incident already
    held_.erase(key);
}

void AlertBoard::attach(const std::string& key, std::int64_t incident) {
    if (auto it = alerts_.find(key); it != alerts_.end()) it->second.incident = incident;
}

BoardChanges AlertBoard::escalate(TimeMs now) {
    BoardChanges out;
    for (auto& [key, open] : alerts_) {
        if (open.escalated || !open.acknowledgedBy.empty() || open.resolved || now - open.raisedAt < escalateAfterMs_)
            continue;
        out.steps.push_back({key, open.incident, "escalated", now, "",
                             "not acknowledged within " + std::to_string(escalateAfterMs_ / 60'000) + " min", "", ""});
        open.escalated = true;
    }
    for (auto& [key, open] : ended_) {
        if (open.escalated || now - open.raisedAt < escalateAfterMs_) continue;
        out.steps.push_back({key, open.incident, "escalated", now, "",
                             "not acknowledged within " + std::to_string(escalateAfterMs_ / 60'000) + " min", "", ""});
        open.escalated = true;
    }
    return out;
}

template <class Step>
BoardChanges AlertBoard::forAlertOrCard(const std::string& key, Step step) {
    BoardChanges out;
    auto group = groups_.find(key);
    if (group != groups_.end()) {
        for (const auto& member : group->second) step(member, out);
    } else {
        step(key, out);
    }
    return out;
}

BoardChanges AlertBoard::acknowledge(const std::string& key, const std::string& who, TimeMs now) {
    if (auto e = ended_.find(key); e != ended_.end()) {
        // An ended alarm answered: off the panel (the incident cleared already; the acknowledgement closes it).
        BoardChanges out;
        out.steps.push_back({key, e->second.incident, "acknowledged", now, who, "", "acknowledge", key});
        ended_.erase(e);
        return out;
    }
    return forAlertOrCard(key, [&](const std::string& k, BoardChanges& out) {
        auto it = alerts_.find(k);
        if (it == alerts_.end() || it->second.resolved || !it->second.acknowledgedBy.empty()) return;
        out.steps.push_back({k, it->second.incident, "acknowledged", now, who, "", "acknowledge", k});
        it->second.acknowledgedBy = who;
        it->second.acknowledgedAt = now;
    });
}

BoardChanges AlertBoard::resolve(const std::string& key, const std::string& who, const std::string& note, TimeMs now) {
    if (note.empty()) return {};
    if (auto e = ended_.find(key); e != ended_.end()) {
        BoardChanges out;
        out.steps.push_back({key, e->second.incident, "resolved", now, who, note, "resolve", note});
        ended_.erase(e);
        return out;
    }
    return forAlertOrCard(key, [&](const std::string& k, BoardChanges& out) {
        auto it = alerts_.find(k);
        if (it == alerts_.end() || it->second.resolved) return;
        out.steps.push_back({k, it->second.incident, "resolved", now, who, note, "resolve", note});
        it->second.resolved = true;
    });
}

std::vector<forecast::Alert> AlertBoard::cards(const std::vector<forecast::Alert>& active) {
    std::vector<forecast::Alert> open;
    for (const auto& a : active) {
        if (a.kind == "waits" && a.members.empty()) continue;  // a quiet situation: nothing to show until it ends
        auto it = alerts_.find(a.key);
        if (it == alerts_.end() || !it->second.resolved) open.push_back(a);
    }
    std::vector<forecast::Alert> out;
    for (const auto& key : held_)  // a port down or the log damaged first: nothing else is right while they last
        if (auto it = alerts_.find(key); it != alerts_.end() && !it->second.resolved) out.push_back(it->second.last);
    for (auto& a : forecast::groupAlerts(open, groups_)) out.push_back(std::move(a));
    for (const auto& [key, ended] : ended_) out.push_back(ended.last);
    return out;
}

CardState AlertBoard::stateOf(const std::string& key) const {
    CardState s;
    auto group = groups_.find(key);
    if (group != groups_.end()) {
        s.count = static_cast<int>(group->second.size());
        s.actionable = true;
        // Acknowledged by: the first member's manager once every member is acknowledged, else nobody yet.
        for (std::size_t i = 0; i < group->second.size(); ++i) {
            auto it = alerts_.find(group->second[i]);
            if (it == alerts_.end() || it->second.acknowledgedBy.empty()) {
                s.acknowledgedBy.clear();
                s.acknowledgedAt = 0;
                break;
            }
            if (i == 0) s.acknowledgedBy = it->second.acknowledgedBy;
            s.acknowledgedAt = std::max(s.acknowledgedAt, it->second.acknowledgedAt);
        }
    } else if (auto e = ended_.find(key); e != ended_.end()) {
        s.actionable = true;
    } else if (auto it = alerts_.find(key); it != alerts_.end()) {
        s.actionable = true;
        if (!it->second.members.empty()) s.count = static_cast<int>(it->second.members.size());
        s.acknowledgedBy = it->second.acknowledgedBy;
        s.acknowledgedAt = it->second.acknowledgedAt;
    }
    return s;
}

}  // namespace lw::alerts
