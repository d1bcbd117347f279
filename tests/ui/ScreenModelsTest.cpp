// The screens' typed models without a window: rows update in place (no reset), a new incident is an insert at the
// top, the search proxy keeps its rows and a selection across updates, and every pause reason has its words.
#include "ui/LobbyStatus.h"
#include "ui/ScreenModels.h"

#include <QPersistentModelIndex>

#include <catch2/catch.hpp>

using namespace lw::ui;

namespace {

// Counts what a model says about its rows.
struct Spy {
    int resets = 0, inserted = 0, removed = 0, moved = 0, changed = 0, layouts = 0;
    int firstInserted = -1;
    explicit Spy(QAbstractItemModel& m) {
        QObject::connect(&m, &QAbstractItemModel::modelReset, [this]() { ++resets; });
        QObject::connect(&m, &QAbstractItemModel::rowsInserted, [this](const QModelIndex&, int first, int) {
            ++inserted;
            if (firstInserted < 0) firstInserted = first;
        });
        QObject::connect(&m, &QAbstractItemModel::rowsRemoved, [this]() { ++removed; });
        QObject::connect(&m, &QAbstractItemModel::rowsMoved, [this]() { ++moved; });
        QObject::connect(&m, &QAbstractItemModel::dataChanged, [this]() { ++changed; });
        QObject::connect(&m, &QAbstractItemModel::layoutChanged, [this]() { ++layouts; });
    }
};

IncidentRow incident(qint64 id, const QString& kind, const QString& en, const QString& state = QStringLiteral("raised")) {
    IncidentRow r;
    r.id = id;
    r.timeText = QStringLiteral("10:%1").arg(id, 2, 10, QLatin1Char('0'));
    r.kind = kind;
    r.severity = QStringLiteral("warning");
    r.subject = QStringLiteral("window:%1").arg(id);
    r.messageEn = en;
    r.messageZh = en;
    r.state = state;
    return r;
}

QVariant roleOf(const KeyedListModel& m, int row, const char* name) { return m.data(m.index(row), m.role(name)); }

}  // namespace

TEST_CASE("a window paused for FAULT or OTHER shows its reason, as LUNCH and BREAK do") {
    WindowModel m;
    std::vector<WindowRow> rows;
    const char* words[] = {"LUNCH", "BREAK", "FAULT", "OTHER", "", "lunch"};
    for (int i = 0; i < 6; ++i) {
        WindowRow w;
        w.number = i + 1;
        w.state = WindowModel::Paused;
        w.pause = WindowModel::pauseReasonFrom(words[i]);
        rows.push_back(w);
    }
    m.setRows(rows);
    REQUIRE(m.count() == 6);
    const char* en[] = {"lunch", "break", "fault", "other business", "other business", "lunch"};
    const char* zh[] = {"午休", "休息", "故障", "其他事务", "其他事务", "午休"};
    const char* protocol[] = {"LUNCH", "BREAK", "FAULT", "OTHER", "OTHER", "LUNCH"};
    for (int i = 0; i < 6; ++i) {
        CAPTURE(i);
        CHECK(roleOf(m, i, "pauseWordEn").toString() == QString::fromUtf8(en[i]));
        CHECK(roleOf(m, i, "pauseWordZh").toString() == QString::fromUtf8(zh[i]));
        CHECK(roleOf(m, i, "pauseReason").toString() == QString::fromLatin1(protocol[i]));
        CHECK(roleOf(m, i, "state").toString() == "paused");
        // The whole row, as the delegates that take `row` read it.
        CHECK(m.data(m.index(i), KeyedListModel::RowRole).toMap().value("pauseWordEn").toString() == QString::fromUtf8(en[i]));
    }
    CHECK(roleOf(m, 2, "pause").toInt() == WindowModel::Fault);
    // An open window has no reason, whatever the lobby kept.
    rows[2].state = WindowModel::Open;
    m.setRows(rows);
    CHECK(roleOf(m, 2, "pauseWordEn").toString().isEmpty());
    CHECK(roleOf(m, 2, "pauseReason").toString().isEmpty());
}

