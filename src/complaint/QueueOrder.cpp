// Queue-order checks over a day's events.
#include "complaint/QueueOrder.h"

#include <algorithm>

namespace lw::complaint {

namespace {

struct Waiting {
    std::string ticket;
    lobby::TimeMs joinedAt = 0;
    std::uint64_t order = 0;  // log order of joining (ties of time)
    bool priority = false;
};

}  // namespace

std::vector<QueueJump> queueJumps(const std::vector<lobby::LobbyEvent>& logged) {
    // By time (an import logs a history in its own order), the log's order among events of the same moment.
    std::vector<lobby::LobbyEvent> dayEvents = logged;
    std::stable_sort(dayEvents.begin(), dayEvents.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    std::map<std::string, std::vector<Waiting>> queues;  // category -> waiting tickets
    std::map<std::string, std::string> categoryOf;       // ticket -> the category it waits in
    std::vector<QueueJump> jumps;
    std::uint64_t order = 0;
    auto leave = [&](const std::string& ticket) {
        auto it = categoryOf.find(ticket);
        if (it == categoryOf.end()) return;
        auto& q = queues[it->second];
        q.erase(std::remove_if(q.begin(), q.end(), [&](const Waiting& w) { return w.ticket == ticket; }), q.end());
        categoryOf.erase(it);
    };
    for (const auto& e : dayEvents) {
        using K = lobby::EventKind;
        switch (e.kind) {
        case K::Issued:
            leave(e.ticket);  // a label issued again (numbers wrap): the new customer
            queues[e.category].push_back({e.ticket, e.time, ++order, e.priority});
            categoryOf[e.ticket] = e.category;
            break;
        case K::Called: {
            auto it = categoryOf.find(e.ticket);
            if (it == categoryOf.end()) break;  // a recall, or a ticket out of the order
            const auto& q = queues[it->second];
            auto self = std::find_if(q.begin(), q.end(), [&](const Waiting& w) { return w.ticket == e.ticket; });
            QueueJump j;
            for (const auto& w : q) {
                if (w.ticket == e.ticket) continue;
                const bool ahead = (w.priority && !self->priority) || (w.priority == self->priority && w.order < self->order);
                if (!ahead) continue;
                if (j.skippedCount == 0) j.skipped = w.ticket;
                ++j.skippedCount;
                j.skippedAll.push_back(w.ticket);
            }
            if (j.skippedCount > 0) {
                j.at = e.time;
                j.window = e.window;
                j.category = it->second;
                j.called = e.ticket;
                jumps.push_back(j);
            }
            leave(e.ticket);
            break;
        }
        case K::NoShow:
        case K::Abandoned:
        case K::Started:
        case K::Finished:
            leave(e.ticket);
            break;
        case K::Transferred:
            leave(e.ticket);
            if (!e.category.empty()) {
                queues[e.category].push_back({e.ticket, e.time, ++order, e.priority});
                categoryOf[e.ticket] = e.category;
            }
            break;
        default:
            break;
        }
    }
    return jumps;
}

std::map<int, int> jumpsPerWindow(const std::vector<QueueJump>& jumps) {
    std::map<int, int> out;
    for (const auto& j : jumps) ++out[j.window];
    return out;
}

}  // namespace lw::complaint
