// Today at a glance: half-hour buckets of the waits of tickets called, and the service level.
#include "lobby/DayGlance.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

using namespace lw::lobby;

namespace {
TimeMs at(const char* local) { return *parseLocalTime(local, 480); }
constexpr TimeMs kMin = 60'000;
}  // namespace

TEST_CASE("waits fall into local half hours, with no holes, and the service level counts calls within target") {
    DayGlance g;
    CHECK(g.serviceLevelPercent() == -1);
    g.called("2026-03-02", at("2026-03-02T09:00:00"), at("2026-03-02T09:10:00"), 15 * kMin, 480);  // 10 min
    g.called("2026-03-02", at("2026-03-02T09:05:00"), at("2026-03-02T09:29:59"), 15 * kMin, 480);  // 24m59s
    g.called("2026-03-02", at("2026-03-02T10:20:00"), at("2026-03-02T10:35:00"), 15 * kMin, 480);  // 15 min: within
    REQUIRE(g.buckets().size() == 4);  // 09:00, 09:30, 10:00, 10:30
    CHECK(g.buckets()[0].start == at("2026-03-02T09:00:00"));
    CHECK(g.buckets()[0].calls == 2);
    CHECK(g.buckets()[0].maxWaitMs == 24 * kMin + 59'000);
    CHECK(g.buckets()[0].meanWaitMs() == (10 * kMin + 24 * kMin + 59'000) / 2);
    CHECK(g.buckets()[1].calls == 0);
    CHECK(g.buckets()[3].start == at("2026-03-02T10:30:00"));
    CHECK(g.calls() == 3);
    CHECK(g.withinTarget() == 2);
    CHECK(g.serviceLevelPercent() == 67);
}

TEST_CASE("a call earlier than the first bucket is placed before it; a new business day starts afresh") {
    DayGlance g;
    g.called("2026-03-02", at("2026-03-02T10:00:00"), at("2026-03-02T10:05:00"), 15 * kMin, 480);
    g.called("2026-03-02", at("2026-03-02T08:50:00"), at("2026-03-02T09:02:00"), 15 * kMin, 480);
    REQUIRE(g.buckets().size() == 3);
    CHECK(g.buckets()[0].start == at("2026-03-02T09:00:00"));
    CHECK(g.buckets()[0].calls == 1);
    g.called("2026-03-03", at("2026-03-03T09:00:00"), at("2026-03-03T09:40:00"), 15 * kMin, 480);
    CHECK(g.businessDay() == "2026-03-03");
    REQUIRE(g.buckets().size() == 1);
    CHECK(g.serviceLevelPercent() == 0);
}

TEST_CASE("a call before its issue (clock trouble) counts as no wait, never a negative one") {
    DayGlance g;
    g.called("2026-03-02", at("2026-03-02T09:10:00"), at("2026-03-02T09:05:00"), 15 * kMin, 480);
    CHECK(g.buckets()[0].maxWaitMs == 0);
    CHECK(g.withinTarget() == 1);
}