TEST_CASE("keyed rows: the same keys update in place, only the changed roles, never a reset") {
    CategoryModel m;
    std::vector<CategoryRow> rows(3);
    rows[0].code = "A", rows[1].code = "B", rows[2].code = "V";
    m.setRows(rows);
    Spy spy(m);
    rows[1].waiting = 7;
    m.setRows(rows);
    CHECK(spy.resets == 0);
    CHECK(spy.inserted == 0);
    CHECK(spy.changed == 1);
    CHECK(roleOf(m, 1, "waiting").toInt() == 7);
    m.setRows(rows);  // nothing changed: nothing said
    CHECK(spy.changed == 1);
    // A category that appears mid-day is inserted where it belongs; the others keep their rows.
    QPersistentModelIndex v(m.index(2));
    rows.insert(rows.begin() + 2, CategoryRow{});
    rows[2].code = "C";
    m.setRows(rows);
    CHECK(spy.resets == 0);
    CHECK(spy.inserted == 1);
    CHECK(v.row() == 3);
    CHECK(m.count() == 4);
    // Order changed: a move, not a reset.
    std::swap(rows[0], rows[3]);
    m.setRows(rows);
    CHECK(spy.resets == 0);
    CHECK(roleOf(m, 0, "code").toString() == "V");
    CHECK(roleOf(m, 3, "code").toString() == "A");
    rows.erase(rows.begin() + 1);
    m.setRows(rows);
    CHECK(spy.removed == 1);
    CHECK(m.count() == 3);
    CHECK(m.toList().at(0).toMap().value("code").toString() == "V");
}

TEST_CASE("the incident log: a new incident is inserted at the top and a changed one updated in place; the search "
          "keeps its rows and a selected incident across both") {
    LobbyStatus status;
    std::vector<IncidentRow> day;
    for (qint64 id = 30; id >= 1; --id)  // newest first
        day.push_back(incident(id, id % 3 == 0 ? QStringLiteral("device_offline") : QStringLiteral("long_wait"),
                               QStringLiteral("incident %1").arg(id)));
    status.setIncidents(day);
    IncidentModel& all = *status.incidentRows();
    IncidentFilter& search = *status.incidentSearch();
    REQUIRE(all.count() == 30);
    search.setText(QStringLiteral("OFFLINE"));
    REQUIRE(search.count() == 10);
    // A person scrolled down and selected the 7th offline incident (id 12).
    QPersistentModelIndex selected(search.index(6, 0));
    REQUIRE(search.get(6).value("id").toLongLong() == 12);
    QPersistentModelIndex selectedAll(all.index(18));
    REQUIRE(all.get(18).value("id").toLongLong() == 12);
    Spy spyAll(all), spySearch(search);

    // Incident 20 is acknowledged; a new one (31) comes in at the top; an offline one too (33).
    day[10].state = QStringLiteral("acknowledged");
    day.insert(day.begin(), incident(31, QStringLiteral("long_wait"), QStringLiteral("incident 31")));
    day.insert(day.begin(), incident(33, QStringLiteral("device_offline"), QStringLiteral("incident 33")));
    status.setIncidents(day);

    CHECK(spyAll.resets == 0);
    CHECK(spyAll.layouts == 0);
    CHECK(spyAll.inserted == 2);
    CHECK(spyAll.firstInserted == 0);
    CHECK(spyAll.changed == 1);
    CHECK(spySearch.resets == 0);
    CHECK(spySearch.layouts == 0);
    CHECK(all.count() == 32);
    CHECK(search.count() == 11);
    CHECK(search.get(0).value("id").toLongLong() == 33);
    // The selection follows its incident, which moved down by the one offline incident inserted above it.
    REQUIRE(selected.isValid());
    CHECK(selected.row() == 7);
    CHECK(search.get(selected.row()).value("id").toLongLong() == 12);
    CHECK(selectedAll.row() == 20);
    CHECK(status.incidents().size() == 32);
    CHECK(status.incidents().at(0).toMap().value("id").toLongLong() == 33);
}

TEST_CASE("the figures notify only what changed") {
    LobbyStatus status;
    int clock = 0, totals = 0, windows = 0;
    QObject::connect(&status, &LobbyStatus::clockTextChanged, [&]() { ++clock; });
    QObject::connect(&status, &LobbyStatus::totalsChanged, [&]() { ++totals; });
    QObject::connect(&status, &LobbyStatus::windowsChanged, [&]() { ++windows; });
    LobbyStatus::Figures f;
    f.clockText = "10:00";
    f.waiting = 3;
    f.windows.push_back(WindowRow{});
    status.update(f);
    CHECK((clock == 1 && totals == 1 && windows == 1));
    f.clockText = "10:01";
    status.update(f);
    CHECK((clock == 2 && totals == 1 && windows == 1));
    f.windows[0].servedToday = 4;
    status.update(f);
    CHECK((clock == 2 && totals == 1 && windows == 2));
    CHECK(status.windows().at(0).toMap().value("servedToday").toInt() == 4);
    CHECK(status.windowRows()->get(0).value("servedToday").toInt() == 4);
}
