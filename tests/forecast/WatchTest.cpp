// The alert rules: each raises on its condition, once, with hysteresis, and says what helps.
#include "WatchFixture.h"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace lw;
using forecast::Severity;
using lobby::EventKind;
using lobby::LobbyEvent;
using test::at;
using test::config;
using test::ev;
using test::kMin;

namespace {

const forecast::Alert* find(const std::vector<forecast::Alert>& alerts, const std::string& kind) {
    for (const auto& a : alerts)
        if (a.kind == kind) return &a;
    return nullptr;
}

forecast::Forecast forecastWith(const std::string& ticket, lobby::TimeMs waited, double pLimit) {
    forecast::Forecast f;
    forecast::TicketForecast t;
    t.ticket = ticket;
    t.category = "A";
    t.waitedMs = waited;
    t.pLimit = pLimit;
    f.tickets.push_back(t);
    return f;
}

}  // namespace

TEST_CASE("waits: a category's predicted breaches are one situation, raised at 0.95 within 10 min of the limit, "
          "kept down to 0.7, ended after ten quiet minutes") {
    // V: warning at 15 min, limit at 20: the forecast speaks from 10 min on, before the warning line.
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::Issued, at(1), "V001"));
    forecast::Watch w;
    // Sure, but the limit is 12 minutes away: too early to say (most such alerts would be about customers called
    // in time); not sure enough, though close: nothing either.
    auto c0 = w.evaluate(l, forecastWith("V001", 8 * kMin, 0.99), at(9));
    REQUIRE_FALSE(find(c0.raised, "waits"));
    REQUIRE(find(c0.raised, "idle_window"));  // window 1 has not called V001 for eight minutes
    REQUIRE_FALSE(find(w.evaluate(l, forecastWith("V001", 11 * kMin, 0.9), at(12)).raised, "waits"));
    auto c1 = w.evaluate(l, forecastWith("V001", 11 * kMin, 0.96), at(12));
    REQUIRE(find(c1.raised, "waits"));
    const auto& a = *find(c1.raised, "waits");
    CHECK(a.subject == "category:V");
    CHECK(a.key == "waits|category:V");
    REQUIRE(a.members.size() == 1);
    CHECK(a.members[0].ticket == "V001");
    CHECK(a.members[0].predicted);
    // 95% sure within 10 min is an alarm from the raise (the budget: no second card 5 min later asking the same).
    CHECK(a.severity == forecast::Severity::Alarm);
    CHECK(*a.timeLeftMs == 9 * kMin);
    CHECK_THAT(a.messageEn, Catch::Contains("1 customer may pass the 20-min limit (the first in 9 min)") &&
                                Catch::Contains("V001, 11 min"));
    CHECK_THAT(a.actionZh, Catch::Contains("V001"));
    // Dithering around the level does not flap.
    CHECK(w.evaluate(l, forecastWith("V001", 11 * kMin, 0.85), at(12.1)).raised.empty());
    CHECK(w.evaluate(l, forecastWith("V001", 11 * kMin, 0.75), at(12.2)).cleared.empty());
    CHECK(w.active().front().members.size() == 1);
    // Gone below 0.7: the situation is quiet (no members, shown as info) and ends only after ten quiet minutes.
    auto quiet = w.evaluate(l, forecastWith("V001", 11 * kMin, 0.2), at(12.5));
    CHECK(quiet.cleared.empty());
    REQUIRE(find(quiet.updated, "waits"));
    CHECK(find(quiet.updated, "waits")->members.empty());
    CHECK(find(quiet.updated, "waits")->severity == Severity::Info);
    l.apply(ev(EventKind::Called, at(13), "V001", 1));
    CHECK_FALSE(find(w.evaluate(l, forecast::Forecast{}, at(20)).cleared, "waits"));
    REQUIRE(find(w.evaluate(l, forecast::Forecast{}, at(22.6)).cleared, "waits"));
    CHECK_FALSE(find(w.active(), "waits"));
    // With no time window configured it is raised as soon as it is sure enough.
    forecast::WatchSettings anyTime;
    anyTime.breachWithinMin = 0;
    forecast::Watch early(anyTime);
    lobby::Lobby l2(config());
    l2.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l2.apply(ev(EventKind::Issued, at(1), "V001"));
    CHECK(find(early.evaluate(l2, forecastWith("V001", 4 * kMin, 0.99), at(5)).raised, "waits"));
    early.evaluate(l2, forecastWith("V001", 21 * kMin, 0.99), at(22));
    CHECK(early.active().front().severity == forecast::Severity::Alarm);
}

