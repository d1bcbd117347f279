// Which display each window goes to: one each when there are enough; with one display, the manager's screen
// alone, and a note that says so (the board is never put over it).
#include "app/ScreenPlan.h"

#include <catch2/catch.hpp>

using lw::app::planScreens;

TEST_CASE("two windows on two displays: one each, nothing to say") {
    auto plan = planScreens({"manager", "public"}, 2);
    CHECK(plan.displayOf == std::vector<int>{0, 1});
    CHECK(plan.note.empty());
}

TEST_CASE("--screen both on one display: the manager's screen, the board left out, and a note") {
    auto plan = planScreens({"manager", "public"}, 1);
    CHECK(plan.displayOf == std::vector<int>{0, -1});
    CHECK_THAT(plan.note, Catch::Contains("has 1") && Catch::Contains("manager's screen only"));
}

TEST_CASE("one screen asked for: it goes to the first display") {
    CHECK(planScreens({"public"}, 1).displayOf == std::vector<int>{0});
    CHECK(planScreens({"manager"}, 3).displayOf == std::vector<int>{0});
    CHECK(planScreens({"manager"}, 3).note.empty());
}
