// The complaint's clocks (plain C++, today passed in): answer, agreed date, reply, resolve. Reply and resolve are
// counted in working days from the customer's complaint date, the answer from the day the complaint reached the
// branch, the agreed date from the day it was agreed; each has its own state from the day it starts.
#pragma once

#include "complaint/Complaint.h"

#include <string>
#include <vector>

namespace lw::complaint {

enum class ClockState {
    Running,   // started, not yet near its due day
    DueSoon,   // due on the next working day
    DueToday,
    Overdue,
    Met,       // stopped on or before its due day
    Missed     // stopped after it, or closed without ever stopping it
};
const char* toString(ClockState state);  // running, due_soon, due_today, overdue, met, missed

struct Clock {
    std::string name;  // answer | agreed | reply | resolve
    std::string startDay, dueDay;
    std::string stoppedDay;  // empty while it runs
    ClockState state = ClockState::Running;
    bool running() const { return stoppedDay.empty() && state != ClockState::Met && state != ClockState::Missed; }
};

// The complaint's clocks seen on `today`: answer (the same day: on the spot or a date agreed), agreed (only when a
// date was agreed: a reply by then), reply (by class), resolve.
std::vector<Clock> clocksOf(const Complaint& c, const Rules& rules, const WorkCalendar& calendar, const std::string& today);

// One card's words for the clocks of a complaint that run and are not yet near their due day ("running: the
// reply by 3 March, the resolution by 5 March").
std::string runningMessageZh(const Complaint& c, const std::vector<Clock>& running);
std::string runningMessageEn(const Complaint& c, const std::vector<Clock>& running);

// A card's words for a running clock: what is due, whose it is, by when.
std::string clockMessageZh(const Complaint& c, const Clock& clock);
std::string clockMessageEn(const Complaint& c, const Clock& clock);

}  // namespace lw::complaint
