// The kiosk's clock: follows the wall clock's steps forward, never goes back, and says when the wall clock is wrong.
#include "clock/Clock.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

using namespace lw;
using kiosk::Clock;

namespace {
constexpr lobby::TimeMs kHour = 3'600'000;
constexpr lobby::TimeMs kDay = 24 * kHour;
// 2026-12-01 10:00 in Beijing.
const lobby::TimeMs kMorning = *lobby::parseLocalTime("2026-12-01T10:00:00", 480);
}  // namespace

TEST_CASE("a live clock follows the wall clock stepping forward (NTP after boot): the business day follows") {
    lobby::LobbyConfig config;
    config.utcOffsetMinutes = 480;
    config.businessDayStartMinutes = 240;
    Clock clock(kMorning - kDay, 1.0);  // booted a day behind
    clock.followWallClock();
    REQUIRE(lobby::businessDayOf(clock.now(), config) == "2026-11-30");
    kiosk::ClockFollow f = clock.follow(kMorning);
    CHECK(f.steppedForwardMs > kDay - 1000);
    CHECK(f.aheadOfWallMs == 0);
    CHECK(lobby::businessDayOf(clock.now(), config) == "2026-12-01");
    CHECK(clock.now() >= kMorning);
    CHECK(clock.now() < kMorning + 60'000);
    // Within the tolerance nothing moves.
    CHECK(clock.follow(clock.now() + 500).steppedForwardMs == 0);
}

TEST_CASE("a simulated or frozen clock ignores the wall clock") {
    Clock clock(kMorning, 60.0);
    CHECK_FALSE(clock.followsWall());
    kiosk::ClockFollow f = clock.follow(kMorning + kDay);
    CHECK(f.steppedForwardMs == 0);
    CHECK(clock.now() < kMorning + kHour);
}

TEST_CASE("the wall clock stepping back is never followed backwards: a small step is slewed, a large one kept") {
    Clock clock(kMorning, 1.0);
    clock.followWallClock();
    const lobby::TimeMs before = clock.now();
    // A minute back: caught up slowly, and no reading of the clock goes back meanwhile.
    lobby::TimeMs last = before;
    for (int i = 0; i < 50; ++i) {
        kiosk::ClockFollow f = clock.follow(before - 60'000);
        CHECK(f.steppedForwardMs == 0);
        CHECK(f.aheadOfWallMs > 0);
        const lobby::TimeMs t = clock.now();
        CHECK(t >= last);
        last = t;
    }
    CHECK(clock.base() <= kMorning - 50 * 100 + 1);  // 100 ms caught up per reading
    // A day back: not followed at all; the clock says how far ahead of the wall clock it is.
    Clock kept(kMorning, 1.0);
    kept.followWallClock();
    kiosk::ClockFollow f = kept.follow(kMorning - kDay);
    CHECK(f.aheadOfWallMs >= kDay - 1000);
    CHECK(kept.now() >= kMorning);
    CHECK(kept.base() == kMorning);
}

TEST_CASE("a start never goes before the log's last event") {
    Clock clock(kMorning - kDay, 1.0);
    clock.followWallClock();
    clock.notBefore(kMorning);
    CHECK(clock.now() >= kMorning);
    clock.notBefore(kMorning - kHour);  // an earlier floor changes nothing
    CHECK(clock.now() >= kMorning);
    CHECK(clock.now() < kMorning + 60'000);
}

TEST_CASE("an implausible wall clock: before the build date, or minutes behind the log's last time") {
    CHECK(kiosk::buildDate().size() == 10);
    CHECK(kiosk::buildTime() > *lobby::parseLocalTime("2026-01-01T00:00:00", 0) - 1);
    const lobby::TimeMs built = kiosk::buildTime();
    // 1970: before the build.
    auto epoch = kiosk::doubtClock(0, built, built, 480);
    REQUIRE(epoch);
    CHECK_THAT(epoch->en, Catch::Contains("1970-01-01 08:00") && Catch::Contains(kiosk::buildDate()));
    CHECK_THAT(epoch->zh, Catch::Contains("构建日期"));
    // A day behind the log's last event (of a program built before).
    const lobby::TimeMs june = *lobby::parseLocalTime("2026-06-01T00:00:00", 0);
    auto behind = kiosk::doubtClock(kMorning - kDay, kMorning, june, 480);
    REQUIRE(behind);
    CHECK_THAT(behind->en, Catch::Contains("24 h behind") && Catch::Contains("2026-12-01 10:00"));
    // A few minutes behind is the slew's business, not an incident; ahead is fine.
    CHECK_FALSE(kiosk::doubtClock(kMorning - 4 * 60'000, kMorning, june, 480));
    CHECK_FALSE(kiosk::doubtClock(kMorning + kHour, kMorning, june, 480));
    CHECK(kiosk::doubtClock(kMorning - 6 * 60'000, kMorning, june, 480));
}
