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
        if (!id) return !s->audit || !store_.recordAction(*s->audit);  // its incident was dropped: only who did what
        if (!s->audit) return store_.stepIncident(*id, s->state, s->at, s->byWhom, s->note);
        store::StaffAction audit = *s->audit;
        if (audit.subject.empty()) audit.subject = "incident:" + std::to_string(*id);
        return !store_.atomically([&]() -> std::optional<std::string> {
            if (!store_.stepIncident(*id, s->state, s->at, s->byWhom, s->note)) return std::string("step refused");
            return store_.recordAction(audit);
        });
    }
    if (auto* u = std::get_if<Update>(&op)) {
        auto id = idOf(u->handle);
        if (!id) return true;  // its incident was dropped
        return store_.updateIncident(*id, u->at, u->severity, u->figures, u->zh, u->en, u->joined, u->left);
    }
    if (auto* s = std::get_if<Setting>(&op)) {
        return !store_.atomically([&]() -> std::optional<std::string> {
            if (auto e = store_.setMeta(s->key, s->value)) return e;
            return store_.recordAction(s->audit);
        });
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
                       const std::string& note, std::optional<store::StaffAction> audit) {
    if (handle == -1 || handle == 0) {
        if (audit) action(*audit);
        return;
    }
    Op op = Step{handle, state, at, byWhom, note, std::move(audit)};
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

void IncidentLog::action(const store::StaffAction& a) {
    Op op = a;
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

void IncidentLog::setting(const std::string& key, const std::string& value, const store::StaffAction& audit) {
    Op op = Setting{key, value, audit};
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

std::size_t IncidentLog::flush() {
    while (!queue_.empty() && apply(queue_.front())) queue_.pop_front();
    return queue_.size();
}

}  // namespace lw::kiosk

namespace lw::kiosk {

void IncidentLog::update(std::int64_t handle, lobby::TimeMs at, const std::string& severity, const std::string& figures,
                         const std::string& messageZh, const std::string& messageEn,
                         const std::vector<std::string>& joined, const std::vector<std::string>& left) {
    if (handle == -1 || handle == 0) return;
    Op op = Update{handle, at, severity, figures, messageZh, messageEn, joined, left};
    if (queue_.empty() && apply(op)) return;
    enqueue(std::move(op));
}

}  // namespace lw::kiosk
