// The alert rules: each raises on its condition, once, with hysteresis, and says what helps.
#include "LocalTime.h"
#include "Watch.h"

#include <catch2/catch.hpp>

using namespace lw;
using forecast::Severity;
using lobby::EventKind;
using lobby::LobbyEvent;

namespace {

constexpr lobby::TimeMs kMin = 60'000;

lobby::TimeMs at(double minutes) {
    return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + static_cast<lobby::TimeMs>(minutes * kMin);
}

lobby::LobbyConfig config() {
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}, {"B", "对公", "Corporate", 15, 20, 30}, {"V", "贵宾", "VIP", 10, 15, 20}};
    c.windows = {{1, {"V", "A"}}, {2, {"A"}}, {3, {"B"}}};
    return c;
}

LobbyEvent ev(EventKind kind, lobby::TimeMs t, const std::string& ticket = "", int window = 0) {
    LobbyEvent e;
    e.kind = kind;
    e.time = t;
    e.ticket = ticket;
    e.window = window;
    if (kind == EventKind::Issued) e.category = ticket.substr(0, 1);
    return e;
}

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

TEST_CASE("predicted breach: raised at 0.95 within 10 min of the limit, kept down to 0.7, cleared a minute after; one alert") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    l.apply(ev(EventKind::Issued, at(1), "A001"));
    forecast::Watch w;
    // Sure, but the limit is 20 minutes away: too early to say (most such alerts would be about customers called
    // in time); not sure enough, though close: nothing either.
    auto c0 = w.evaluate(l, forecastWith("A001", 10 * kMin, 0.99), at(11));
    REQUIRE_FALSE(find(c0.raised, "predicted_breach"));
    REQUIRE(find(c0.raised, "idle_window"));  // window 2 has not called A001 for ten minutes
    REQUIRE_FALSE(find(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.9), at(22)).raised, "predicted_breach"));
    auto c1 = w.evaluate(l, forecastWith("A001", 21 * kMin, 0.96), at(22));
    REQUIRE(find(c1.raised, "predicted_breach"));
    const auto& a = *find(c1.raised, "predicted_breach");
    REQUIRE(a.kind == "predicted_breach");
    REQUIRE(a.subject == "ticket:A001");
    REQUIRE(a.severity == forecast::Severity::Warning);  // an alarm with 5 minutes or less left
    REQUIRE(*a.timeLeftMs == 9 * kMin);
    REQUIRE_THAT(a.messageEn, Catch::Contains("A001") && Catch::Contains("30-min limit"));
    REQUIRE_THAT(a.actionZh, Catch::Contains("A001"));
    REQUIRE_FALSE(a.actionEn.empty());
    // Dithering around the level does not flap.
    REQUIRE(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.85), at(22.1)).raised.empty());
    REQUIRE(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.75), at(22.2)).cleared.empty());
    REQUIRE(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.97), at(22.3)).raised.empty());
    // Gone below 0.7: cleared only after a minute of being gone.
    REQUIRE_FALSE(find(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.2), at(22.5)).cleared, "predicted_breach"));
    REQUIRE(find(w.evaluate(l, forecastWith("A001", 21 * kMin, 0.2), at(23.6)).cleared, "predicted_breach"));
    REQUIRE_FALSE(find(w.active(), "predicted_breach"));
    // With no time window configured it is raised as soon as it is sure enough.
    forecast::WatchSettings anyTime;
    anyTime.breachWithinMin = 0;
    forecast::Watch early(anyTime);
    REQUIRE(find(early.evaluate(l, forecastWith("A001", 10 * kMin, 0.99), at(11)).raised, "predicted_breach"));
    early.evaluate(l, forecastWith("A001", 26 * kMin, 0.99), at(27));
    REQUIRE(early.active().front().severity == forecast::Severity::Alarm);
}

TEST_CASE("long wait: a warning past the warning line, an alarm past the limit; called clears it at once") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    l.apply(ev(EventKind::Issued, at(0), "A001"));
    forecast::Watch w;
    auto c = w.evaluate(l, forecastWith("A001", 21 * kMin, 0.3), at(21));
    REQUIRE(find(c.raised, "long_wait"));
    REQUIRE(find(c.raised, "long_wait")->severity == Severity::Warning);
    auto later = w.evaluate(l, forecastWith("A001", 31 * kMin, 1.0), at(31));
    REQUIRE(later.raised.empty());
    REQUIRE(find(later.updated, "long_wait")->severity == Severity::Alarm);
    l.apply(ev(EventKind::Called, at(31.5), "A001", 2));
    auto called = w.evaluate(l, forecast::Forecast{}, at(31.6));
    REQUIRE(find(called.cleared, "long_wait"));
}

TEST_CASE("long wait is raised even when no window is open and the forecast has no figure for the ticket") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::Issued, at(0), "A001"));
    forecast::Watch w;
    auto early = w.evaluate(l, forecast::Forecast{}, at(19));
    CHECK_FALSE(find(early.raised, "long_wait"));
    auto c = w.evaluate(l, forecast::Forecast{}, at(40));
    REQUIRE(find(c.raised, "long_wait"));
    CHECK(find(c.raised, "long_wait")->subject == "ticket:A001");
    CHECK(find(c.raised, "long_wait")->severity == Severity::Alarm);
}

TEST_CASE("a stuck service, an idle window, a closed window with a queue, repeated no-shows") {
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
    // Window 2: three no-shows in a row.
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
    REQUIRE(find(c.raised, "no_shows"));
    REQUIRE(find(c.raised, "no_shows")->subject == "window:2");
    // Window 2 is open, has had nobody since 06:30, and A tickets... none left: all were no-shows.
    REQUIRE_FALSE(find(c.raised, "idle_window"));
    l.apply(ev(EventKind::Issued, at(22), "A005"));
    auto c2 = w.evaluate(l, forecast::Forecast{}, at(23));
    REQUIRE(find(c2.raised, "idle_window"));
    REQUIRE(find(c2.raised, "idle_window")->subject == "window:2");
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
