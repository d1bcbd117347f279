// Wait forecasts on hand-built lobbies: the formula, priority, closed windows, intervals, probabilities, Erlang C.
#include "forecast/Forecast.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

using namespace lw;
using lobby::EventKind;
using lobby::LobbyEvent;

namespace {

constexpr lobby::TimeMs kMin = 60'000;

lobby::TimeMs at(int minutes) { return *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + minutes * kMin; }

lobby::LobbyConfig config() {
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}, {"B", "对公", "Corporate", 15, 20, 30}, {"V", "贵宾", "VIP", 10, 15, 20}};
    c.windows = {{1, {"V", "A"}}, {2, {"A"}}, {3, {"B"}}};
    return c;
}

LobbyEvent ev(EventKind kind, lobby::TimeMs t, const std::string& ticket = "", int window = 0, bool priority = false) {
    LobbyEvent e;
    e.kind = kind;
    e.time = t;
    e.ticket = ticket;
    e.window = window;
    e.priority = priority;
    if (kind == EventKind::Issued) e.category = ticket.substr(0, 1);
    return e;
}

// Windows 1 and 2 open, ten A tickets waiting, issued a minute apart.
lobby::Lobby busyLobby(int openWindows = 2) {
    lobby::Lobby l(config());
    for (int w = 1; w <= openWindows; ++w) l.apply(ev(EventKind::WindowOpen, at(0), "", w));
    for (int i = 1; i <= 10; ++i) {
        char label[8];
        std::snprintf(label, sizeof label, "A%03d", i);
        l.apply(ev(EventKind::Issued, at(i), label));
    }
    return l;
}

}  // namespace

TEST_CASE("the ticketing formula: people ahead x mean service / open windows") {
    auto l = busyLobby();
    auto f = forecast::makeEstimator("baseline")->forecast(l, at(11));
    REQUIRE(f.ticket("A001")->expectedRemainingMs == 1 * 4 * kMin / 2);
    REQUIRE(f.ticket("A010")->expectedRemainingMs == 10 * 4 * kMin / 2);
    REQUIRE(*f.category("A")->waitIfIssuedNowMs == 11 * 4 * kMin / 2);
    REQUIRE(f.category("A")->ahead == 10);
}

TEST_CASE("a category no open window serves gets no estimate, not a made-up number") {
    auto l = busyLobby();
    l.apply(ev(EventKind::Issued, at(11), "B001"));
    for (const auto& name : forecast::estimatorNames()) {
        auto f = forecast::makeEstimator(name)->forecast(l, at(12));
        INFO(name);
        REQUIRE(f.ticket("B001") == nullptr);
        REQUIRE_FALSE(f.category("B")->waitIfIssuedNowMs.has_value());
    }
}

TEST_CASE("Monte Carlo: later tickets wait longer, more windows shorten waits, intervals hold the mean") {
    auto est = forecast::makeEstimator("montecarlo", {}, {}, 7);
    auto two = est->forecast(busyLobby(2), at(11));
    auto one = est->forecast(busyLobby(1), at(11));
    lobby::TimeMs previous = -1;
    for (int i = 1; i <= 10; ++i) {
        char label[8];
        std::snprintf(label, sizeof label, "A%03d", i);
        const auto* t = two.ticket(label);
        REQUIRE(t);
        INFO(label);
        REQUIRE(t->expectedRemainingMs >= previous);
        previous = t->expectedRemainingMs;
        REQUIRE(t->lowMs <= t->expectedRemainingMs);
        REQUIRE(t->expectedRemainingMs <= t->highMs);
        REQUIRE(t->pTarget >= t->pWarning);
        REQUIRE(t->pWarning >= t->pLimit);
        REQUIRE(t->pLimit >= 0.0);
        REQUIRE(t->pTarget <= 1.0);
        REQUIRE(one.ticket(label)->expectedRemainingMs >= t->expectedRemainingMs);
    }
    REQUIRE(one.ticket("A010")->expectedRemainingMs > two.ticket("A010")->expectedRemainingMs * 3 / 2);
    // The tenth ticket behind one window, about 4 min each: well past its 15 min target.
    REQUIRE(one.ticket("A010")->pTarget > 0.8);
}

