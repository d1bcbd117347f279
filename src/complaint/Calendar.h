// Working days by the branch's calendar: Monday-Friday, less public holidays, plus weekend days worked (调休).
#pragma once

#include <set>
#include <string>

namespace lw::complaint {

struct WorkCalendar {
    std::set<std::string> holidays;         // YYYY-MM-DD
    std::set<std::string> workingWeekends;  // YYYY-MM-DD
    bool isWorkingDay(const std::string& day) const;
    // The day `n` working days after `day` (n = 0: `day` itself if it is a working day, else the next one).
    std::string addWorkingDays(const std::string& day, int n) const;
    // Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
    int workingDaysBetween(const std::string& from, const std::string& to) const;
};

// Calendar days: `day` plus `n` days, and its weekday (Monday = 0). `day` is YYYY-MM-DD.
std::string plusDays(const std::string& day, int n);
int weekday(const std::string& day);
// A real date written YYYY-MM-DD.
bool isDay(const std::string& text);

}  // namespace lw::complaint
