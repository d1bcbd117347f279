// The kiosk's config file: the shipped example parses; every mistake names file, line, key and expectation.
#include "config/Ini.h"
#include "kiosk/KioskConfig.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

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
    REQUIRE(c.alerts.noShowRatio == Approx(2.0));
    REQUIRE(c.alerts.situationClearAfterMs == 10 * 60'000);
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
    auto situations = kiosk::parseKioskConfig("[alerts]\nno_show_ratio = 3.5\nsituation_clear_min = 15\n", "branch.ini");
    CHECK(situations.alerts.noShowRatio == Approx(3.5));
    CHECK(situations.alerts.situationClearAfterMs == 15 * 60'000);
    CHECK_THAT(errorOf("[alerts]\nno_show_ratio = 0.5\n"), Catch::Contains("branch.ini") && Catch::Contains("no_show_ratio"));
    CHECK_THAT(errorOf("[alerts]\nsituation_clear_min = 0\n"), Catch::Contains("situation_clear_min"));
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
    // The clocks, each configurable; the defaults are the rules'.
    auto r = kiosk::parseKioskConfig("[complaints]\nreply_simple_working_days = 2\nresolve_working_days = 10\n", "branch.ini").complaints.rules;
    CHECK(r.replySimple == 2);
    CHECK(r.replyGeneral == 3);
    CHECK(r.replyComplex == 5);
    CHECK(r.resolveWorkingDays == 10);
    CHECK(r.answerWorkingDays == 0);
    CHECK(r.agreeMaxWorkingDays == 3);
    CHECK(kiosk::parseKioskConfig("[complaints]\ndue_working_days = 4\n", "branch.ini").complaints.rules.replyGeneral == 4);
    CHECK_THAT(errorOf("[complaints]\nresolve_working_days = 31\n"), Catch::Contains("resolve_working_days"));
    CHECK_THAT(errorOf("[complaints]\nreply_days = 3\n"), Catch::Contains("reply_days"));
}

TEST_CASE("[branch]: name, identifier, complaint hotline and service phone, each one line") {
    auto b = kiosk::parseKioskConfig("[branch]\nname = 建设路支行\nidentifier = 110105-023\ncomplaint_hotline = 95533\n"
                                     "service_phone = 010-6500 1234\n", "branch.ini").branch;
    CHECK(b.name == "建设路支行");
    CHECK(b.identifier == "110105-023");
    CHECK(b.complaintHotline == "95533");
    CHECK(b.servicePhone == "010-6500 1234");
    CHECK(kiosk::parseKioskConfig("", "branch.ini").branch.name.empty());
    CHECK_THAT(errorOf("[branch]\nhotline = 95533\n"), Catch::Contains("hotline"));
}

TEST_CASE("text that is not UTF-8, or holds control characters, is refused naming the line and key") {
    // A stray Latin-1 byte in a category name.
    CHECK_THAT(errorOf("[category A]\nname_zh = Personal\nname_en = Caf\xE9\n"),
               Catch::Contains("branch.ini:3") && Catch::Contains("[category A] name_en") && Catch::Contains("not UTF-8"));
    // Overlong and surrogate forms are not UTF-8 either.
    CHECK_THAT(errorOf("[category A]\nname_en = \xC0\xAF\n"), Catch::Contains("not UTF-8"));
    CHECK_THAT(errorOf("[category A]\nname_en = \xED\xA0\x80\n"), Catch::Contains("not UTF-8"));
    // A bell, an escape sequence, a C1 control, a lone CR inside a line.
    CHECK_THAT(errorOf("[category A]\nname_en = Per\x07sonal\n"),
               Catch::Contains("branch.ini:2") && Catch::Contains("name_en") && Catch::Contains("U+0007"));
    CHECK_THAT(errorOf("[category B]\nname_zh = \x1b[2J\n"), Catch::Contains("name_zh") && Catch::Contains("U+001B"));
    CHECK_THAT(errorOf("[category B]\nname_zh = a\xC2\x85z\n"), Catch::Contains("name_zh") && Catch::Contains("U+0085"));
    CHECK_THAT(errorOf("[port p]\ndevice = /dev/ttyS0\rbaud = 9600\n"), Catch::Contains("device") && Catch::Contains("U+000D"));
    // A control character in a section header.
    CHECK_THAT(errorOf("[window\x01 1]\nserves = A\n"), Catch::Contains("branch.ini:1") && Catch::Contains("section header"));
    // Accepted: Chinese in UTF-8, a tab, CRLF line ends.
    auto c = kiosk::parseKioskConfig("[category A]\r\nname_zh = 个人业务\r\nname_en =\tPersonal\r\n", "branch.ini");
    CHECK(c.lobby.categories[0].nameZh == "个人业务");
    CHECK(c.lobby.categories[0].nameEn == "Personal");
}

TEST_CASE("a GBK/GB18030 config (Notepad in a Chinese locale) is refused as not UTF-8, with the iconv that converts it") {
    // "个人业务" in GBK: B8 F6 C8 CB D2 B5 CE F1.
    const std::string gbk = "[kiosk]\nutc_offset_minutes = 480\n\n[category A]\nname_zh = \xB8\xF6\xC8\xCB\xD2\xB5\xCE\xF1\n";
    const std::string gbkComment = "# \xCD\xF8\xB5\xE3\n[category A]\nname_zh = \xB8\xF6\xC8\xCB\xD2\xB5\xCE\xF1\n";
    std::string e = errorOf(gbk);
    CHECK_THAT(e, Catch::Contains("branch.ini:5") && Catch::Contains("[category A] name_zh") && Catch::Contains("not UTF-8") &&
                      Catch::Contains("GBK/GB18030") && Catch::Contains("iconv -f GB18030 -t UTF-8"));
    CHECK_THAT(errorOf(gbkComment), Catch::Contains("branch.ini:1") && Catch::Contains("GBK/GB18030"));
    // Bytes that are neither UTF-8 nor GB18030 do not claim to be GBK.
    CHECK_THAT(errorOf("[category A]\nname_zh = \xFF\xFF\n"), Catch::Contains("not UTF-8") && !Catch::Contains("looks like GBK"));
    CHECK(config::looksLikeGb18030("\xB8\xF6\x81\x30\x81\x30"));
    CHECK_FALSE(config::looksLikeGb18030("plain ascii"));
    CHECK(config::invalidUtf8At("个人业务") == std::string::npos);
    CHECK(config::invalidUtf8At("ab\xB8\xF6") == 2);
}

TEST_CASE("a UTF-8 byte-order mark is accepted; business_day_start 24:00 is refused") {
    auto c = kiosk::parseKioskConfig("\xEF\xBB\xBF[kiosk]\nutc_offset_minutes = 420\n", "branch.ini");
    CHECK(c.lobby.utcOffsetMinutes == 420);
    CHECK_THAT(errorOf("[kiosk]\nbusiness_day_start = 24:00\n"),
               Catch::Contains("branch.ini:2") && Catch::Contains("business_day_start") && Catch::Contains("00:00 to 23:59"));
    CHECK(kiosk::parseKioskConfig("[kiosk]\nbusiness_day_start = 23:59\n", "b.ini").lobby.businessDayStartMinutes == 23 * 60 + 59);
    CHECK(kiosk::parseKioskConfig("[kiosk]\nbusiness_day_start = 00:00\n", "b.ini").lobby.businessDayStartMinutes == 0);
}

TEST_CASE("the same window, category or port under two spellings is a duplicate, named with both lines") {
    CHECK_THAT(errorOf("[window 1]\nserves = A\n[window 01]\nserves = B\n"),
               Catch::Contains("branch.ini:3") && Catch::Contains("[window 01]") && Catch::Contains("window 1 again") &&
                   Catch::Contains("line 1"));
    CHECK_THAT(errorOf("[category A]\n[category  A]\n"), Catch::Contains("branch.ini:2") && Catch::Contains("category A again"));
    CHECK_THAT(errorOf("[port p]\ndevice = /dev/a\n[port  p]\ndevice = /dev/b\n"), Catch::Contains("port p again"));
    CHECK(errorOf("[window 1]\nserves = A\n[window 10]\nserves = B\n").empty());
}

namespace {

std::string loadError(const std::string& path) {
    try {
        kiosk::loadKioskConfig(path);
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a directory, a FIFO, a device or an oversized file as the config is refused by what it is, without "
          "blocking or reading it all") {
    const std::string tmp = std::string(std::getenv("LW_TEST_TMP"));
    const std::string dir = tmp + "/conf.d";
    ::mkdir(dir.c_str(), 0700);
    CHECK_THAT(loadError(dir), Catch::Contains(dir) && Catch::Contains("a directory"));
    const std::string fifo = tmp + "/conf.fifo";
    ::unlink(fifo.c_str());
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THAT(loadError(fifo), Catch::Contains(fifo) && Catch::Contains("FIFO"));  // returns: no writer needed
    const std::string zero = tmp + "/zero.ini";
    ::unlink(zero.c_str());
    REQUIRE(::symlink("/dev/zero", zero.c_str()) == 0);
    std::string e = loadError(zero);
    CHECK_THAT(e, Catch::Contains(zero) && Catch::Contains("character device") && !Catch::Contains("chmod"));
    const std::string big = tmp + "/big.ini";
    {
        std::ofstream out(big);
        out << "[kiosk]\n";
        std::string comment = "# " + std::string(1000, 'x') + "\n";
        for (int i = 0; i < 1100; ++i) out << comment;
    }
    ::chmod(big.c_str(), 0600);
    CHECK_THAT(loadError(big), Catch::Contains(big) && Catch::Contains("at most 1048576 bytes"));
    CHECK_THAT(loadError(tmp + "/absent.ini"), Catch::Contains("absent.ini") && Catch::Contains("no such file"));
    // A BOM from a file, as Windows saves it.
    const std::string bom = tmp + "/bom.ini";
    {
        std::ofstream out(bom, std::ios::binary);
        out << "\xEF\xBB\xBF[kiosk]\r\nutc_offset_minutes = 420\r\n";
    }
    ::chmod(bom.c_str(), 0600);
    CHECK(kiosk::loadKioskConfig(bom).lobby.utcOffsetMinutes == 420);
}
