// A complaint heard at the branch (plain C++): its record, the checks on what a person typed, and its due day.
// The branch's rule: the first employee who receives a complaint owns it (首问负责制).
#pragma once

#include "complaint/Calendar.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lw::complaint {

using TimeMs = std::int64_t;

// on_site (a visit), comment_book, letter, email, fax, phone, head_office, regulator
extern const std::vector<std::string> kChannels;
// long_wait, staff_attitude, operation_error, system_fault, equipment, policy, misunderstanding (the customer's),
// mis_selling, other
extern const std::vector<std::string> kCauses;
// simple (reply within 1 working day by default), general (3), complex (5)
extern const std::vector<std::string> kClasses;
// The complaint's life (see Lifecycle.h): received, agreed, handed_over, accepted, investigated, replied, resolved,
// followed_up, closed; reopened when the customer was not satisfied.
extern const std::vector<std::string> kStates;

struct Complaint {
    std::int64_t id = 0;
    TimeMs receivedAt = 0;
    std::string receivedDay;  // business day it was received
    std::string channel;
    std::string receivedBy;   // the owner (首问负责制)
    std::string cause;
    std::string summary;
    std::string contact;      // optional; personal data
    std::string ticket;       // optional link: the ticket's label ...
    std::string ticketDay;    // ... its business day ...
    TimeMs ticketIssuedAt = 0;  // ... and when it was issued (a label can be issued twice a day)
    std::string dueDay;       // reply by the end of this day (the reply clock's due day)
    std::string state = "received";
    std::string reply;        // what the customer was told (the latest reply)
    std::optional<bool> satisfied;
    TimeMs repliedAt = 0, closedAt = 0;

    // The customer's own complaint date (a letter reaching the branch later): the clocks count from it.
    std::string complainedDay;
    std::string complexity = "general";  // kClasses
    std::string owner;                   // who holds it now (receivedBy until a hand-over is accepted)
    // A hand-over waiting for its new owner to accept it: from whom, to whom, why, and the state to go back to
    // when declined.
    std::string handoverFrom, pendingOwner, handoverWhy, stateBeforeHandover;
    bool answeredOnSpot = false;
    std::string agreedDay;  // 约期: the date agreed with the customer ...
    std::string agreedOn;   // ... and the day it was agreed
    std::string answerDay;  // the first answer: on the spot, a date agreed, or a reply
    // The investigation: notes, the bank at fault or not, who is responsible, apology given, the remedy.
    std::string investigation;
    std::optional<bool> bankAtFault;
    std::string responsible;
    bool apology = false;
    std::string remedy;
    std::string replyDay;  // the reply the customer did not reject (the reply clock stops here)
    std::string resolution;
    TimeMs resolvedAt = 0;
    std::string resolvedDay;
    std::string followUpPlanned;  // 回访: the day planned ...
    std::string followUpDay;      // ... the day done, and what came of it
    std::string followUpOutcome;
    std::optional<bool> followUpSatisfied;
    // Escalation, level by level: 0 with the branch's staff, 1 the complaint officer, 2 the branch head, 3 the
    // bank's service department; the latest step's recipient and time.
    int escalationLevel = 0;
    std::string escalatedTo;
    TimeMs escalatedAt = 0;
};

// What a person gave when recording a complaint (the kiosk's form, the command line).
struct Intake {
    TimeMs at = 0;
    std::string day;  // the business day of `at`
    std::string channel, cause, by, summary, contact, ticket, ticketDay;
    std::string complainedDay;  // empty: `day`
    std::string complexity;     // empty: general
};

// The clocks' lengths in working days, each configurable ([complaints]); the defaults are the branch's rules.
struct Rules {
    int answerWorkingDays = 0;  // an answer the same day where possible (on the spot or a date agreed)
    int replySimple = 1, replyGeneral = 3, replyComplex = 5;
    int resolveWorkingDays = 7;
    int agreeMaxWorkingDays = 3;  // a date agreed with the customer is at most this far from the complaint date
    // The reply clock's length for a complaint of this class (kClasses).
    int replyDays(const std::string& complexity) const;
};

// The complaint as received: owner, due day (the reply clock's), checked fields. `dueWorkingDays` >= 0 replaces
// the class's reply days (the command line's --due-days). On a bad field, nullopt and `error` naming it.
std::optional<Complaint> receive(const Intake& in, const Rules& rules, const WorkCalendar& calendar, std::string& error,
                                 int dueWorkingDays = -1);

// A second save of the same complaint (a Save tapped twice, a form sent again): the same person, channel, cause,
// summary, contact and ticket, received no more than `withinMs` after `earlier`.
bool isRepeat(const Complaint& earlier, const Complaint& now, TimeMs withinMs);

// Due: the received day plus `workingDays` working days (0..7; more is refused: the rule says never later than 7).
std::optional<std::string> dueDayFor(const std::string& receivedDay, int workingDays, const WorkCalendar& calendar);

// Open: not closed (also when replied, resolved or followed up: the complaint's life goes on).
bool isOpen(const Complaint& c);

enum class Due { Answered, Ok, Soon, Today, Overdue };
// The reply clock seen on `today`: Answered (a reply the customer did not reject), or how close it is to its due
// day: Soon = due on the next working day.
Due dueState(const Complaint& c, const std::string& today, const WorkCalendar& calendar);
const char* toString(Due due);

// Checks a new complaint's fields; empty when acceptable, else what is wrong (naming the field).
std::string validate(const Complaint& c);
// No control characters at all (no newline): names, contacts, labels.
bool isOneLine(const std::string& s);

}  // namespace lw::complaint
