// The complaint register's rules (plain C++): working-day due dates with a holiday calendar, the lifecycle, and
// what is due. The branch's rule: answered the same day or within 3 working days (configurable), never later
// than 7; the first employee who receives a complaint owns it.
#pragma once

#include "LobbyEvent.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lw::report {

using lobby::TimeMs;

// Which days are working days: Monday-Friday, less public holidays, plus weekend days made working days (调休).
struct WorkCalendar {
    std::set<std::string> holidays;         // YYYY-MM-DD
    std::set<std::string> workingWeekends;  // YYYY-MM-DD
    bool isWorkingDay(const std::string& day) const;
    // The day `n` working days after `day` (n = 0: `day` itself if it is a working day, else the next one).
    std::string addWorkingDays(const std::string& day, int n) const;
    // Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
    int workingDaysBetween(const std::string& from, const std::string& to) const;
};

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

// Due: the received day plus `workingDays` working days (0..7; more is refused: the rule says never later than 7).
std::optional<std::string> dueDayFor(const std::string& receivedDay, int workingDays, const WorkCalendar& calendar);

enum class Due { Answered, Ok, Soon, Today, Overdue };
// Answered (replied or closed), or how close an open/escalated complaint is to its due day, seen on `today`:
// Soon = due on the next working day.
Due dueState(const Complaint& c, const std::string& today, const WorkCalendar& calendar);
const char* toString(Due due);

// Checks a new complaint's fields; empty when acceptable, else what is wrong (naming the field).
std::string validate(const Complaint& c);

}  // namespace lw::report
