// The log's side of an import: one transaction (rolled back, nothing), keyed events (twice, once), day totals.
#include "lobby/EventCsv.h"
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

using namespace lw;

namespace {

store::EventStore::KeyedEvent keyed(const std::string& ticket, int minute) {
    lobby::LobbyEvent e;
    e.time = *lobby::parseLocalTime("2026-01-05T09:00:00", 480) + minute * 60'000LL;
    e.kind = lobby::EventKind::Issued;
    e.ticket = ticket;
    e.category = "A";
    e.source = {"import:day.csv", 0, minute + 2};
    return {e, static_cast<std::int64_t>(lobby::importKey(e, 1))};
}

}  // namespace

TEST_CASE("an import rolled back leaves nothing; committed, its events are there once however often it is run") {
    const QString path = test::freshPath("import_store");
    auto s = store::EventStore::open(path, lobby::LobbyConfig{}).store;
    REQUIRE(s);
    s->putDayTotals("2026-01-05", "monday");
    s->putDayTotals("2026-01-06", "tuesday");
    const std::vector<store::EventStore::KeyedEvent> events{keyed("A001", 0), keyed("A002", 1), keyed("A003", 2)};
    std::vector<bool> added;

    REQUIRE_FALSE(s->beginImport());
    REQUIRE_FALSE(s->importEvents(events, added));
    CHECK(added == std::vector<bool>{true, true, true});
    s->rollbackImport();
    CHECK(s->counts().events == 0);
    CHECK(s->dayTotals("2026-01-05"));

    REQUIRE_FALSE(s->beginImport());
    REQUIRE_FALSE(s->importEvents({events[0], events[1]}, added));
    REQUIRE_FALSE(s->commitImport());
    CHECK(s->counts().events == 2);
    CHECK_FALSE(s->dayTotals("2026-01-05"));  // the day got events: its totals are stale
    CHECK(s->dayTotals("2026-01-06"));

    s->putDayTotals("2026-01-05", "monday again");
    REQUIRE_FALSE(s->beginImport());
    REQUIRE_FALSE(s->importEvents(events, added));
    CHECK(added == std::vector<bool>{false, false, true});
    REQUIRE_FALSE(s->commitImport());
    CHECK(s->counts().events == 3);
    const auto day = s->eventsOfDay("2026-01-05");
    REQUIRE(day.size() == 3);
    CHECK(day[2].ticket == "A003");
    CHECK(day[2].source.sequence == 4);
    CHECK_FALSE(s->dayTotals("2026-01-05"));

    s->putDayTotals("2026-01-05", "monday, third time");
    REQUIRE_FALSE(s->beginImport());
    REQUIRE_FALSE(s->importEvents(events, added));
    CHECK(added == std::vector<bool>{false, false, false});
    REQUIRE_FALSE(s->commitImport());
    CHECK(s->counts().events == 3);
    CHECK(s->dayTotals("2026-01-05"));  // nothing new that day: the totals stand
}