TEST_CASE("waits: a customer past the warning line raises the situation at warningLineProbability (0.7), others at "
          "0.95") {
    // A: warning at 20 min, limit at 30. A001 has waited 21 min: past the warning line, a member of the category's
    // situation should it be raised, but nothing is raised on its wait alone.
    auto run = [](double warningLineP, double pNow) {
        lobby::Lobby l(config());
        l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
        l.apply(ev(EventKind::Issued, at(0), "A001"));
        forecast::WatchSettings s;
        s.warningLineProbability = warningLineP;
        forecast::Watch w(s);
        REQUIRE_FALSE(find(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.5), at(21)).raised, "waits"));
        return find(w.evaluate(l, forecastWith("A001", 22 * kMin, pNow), at(22)).raised, "waits") != nullptr;
    };
    CHECK(run(0.7, 0.75));         // shipped: 0.75 past the warning line raises
    CHECK_FALSE(run(0.7, 0.65));
    CHECK_FALSE(run(0.8, 0.75));   // the bench's warning_line_p0.8
    CHECK(run(0.8, 0.85));
    // Within 10 min of the limit but not past the warning line (V: 15 and 20 min), 0.95: 0.75 raises nothing.
    // (With a 20-min warning line and a 30-min limit everyone within 10 min of the limit is past the line.)
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::Issued, at(0), "V001"));
    forecast::Watch w;
    auto v = [](lobby::TimeMs waited, double p) {
        forecast::Forecast f = forecastWith("V001", waited, p);
        f.tickets.front().category = "V";
        return f;
    };
    CHECK_FALSE(find(w.evaluate(l, v(11 * kMin, 0.5), at(11)).raised, "waits"));
    CHECK_FALSE(find(w.evaluate(l, v(12 * kMin, 0.75), at(12)).raised, "waits"));
    CHECK_FALSE(find(w.evaluate(l, v(16 * kMin, 0.5), at(16)).raised, "waits"));
    CHECK(find(w.evaluate(l, v(17 * kMin, 0.75), at(17)).raised, "waits"));
}

TEST_CASE("waits: one situation per category with every ticket as a member; it worsens, keeps one lifecycle, and "
          "members leave when called") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    for (int i = 1; i <= 6; ++i) l.apply(ev(EventKind::Issued, at(i * 0.5), "A00" + std::to_string(i)));
    l.apply(ev(EventKind::Issued, at(3), "B001"));
    // By default a situation is raised when a customer is likely to pass the limit soon, or has: the warning line
    // alone is a member's reason, not the situation's.
    forecast::Watch quiet;
    CHECK_FALSE(find(quiet.evaluate(l, forecast::Forecast{}, at(22.75)).raised, "waits"));
    CHECK(find(quiet.evaluate(l, forecast::Forecast{}, at(30.6)).raised, "waits"));
    forecast::WatchSettings atWarning;
    atWarning.raiseAtWarning = true;
    forecast::Watch w(atWarning);
    auto c = w.evaluate(l, forecast::Forecast{}, at(22.75));
    int waits = 0;
    for (const auto& r : c.raised) {
        waits += r.kind == "waits" ? 1 : 0;
        CHECK(r.subject.rfind("ticket:", 0) == std::string::npos);  // no alert per ticket
    }
    CHECK(waits == 1);  // A; B001 has waited 19.75 min: not yet
    const auto* a = find(c.raised, "waits");
    REQUIRE(a->subject == "category:A");
    REQUIRE(a->members.size() == 5);  // A006 (issued 09:03) has waited 19.75 min: not yet
    CHECK(a->members.front().ticket == "A001");  // longest first
    CHECK(a->severity == Severity::Warning);
    CHECK(a->longestWaitMs == 1335 * 1000);
    CHECK_THAT(a->messageEn, Catch::Contains("Category A: 5 customers may pass the 30-min limit (the first in 8 min)"));
    // Ten minutes on: the first are past the limit; the situation worsens, still the one alert.
    auto later = w.evaluate(l, forecast::Forecast{}, at(31));
    for (const auto& r : later.raised) CHECK(r.subject != "category:A");  // B001 (28 min) raises B's own
    const auto* worse = find(later.updated, "waits");
    REQUIRE(worse);
    CHECK(worse->severity == Severity::Alarm);
    CHECK(worse->members.size() == 6);
    CHECK_THAT(worse->messageEn, Catch::Contains("6 customers waiting too long, 2 past the 30-min limit") &&
                                     Catch::Contains("Longest: A001, 31 min"));
    CHECK_THAT(worse->messageZh, Catch::Contains("A 类 6 位客户等候过长，其中 2 位已超过 30 分钟上限"));
    // A001 is called: it leaves the situation, which stays.
    l.apply(ev(EventKind::Called, at(31.5), "A001", 2));
    auto called = w.evaluate(l, forecast::Forecast{}, at(31.6));
    CHECK(called.cleared.empty());
    CHECK(find(called.updated, "waits")->members.size() == 5);
}

