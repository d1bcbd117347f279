// Civil-date arithmetic, local-time text and business days, with the UTC offset passed in (no machine TZ).
#pragma once

#include "lobby/LobbyConfig.h"
#include "lobby/LobbyEvent.h"

#include <cstdint>
#include <optional>
#include <string>

namespace lw::lobby {

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), and back.
std::int64_t daysFromCivil(int year, int month, int day);
CivilDate civilFromDays(std::int64_t days);
bool isValidDate(int year, int month, int day);
std::string formatDate(const CivilDate& date);  // "2026-01-05"

// "2026-01-05T09:03:12": the local time of t (milliseconds are dropped, rounding towards the past).
std::string formatLocalTime(TimeMs t, int utcOffsetMinutes);
// The inverse: exactly "YYYY-MM-DDTHH:MM:SS" with a real date and time, else nullopt.
std::optional<TimeMs> parseLocalTime(const std::string& text, int utcOffsetMinutes);

// A business day runs from businessDayStartMinutes local to the same time the next day, so the business day
// of t is the local calendar date of (t + utcOffset - dayStart). As a day number (days since 1970-01-01)
// for cheap comparisons, and as "YYYY-MM-DD".
std::int64_t businessDayNumber(TimeMs t, const LobbyConfig& config);
std::string businessDayOf(TimeMs t, const LobbyConfig& config);
// When business day `day` (a day number) begins, as UTC milliseconds.
TimeMs businessDayStart(std::int64_t day, const LobbyConfig& config);

}  // namespace lw::lobby
