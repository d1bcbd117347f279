// What the ingestion path needs of the event log: one batch appended durably (or refused, with why), and a day's
// events read back. The SQLite log is one implementation (StoreEventLog); a writer thread or a test double is another.
#pragma once

#include "store/EventStore.h"

#include <optional>
#include <string>
#include <vector>

namespace lw::kiosk {

class EventLog {
public:
    virtual ~EventLog() = default;
    // One transaction: every event, reject and anomaly of `batch`, on disk when this returns nullopt (the ACKs
    // depend on it); nothing of it when it returns the reason.
    virtual std::optional<std::string> append(const store::Batch& batch) = 0;
    // The events logged under `businessDay`, in order.
    virtual std::vector<lobby::LobbyEvent> eventsOfDay(const std::string& businessDay) = 0;

protected:
    EventLog() = default;
    EventLog(const EventLog&) = default;
    EventLog& operator=(const EventLog&) = default;
};

// The SQLite event log on the calling thread.
class StoreEventLog final : public EventLog {
public:
    explicit StoreEventLog(store::EventStore& store) : store_(store) {}
    std::optional<std::string> append(const store::Batch& batch) override { return store_.append(batch); }
    std::vector<lobby::LobbyEvent> eventsOfDay(const std::string& businessDay) override {
        return store_.eventsOfDay(businessDay);
    }

private:
    store::EventStore& store_;
};

}  // namespace lw::kiosk