TEST_CASE("Monte Carlo: a VIP issued later overtakes at a V,A window") {
    auto l = busyLobby(1);
    l.apply(ev(EventKind::Issued, at(12), "V001", 0, true));
    auto f = forecast::makeEstimator("montecarlo", {}, {}, 3)->forecast(l, at(12));
    REQUIRE(f.ticket("V001")->expectedRemainingMs < f.ticket("A001")->expectedRemainingMs);
    REQUIRE(f.ticket("V001")->expectedRemainingMs < 6 * kMin);
}

TEST_CASE("Monte Carlo: a paused window serves again only after its pause; deterministic per seed") {
    auto open = busyLobby(2);
    auto paused = busyLobby(2);
    paused.apply(ev(EventKind::WindowPause, at(11), "", 2));
    auto a = forecast::makeEstimator("montecarlo", {}, {}, 5);
    auto fo = a->forecast(open, at(11));
    auto fp = a->forecast(paused, at(11));
    REQUIRE(fp.ticket("A005")->expectedRemainingMs > fo.ticket("A005")->expectedRemainingMs);
    auto again = forecast::makeEstimator("montecarlo", {}, {}, 5)->forecast(paused, at(11));
    REQUIRE(again.ticket("A005")->expectedRemainingMs == fp.ticket("A005")->expectedRemainingMs);
}

TEST_CASE("queue estimators count the queue and give up-takers their due") {
    auto l = busyLobby(2);
    auto q = forecast::makeEstimator("queue")->forecast(l, at(11));
    auto qa = forecast::makeEstimator("queue_abandon")->forecast(l, at(50));  // long waits: some have left
    REQUIRE(q.ticket("A010")->expectedRemainingMs > q.ticket("A001")->expectedRemainingMs);
    auto q50 = forecast::makeEstimator("queue")->forecast(l, at(50));
    REQUIRE(qa.ticket("A010")->expectedRemainingMs < q50.ticket("A010")->expectedRemainingMs);
}

TEST_CASE("Erlang C and the windows needed") {
    // Known value: 2 servers, 1 Erlang offered: P(wait) = 1/3.
    REQUIRE(forecast::erlangC(2, 1.0) == Approx(1.0 / 3.0));
    REQUIRE(forecast::erlangC(1, 0.5) == Approx(0.5));
    REQUIRE(forecast::erlangC(3, 3.5) == 1.0);
    // 60 customers an hour, 4 minutes each: 4 Erlangs. Holding a 1-minute mean wait needs more than 4 windows.
    double perMs = 60.0 / 3'600'000.0;
    int c = forecast::serversForMeanWait(perMs, 4 * kMin, 1 * kMin);
    REQUIRE(c >= 5);
    REQUIRE(forecast::serversForMeanWait(perMs, 4 * kMin, 10 * kMin) <= c);
}

TEST_CASE("Monte Carlo: customers who give up shorten the wait of those behind them") {
    // One window, forty A tickets issued over the last 40 minutes; the last one's wait with patient customers
    // and with customers who give up after about 10 minutes (a call in vain takes less than a service).
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}};
    c.windows = {{1, {"A"}}};
    lobby::Lobby l(c);
    l.apply(ev(EventKind::WindowOpen, at(-41), "", 1));
    for (int i = 1; i <= 40; ++i) {
        char label[8];
        std::snprintf(label, sizeof label, "A%03d", i);
        l.apply(ev(EventKind::Issued, at(i - 41), label));
    }
    forecast::MonteCarloOptions options;
    options.knownParameters = true;
    forecast::Priors patient, impatient;
    patient.patienceMeanMs = 1e4 * kMin;
    impatient.patienceMeanMs = 10 * kMin;
    auto waitOfLast = [&](const forecast::Priors& priors) {
        auto f = forecast::makeMonteCarlo({}, priors, options)->forecast(l, at(0));
        return static_cast<double>(f.ticket("A040")->expectedRemainingMs) / kMin;
    };
    double patientWait = waitOfLast(patient), impatientWait = waitOfLast(impatient);
    INFO("patient " << patientWait << " min, impatient " << impatientWait << " min");
    // 39 ahead: about 39 x (4 min + 30 s) when they all stay, about 39 x 45 s when most have gone.
    CHECK(patientWait == Approx(39 * 4.5).epsilon(0.15));
    CHECK(impatientWait < 0.5 * patientWait);
}

