// Window service figures and category figures, against values worked out by hand.
#include "LobbyFixture.h"

using namespace lwtest;

namespace {
// One window serving three tickets; the times are chosen so every figure below can be checked by hand.
void serveThree(Lobby& lobby) {
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));  // idle from 09:00
    lobby.apply(issue(at("09:00:00"), "A001", "A"));
    lobby.apply(issue(at("09:01:00"), "A002", "A"));
    lobby.apply(issue(at("09:02:00"), "A003", "A"));
    lobby.apply(call(at("09:05:00"), "A001", 2));    // idle 5:00; wait 5:00
    lobby.apply(start(at("09:06:00"), "A001", 2));
    lobby.apply(finish(at("09:10:00"), "A001", 2));  // service 4:00; idle from 09:10
    lobby.apply(call(at("09:12:00"), "A002", 2));    // idle +2:00; wait 11:00
    lobby.apply(start(at("09:12:30"), "A002", 2));
    lobby.apply(finish(at("09:20:30"), "A002", 2));  // service 8:00; idle from 09:20:30
    lobby.apply(call(at("09:21:00"), "A003", 2));    // idle +0:30; wait 19:00
    lobby.apply(start(at("09:21:00"), "A003", 2));
    lobby.apply(finish(at("09:22:00"), "A003", 2));  // service 1:00; idle from 09:22
}
}  // namespace

TEST_CASE("window figures: served, mean, p90, idle, since last call", "[lobby][window]") {
    Lobby lobby(branchConfig());
    serveThree(lobby);
    lobby.tick(at("09:30:00"));
    const Window* w = lobby.window(2);
    REQUIRE(w);
    CHECK(w->state == WindowState::Open);
    CHECK(w->servedToday == 3);
    REQUIRE(w->meanServiceMs());
    CHECK(*w->meanServiceMs() == Approx((4 + 8 + 1) * 60'000 / 3.0));
    CHECK(*w->p90ServiceMs() == 8 * kMinute);  // n = 3: rank ceil(2.7) = 3, the largest
    // 5:00 + 2:00 + 0:30 + (09:22 -> 09:30) 8:00
    CHECK(w->idleMs(at("09:30:00")) == 15 * kMinute + 30 * kSecond);
    CHECK(*w->sinceLastCallMs(at("09:30:00")) == 9 * kMinute);
    CHECK(lobby.window(1)->idleMs(at("09:30:00")) == 0);  // closed all along
    CHECK_FALSE(lobby.window(1)->meanServiceMs());
    CHECK_FALSE(lobby.window(1)->sinceLastCallMs(at("09:30:00")));
}

TEST_CASE("pauses and closing stop the idle time", "[lobby][window]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    lobby.apply(windowEvent(EventKind::WindowPause, at("09:10:00"), 2, "LUNCH"));
    CHECK(lobby.window(2)->state == WindowState::Paused);
    CHECK(lobby.window(2)->pauseReason == "LUNCH");
    lobby.apply(windowEvent(EventKind::WindowOpen, at("10:00:00"), 2));
    lobby.apply(windowEvent(EventKind::WindowClose, at("10:05:00"), 2));
    CHECK(lobby.window(2)->state == WindowState::Closed);
    CHECK(lobby.window(2)->idleMs(at("11:00:00")) == 15 * kMinute);
}

TEST_CASE("p90 by nearest rank over ten services", "[lobby][window]") {
    Lobby lobby(branchConfig());
    lobby.apply(windowEvent(EventKind::WindowOpen, at("09:00:00"), 2));
    // Services of 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 minutes, one after the other.
    const int minutes[] = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
    TimeMs t = at("09:00:00");
    for (int i = 0; i < 10; ++i) {
        const std::string label = "A" + std::string(i + 1 < 10 ? "00" : "0") + std::to_string(i + 1);
        lobby.apply(issue(t, label, "A"));
        lobby.apply(call(t, label, 2));
        lobby.apply(start(t, label, 2));
        t += minutes[i] * kMinute;
        lobby.apply(finish(t, label, 2));
    }
    const Window* w = lobby.window(2);
    CHECK(w->servedToday == 10);
    CHECK(*w->p90ServiceMs() == 9 * kMinute);  // rank ceil(9.0) = 9 of 1..10
    CHECK(*w->meanServiceMs() == Approx(5.5 * 60'000));
}

TEST_CASE("category figures: waiting, longest wait, waits of the last hour", "[lobby][category]") {
    Lobby lobby(branchConfig());
    serveThree(lobby);
    lobby.apply(issue(at("09:25:00"), "A004", "A"));
    lobby.apply(issue(at("09:28:00"), "A005", "A", true));
    lobby.tick(at("09:30:00"));

    auto a = lobby.category("A");
    REQUIRE(a);
    CHECK(a->configured);
    CHECK(a->config.nameEn == "Personal");
    CHECK(a->waiting == 2);
    CHECK(a->priorityWaiting == 1);
    CHECK(a->longestWaitMs == 5 * kMinute);  // A004, waiting since 09:25
    CHECK(a->issuedToday == 5);
    CHECK(a->calledToday == 3);
    CHECK(a->waitsLastHourMs == std::vector<TimeMs>{5 * kMinute, 11 * kMinute, 19 * kMinute});

    // At 10:11:30 the call of 09:05 is more than an hour old; those of 09:12 and 09:21 are not.
    lobby.tick(at("10:11:30"));
    a = lobby.category("A");
    CHECK(a->waitsLastHourMs == std::vector<TimeMs>{11 * kMinute, 19 * kMinute});
    CHECK(a->longestWaitMs == 46 * kMinute + 30 * kSecond);

    const auto b = lobby.category("B");
    CHECK(b->waiting == 0);
    CHECK(b->longestWaitMs == 0);
    CHECK(b->waitsLastHourMs.empty());

    const auto all = lobby.categories();
    REQUIRE(all.size() == 3);
    CHECK(all[0].config.code == "A");
    CHECK(all[2].config.code == "V");
}

TEST_CASE("a category's thresholds change from now on and after a rollover; bad ones are refused", "[lobby][category]") {
    Lobby lobby(branchConfig());
    CHECK(lobby.setThresholds("A", 10, 15, 25));
    CHECK(lobby.category("A")->config.targetMin == 10);
    CHECK(lobby.category("A")->config.limitMin == 25);
    CHECK(lobby.config().categories[0].warningMin == 15);  // kept for the next business day
    CHECK_FALSE(lobby.setThresholds("A", 20, 15, 25));  // warning before target
    CHECK_FALSE(lobby.setThresholds("A", 0, 15, 25));
    CHECK_FALSE(lobby.setThresholds("A", 10, 15, 601));
    CHECK_FALSE(lobby.setThresholds("Z", 10, 15, 25));
    CHECK(lobby.category("A")->config.targetMin == 10);
    lobby.apply(issue(at("09:00:00", "2026-01-06"), "A001", "A"));  // the next business day
    CHECK(lobby.businessDay() == "2026-01-06");
    CHECK(lobby.category("A")->config.targetMin == 10);
    CHECK(lobby.category("B")->config.targetMin == 20);
}
