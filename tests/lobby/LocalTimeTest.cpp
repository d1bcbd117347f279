// Civil dates, local-time text and business days, with no help from the machine's time zone.
#include "LobbyFixture.h"

using namespace lwtest;

TEST_CASE("days_from_civil and back agree with known dates", "[lobby][time]") {
    CHECK(daysFromCivil(1970, 1, 1) == 0);
    CHECK(daysFromCivil(2000, 3, 1) == 11017);
    CHECK(daysFromCivil(1969, 12, 31) == -1);
    CHECK(daysFromCivil(2026, 1, 5) == 20458);
    for (std::int64_t d = -800; d < 800000; d += 37) {
        const CivilDate c = civilFromDays(d);
        REQUIRE(isValidDate(c.year, c.month, c.day));
        REQUIRE(daysFromCivil(c.year, c.month, c.day) == d);
    }
}

TEST_CASE("dates are validated with leap years", "[lobby][time]") {
    CHECK(isValidDate(2024, 2, 29));
    CHECK_FALSE(isValidDate(2026, 2, 29));
    CHECK(isValidDate(2000, 2, 29));
    CHECK_FALSE(isValidDate(1900, 2, 29));
    CHECK_FALSE(isValidDate(2026, 4, 31));
    CHECK_FALSE(isValidDate(2026, 13, 1));
    CHECK_FALSE(isValidDate(2026, 1, 0));
}

TEST_CASE("local time text round-trips through UTC milliseconds", "[lobby][time]") {
    // 2026-01-05T09:03:12 at UTC+8 is 01:03:12 UTC.
    const auto t = parseLocalTime("2026-01-05T09:03:12", 480);
    REQUIRE(t);
    CHECK(*t == (daysFromCivil(2026, 1, 5) * 86400 + 1 * 3600 + 3 * 60 + 12) * 1000);
    CHECK(formatLocalTime(*t, 480) == "2026-01-05T09:03:12");
    CHECK(formatLocalTime(*t, 0) == "2026-01-05T01:03:12");
    CHECK(formatLocalTime(*t + 999, 480) == "2026-01-05T09:03:12");  // milliseconds dropped
    CHECK(formatLocalTime(-1, 0) == "1969-12-31T23:59:59");          // rounds towards the past
    CHECK(*parseLocalTime("2026-01-05T00:30:00", 480) + 8 * 3600 * 1000 == *parseLocalTime("2026-01-05T00:30:00", 0));
}

TEST_CASE("malformed local times are refused", "[lobby][time]") {
    for (const char* bad : {"2026-01-05 09:03:12", "2026-01-05T09:03", "2026-01-05T24:00:00", "2026-02-30T09:00:00",
                            "2026-01-05T09:60:00", "2026-01-05T09:03:12Z", "26-01-05T09:03:12", "2026-0a-05T09:03:12",
                            ""}) {
        INFO(bad);
        CHECK_FALSE(parseLocalTime(bad, 480));
    }
}

TEST_CASE("the business day starts at 04:00 local at UTC+8", "[lobby][time]") {
    const LobbyConfig config = branchConfig();
    CHECK(businessDayOf(at("03:59:59"), config) == "2026-01-04");
    CHECK(businessDayOf(at("04:00:00"), config) == "2026-01-05");
    CHECK(businessDayOf(at("23:59:59"), config) == "2026-01-05");
    CHECK(businessDayOf(at("03:59:59", "2026-01-06"), config) == "2026-01-05");
    CHECK(businessDayOf(at("04:00:00", "2026-01-06"), config) == "2026-01-06");
    CHECK(businessDayStart(businessDayNumber(at("12:00:00"), config), config) == at("04:00:00"));
    // Across a year end and with a midnight start.
    LobbyConfig midnight = config;
    midnight.businessDayStartMinutes = 0;
    CHECK(businessDayOf(at("00:00:00", "2026-01-01"), midnight) == "2026-01-01");
    CHECK(businessDayOf(at("03:00:00", "2026-01-01"), config) == "2025-12-31");
}
