// Civil-date arithmetic after Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms".
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::lobby {

namespace {
constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

// Division that rounds towards minus infinity, so times before 1970 land on the right day.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` digits at `pos`; nullopt if any is not a digit.
std::optional<int> digits(const std::string& text, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i])) return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}
}  // namespace

std::int64_t daysFromCivil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;                                         // [0, 399]
    const std::int64_t mp = (month + 9) % 12;                                       // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                          // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                 // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

bool isValidDate(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = (month == 2 && leap) ? 29 : kDays[month - 1];
    return day <= last;
}

std::string formatDate(const CivilDate& date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::string formatLocalTime(TimeMs t, int utcOffsetMinutes) {
    const std::int64_t local = t + utcOffsetMinutes * kMsPerMinute;
    const std::int64_t days = floorDiv(local, kMsPerDay);
    const std::int64_t secondOfDay = (local - days * kMsPerDay) / 1000;
    const CivilDate date = civilFromDays(days);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day,
                  static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                  static_cast<int>(secondOfDay % 60));
    return buffer;
}

std::optional<TimeMs> parseLocalTime(const std::string& text, int utcOffsetMinutes) {
    // Positions of the separators in "YYYY-MM-DDTHH:MM:SS".
    if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    const auto second = digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    if (!isValidDate(*year, *month, *day) || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
    const std::int64_t seconds = daysFromCivil(*year, *month, *day) * 86'400 + *hour * 3600 + *minute * 60 + *second;
    return seconds * 1000 - utcOffsetMinutes * kMsPerMinute;
}

std::int64_t businessDayNumber(TimeMs t, const LobbyConfig& config) {
    const std::int64_t shifted =
        t + (static_cast<std::int64_t>(config.utcOffsetMinutes) - config.businessDayStartMinutes) * kMsPerMinute;
    return floorDiv(shifted, kMsPerDay);
}

std::string businessDayOf(TimeMs t, const LobbyConfig& config) {
    return formatDate(civilFromDays(businessDayNumber(t, config)));
}

TimeMs businessDayStart(std::int64_t day, const LobbyConfig& config) {
    return day * kMsPerDay -
           (static_cast<std::int64_t>(config.utcOffsetMinutes) - config.businessDayStartMinutes) * kMsPerMinute;
}

}  // namespace lw::lobby