TEST_CASE("waits: raised even when no window is open and the forecast has no figure for the ticket") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::Issued, at(0), "A001"));
    forecast::Watch w;
    auto early = w.evaluate(l, forecast::Forecast{}, at(19));
    CHECK_FALSE(find(early.raised, "waits"));
    auto c = w.evaluate(l, forecast::Forecast{}, at(40));
    REQUIRE(find(c.raised, "waits"));
    CHECK(find(c.raised, "waits")->subject == "category:A");
    CHECK(find(c.raised, "waits")->severity == Severity::Alarm);
}

TEST_CASE("transfers: the second wait has its own clock; the card says where from and both waits") {
    lobby::Lobby l(config());
    forecast::WatchSettings atWarning;
    atWarning.raiseAtWarning = true;
    forecast::Watch w(atWarning);
    auto apply = [&](LobbyEvent e) {
        l.apply(e);
        w.observe(e);
    };
    apply(ev(EventKind::WindowOpen, at(0), "", 3));
    apply(ev(EventKind::WindowOpen, at(0), "", 2));  // A has a window: its tickets can be called
    apply(ev(EventKind::Issued, at(0), "B001"));
    apply(ev(EventKind::Called, at(35), "B001", 3));
    apply(ev(EventKind::Started, at(35.5), "B001", 3));
    LobbyEvent t = ev(EventKind::Transferred, at(41), "B001", 3);
    t.category = "A";
    apply(t);
    // A minute into its second wait: 42 min in the branch, but nothing to apologise for yet.
    auto c = w.evaluate(l, forecast::Forecast{}, at(42));
    CHECK_FALSE(find(c.raised, "waits"));
    // Even were the forecast sure its first wait's limit is passed: the second wait is judged on its own clock.
    CHECK_FALSE(find(w.evaluate(l, forecastWith("B001", 42 * kMin, 1.0), at(43)).raised, "waits"));
    // Its second wait passes the warning line (20 min of its own): in the situation, on its own clock.
    auto later = w.evaluate(l, forecast::Forecast{}, at(62));
    const auto* a = find(later.raised, "waits");
    REQUIRE(a);
    CHECK(a->subject == "category:A");
    REQUIRE(a->members.size() == 1);
    CHECK(a->members[0].waitedMs == 21 * kMin);
    CHECK(a->members[0].inBranchMs == 62 * kMin);
    CHECK(a->members[0].transferredFrom == 3);
    CHECK(a->severity == Severity::Warning);  // 21 of 30 min: not past the limit, though 62 min in the branch
    CHECK_THAT(a->messageEn, Catch::Contains("B001 transferred from window 3, waiting again 21 min (62 min in the branch)"));
    CHECK_THAT(a->messageZh, Catch::Contains("B001 号由 3 号窗口转来，再次等候 21 分钟（在网点共 62 分钟）"));
    forecast::Member m;
    m.ticket = "A042";
    m.waitedMs = 1 * kMin;
    m.inBranchMs = 42 * kMin;
    m.transferredFrom = 3;
    CHECK(forecast::memberTextEn(m) == "A042 transferred from window 3, waiting again 1 min (42 min in the branch)");
}

