// Branch profiles: the bundled ones load, and bad values are reported with file, line, key and expectation.
#include "config/Ini.h"
#include "sim/Profile.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace lw::sim;
using lw::config::ConfigError;
using lw::config::IniFile;

namespace {

std::string errorFor(const std::string& text) {
    try {
        readProfile(IniFile::parse(text, "bad.ini"));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

const char* kGood = "[branch]\nopen = 09:00\nclose = 17:00\n[window.1]\nserves = A\n";

}  // namespace

TEST_CASE("every bundled profile loads") {
    const auto names = bundledProfileNames();
    CHECK(std::find(names.begin(), names.end(), "small") != names.end());
    CHECK(std::find(names.begin(), names.end(), "city") != names.end());
    CHECK(std::find(names.begin(), names.end(), "payday") != names.end());
    for (const auto& name : names) {
        INFO(name);
        const BranchProfile p = loadProfile(name);
        CHECK(!p.windows.empty());
        CHECK(!p.categories.empty());
        CHECK(p.source == "bundled:" + name);
    }
    CHECK(loadProfile("small").windows.size() == 3);
    CHECK(loadProfile("city").windows.size() == 8);
    CHECK(loadProfile("city").faults.size() == 3);
    CHECK(loadProfile("city").noisePerByte > 0.0);
    CHECK(loadProfile("payday").windows.size() == 8);
}

TEST_CASE("a profile file on disk loads by path, an unknown name says what exists") {
    const char* tmp = std::getenv("LW_TEST_TMP");
    const std::string path = std::string(tmp ? tmp : "/tmp") + "/lw-sim-mine.ini";
    std::ofstream(path) << kGood;
    const BranchProfile p = loadProfile(path);
    CHECK(p.openMin == 9 * 60);
    CHECK(p.windows.size() == 1);
    CHECK(p.categories.size() == 3);  // the defaults A/B/V
    try {
        loadProfile("nosuch");
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK_THAT(e.what(), Catch::Contains("city") && Catch::Contains("nosuch"));
    }
}

TEST_CASE("bad profile values name file, line, key and what is expected") {
    CHECK(errorFor(kGood) == "(no error)");
    CHECK_THAT(errorFor("[branch]\nopen = 9am\n[window.1]\nserves = A\n"),
               Catch::Contains("bad.ini:2") && Catch::Contains("open") && Catch::Contains("HH:MM"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n\n[arrivals]\nrates = 09:00 sixty\n"),
               Catch::Contains("bad.ini:5") && Catch::Contains("rates") && Catch::Contains("expected"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\npauses = 12:00-11:00 LUNCH\n"),
               Catch::Contains("bad.ini:3") && Catch::Contains("pauses"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\npauses = 12:00-13:00 NAP\n"),
               Catch::Contains("bad.ini:3") && Catch::Contains("LUNCH"));
    CHECK_THAT(errorFor("[window.1]\nserves = Q\n[category.A]\nshare = 1\n"),
               Catch::Contains("bad.ini:2") && Catch::Contains("serves") && Catch::Contains("Q"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[category.A]\nshare = -1\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("share") && Catch::Contains("from 0"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[customers]\npatience_man_min = 3\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("patience_man_min") && Catch::Contains("patience_mean_min"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[fault.x]\nkind = flood\nat = 10:00\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("kind") && Catch::Contains("paper_out"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[fault.x]\nkind = stuck_window\nat = 10:00\nwindow = 7\n"),
               Catch::Contains("bad.ini:6") && Catch::Contains("window"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[noise]\nper_byte = 0.5\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("per_byte"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[arrivals]\nbursts = 10:15 25\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("bursts") && Catch::Contains("HH:MM customers minutes"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[arrivals]\nbursts = 10:15 25 5, 09:00 10 2\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("bursts") && Catch::Contains("time order"));
    CHECK_THAT(errorFor("[window.1]\nserves = A\n[customers]\nbalk_after_min = -2\n"),
               Catch::Contains("bad.ini:4") && Catch::Contains("balk_after_min"));
    CHECK_THAT(errorFor("[window.100]\nserves = A\n"), Catch::Contains("bad.ini") && Catch::Contains("window.N"));
    CHECK_THAT(errorFor("[branch]\nopen = 09:00\n"), Catch::Contains("bad.ini") && Catch::Contains("[window.N]"));
    CHECK_THAT(errorFor("[lobby]\nx = 1\n[window.1]\nserves = A\n"), Catch::Contains("[lobby]"));
}
