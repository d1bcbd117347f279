// The lobby model's queries: a ticket, the waiting order, the next for a window, windows, category figures.
#include "lobby/LobbyState.h"

#include <algorithm>

namespace lw::lobby {

std::optional<TimeMs> Lobby::now() const { return state_->clock; }
std::string Lobby::businessDay() const { return state_->dayText; }

const Ticket* Lobby::ticket(const std::string& label) const {
    auto it = state_->tickets.find(label);
    return it == state_->tickets.end() ? nullptr : &it->second.ticket;
}

std::vector<const Ticket*> Lobby::waiting(const std::string& category) const {
    std::vector<const Ticket*> out;
    auto it = state_->categories.find(category);
    if (it == state_->categories.end()) return out;
    out.reserve(it->second.queue.size());
    for (const QueueEntry& entry : it->second.queue) out.push_back(entry.ticket);
    return out;
}

const Ticket* Lobby::nextFor(int number) const {
    auto win = state_->windows.find(number);
    if (win == state_->windows.end()) return nullptr;
    if (!win->second.reserved.empty()) return win->second.reserved.begin()->ticket;
    for (const std::string& code : win->second.window.serves) {
        auto cat = state_->categories.find(code);
        if (cat == state_->categories.end()) continue;
        for (const QueueEntry& entry : cat->second.queue) {
            if (entry.ticket->transferredToWindow == 0) return entry.ticket;
        }
    }
    return nullptr;
}

const Window* Lobby::window(int number) const {
    auto it = state_->windows.find(number);
    return it == state_->windows.end() ? nullptr : &it->second.window;
}

std::vector<const Window*> Lobby::windows() const {
    std::vector<const Window*> out;
    for (const auto& [number, rec] : state_->windows) out.push_back(&rec.window);
    return out;
}

std::optional<CategoryStatus> Lobby::category(const std::string& code) const {
    auto it = state_->categories.find(code);
    if (it == state_->categories.end()) return std::nullopt;
    const CategoryRecord& rec = it->second;
    const TimeMs now = state_->clock.value_or(0);
    CategoryStatus status;
    status.config = rec.config;
    status.configured = rec.configured;
    status.waiting = static_cast<int>(rec.queue.size());
    status.issuedToday = rec.issued;
    status.calledToday = rec.called;
    for (const QueueEntry& entry : rec.queue) {
        if (entry.ticket->priority) ++status.priorityWaiting;
        if (auto wait = entry.ticket->waitMs(now)) status.longestWaitMs = std::max(status.longestWaitMs, *wait);
    }
    for (const auto& [calledAt, wait] : rec.recentWaits) {
        if (now - calledAt <= kHourMs) status.waitsLastHourMs.push_back(wait);
    }
    for (TimeMs issuedAt : rec.recentIssues)
        if (now - issuedAt <= kHourMs) ++status.issuedLastHour;
    return status;
}

std::vector<CategoryStatus> Lobby::categories() const {
    std::vector<CategoryStatus> out;
    for (const std::string& code : state_->categoryOrder) out.push_back(*category(code));
    return out;
}

LobbyTotals Lobby::totals() const { return state_->totals; }
const std::vector<Anomaly>& Lobby::anomalies() const { return state_->anomalies; }
const std::map<int, std::string>& Lobby::deviceStatus() const { return state_->devices; }

}  // namespace lw::lobby
