// The lobby floor's side in the kiosk: incidents opened by hand and their six-step routine (complaint::FloorIncident,
// stored as incidents with their steps), today's as rows for the screen; a ticket's timeline of any day for a
// missed-number or queue-jumping dispute; the manager's decision to re-queue a missed number, recorded as such.
#pragma once

#include "store/EventStore.h"
#include "ui/FloorDesk.h"
#include "app/KioskComplaintDesk.h"
#include "kiosk/KioskConfig.h"

#include <QVariantMap>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lw::app {

struct FloorParts {
    store::EventStore& store;
    const kiosk::KioskConfig& config;
    std::function<lobby::TimeMs()> now;
    // The signed-in person who may act now (nullopt: nobody; the keypad then says "sign in first").
    std::function<std::optional<ComplaintActor>()> who;
    std::function<void()> changed;  // an incident opened or stepped: the incident log and panel again
    // Runs a write where the log is written (the kiosk's writer thread) and waits for it; empty: on `store`.
    std::function<void(const std::function<void(store::EventStore&)>&)> write;
};

// Connects the screen's floor desk to the kiosk and fills its list of today's incidents.
void wireFloorDesk(ui::FloorDesk& desk, FloorParts parts);
// Today's hand-opened incidents as rows, newest first.
std::vector<ui::FloorIncidentRow> floorRows(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& day);
// A ticket's visits that day with their timelines: {ok, label, day, visits} or {ok: false, whyZh, whyEn}.
QVariantMap ticketLookup(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& label, const std::string& day);

}  // namespace lw::app
