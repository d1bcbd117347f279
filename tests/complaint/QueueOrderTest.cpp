// Queue-order (jump) detection on simulated days: the simulator calls in order (none found), then calls moved
// ahead of earlier tickets are found, each at its window; priority tickets going first are not jumps.
#include "EventCsv.h"
#include "QueueOrder.h"
#include "TicketTimeline.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace lw;
using namespace lw::complaint;

namespace {

std::string bin(const std::string& name) { return std::string(std::getenv("LW_BIN_DIR")) + "/" + name; }
std::string tmp(const std::string& name) { return std::string(std::getenv("LW_TEST_TMP")) + "/" + name; }

std::vector<lobby::LobbyEvent> simulatedDay(int seed) {
    const std::string cap = tmp("jumps.cap"), truth = tmp("jumps-truth.csv"), events = tmp("jumps-events.csv");
    const std::string cmd = bin("lobbywatch-sim") + " --profile small --seed " + std::to_string(seed) +
                            " --speed max --quiet --out " + cap + " --truth " + truth + " --truth-events " + events;
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::vector<lobby::LobbyEvent> log;
    std::ifstream in(events);
    lobby::EventCsvReader reader(in, "truth", 480);
    lobby::CsvRow row;
    while (reader.next(row)) {
        REQUIRE(row.event() != nullptr);
        log.push_back(*row.event());
    }
    REQUIRE(log.size() > 100);
    return log;
}

lobby::LobbyEvent event(lobby::EventKind kind, lobby::TimeMs t, const std::string& ticket, const std::string& category,
                        int window = 0, bool priority = false) {
    lobby::LobbyEvent e;
    e.kind = kind;
    e.time = t;
    e.ticket = ticket;
    e.category = category;
    e.window = window;
    e.priority = priority;
    return e;
}

}  // namespace

TEST_CASE("queue jumps: a later ticket called first is a jump at its window; priority first is not") {
    using K = lobby::EventKind;
    std::vector<lobby::LobbyEvent> day = {
        event(K::Issued, 1, "A001", "A"), event(K::Issued, 2, "A002", "A"), event(K::Issued, 3, "V001", "A", 0, true),
        event(K::Called, 4, "V001", "A", 1),   // priority: not a jump
        event(K::Called, 5, "A002", "A", 2),   // A001 still waits: a jump at window 2
        event(K::Called, 6, "A001", "A", 1),
        event(K::Issued, 7, "B001", "B"), event(K::Issued, 8, "B002", "B"),
        event(K::NoShow, 9, "B001", "B", 3),   // left the queue
        event(K::Called, 10, "B002", "B", 3),  // nothing ahead of it
    };
    auto jumps = queueJumps(day);
    REQUIRE(jumps.size() == 1);
    CHECK(jumps[0].called == "A002");
    CHECK(jumps[0].skipped == "A001");
    CHECK(jumps[0].window == 2);
    CHECK(jumpsPerWindow(jumps) == std::map<int, int>{{2, 1}});
}

TEST_CASE("simulated days: no jump where the simulator called in order; injected jumps found at their windows") {
    for (int seed : {3, 8}) {
        INFO("seed " << seed);
        auto day = simulatedDay(seed);
        const auto clean = queueJumps(day);
        CHECK(clean.empty());
        // Inject: the second-next call of a category moved ahead of the next one (a window calling out of turn).
        int injected = 0;
        std::map<int, int> expected;
        for (std::size_t i = 0; i + 1 < day.size() && injected < 5; ++i) {
            if (day[i].kind != lobby::EventKind::Called) continue;
            for (std::size_t j = i + 1; j < day.size(); ++j) {
                if (day[j].kind != lobby::EventKind::Called || day[j].ticket == day[i].ticket || day[j].priority != day[i].priority)
                    continue;
                // The same category, both waiting at i (issued before it, nothing else happened to them since).
                auto issued = [&](const std::string& t) {
                    std::string category;
                    for (std::size_t k = 0; k < i; ++k) {
                        if (day[k].ticket != t) continue;
                        if (day[k].kind != lobby::EventKind::Issued) return std::string();
                        category = day[k].category;
                    }
                    return category;
                };
                const std::string a = issued(day[i].ticket), b = issued(day[j].ticket);
                if (a.empty() || a != b) continue;
                std::swap(day[i].ticket, day[j].ticket);  // the later ticket is called first, at day[i]'s window
                ++expected[day[i].window];
                ++injected;
                i = j;
                break;
            }
        }
        REQUIRE(injected == 5);
        const auto found = queueJumps(day);
        for (const auto& [w, n] : expected) UNSCOPED_INFO("expected window " << w << ": " << n);
        for (const auto& f : found) UNSCOPED_INFO("found " << f.called << " over " << f.skipped << " at window " << f.window);
        CHECK(jumpsPerWindow(found) == expected);
    }
}

TEST_CASE("a ticket label issued twice in a day: two visits, the right one picked by time") {
    using K = lobby::EventKind;
    std::vector<lobby::LobbyEvent> day = {event(K::Issued, 100, "A042", "A"), event(K::Called, 200, "A042", "A", 1),
                                          event(K::NoShow, 300, "A042", "A", 1), event(K::Issued, 5000, "A042", "A"),
                                          event(K::Called, 5100, "A042", "A", 2), event(K::Finished, 5200, "A042", "A", 2)};
    auto visits = ticketVisits(day, "A042");
    REQUIRE(visits.size() == 2);
    CHECK(visits[0].events.size() == 3);
    CHECK(visits[1].events.back().kind == K::Finished);
    CHECK(visitAt(visits, 400)->issuedAt == 100);
    CHECK(visitAt(visits, 6000)->issuedAt == 5000);
    CHECK_FALSE(visitAt(visits, 50));
    CHECK(ticketVisits(day, "A043").empty());
}
