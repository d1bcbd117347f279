// A complaint heard at the branch (plain C++): its record, the checks on what a person typed, and its due day.
// The branch's rule: the first employee who receives a complaint owns it (首问负责制).
#pragma once

#include "Calendar.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lw::complaint {

using TimeMs = std::int64_t;

extern const std::vector<std::string> kChannels;  // on_site, comment_book, letter, phone, head_office, regulator
extern const std::vector<std::string> kCauses;    // long_wait, staff_attitude, operation_error, equipment, policy, other
extern const std::vector<std::string> kStates;    // open, replied, closed, escalated

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
    std::string ticketDay;    // ... and its business day
    std::string dueDay;       // answer by the end of this day
    std::string state = "open";
    std::string reply;
    std::optional<bool> satisfied;
    TimeMs repliedAt = 0, closedAt = 0;
};

// What a person gave when recording a complaint (the kiosk's form, the command line).
struct Intake {
    TimeMs at = 0;
    std::string day;  // the business day of `at`
    std::string channel, cause, by, summary, contact, ticket, ticketDay;
};

// The complaint as received: owner, due day (`dueWorkingDays` after the day), checked fields. On a bad field,
// nullopt and `error` naming it.
std::optional<Complaint> receive(const Intake& in, int dueWorkingDays, const WorkCalendar& calendar, std::string& error);

// Due: the received day plus `workingDays` working days (0..7; more is refused: the rule says never later than 7).
std::optional<std::string> dueDayFor(const std::string& receivedDay, int workingDays, const WorkCalendar& calendar);

enum class Due { Answered, Ok, Soon, Today, Overdue };
// Answered (replied or closed), or how close an open/escalated complaint is to its due day, seen on `today`:
// Soon = due on the next working day.
Due dueState(const Complaint& c, const std::string& today, const WorkCalendar& calendar);
const char* toString(Due due);

// Checks a new complaint's fields; empty when acceptable, else what is wrong (naming the field).
std::string validate(const Complaint& c);

}  // namespace lw::complaint
