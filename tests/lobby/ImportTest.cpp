// The import path end to end: CSV rows into the lobby model; and the reader never crashes on junk.
#include "lobby/EventCsv.h"
#include "lobby/Lobby.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace lw::lobby;

TEST_CASE("a small imported day builds the lobby it describes", "[lobby][csv][import]") {
    LobbyConfig config;  // UTC+8, 04:00 business day, nothing configured: all is created as it appears
    std::istringstream in(std::string(kEventCsvHeader) + "\n"
                          "2026-01-05T08:59:00,window_open,,,1,,\n"
                          "2026-01-05T09:00:00,issued,A001,A,,1,0\n"
                          "2026-01-05T09:01:00,issued,V001,V,,1,1\n"
                          "2026-01-05T09:02:00,called,V001,,1,11,\n"
                          "2026-01-05T09:03:00,started,V001,,1,11,\n"
                          "2026-01-05T09:09:00,finished,V001,,1,11,\n"
                          "2026-01-05T09:10:00,called,A001,,1,11,\n"
                          "2026-01-05T09:11:00,transferred,A001,B@2,1,11,\n"
                          "2026-01-05T09:12:00,window_pause,,lunch,1,,\n");
    Lobby lobby(config);
    std::vector<std::string> created;
    for (const CsvRow& row : readEventCsv(in, "day.csv", config.utcOffsetMinutes)) {
        REQUIRE(row.event());
        const ApplyResult r = lobby.apply(*row.event());
        CHECK(r.anomalies.empty());
        for (const std::string& c : r.newCategories) created.push_back("category " + c);
        for (int w : r.newWindows) created.push_back("window " + std::to_string(w));
    }
    CHECK(created == std::vector<std::string>{"window 1", "category A", "category V", "category B", "window 2"});
    CHECK(lobby.businessDay() == "2026-01-05");
    const Window* w1 = lobby.window(1);
    CHECK(w1->state == WindowState::Paused);
    CHECK(w1->pauseReason == "LUNCH");
    CHECK(w1->servedToday == 1);
    CHECK(*w1->meanServiceMs() == Approx(6 * 60'000));
    CHECK(w1->serves == std::vector<std::string>{"V", "A"});
    const Ticket* a = lobby.ticket("A001");
    CHECK(a->category == "B");
    CHECK(a->transferredToWindow == 2);
    CHECK(lobby.nextFor(2) == a);
    CHECK(*a->waitMs(*parseLocalTime("2026-01-05T09:30:00", 480)) == 30 * 60'000);
}

TEST_CASE("random bytes never crash the reader, and every row is either an event or an error", "[lobby][csv]") {
    std::mt19937 rng(20260105);
    const std::string alphabet = "0123456789,\"\r\nAB-T:_abcdefghijklmnopqrstuvwxyz@ \xEF\xBB\xBF";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 300);
    const std::string good = "2026-01-05T09:00:00,issued,A001,A,,,0\n";
    std::size_t rows = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = std::string(kEventCsvHeader) + "\n";
        const int n = length(rng);
        for (int k = 0; k < n; ++k) {
            if (k % 40 == 0) text += good;  // good rows among the junk, some of them cut by it
            text += alphabet[pick(rng)];
        }
        std::istringstream in(text);
        EventCsvReader reader(in, "junk.csv", 480);
        CsvRow row;
        int lastLine = 1;
        while (reader.next(row)) {
            REQUIRE((row.event() != nullptr) != (row.error() != nullptr));
            REQUIRE(row.line > lastLine);  // lines only go forward
            lastLine = row.line;
            if (row.error()) REQUIRE_FALSE(row.error()->message.empty());
            ++rows;
        }
    }
    CHECK(rows > 3000);
}
