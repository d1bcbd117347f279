// A lobby incident opened by hand (plain C++, no clock): the lobby manager's crisis routine for a disturbance, a
// customer taken ill, an accident, a fraud victim, a machine fault, a cash delay or anything else, with the
// routine's six steps as a checklist (listen and calm, apologise, solve or propose, act fast, report, follow up),
// each ticked with its time and who ticked it, and the complaints it led to linked to it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lw::complaint {

using TimeMs = std::int64_t;

// disturbance, customer_unwell, accident, fraud_victim, machine_fault (an ATM or other machine), cash_delay, other
extern const std::vector<std::string> kFloorKinds;
// listen_calm, apologise, solve_or_propose, act_fast, report, follow_up: the routine's order
extern const std::vector<std::string> kRoutineSteps;

struct RoutineTick {
    std::string step;  // kRoutineSteps
    TimeMs at = 0;
    std::string by;
    std::string note;  // optional: what was done
};

struct FloorIncident {
    std::int64_t id = 0;
    std::string kind;  // kFloorKinds
    TimeMs openedAt = 0;
    std::string openedBy;
    std::string what;  // what happened, in the manager's words
    std::vector<RoutineTick> ticks;           // in the order they were ticked
    std::vector<std::int64_t> complaints;     // linked complaints
    bool closed = false;
    TimeMs closedAt = 0;
    std::string closedBy, closingNote;
};

// The incident's kind as the log keeps it ("floor_" + kind) and back ("" when it is not a lobby incident).
std::string incidentKind(const std::string& kind);
std::string floorKindOf(const std::string& incidentKind);

// A new incident: the kind known, the words one to 500 bytes without control characters but newlines, the
// manager's name on one line. Empty when acceptable, else what is wrong.
std::string checkOpening(const std::string& kind, const std::string& what, const std::string& by);

// Each returns empty when done (the incident changed), else why not (the incident unchanged).
std::string tick(FloorIncident& incident, const RoutineTick& tick);
std::string linkComplaint(FloorIncident& incident, std::int64_t complaintId);
// Closing needs every step of the routine ticked, or a note saying why not.
std::string close(FloorIncident& incident, TimeMs at, const std::string& by, const std::string& note);

// The kinds' and steps' words for the screens and reports.
std::string kindZh(const std::string& kind);
std::string kindEn(const std::string& kind);
std::string stepZh(const std::string& step);
std::string stepEn(const std::string& step);

}  // namespace lw::complaint
