// Incidents, their steps and staff actions on their way to the event log. While the log refuses writes (a full
// disk), they wait in memory, in order, and go in as soon as it takes writes again: an incident seen during a
// disk-full spell (a device going offline, a manager resolving an alert) is not lost with it.
#pragma once

#include "store/EventStore.h"
#include "store/LogWriter.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lw::kiosk {

class IncidentLog {
public:
    // Written on the calling thread.
    explicit IncidentLog(store::EventStore& store, std::size_t capacity = 10'000);
    // Written on the log's writer thread (the kiosk): every call returns at once; `written`, when set, is called on
    // the writer thread after each write that went in (the screen's incident list is read again).
    explicit IncidentLog(store::LogWriter& writer, std::size_t capacity = 10'000, std::function<void()> written = {});

    // A handle for the incident: its row id once written (on the calling thread, when nothing waits); a negative
    // number otherwise, which later steps name it by.
    std::int64_t raise(const store::Incident& incident);
    // A step, with the staff action that made it (acknowledge, resolve) when there is one: both go in, in one
    // transaction, or neither. The action's subject is filled with "incident:<id>" once the id is known.
    void step(std::int64_t handle, const std::string& state, lobby::TimeMs at, const std::string& byWhom = {},
              const std::string& note = {}, std::optional<store::StaffAction> audit = std::nullopt);
    void action(const store::StaffAction& action);
    // A situation's incident as it stands now, and the tickets that joined or left it (one transaction).
    void update(std::int64_t handle, lobby::TimeMs at, const std::string& severity, const std::string& figures,
                const std::string& messageZh, const std::string& messageEn, const std::vector<std::string>& joined,
                const std::vector<std::string>& left);
    // A setting kept in the log's meta table (the thresholds a manager changed) with the action that changed it,
    // in one transaction.
    void setting(const std::string& key, const std::string& value, const store::StaffAction& audit);
    // Writes what waits, oldest first, until the log refuses one. Returns how many still wait (on the writer
    // thread: as last seen).
    std::size_t flush();
    std::size_t waiting() const { return waiting_; }
    // Operations dropped because more than `capacity` waited (the oldest are kept: they say when trouble began).
    std::uint64_t dropped() const { return dropped_; }
    // The row id behind a handle, once written (where the writes happen).
    std::optional<std::int64_t> idOf(std::int64_t handle) const;

private:
    struct Raise {
        std::int64_t handle;
        store::Incident incident;
    };
    struct Step {
        std::int64_t handle;
        std::string state;
        lobby::TimeMs at;
        std::string byWhom, note;
        std::optional<store::StaffAction> audit;
    };
    struct Setting {
        std::string key, value;
        store::StaffAction audit;
    };
    struct Update {
        std::int64_t handle;
        lobby::TimeMs at;
        std::string severity, figures, zh, en;
        std::vector<std::string> joined, left;
    };
    using Op = std::variant<Raise, Step, store::StaffAction, Setting, Update>;
    bool apply(store::EventStore& store, const Op& op);
    void enqueue(Op op);
    // Straight in when nothing waits, else behind what waits (on the store's thread).
    void submit(Op op);
    void drain(store::EventStore& store);

    store::EventStore* store_ = nullptr;   // written on the calling thread
    store::LogWriter* writer_ = nullptr;   // or on the writer's
    std::function<void()> wroteCallback_;
    std::size_t capacity_;
    // Touched only where the writes happen.
    std::deque<Op> queue_;
    std::map<std::int64_t, std::int64_t> written_;  // waiting handle -> row id
    std::int64_t nextHandle_ = -2;                  // -1 stays "no incident" (the caller's thread)
    std::atomic<std::size_t> waiting_{0};
    std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace lw::kiosk