TEST_CASE("Monte Carlo with history: a window back from its usual lunch, and one about to leave for it") {
    // One window serving A; ten tickets waiting since 11:45; 4-minute services.
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}};
    c.windows = {{1, {"A"}}};
    auto lobbyAt = [&](bool paused) {
        lobby::Lobby l(c);
        l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
        for (int i = 1; i <= 10; ++i) l.apply(ev(EventKind::Issued, at(165), "A00" + std::to_string(i - 1)));
        if (paused) {
            LobbyEvent p = ev(EventKind::WindowPause, at(180), "", 1);  // 12:00
            p.detail = "LUNCH";
            l.apply(p);
        }
        return l;
    };
    forecast::History usual;
    usual.days = 10;
    usual.windows.push_back({1, {{{12 * 60, 12 * 60 + 30}}, 17 * 60}});  // lunch 12:00-12:30, closes 17:00
    auto first = [](const forecast::Forecast& f) { return static_cast<double>(f.ticket("A000")->expectedRemainingMs) / kMin; };
    auto last = [](const forecast::Forecast& f) { return static_cast<double>(f.ticket("A009")->expectedRemainingMs) / kMin; };
    forecast::Priors patient;  // nobody gives up here: the windows' time is the point
    patient.patienceMeanMs = 1e4 * kMin;
    // Paused for lunch at 12:00, now 12:05: without history back after a typical hour (at 13:00), with it at the
    // usual 12:30.
    auto pausedLobby = lobbyAt(true);
    CHECK(first(forecast::makeEstimator("montecarlo", {}, patient)->forecast(pausedLobby, at(185))) == Approx(55).margin(2));
    CHECK(first(forecast::makeEstimator("montecarlo", usual, patient)->forecast(pausedLobby, at(185))) == Approx(25).margin(2));
    // Open at 11:50 with ten to serve: the usual lunch at 12:00 (taken after the service in progress then) adds
    // most of its half hour to the last ticket's wait.
    auto openLobby = lobbyAt(false);
    double without = last(forecast::makeEstimator("montecarlo", {}, patient)->forecast(openLobby, at(170)));
    double with = last(forecast::makeEstimator("montecarlo", usual, patient)->forecast(openLobby, at(170)));
    INFO("without " << without << " min, with " << with << " min");
    CHECK(with - without == Approx(27).margin(4));
}

TEST_CASE("Monte Carlo: one ticket's forecast equals the whole lobby's, on one thread or two") {
    auto l = busyLobby();
    forecast::MonteCarloOptions one;
    one.threads = 1;
    forecast::MonteCarloOptions both;
    both.threads = 2;
    auto whole = forecast::makeMonteCarlo({}, {}, one, 3)->forecast(l, at(11));
    auto split = forecast::makeMonteCarlo({}, {}, both, 3)->forecast(l, at(11));
    for (const char* label : {"A001", "A005", "A010"}) {
        auto single = forecast::makeMonteCarlo({}, {}, both, 3)->forecastTicket(l, at(11), label);
        REQUIRE(single);
        CHECK(single->expectedRemainingMs == whole.ticket(label)->expectedRemainingMs);
        CHECK(single->lowMs == whole.ticket(label)->lowMs);
        CHECK(single->highMs == whole.ticket(label)->highMs);
        CHECK(single->pLimit == whole.ticket(label)->pLimit);
        CHECK(split.ticket(label)->expectedRemainingMs == whole.ticket(label)->expectedRemainingMs);
    }
    CHECK_FALSE(forecast::makeMonteCarlo({}, {}, both, 3)->forecastTicket(l, at(11), "A999"));
}

TEST_CASE("Monte Carlo: a ticket an idle window calls at once is told no wait, without a roll") {
    lobby::Lobby l(config());
    l.apply(ev(EventKind::WindowOpen, at(0), "", 1));
    l.apply(ev(EventKind::WindowOpen, at(0), "", 2));
    l.apply(ev(EventKind::Issued, at(1), "A001"));
    auto mc = forecast::makeEstimator("montecarlo");
    auto single = mc->forecastTicket(l, at(1), "A001");
    REQUIRE(single);
    CHECK(single->expectedRemainingMs == 0);
    CHECK(single->highMs == 0);
    CHECK(mc->forecast(l, at(1)).ticket("A001")->expectedRemainingMs == 0);  // what the roll says too
}

