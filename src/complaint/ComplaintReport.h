// The complaint register in figures (plain C++, today passed in): complaints by clock met or missed, class, cause,
// channel, responsibility found, satisfaction and follow-ups, per 10,000 customers served; and the anonymised
// per-complaint export for the bank's service department (no names, no contacts, no free text).
#pragma once

#include "complaint/Clocks.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::complaint {

struct ClockTally {
    int met = 0, missed = 0, running = 0, overdue = 0;  // overdue: running past its due day
};

struct ComplaintTally {
    int count = 0;
    std::map<std::string, int> byCause, byChannel, byClass, byState;
    std::map<std::string, ClockTally> clocks;  // answer, agreed, reply, resolve
    int bankAtFault = 0, bankNotAtFault = 0, notInvestigated = 0;
    int satisfied = 0, notSatisfied = 0, satisfactionUnknown = 0;  // of those replied to (the latest answer)
    int followUpsDone = 0, followUpsPlanned = 0;
    int escalated = 0;  // escalated at least one level
    std::map<int, int> queueJumpsByWindow;  // calls out of the queue's order in the range (QueueOrder.h), per window
    // The satisfaction rate of those whose satisfaction is known; nullopt when none is ("no data", never 0).
    std::optional<double> satisfactionRate() const;
};

// Complaints received (by the complaint date) from..to, their clocks seen on `today`.
ComplaintTally tally(const std::vector<Complaint>& complaints, const std::string& from, const std::string& to,
                     const Rules& rules, const WorkCalendar& calendar, const std::string& today);

// Complaints per 10,000 customers served; nullopt when none were served ("no data").
std::optional<double> per10000(int complaints, int served);

// The figures as JSON: {"branch", "branch_name", "from", "to", "count", "served", "per_10000" (null: no data),
// "by_cause", "by_channel", "by_class", "by_state", "clocks": {name: {met, missed, running, overdue}},
// "responsibility": {bank_at_fault, not_at_fault, not_investigated}, "satisfaction": {satisfied, not_satisfied,
// unknown, rate (null: no data)}, "follow_ups": {done, planned}, "escalated", "queue_jumps_by_window": {window: n}}.
std::string toJson(const ComplaintTally& t, int served, const std::string& from, const std::string& to,
                   const std::string& branchIdentifier, const std::string& branchName);

// One row per complaint, CSV (UTF-8, comma-separated, a header line): the branch's identifier, the complaint's
// number, dates, channel, cause, class, state, escalation level, responsibility, apology, satisfaction, follow-up,
// and each clock's due day and state. No names, no contacts, no summary or notes (they may hold names).
std::string anonymisedCsv(const std::vector<Complaint>& complaints, const std::string& branchIdentifier, const Rules& rules,
                          const WorkCalendar& calendar, const std::string& today);

}  // namespace lw::complaint