TEST_CASE("a stuck service, an idle window, a closed window with a queue") {
    lobby::Lobby l(config());
    forecast::Watch w;
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 3));
    for (const char* t : {"A001", "A002", "A003", "A004", "B001", "B002", "B003", "B004"}) l.apply(ev(EventKind::Issued, at(0.5), t));
    l.apply(ev(EventKind::Called, at(1), "A001", 1));
    l.apply(ev(EventKind::Started, at(1.5), "A001", 1));
    // Window 3 serves two B tickets, then closes with two still waiting... and more arrive.
    l.apply(ev(EventKind::Called, at(1), "B001", 3));
    l.apply(ev(EventKind::Finished, at(5), "B001", 3));
    l.apply(ev(EventKind::WindowClose, at(6), "", 3));
    l.apply(ev(EventKind::Issued, at(7), "B005"));
    // Window 2: three no-shows in a row (not out of line with anyone: see the no-show cases).
    for (int i = 2; i <= 4; ++i) {
        auto e = ev(EventKind::Called, at(2 + i), "A00" + std::to_string(i), 2);
        l.apply(e);
        auto n = ev(EventKind::NoShow, at(2.5 + i), "A00" + std::to_string(i), 2);
        l.apply(n);
        w.observe(n);
    }
    auto c = w.evaluate(l, forecast::Forecast{}, at(22));
    const auto* slow = find(c.raised, "slow_window");
    REQUIRE(slow);
    REQUIRE(slow->subject == "window:1");
    REQUIRE_THAT(slow->messageEn, Catch::Contains("stuck"));
    REQUIRE(find(c.raised, "window_closed"));
    REQUIRE(find(c.raised, "window_closed")->subject == "window:3");
    // Window 2 is open, has had nobody since 06:30, and A tickets... none left: all were no-shows.
    REQUIRE_FALSE(find(c.raised, "idle_window"));
    l.apply(ev(EventKind::Issued, at(22), "A005"));
    auto c2 = w.evaluate(l, forecast::Forecast{}, at(23));
    REQUIRE(find(c2.raised, "idle_window"));
    REQUIRE(find(c2.raised, "idle_window")->subject == "window:2");
}

namespace {

// A lobby where windows 1 (V, A) and 2 (A) call A tickets; each window's calls end in a no-show or a service.
// `waitedMin`: how long each ticket waited before its call.
struct NoShowLobby {
    lobby::Lobby l{config()};
    forecast::Watch w;
    int next = 1;
    NoShowLobby() {
        for (int window : {1, 2, 3}) feed(ev(EventKind::WindowOpen, at(0), "", window));
    }
    void feed(const LobbyEvent& e) {
        l.apply(e);
        w.observe(e);
    }
    void calls(int window, int served, int noShows, double waitedMin = 2, const std::string& category = "A") {
        for (int i = 0; i < served + noShows; ++i) {
            char label[8];
            std::snprintf(label, sizeof label, "%s%03d", category.c_str(), next++);
            const double t = 30 + next * 0.2;
            feed(ev(EventKind::Issued, at(t - waitedMin), label));
            feed(ev(EventKind::Called, at(t), label, window));
            if (i < noShows) {
                feed(ev(EventKind::NoShow, at(t + 0.1), label, window));
            } else {
                feed(ev(EventKind::Started, at(t + 0.05), label, window));
                feed(ev(EventKind::Finished, at(t + 0.1), label, window));
            }
        }
    }
    const forecast::Alert* noShows(int window) {
        auto c = w.evaluate(l, forecast::Forecast{}, at(60));
        for (const auto& a : c.raised)
            if (a.kind == "no_shows" && a.subject == "window:" + std::to_string(window)) return &(stored = a);
        return nullptr;
    }
    forecast::Alert stored;
};

}  // namespace

TEST_CASE("no-shows: a window warned only when its no-show rate is out of line with the windows serving the same "
          "categories") {
    SECTION("window 2 misses 3 of 4 while window 1 misses none of 8: a broken display or a caller nobody hears") {
        NoShowLobby n;
        n.calls(1, 8, 0);
        n.calls(2, 1, 3);
        const auto* a = n.noShows(2);
        REQUIRE(a);
        CHECK(a->severity == Severity::Warning);
        CHECK_THAT(a->messageEn, Catch::Contains("Window 2: 3 no-shows in the last hour (75% of 4 calls) against 0%"));
        CHECK_THAT(a->actionEn, Catch::Contains("display"));
        CHECK_FALSE(n.noShows(1));
    }
    SECTION("both windows miss as many: the lobby's customers, not window 2") {
        NoShowLobby n;
        n.calls(1, 2, 3);
        n.calls(2, 1, 3);
        CHECK_FALSE(n.noShows(2));
        CHECK_FALSE(n.noShows(1));
    }
    SECTION("customers called after waiting past the warning line who are gone gave up: the wait's situation") {
        NoShowLobby n;
        n.calls(1, 8, 0, 2);
        n.calls(2, 1, 3, 25);
        CHECK_FALSE(n.noShows(2));
    }
    SECTION("a window with no peer serving its categories is not compared with anyone") {
        NoShowLobby n;
        n.calls(3, 1, 3, 2, "B");
        n.calls(1, 8, 0);
        CHECK_FALSE(n.noShows(3));
    }
    SECTION("no-shows older than an hour are forgotten") {
        NoShowLobby n;
        n.calls(1, 8, 0);
        n.calls(2, 1, 3);
        auto c = n.w.evaluate(n.l, forecast::Forecast{}, at(100));
        CHECK_FALSE(find(c.raised, "no_shows"));
    }
}

