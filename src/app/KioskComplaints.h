// Complaints at the kiosk: a complaint recorded from the manager's screen, and the running clocks of each open
// complaint: from the day they start, an information card per complaint; a card and an incident each once due soon,
// today or overdue (checked each minute); hand-overs and escalations as cards for their recipient.
#pragma once

#include "store/EventStore.h"
#include "kiosk/KioskConfig.h"
#include "app/KioskIncidents.h"
#include "forecast/Watch.h"

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
    const std::vector<forecast::Alert>& cards() const { return cards_; }          // clocks due: before the lobby's alerts
    const std::vector<forecast::Alert>& infoCards() const { return infoCards_; }  // other clocks running: after them

private:
    store::EventStore& store_;
    const kiosk::KioskConfig& config_;
    KioskIncidents& incidents_;
    std::vector<forecast::Alert> cards_, infoCards_;
    std::map<std::string, std::optional<std::int64_t>> open_;  // "complaint id|clock" -> its incident
};

// A complaint heard at the branch, recorded by `who` (its owner) with its complaint_received action, both or
// neither: {channel, cause, ticket, summary, contact} in, {ok, id, dueDay} or {ok: false, whyZh, whyEn} out.
QVariantMap recordComplaint(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& who,
                            const QVariantMap& in, lobby::TimeMs now);

}  // namespace lw::app
