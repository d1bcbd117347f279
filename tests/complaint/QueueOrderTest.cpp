// Queue-order (jump) detection on simulated days: the simulator calls in order (none found), then calls moved
// ahead of earlier tickets are found, each at its window; priority tickets going first are not jumps.
#include "lobby/EventCsv.h"
#include "complaint/QueueOrder.h"
#include "complaint/TicketTimeline.h"

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

TEST_CASE("a ticket's timeline: every call and window, no-show, the calls out of turn that touched it, a re-queue decision") {
    using K = lobby::EventKind;
    // A041 and A042 wait; window 3 calls A043 ahead of both (a jump); A042 is called, misses it, and the manager
    // re-queues it; it is recalled and served. A042 is issued again after the numbers wrap: another visit.
    std::vector<lobby::LobbyEvent> day = {
        event(K::Issued, 100, "A041", "A"),      event(K::Issued, 200, "A042", "A"),
        event(K::Issued, 300, "A043", "A"),      event(K::Called, 400, "A043", "A", 3),
        event(K::Called, 500, "A041", "A", 1),   event(K::Called, 600, "A042", "A", 2),
        event(K::NoShow, 700, "A042", "A", 2),   event(K::Recalled, 900, "A042", "A", 2),
        event(K::Started, 950, "A042", "A", 2),  event(K::Finished, 990, "A042", "A", 2),
        event(K::Issued, 5000, "A042", "A")};
    const auto jumps = queueJumps(day);
    REQUIRE(jumps.size() == 1);
    const auto visits = ticketVisits(day, "A042");
    REQUIRE(visits.size() == 2);
    CHECK(visitEnd(visits, visits[0]) == 4999);
    CHECK(visitEnd(visits, visits[1]) == 0);
    const auto lines = timelineOf(visits[0], visitEnd(visits, visits[0]), jumps, {{800, "王芳", "客户在洗手间"}});
    std::vector<std::string> what;
    for (const auto& l : lines) what.push_back(l.what);
    CHECK(what == std::vector<std::string>{"issued", "skipped", "called", "no_show", "requeued", "recalled", "started", "finished"});
    CHECK(lines[1].en == "skipped: A043 called ahead of it at window 3");
    CHECK(lines[1].zh == "被跳过：A043 在 3 号窗口先被叫号");
    CHECK(lines[3].en == "no-show at window 2");
    CHECK(lines[4].en == "re-queued on 王芳's decision: 客户在洗手间");
    // A043's own timeline says it was called out of turn.
    const auto jumper = ticketVisits(day, "A043");
    const auto jl = timelineOf(jumper[0], 0, jumps, {});
    REQUIRE(jl.size() == 3);
    CHECK(jl[2].what == "out_of_turn");
    CHECK(jl[2].en == "called out of turn at window 3: ahead of 2 waiting (first A041)");
    // The second visit of A042 carries none of the first's.
    CHECK(timelineOf(visits[1], 0, jumps, {}).size() == 1);
    // A missed number: the last call ended in a no-show.
    auto missed = visits[0];
    missed.events.resize(3);  // up to the no-show
    CHECK(missedNumber(missed));
    CHECK_FALSE(missedNumber(visits[0]));  // recalled and served since
}
