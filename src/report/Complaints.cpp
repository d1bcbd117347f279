// Working days and due dates for the complaint register.
#include "Complaints.h"

#include "Report.h"

#include <algorithm>

namespace lw::report {

const std::vector<std::string> kChannels = {"on_site", "comment_book", "letter", "phone", "head_office", "regulator"};
const std::vector<std::string> kCauses = {"long_wait", "staff_attitude", "operation_error", "equipment", "policy", "other"};
const std::vector<std::string> kStates = {"open", "replied", "closed", "escalated"};

bool WorkCalendar::isWorkingDay(const std::string& day) const {
    if (holidays.count(day)) return false;
    if (workingWeekends.count(day)) return true;
    return weekdayOf(day) < 5;
}

std::string WorkCalendar::addWorkingDays(const std::string& day, int n) const {
    std::string d = day;
    for (int guard = 0; !isWorkingDay(d) && guard < 60; ++guard) d = addDays(d, 1);
    for (int i = 0; i < n; ++i) {
        d = addDays(d, 1);
        for (int guard = 0; !isWorkingDay(d) && guard < 60; ++guard) d = addDays(d, 1);
    }
    return d;
}

int WorkCalendar::workingDaysBetween(const std::string& from, const std::string& to) const {
    if (to < from) return -workingDaysBetween(to, from);
    int n = 0;
    for (std::string d = addDays(from, 1); d <= to; d = addDays(d, 1))
        if (isWorkingDay(d)) ++n;
    return n;
}

std::optional<std::string> dueDayFor(const std::string& receivedDay, int workingDays, const WorkCalendar& calendar) {
    if (workingDays < 0 || workingDays > 7) return std::nullopt;
    return calendar.addWorkingDays(receivedDay, workingDays);
}

Due dueState(const Complaint& c, const std::string& today, const WorkCalendar& calendar) {
    if (c.state == "replied" || c.state == "closed") return Due::Answered;
    if (today > c.dueDay) return Due::Overdue;
    if (today == c.dueDay) return Due::Today;
    if (calendar.workingDaysBetween(today, c.dueDay) <= 1) return Due::Soon;
    return Due::Ok;
}

const char* toString(Due due) {
    switch (due) {
    case Due::Answered: return "answered";
    case Due::Ok: return "ok";
    case Due::Soon: return "due_soon";
    case Due::Today: return "due_today";
    case Due::Overdue: return "overdue";
    }
    return "?";
}

std::string validate(const Complaint& c) {
    auto in = [](const std::vector<std::string>& list, const std::string& v) {
        return std::find(list.begin(), list.end(), v) != list.end();
    };
    auto join = [](const std::vector<std::string>& list) {
        std::string s;
        for (const auto& x : list) s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    if (!in(kChannels, c.channel)) return "channel: expected one of " + join(kChannels);
    if (!in(kCauses, c.cause)) return "cause: expected one of " + join(kCauses);
    if (c.receivedBy.empty() || c.receivedBy.size() > 40) return "received by: the name of who received it (1-40 characters)";
    if (c.summary.empty() || c.summary.size() > 2000) return "summary: what it is about (1-2000 characters)";
    if (c.contact.size() > 200) return "contact: at most 200 characters";
    auto control = [](const std::string& s) {
        return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && ch != '\n'; });
    };
    if (control(c.receivedBy) || control(c.summary) || control(c.contact)) return "no control characters in the text";
    if (!c.ticket.empty() && (c.ticket.size() < 2 || c.ticket.size() > 8)) return "ticket: a label like A042";
    return {};
}

}  // namespace lw::report
