// HistoryBuilder: what the forecast learns from past days' events, checked against the simulator's true figures.
#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "forecast/Forecast.h"
#include "lobby/LocalTime.h"
#include "sim/Profile.h"

#include <catch2/catch.hpp>

using namespace lw;

namespace {

constexpr lobby::TimeMs kMin = 60'000;

void feedDay(forecast::HistoryBuilder& builder, const sim::BranchProfile& profile, int seed) {
    sim::DayPlan plan = sim::wholeDay(profile, lobby::daysFromCivil(2026, 3, 2) + seed, static_cast<std::uint64_t>(seed) * 31);
    int seq = 0;
    for (const auto& tr : sim::simulateDay(profile, plan).transmissions)
        if (auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "test")) builder.observe(*e);
}

}  // namespace

TEST_CASE("no past days: an empty history, and the forecast falls back on its priors") {
    forecast::HistoryBuilder builder;
    forecast::History h = builder.build();
    CHECK(h.days == 0);
    CHECK(h.categories.empty());
    CHECK(h.patienceMeanMs == 0);
}

TEST_CASE("ten payday days teach the arrivals, the service times, patience, walking and the windows' lunches") {
    sim::BranchProfile profile = sim::loadProfile("payday");
    forecast::HistoryBuilder builder(480);
    for (int seed = 1; seed <= 10; ++seed) feedDay(builder, profile, seed);
    forecast::History h = builder.build();
    CHECK(h.days == 10);
    // Service means and spreads by category, as the profile draws them.
    for (const auto& c : profile.categories) {
        const forecast::CategoryHistory* learned = h.of(std::string(1, c.code));
        REQUIRE(learned);
        INFO("category " << c.code);
        CHECK(learned->meanServiceMs == Approx(c.serviceMeanS * 1000).epsilon(0.1));
        // The spread only roughly: a sample CV of lognormal times is noisy (B's, CV 1, has a heavy tail).
        CHECK(learned->serviceCv == Approx(c.serviceCv).epsilon(c.serviceCv > 0.9 ? 0.5 : 0.25));
    }
    // Arrivals: 10:00-11:00 brings 330 an hour, three quarters of them A.
    const forecast::CategoryHistory* a = h.of("A");
    double tenToEleven = 0;
    for (int q = 40; q < 44; ++q) tenToEleven += a->perHourByQuarter[static_cast<std::size_t>(q)] / 4;
    CHECK(tenToEleven == Approx(330 * 0.75).epsilon(0.1));
    CHECK(a->perHourByQuarter[20] == 0);  // 05:00: closed
    // Patience 35 min; a walk of 8-30 s; a call in vain takes 60-90 s.
    CHECK(h.patienceMeanMs / kMin == Approx(35).epsilon(0.15));
    CHECK(h.walkMs / 1000 == Approx(19).epsilon(0.25));
    CHECK(h.noShowMs / 1000 == Approx(75).epsilon(0.15));
    // Window 3 lunches 11:30-12:00, window 8 13:00-13:30; neither at 10:00.
    const forecast::WindowHistory* w3 = h.window(3);
    REQUIRE(w3);
    REQUIRE(w3->pauses.size() == 1);
    CHECK(w3->pauses[0].first == Approx(11 * 60 + 30).margin(5));
    CHECK(w3->pauses[0].second == Approx(12 * 60).margin(5));
    const forecast::WindowHistory* w8 = h.window(8);
    REQUIRE(w8);
    REQUIRE(w8->pauses.size() == 1);
    CHECK(w8->pauses[0].first == Approx(13 * 60).margin(5));
    CHECK(w8->closeMin >= 17 * 60);
}

TEST_CASE("a window that usually closes early is expected to close; with history the forecast beats the cold start") {
    sim::BranchProfile profile = sim::loadProfile("city");
    forecast::HistoryBuilder builder(480);
    for (int seed = 1; seed <= 5; ++seed) feedDay(builder, profile, seed);
    forecast::History h = builder.build();
    const forecast::WindowHistory* w8 = h.window(8);
    REQUIRE(w8);
    CHECK(w8->closeMin == Approx(16 * 60).margin(5));
}

TEST_CASE("positions that open one by one: each one's usual opening is learned, and the forecast counts on it") {
    sim::BranchProfile profile = sim::loadProfile("realistic");
    forecast::HistoryBuilder builder(480);
    for (int seed = 1; seed <= 3; ++seed) feedDay(builder, profile, seed);
    forecast::History h = builder.build();
    for (const auto& wp : profile.windows) {
        const forecast::WindowHistory* w = h.window(wp.number);
        REQUIRE(w);
        INFO("window " << wp.number);
        CHECK(w->openMin == Approx(wp.openMin).margin(2));
        CHECK(w->closeMin >= wp.closeMin);  // it closes once its last customer is done
        CHECK(w->closeMin <= wp.closeMin + 20);
    }
    // 08:35: windows 1-4 open; ten A tickets waiting. Window 12 (A) usually opens at 08:50: counted on from then.
    lobby::LobbyConfig config;
    config.categories = {{"A", "", "", 15, 20, 30}};
    for (int w : {1, 2, 3, 4, 12}) config.windows.push_back({w, {"A"}});
    lobby::Lobby l(config);
    lobby::TimeMs t = *lobby::parseLocalTime("2026-01-05T08:30:00", 480);
    for (int w : {1, 2, 3, 4}) {
        lobby::LobbyEvent e;
        e.kind = lobby::EventKind::WindowOpen;
        e.time = t;
        e.window = w;
        l.apply(e);
    }
    for (int i = 0; i < 40; ++i) {
        lobby::LobbyEvent e;
        e.kind = lobby::EventKind::Issued;
        e.time = t + 60'000 + i * 1000;
        e.ticket = "A" + std::to_string(100 + i);
        e.category = "A";
        l.apply(e);
    }
    forecast::History onlyOpening;
    onlyOpening.days = 1;
    onlyOpening.windows = {{12, forecast::WindowHistory{{}, 8 * 60 + 50, 17 * 60}}};
    auto without = forecast::makeEstimator("montecarlo")->forecast(l, t + 5 * kMin);
    auto with = forecast::makeEstimator("montecarlo", onlyOpening)->forecast(l, t + 5 * kMin);
    // The last of forty behind four windows waits well past 08:50; a fifth window from then shortens it.
    CHECK(static_cast<double>(with.ticket("A139")->expectedRemainingMs) < 0.95 * static_cast<double>(without.ticket("A139")->expectedRemainingMs));
    CHECK(with.ticket("A100")->expectedRemainingMs == without.ticket("A100")->expectedRemainingMs);
}
