// The alert board: open alerts, their cards, and each step a manager or the clock takes on them.
#include "AlertBoard.h"

#include <algorithm>

namespace lw::alerts {

BoardChanges AlertBoard::apply(const forecast::WatchChanges& changes, TimeMs now) {
    BoardChanges out;
    for (const auto& a : changes.raised) {
        OpenAlert open;
        open.raisedAt = now;
        alerts_[a.key] = open;
        out.raised.push_back(a);
    }
    for (const auto& a : changes.cleared) {
        auto it = alerts_.find(a.key);
        if (it == alerts_.end()) continue;
        // A resolved alert's incident is closed already; the condition ending now only frees its key.
        if (!it->second.resolved) out.steps.push_back({a.key, it->second.incident, "cleared", now, "", "", "", ""});
        alerts_.erase(it);
    }
    return out;
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
        auto it = alerts_.find(a.key);
        if (it == alerts_.end() || !it->second.resolved) open.push_back(a);
    }
    return forecast::groupAlerts(open, groups_);
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
    } else if (auto it = alerts_.find(key); it != alerts_.end()) {
        s.actionable = true;
        s.acknowledgedBy = it->second.acknowledgedBy;
        s.acknowledgedAt = it->second.acknowledgedAt;
    }
    return s;
}

}  // namespace lw::alerts
