// Incidents, their steps and staff actions on their way to the event log. While the log refuses writes (a full
// disk), they wait in memory, in order, and go in as soon as it takes writes again: an incident seen during a
// disk-full spell (a device going offline, a manager resolving an alert) is not lost with it.
#pragma once

#include "EventStore.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lw::kiosk {

class IncidentLog {
public:
    explicit IncidentLog(store::EventStore& store, std::size_t capacity = 10'000);

    // A handle for the incident: its row id once written; a negative number while it waits.
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
    // Writes what waits, oldest first, until the log refuses one. Returns how many still wait.
    std::size_t flush();
    std::size_t waiting() const { return queue_.size(); }
    // Operations dropped because more than `capacity` waited (the oldest are kept: they say when trouble began).
    std::uint64_t dropped() const { return dropped_; }
    // The row id behind a handle, once written.
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
    bool apply(const Op& op);
    void enqueue(Op op);

    store::EventStore& store_;
    std::size_t capacity_;
    std::deque<Op> queue_;
    std::map<std::int64_t, std::int64_t> written_;  // waiting handle -> row id
    std::int64_t nextHandle_ = -2;                  // -1 stays "no incident"
    std::uint64_t dropped_ = 0;
};

}  // namespace lw::kiosk