TEST_CASE("dispenser trouble and silent devices") {
    lobby::Lobby l(config());
    forecast::Watch w;
    LobbyEvent paper = ev(EventKind::DeviceStatus, at(0));
    paper.detail = "PAPER_OUT";
    paper.source.device = 1;
    l.apply(paper);
    auto c = w.evaluate(l, forecast::Forecast{}, at(1), {12});
    REQUIRE(c.raised.size() == 2);
    REQUIRE(find(c.raised, "device")->severity == Severity::Alarm);
    auto active = w.active();
    REQUIRE(active.size() == 2);
    REQUIRE_THAT(active[0].actionEn + active[1].actionEn, Catch::Contains("Refill dispenser 1") && Catch::Contains("device 12"));
    paper.detail = "OK";
    paper.time = at(2);
    l.apply(paper);
    REQUIRE(w.evaluate(l, forecast::Forecast{}, at(1.5)).cleared.empty());  // gone for less than a minute
    REQUIRE(w.evaluate(l, forecast::Forecast{}, at(2.5)).cleared.size() == 2);
}

TEST_CASE("understaffed: the last hour's flow needs more windows than are open, and says how many to open") {
    lobby::Lobby l(config());
    forecast::Watch w;
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    // 40 customers in the hour at two windows, 2.9 minutes each: both windows are nearly always busy.
    for (int i = 0; i < 20; ++i) {
        char a[8], b[8];
        std::snprintf(a, sizeof a, "A%03d", 2 * i + 1);
        std::snprintf(b, sizeof b, "A%03d", 2 * i + 2);
        double t = 1 + i * 3.0;
        l.apply(ev(EventKind::Issued, at(t), a));
        l.apply(ev(EventKind::Issued, at(t), b));
        l.apply(ev(EventKind::Called, at(t + 0.02), a, 1));
        l.apply(ev(EventKind::Called, at(t + 0.02), b, 2));
        l.apply(ev(EventKind::Finished, at(t + 2.9), a, 1));
        l.apply(ev(EventKind::Finished, at(t + 2.9), b, 2));
    }
    for (int i = 41; i <= 46; ++i) l.apply(ev(EventKind::Issued, at(60), "A0" + std::to_string(i)));
    auto c = w.evaluate(l, forecast::Forecast{}, at(60.5));
    const auto* u = find(c.raised, "understaffed");
    REQUIRE(u);
    REQUIRE(u->actionEn == "Open 1 more window");  // window 3 is the only one left to open
    REQUIRE_THAT(u->messageEn, Catch::Contains("2 are open"));
}

TEST_CASE("many alerts of one kind in one category become one card on the screen; few stay single") {
    auto alert = [](const std::string& kind, const std::string& ticket, Severity sev, lobby::TimeMs left) {
        forecast::Alert a;
        a.kind = kind;
        a.subject = "ticket:" + ticket;
        a.key = kind + "|" + a.subject;
        a.severity = sev;
        a.raisedAt = at(0);
        a.timeLeftMs = left;
        return a;
    };
    std::vector<forecast::Alert> in;
    in.push_back(alert("slow_window", "X", Severity::Warning, 0));
    in.back().subject = "window:3";
    in.back().key = "slow_window|window:3";
    for (int i = 0; i < 6; ++i) in.push_back(alert("predicted_breach", "A00" + std::to_string(i), i == 2 ? Severity::Alarm : Severity::Warning, (10 - i) * kMin));
    for (int i = 0; i < 2; ++i) in.push_back(alert("predicted_breach", "B00" + std::to_string(i), Severity::Warning, 5 * kMin));
    std::map<std::string, std::vector<std::string>> members;
    auto out = forecast::groupAlerts(in, members);
    REQUIRE(out.size() == 4);  // the window, one A card, two single B alerts
    CHECK(out[0].key == "slow_window|window:3");
    CHECK(out[1].key == "group|predicted_breach|A");
    CHECK(out[1].severity == Severity::Alarm);
    CHECK(*out[1].timeLeftMs == 5 * kMin);
    CHECK(out[1].messageEn.find("6 customers in A") != std::string::npos);
    CHECK(out[1].messageZh.find("A 类 6 位客户") != std::string::npos);
    CHECK(members["group|predicted_breach|A"].size() == 6);
    CHECK(out[2].key == "predicted_breach|ticket:B000");
    CHECK(members.count("group|predicted_breach|B") == 0);
}

