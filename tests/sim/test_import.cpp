// The simulator's --truth-events file is a valid lobby import CSV: the kiosk's own reader takes every row.
#include "lobby/EventCsv.h"
#include "SimRun.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

TEST_CASE("--truth-events reads back with the lobby's import reader, row for row") {
    const std::string dir = simtest::tmp();
    const std::string path = dir + "/events.csv";
    REQUIRE(simtest::run("--profile city --seed 1 --speed max --quiet --truth-events '" + path + "'").exitCode == 0);
    std::ifstream in(path);
    const auto rows = lw::lobby::readEventCsv(in, path, 480);
    REQUIRE(rows.size() > 5000);
    std::map<lw::lobby::EventKind, int> kinds;
    for (const auto& row : rows) {
        if (const auto* e = row.error()) FAIL_CHECK(e->text(path));
        else ++kinds[row.event()->kind];
    }
    using K = lw::lobby::EventKind;
    for (K k : {K::Issued, K::Called, K::Recalled, K::Started, K::Finished, K::NoShow, K::Transferred, K::WindowOpen,
                K::WindowPause, K::WindowClose, K::DeviceStatus})
        CHECK(kinds[k] > 0);
    for (const auto& row : rows) {
        if (!row.event()) continue;
        const auto& e = *row.event();
        if (e.kind == K::WindowPause) CHECK((e.detail == "LUNCH" || e.detail == "BREAK"));
        if (e.kind == K::DeviceStatus) CHECK((e.detail == "OK" || e.detail == "PAPER_LOW" || e.detail == "PAPER_OUT"));
        if (e.kind == K::Transferred) CHECK(e.category.size() == 1);
    }
}
