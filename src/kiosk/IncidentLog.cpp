// The incident queue: straight to the log when it takes writes, in order from memory when it did not.
#include "IncidentLog.h"

namespace lw::kiosk {

IncidentLog::IncidentLog(store::EventStore& store, std::size_t capacity) : store_(store), capacity_(capacity) {}

std::optional<std::int64_t> IncidentLog::idOf(std::int64_t handle) const {
    if (handle > 0) return handle;
    auto it = written_.find(handle);
    if (it == written_.end()) return std::nullopt;
    return it->second;
}

bool IncidentLog::apply(const Op& op) {
    if (auto* r = std::get_if<Raise>(&op)) {
        auto id = store_.raiseIncident(r->incident);
        if (!id) return false;
        if (r->handle < 0) written_[r->handle] = *id;
        return true;
    }
    if (auto* s = std::get_if<Step>(&op)) {
        auto id = idOf(s->handle);
        if (!id) return true;  // its incident was dropped: nothing to step
        return store_.stepIncident(*id, s->state, s->at, s->byWhom, s->note);
    }
    return !store_.recordAction(std::get<store::StaffAction>(op)).has_value();
}

void IncidentLog::enqueue(Op op) {
    if (queue_.size() >= capacity_) {
        ++dropped_;
        return;
    }
    queue_.push_back(std::move(op));
}

std::int64_t IncidentLog::raise(const store::Incident& incident) {
    if (queue_.empty()) {
        if (auto id = store_.raiseIncident(incident)) return *id;
    }
    std::int64_t handle = nextHandle_--;
    enqueue(Raise{handle, incident});
    return handle;
}

void IncidentLog::step(std::int64_t handle, const std::string& state, lobby::TimeMs at, const std::string& byWhom,
                       const std::string& note) {
    if (handle == -1 || handle == 0) return;
    Op op = Step{handle, state, at, byWhom, note};
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

void IncidentLog::action(const store::StaffAction& a) {
    Op op = a;
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

std::size_t IncidentLog::flush() {
    while (!queue_.empty() && apply(queue_.front())) queue_.pop_front();
    return queue_.size();
}

}  // namespace lw::kiosk
