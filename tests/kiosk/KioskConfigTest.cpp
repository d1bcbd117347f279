// The kiosk's config file: the shipped example parses; every mistake names file, line, key and expectation.
#include "Ini.h"
#include "KioskConfig.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <sys/stat.h>

using namespace lw;

namespace {

// The message a config text is refused with ("" when it is accepted).
std::string errorOf(const std::string& text) {
    try {
        kiosk::parseKioskConfig(text, "branch.ini");
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the example config shipped in config/ parses to what it says") {
    std::string path = std::string(std::getenv("LW_SOURCE_DIR")) + "/config/lobbywatch.example.ini";
    kiosk::KioskConfig c = kiosk::loadKioskConfig(path);
    REQUIRE(c.database == "/var/lib/lobbywatch/lobbywatch.db");
    REQUIRE(c.lobby.utcOffsetMinutes == 480);
    REQUIRE(c.lobby.businessDayStartMinutes == 240);
    REQUIRE(c.ports.size() == 1);
    REQUIRE(c.ports[0].name == "counter");
    REQUIRE(c.ports[0].device == "/dev/ttyUSB0");
    REQUIRE(c.ports[0].baud == 9600);
    REQUIRE(c.lobby.categories.size() == 3);
    REQUIRE(c.lobby.categories[2].code == "V");
    REQUIRE(c.lobby.categories[2].nameZh == "贵宾业务");
    REQUIRE(c.lobby.categories[2].limitMin == 20);
    REQUIRE(c.lobby.windows.size() == 4);
    REQUIRE(c.lobby.windows[0].serves == std::vector<std::string>{"V", "A"});
    REQUIRE(c.security.escalateAfterMin == 10);
    REQUIRE(c.alerts.breachProbability == Approx(0.9));
    REQUIRE(c.alerts.breachWithinMin == 10);
    REQUIRE(c.complaints.dueWorkingDays == 3);
    REQUIRE(c.complaints.calendar.holidays.count("2026-10-01") == 1);
}

TEST_CASE("[alerts]: the predicted-breach level and time window, the other rules' limits, each mistake named") {
    auto c = kiosk::parseKioskConfig("[alerts]\nbreach_probability = 0.75\nbreach_within_min = 0\nidle_window_min = 8\n", "branch.ini");
    CHECK(c.alerts.breachProbability == Approx(0.75));
    CHECK(c.alerts.breachClearBelow < 0.75);  // hysteresis kept below the level
    CHECK(c.alerts.breachWithinMin == 0);
    CHECK(c.alerts.idleWindowMin == 8);
    CHECK(c.alerts.slowServiceMin == 20);
    CHECK_THAT(errorOf("[alerts]\nbreach_probability = 1.5\n"), Catch::Contains("branch.ini") && Catch::Contains("breach_probability"));
    CHECK_THAT(errorOf("[alerts]\nbreach_probability = likely\n"), Catch::Contains("breach_probability"));
    CHECK_THAT(errorOf("[alerts]\nbreach_within = 10\n"), Catch::Contains("breach_within_min"));
}

TEST_CASE("defaults when the config names no category") {
    auto c = kiosk::parseKioskConfig("[port p]\ndevice = /dev/ttyS0\nbaud = 115200\nparity = even\n", "k.ini");
    REQUIRE(c.lobby.categories.size() == 3);
    REQUIRE(c.lobby.categories[0].targetMin == 15);
    REQUIRE(c.lobby.categories[0].warningMin == 20);
    REQUIRE(c.lobby.categories[0].limitMin == 30);
    REQUIRE(c.ports[0].baud == 115200);
    REQUIRE(c.ports[0].parity == kiosk::Parity::Even);
}

TEST_CASE("each malformed setting is refused with file, line, key and what is expected") {
    REQUIRE_THAT(errorOf("[port p]\ndevice = /dev/x\nbaud = 1234\n"), Catch::Contains("branch.ini") && Catch::Contains("baud") && Catch::Contains("115200"));
    REQUIRE_THAT(errorOf("[port p]\nbaud = 9600\n"), Catch::Contains("device"));
    REQUIRE_THAT(errorOf("[port p]\ndevice = /dev/x\nparity = maybe\n"), Catch::Contains("parity"));
    REQUIRE_THAT(errorOf("[kiosk]\nutc_offset_minutes = abc\n"), Catch::Contains("utc_offset_minutes") && Catch::Contains("branch.ini:2"));
    REQUIRE_THAT(errorOf("[kiosk]\nbusiness_day_start = 25:00\n"), Catch::Contains("business_day_start"));
    REQUIRE_THAT(errorOf("[kiosk]\ndatabse = x\n"), Catch::Contains("databse"));
    REQUIRE_THAT(errorOf("[category AB]\n"), Catch::Contains("one letter"));
    REQUIRE_THAT(errorOf("[category A]\ntarget_min = 20\nlimit_min = 10\n"), Catch::Contains("limit_min"));
    REQUIRE_THAT(errorOf("[window 0]\nserves = A\n"), Catch::Contains("1..99"));
    REQUIRE_THAT(errorOf("[window 3]\nserves = A, bb\n"), Catch::Contains("serves"));
    REQUIRE_THAT(errorOf("[counter]\n"), Catch::Contains("unknown section"));
    REQUIRE_THAT(errorOf("[security]\nlockout_tries = 1\n"), Catch::Contains("lockout_tries") && Catch::Contains("3"));
    REQUIRE_THAT(errorOf("[security]\nidle_lock = 3\n"), Catch::Contains("idle_lock_min"));
    REQUIRE(errorOf("[kiosk]\nutc_offset_minutes = 480\n").empty());
    auto c = kiosk::parseKioskConfig("[security]\nidle_lock_min = 2\nlockout_min = 15\n", "branch.ini");
    CHECK(c.security.idleLockMin == 2);
    CHECK(c.security.lockoutMin == 15);
    CHECK(c.security.lockoutTries == 5);
}

TEST_CASE("a config file other users may write is refused, naming the file and the fix") {
    std::string path = std::string(std::getenv("LW_TEST_TMP")) + "/shared.ini";
    {
        std::ofstream out(path);
        out << "[kiosk]\nutc_offset_minutes = 480\n";
    }
    ::chmod(path.c_str(), 0644);
    CHECK(kiosk::loadKioskConfig(path).lobby.utcOffsetMinutes == 480);
    ::chmod(path.c_str(), 0666);
    try {
        kiosk::loadKioskConfig(path);
        FAIL("a world-writable config was accepted");
    } catch (const config::ConfigError& e) {
        CHECK_THAT(e.what(), Catch::Contains(path) && Catch::Contains("chmod 600"));
    }
    ::chmod(path.c_str(), 0600);
}

TEST_CASE("the demo configs match the simulator's bundled branches") {
    for (const char* profile : {"small", "city", "payday", "lunch"}) {
        std::string path = std::string(std::getenv("LW_SOURCE_DIR")) + "/config/demo/" + profile + ".ini";
        INFO(path);
        kiosk::KioskConfig c = kiosk::loadKioskConfig(path);
        REQUIRE(c.lobby.categories.size() == 3);
        REQUIRE(c.lobby.windows.size() >= 3);
        REQUIRE(c.lobby.windows[0].serves == std::vector<std::string>{"V", "A"});
    }
}

TEST_CASE("thresholds changed on screen are saved as text and applied over the config; junk is skipped") {
    auto cats = kiosk::defaultCategories();
    CHECK(kiosk::formatThresholds(cats) == "A=15,20,30;B=15,20,30;V=10,15,20");
    kiosk::applySavedThresholds(cats, "A=10,15,25;V=5,8,12");
    CHECK(cats[0].targetMin == 10);
    CHECK(cats[0].limitMin == 25);
    CHECK(cats[1].targetMin == 15);
    CHECK(cats[2].warningMin == 8);
    kiosk::applySavedThresholds(cats, "A=30,20,10;B=x,1,2;V=1,2;Z=1,2,3;garbage;B=1,2,9999");
    CHECK(kiosk::formatThresholds(cats) == "A=10,15,25;B=15,20,30;V=5,8,12");
}

TEST_CASE("[complaints]: due working days 0..7 and a holiday calendar, each mistake named") {
    auto c = kiosk::parseKioskConfig("[complaints]\ndue_working_days = 2\nholidays = 2026-10-01, 2026-10-02\nworking_weekends = 2026-10-10\n",
                                     "branch.ini");
    CHECK(c.complaints.dueWorkingDays == 2);
    CHECK(c.complaints.calendar.holidays.count("2026-10-02") == 1);
    CHECK(c.complaints.calendar.isWorkingDay("2026-10-10"));
    CHECK_THAT(errorOf("[complaints]\ndue_working_days = 8\n"), Catch::Contains("due_working_days"));
    CHECK_THAT(errorOf("[complaints]\nholidays = 1 Oct\n"), Catch::Contains("holidays") && Catch::Contains("YYYY-MM-DD"));
    CHECK(kiosk::parseKioskConfig("", "branch.ini").complaints.dueWorkingDays == 3);
}
