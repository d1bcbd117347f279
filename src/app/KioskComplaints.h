// Complaints at the kiosk: a complaint recorded from the manager's screen, and the complaints due soon, today or
// overdue as cards on the alert panel, each with an incident (checked each minute).
#pragma once

#include "EventStore.h"
#include "KioskConfig.h"
#include "KioskIncidents.h"
#include "Watch.h"

#include <QVariantMap>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::app {

class ComplaintWatch {
public:
    ComplaintWatch(store::EventStore& store, const kiosk::KioskConfig& config, KioskIncidents& incidents)
        : store_(store), config_(config), incidents_(incidents) {}

    // Reads the open complaints: a card and an incident for each one due; the incident of one answered clears.
    void check(lobby::TimeMs now);
    const std::vector<forecast::Alert>& cards() const { return cards_; }

private:
    store::EventStore& store_;
    const kiosk::KioskConfig& config_;
    KioskIncidents& incidents_;
    std::vector<forecast::Alert> cards_;
    std::map<std::int64_t, std::optional<std::int64_t>> open_;  // complaint id -> its incident
};

// A complaint heard at the branch, recorded by `who` (its owner) with its complaint_received action, both or
// neither: {channel, cause, ticket, summary, contact} in, {ok, id, dueDay} or {ok: false, whyZh, whyEn} out.
QVariantMap recordComplaint(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& who,
                            const QVariantMap& in, lobby::TimeMs now);

}  // namespace lw::app
