// Working-day arithmetic over the holiday and make-up working-day calendar.
#include "complaint/Calendar.h"

#include "lobby/LocalTime.h"

#include <cctype>

namespace lw::complaint {

namespace {

std::int64_t dayNumber(const std::string& day) {
    return lobby::daysFromCivil(std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)), std::stoi(day.substr(8, 2)));
}

}  // namespace

bool isDay(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return lobby::isValidDate(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2)));
}

std::string plusDays(const std::string& day, int n) { return lobby::formatDate(lobby::civilFromDays(dayNumber(day) + n)); }

int weekday(const std::string& day) {
    // 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3).
    const std::int64_t n = dayNumber(day);
    return static_cast<int>(((n % 7) + 7 + 3) % 7);
}

bool WorkCalendar::isWorkingDay(const std::string& day) const {
    if (holidays.count(day)) return false;
    if (workingWeekends.count(day)) return true;
    return weekday(day) < 5;
}

std::string WorkCalendar::addWorkingDays(const std::string& day, int n) const {
    std::string d = day;
    for (int guard = 0; !isWorkingDay(d) && guard < 60; ++guard) d = plusDays(d, 1);
    for (int i = 0; i < n; ++i) {
        d = plusDays(d, 1);
        for (int guard = 0; !isWorkingDay(d) && guard < 60; ++guard) d = plusDays(d, 1);
    }
    return d;
}

int WorkCalendar::workingDaysBetween(const std::string& from, const std::string& to) const {
    if (to < from) return -workingDaysBetween(to, from);
    int n = 0;
    for (std::string d = plusDays(from, 1); d <= to; d = plusDays(d, 1))
        if (isWorkingDay(d)) ++n;
    return n;
}

}  // namespace lw::complaint
