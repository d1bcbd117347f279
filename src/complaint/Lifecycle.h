// The complaint's life as the branch's rules lay it down (plain C++, no clock: each step carries its time):
//   received -> answered on the spot (replied) | a date agreed (agreed)
//            -> handed over (handed_over; the new owner accepts: accepted, or declines: back)
//            -> investigated -> replied (satisfied, or not: reopened and escalated one level)
//            -> resolved (needs a reply and a resolution note) -> followed up (回访) -> closed.
// Escalation goes level by level (complaint officer, branch head, the bank's service department), at any time
// before closing. Who may act: the owner, the complaint officer, the branch head; a hand-over only by its recipient.
#pragma once

#include "auth/Access.h"
#include "complaint/Complaint.h"

#include <string>
#include <vector>

namespace lw::complaint {

// answer (on the spot), agree, hand_over, accept, decline, investigate, reply, resolve, plan_follow_up, follow_up,
// close, escalate
extern const std::vector<std::string> kActions;

// One step someone took: what, when (time and business day), by whom, and its particulars.
struct Step {
    std::string action;
    TimeMs at = 0;
    std::string day;  // the business day of `at`
    std::string by;   // the staff member (checked by PIN in the shell)
    auth::Role role = auth::Role::Manager;
    std::string osUser;  // the operating-system account (recorded, not checked here)
    std::string to;      // hand_over: the new owner; escalate: the recipient (default: the next level's role)
    std::string date;    // agree: the agreed day; plan_follow_up: the planned day
    // answer, reply: what the customer was told; hand_over, decline, escalate: why; investigate: notes;
    // resolve: the resolution; follow_up: the outcome
    std::string text;
    std::optional<bool> yes;  // answer, reply, follow_up: satisfied (unset: not known); investigate: bank at fault
    std::string responsible, remedy;  // investigate
    bool apology = false;             // investigate
};

// Someone the step tells about it: a hand-over's new owner, an escalation's recipient.
struct Notice {
    std::string to;  // a name, or a role: officer, head, service_department
    std::string messageZh, messageEn;
};

struct Outcome {
    std::string error;  // empty: done; else why not, in words for the person who tried
    std::vector<Notice> notices;
    bool ok() const { return error.empty(); }
};

// Applies `step` to `c`: on success `c` is the complaint after it; on refusal `c` is unchanged.
Outcome apply(Complaint& c, const Step& step, const Rules& rules, const WorkCalendar& calendar);

// May this person see (and act on) the complaint: its owner, its pending new owner, the officer, the head.
bool mayHandle(const Complaint& c, const std::string& name, auth::Role role);

// The steps this person may take on the complaint now, in kActions order: those whose state and person the
// state machine allows (apply() still checks the particulars: texts, dates). Empty for someone who may not see it.
std::vector<std::string> possibleSteps(const Complaint& c, const std::string& name, auth::Role role);

// The escalation levels' recipients by role: 1 officer, 2 head, 3 service_department.
const char* levelRecipient(int level);

}  // namespace lw::complaint