TEST_CASE("understaffed counts the tickets issued, not the calls: an overloaded lobby calls only as fast as it serves") {
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}};
    for (int n = 1; n <= 8; ++n) c.windows.push_back({n, {"A"}});
    lobby::Lobby l(c);
    forecast::Watch w;
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    // 120 tickets in the hour (one every 30 s) at two windows that call one every 2 minutes between them (each
    // service takes 2 minutes, the windows take turns): 30 called, 90 waiting.
    auto label = [](int n) {
        std::string text = std::to_string(n);
        return "A" + std::string(3 - std::min<std::size_t>(3, text.size()), '0') + text;
    };
    int called = 0;
    for (int i = 0; i < 120; ++i) {
        l.apply(ev(EventKind::Issued, at(i * 0.5), label(i + 1)));
        if (i % 4 == 0) {
            if (called > 0) l.apply(ev(EventKind::Finished, at(i * 0.5), label(called), 1 + (called - 1) % 2));
            l.apply(ev(EventKind::Called, at(i * 0.5), label(called + 1), 1 + called % 2));
            ++called;
        }
    }
    auto changes = w.evaluate(l, forecast::Forecast{}, at(60));
    const auto* u = find(changes.raised, "understaffed");
    REQUIRE(u);
    // 2 tickets a minute at 2 minutes each are 4 Erlangs: 5 windows hold the target. By the calls (half a
    // customer a minute) two would have looked plenty.
    REQUIRE(u->actionEn == "Open 3 more windows");
    REQUIRE_THAT(u->messageEn, Catch::Contains("needs 5 windows"));
    REQUIRE_THAT(u->messageEn, Catch::Contains("2 are open"));
}

TEST_CASE("board notice: a stuck window and a window paused for a fault tell the lobby in both languages, until it "
          "serves again") {
    lobby::Lobby l(config());
    forecast::Watch w;
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 3));
    l.apply(ev(EventKind::Issued, at(0), "A001"));
    l.apply(ev(EventKind::Issued, at(0), "A002"));
    l.apply(ev(EventKind::Issued, at(0), "B001"));
    l.apply(ev(EventKind::Called, at(1), "A001", 1));
    l.apply(ev(EventKind::Started, at(1.5), "A001", 1));
    CHECK(forecast::boardNotices(l, w.active()).empty());
    w.evaluate(l, forecast::Forecast{}, at(22));  // window 1 on A001 for 21 min while A002 waits: stuck, an alarm
    auto notices = forecast::boardNotices(l, w.active());
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].window == 1);
    CHECK(notices[0].zh == "1 号窗口系统故障，正在处理，请耐心等候");
    CHECK(notices[0].en == "Window 1 has a system fault and is being fixed; thank you for your patience");
    // It serves again: the notice goes at once (the alert itself waits out its minute, then for an acknowledgement).
    l.apply(ev(EventKind::Finished, at(30), "A001", 1));
    l.apply(ev(EventKind::Called, at(30.2), "A002", 1));
    CHECK(forecast::boardNotices(l, w.active()).empty());
    // A window paused for a fault.
    LobbyEvent pause = ev(EventKind::WindowPause, at(31), "", 3);
    pause.detail = "FAULT";
    l.apply(pause);
    notices = forecast::boardNotices(l, w.active());
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].window == 3);
    l.apply(ev(EventKind::WindowOpen, at(40), "", 3));
    CHECK(forecast::boardNotices(l, w.active()).empty());
}