TEST_CASE("Monte Carlo with history: a window due back from its usual lunch counts from that end, however late it began") {
    // Window 1 serves A, window 2 B. Every past day window 2 lunched 12:30-13:00; learned from those days' events.
    lobby::LobbyConfig c;
    c.categories = {{"A", "个人", "Personal", 15, 20, 30}, {"B", "对公", "Corporate", 15, 20, 30}};
    c.windows = {{1, {"A"}}, {2, {"B"}}};
    const lobby::TimeMs day = 24 * 60 * kMin;
    forecast::HistoryBuilder builder(480);
    for (int d = -5; d < 0; ++d) {
        for (int w : {1, 2}) builder.observe(ev(EventKind::WindowOpen, at(0) + d * day, "", w));
        LobbyEvent lunch = ev(EventKind::WindowPause, at(210) + d * day, "", 2);  // 12:30
        lunch.detail = "LUNCH";
        builder.observe(lunch);
        builder.observe(ev(EventKind::WindowOpen, at(240) + d * day, "", 2));  // 13:00
        for (int w : {1, 2}) builder.observe(ev(EventKind::WindowClose, at(480) + d * day, "", w));
    }
    const forecast::History history = builder.build();
    REQUIRE(history.window(2));
    REQUIRE(history.window(2)->pauses == std::vector<std::pair<int, int>>{{12 * 60 + 30, 13 * 60}});

    // Today window 2 was busy at 12:30 and began its lunch at 12:32, after that customer; B001 came at 12:40.
    lobby::Lobby l(c);
    for (int w : {1, 2}) l.apply(ev(EventKind::WindowOpen, at(0), "", w));
    LobbyEvent lunch = ev(EventKind::WindowPause, at(212), "", 2);
    lunch.detail = "LUNCH";
    l.apply(lunch);
    l.apply(ev(EventKind::Issued, at(220), "B001"));
    forecast::Priors patient;  // nobody gives up: the window's return is the point
    patient.patienceMeanMs = 1e4 * kMin;
    auto mc = forecast::makeEstimator("montecarlo", history, patient);
    auto minutesLeft = [&](lobby::TimeMs now) {
        auto f = mc->forecast(l, now);
        REQUIRE(f.ticket("B001"));
        return static_cast<double>(f.ticket("B001")->expectedRemainingMs) / kMin;
    };
    // 12:45: window 2 counts for B from 13:00, its usual return.
    CHECK(minutesLeft(at(225)) == Approx(15).margin(1));
    // 13:00:00, still paused (the return comes in a few seconds later): due back now, not at 13:32 (an hour's lunch
    // counted from 12:32). B001 has waited 20 of its 30 minutes: no breach ahead.
    CHECK(minutesLeft(at(240)) <= 1.5);
    CHECK(mc->forecast(l, at(240)).ticket("B001")->pLimit < 0.05);
    // Still paused at 13:10: a return ten minutes late is expected as late again, not within the minute.
    CHECK(minutesLeft(at(250)) == Approx(10).margin(1));
    // A lunch begun three minutes early (12:27) is the usual one: back at 13:00, not an hour after 12:27.
    lobby::Lobby early(c);
    for (int w : {1, 2}) early.apply(ev(EventKind::WindowOpen, at(0), "", w));
    LobbyEvent earlyLunch = ev(EventKind::WindowPause, at(207), "", 2);
    earlyLunch.detail = "LUNCH";
    early.apply(earlyLunch);
    early.apply(ev(EventKind::Issued, at(208), "B003"));
    auto fe = mc->forecast(early, at(208));
    REQUIRE(fe.ticket("B003"));
    CHECK(static_cast<double>(fe.ticket("B003")->expectedRemainingMs) / kMin == Approx(32).margin(1));
    // A pause the history does not know (a break at 15:00 today) still ends after a typical quarter-hour.
    lobby::Lobby other(c);
    for (int w : {1, 2}) other.apply(ev(EventKind::WindowOpen, at(0), "", w));
    LobbyEvent brk = ev(EventKind::WindowPause, at(360), "", 2);
    brk.detail = "BREAK";
    other.apply(brk);
    other.apply(ev(EventKind::Issued, at(361), "B002"));
    auto f = mc->forecast(other, at(365));
    REQUIRE(f.ticket("B002"));
    CHECK(static_cast<double>(f.ticket("B002")->expectedRemainingMs) / kMin == Approx(10).margin(1));
}
