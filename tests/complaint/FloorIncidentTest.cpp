// A lobby incident opened by hand: its kinds, the six-step routine ticked once each with time and who, a complaint
// linked once, closing only with every step ticked or a note saying why not; a refusal changes nothing.
#include "complaint/FloorIncident.h"

#include <catch2/catch.hpp>

using namespace lw::complaint;

TEST_CASE("a lobby incident by hand: kinds, the six steps ticked with time and who, complaints linked, closing") {
    CHECK(kFloorKinds.size() == 7);
    CHECK(kRoutineSteps.size() == 6);
    CHECK(checkOpening("disturbance", "客户在大堂大声争吵", "王芳").empty());
    CHECK_THAT(checkOpening("fire", "x", "王芳"), Catch::Contains("kind"));
    CHECK_THAT(checkOpening("accident", "", "王芳"), Catch::Contains("what happened"));
    CHECK_THAT(checkOpening("accident", "x", "王芳\n李强"), Catch::Contains("who"));
    CHECK(incidentKind("fraud_victim") == "floor_fraud_victim");
    CHECK(floorKindOf("floor_fraud_victim") == "fraud_victim");
    CHECK(floorKindOf("long_wait").empty());
    CHECK(floorKindOf("floor_nonsense").empty());
    CHECK(kindZh("customer_unwell") == "客户身体不适");
    CHECK(stepEn("solve_or_propose") == "Solve or propose");

    FloorIncident f;
    f.id = 4;
    f.kind = "disturbance";
    REQUIRE(tick(f, {"listen_calm", 1'000, "王芳", ""}).empty());
    CHECK_THAT(tick(f, {"listen_calm", 2'000, "李强", ""}), Catch::Contains("ticked already by 王芳"));
    CHECK_THAT(tick(f, {"dance", 2'000, "王芳", ""}), Catch::Contains("no such step"));
    CHECK(f.ticks.size() == 1);
    CHECK(f.ticks[0].at == 1'000);
    REQUIRE(linkComplaint(f, 12).empty());
    CHECK_THAT(linkComplaint(f, 12), Catch::Contains("linked already"));
    CHECK(f.complaints == std::vector<std::int64_t>{12});
    // Four steps not ticked: closing needs a note saying why.
    REQUIRE(tick(f, {"apologise", 3'000, "王芳", "已致歉"}).empty());
    CHECK_THAT(close(f, 4'000, "王芳", ""), Catch::Contains("Solve or propose, Act fast, Report, Follow up"));
    CHECK_FALSE(f.closed);
    for (const char* s : {"solve_or_propose", "act_fast", "report", "follow_up"}) REQUIRE(tick(f, {s, 5'000, "李强", ""}).empty());
    REQUIRE(close(f, 6'000, "李强", "").empty());
    CHECK(f.closed);
    CHECK(f.closedBy == "李强");
    CHECK_THAT(tick(f, {"report", 7'000, "王芳", ""}), Catch::Contains("closed"));
    // With a note, an incident may close before the routine is through (the customer left).
    FloorIncident g;
    g.kind = "customer_unwell";
    REQUIRE(tick(g, {"listen_calm", 1'000, "王芳", ""}).empty());
    REQUIRE(close(g, 2'000, "王芳", "客户家属已接走").empty());
}
