// The incident queue: straight to the log when it takes writes, in order from memory when it did not; on the
// calling thread, or on the log's writer thread.
#include "kiosk/IncidentLog.h"

#include <cstdio>

namespace lw::kiosk {

IncidentLog::IncidentLog(store::EventStore& store, std::size_t capacity) : store_(&store), capacity_(capacity) {}

IncidentLog::IncidentLog(store::LogWriter& writer, std::size_t capacity, std::function<void()> written)
    : writer_(&writer), wroteCallback_(std::move(written)), capacity_(capacity) {}

std::optional<std::int64_t> IncidentLog::idOf(std::int64_t handle) const {
    if (handle > 0) return handle;
    auto it = written_.find(handle);
    if (it == written_.end()) return std::nullopt;
    return it->second;
}

bool IncidentLog::apply(store::EventStore& store, const Op& op) {
    if (auto* r = std::get_if<Raise>(&op)) {
        auto id = store.raiseIncident(r->incident);
        if (!id) return false;
        if (r->handle < 0) written_[r->handle] = *id;
        return true;
    }
    if (auto* s = std::get_if<Step>(&op)) {
        auto id = idOf(s->handle);
        if (!id) return !s->audit || !store.recordAction(*s->audit);  // its incident was dropped: only who did what
        if (!s->audit) return store.stepIncident(*id, s->state, s->at, s->byWhom, s->note);
        store::StaffAction audit = *s->audit;
        if (audit.subject.empty()) audit.subject = "incident:" + std::to_string(*id);
        return !store.atomically([&]() -> std::optional<std::string> {
            if (!store.stepIncident(*id, s->state, s->at, s->byWhom, s->note)) return std::string("step refused");
            return store.recordAction(audit);
        });
    }
    if (auto* u = std::get_if<Update>(&op)) {
        auto id = idOf(u->handle);
        if (!id) return true;  // its incident was dropped
        return store.updateIncident(*id, u->at, u->severity, u->figures, u->zh, u->en, u->joined, u->left);
    }
    if (auto* s = std::get_if<Setting>(&op)) {
        return !store.atomically([&]() -> std::optional<std::string> {
            if (auto e = store.setMeta(s->key, s->value)) return e;
            return store.recordAction(s->audit);
        });
    }
    return !store.recordAction(std::get<store::StaffAction>(op)).has_value();
}

void IncidentLog::enqueue(Op op) {
    if (queue_.size() >= capacity_) {
        ++dropped_;
        return;
    }
    queue_.push_back(std::move(op));
    waiting_ = queue_.size();
}

void IncidentLog::submit(Op op) {
    auto write = [this, op = std::move(op)](store::EventStore& store) mutable {
        const std::size_t before = queue_.size();
        if (before == 0 && apply(store, op)) {
            if (wroteCallback_) wroteCallback_();
            return;
        }
        // Said here, where the write failed (or waits behind one that did), once per incident: the first of a
        // disk-full spell too, which the raising thread cannot know about yet.
        const auto* r = std::get_if<Raise>(&op);
        if (r && before == 0)
            std::fprintf(stderr, "lobbywatch: the log refuses writes; the incident '%s' (%s) waits in memory\n",
                         r->incident.messageEn.c_str(), r->incident.subject.c_str());
        else if (r && before < capacity_)
            std::fprintf(stderr, "lobbywatch: the incident '%s' (%s) waits in memory behind %zu writes the log refused\n",
                         r->incident.messageEn.c_str(), r->incident.subject.c_str(), before);
        enqueue(std::move(op));
    };
    if (writer_) writer_->post(std::move(write));
    else write(*store_);
}

std::int64_t IncidentLog::raise(const store::Incident& incident) {
    if (store_ && queue_.empty()) {
        if (auto id = store_->raiseIncident(incident)) return *id;
    }
    std::int64_t handle = nextHandle_--;
    submit(Raise{handle, incident});
    return handle;
}

void IncidentLog::step(std::int64_t handle, const std::string& state, lobby::TimeMs at, const std::string& byWhom,
                       const std::string& note, std::optional<store::StaffAction> audit) {
    if (handle == -1 || handle == 0) {
        if (audit) action(*audit);
        return;
    }
    submit(Step{handle, state, at, byWhom, note, std::move(audit)});
}

void IncidentLog::action(const store::StaffAction& a) { submit(a); }

void IncidentLog::setting(const std::string& key, const std::string& value, const store::StaffAction& audit) {
    submit(Setting{key, value, audit});
}

void IncidentLog::drain(store::EventStore& store) {
    bool any = false;
    while (!queue_.empty() && apply(store, queue_.front())) {
        queue_.pop_front();
        any = true;
    }
    waiting_ = queue_.size();
    if (any && wroteCallback_) wroteCallback_();
}

std::size_t IncidentLog::flush() {
    if (writer_) writer_->post([this](store::EventStore& store) { drain(store); });
    else drain(*store_);
    return waiting_;
}

void IncidentLog::update(std::int64_t handle, lobby::TimeMs at, const std::string& severity, const std::string& figures,
                         const std::string& messageZh, const std::string& messageEn,
                         const std::vector<std::string>& joined, const std::vector<std::string>& left) {
    if (handle == -1 || handle == 0) return;
    submit(Update{handle, at, severity, figures, messageZh, messageEn, joined, left});
}

}  // namespace lw::kiosk
