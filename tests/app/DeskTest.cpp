// The manager's desk on the real kiosk object over a real event log: a lobby with a customer waiting 40 minutes
// raises a long-wait alert; nobody may acknowledge it without signing in; five wrong PINs lock the keypad (and
// the right PIN then does not open it); a signed-in manager acknowledges and resolves it with a note; every step
// is in the log with who did it.
#include "DeskFixture.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

using namespace lw;
using namespace lw::test;

namespace {

std::vector<std::vector<std::string>> rows(const QString& path, const QString& sql) {
    std::vector<std::vector<std::string>> out;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "desk_check");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(sql));
        while (q.next()) {
            std::vector<std::string> row;
            for (int i = 0; i < q.record().count(); ++i) row.push_back(q.value(i).toString().toStdString());
            out.push_back(row);
        }
    }
    QSqlDatabase::removeDatabase("desk_check");
    return out;
}

}  // namespace

TEST_CASE("nobody acknowledges without a PIN; five wrong PINs lock the keypad, even against the right one") {
    QString path = prepareDeskLog("desk_lockout");
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    QString key = waitForLongWait(*k);
    REQUIRE_FALSE(key.isEmpty());
    ui::Desk* desk = k->desk();
    REQUIRE(desk->staff().size() == 2);
    CHECK_FALSE(desk->signedIn());

    CHECK_FALSE(desk->acknowledge(key));
    CHECK(desk->messageEn().contains("Sign in"));
    CHECK_FALSE(desk->resolve(key, "opened another window"));

    CHECK_FALSE(desk->signIn("王芳", "7391"));  // the head's PIN is not the manager's
    CHECK(desk->messageEn().contains("4 more"));
    CHECK_FALSE(desk->signIn("nobody", "2580"));  // an unknown name counts as a wrong try
    CHECK_FALSE(desk->signIn("王芳", "0000"));
    CHECK_FALSE(desk->signIn("王芳", "1111"));
    CHECK_FALSE(desk->keypadLocked());
    CHECK_FALSE(desk->signIn("王芳", "2222"));
    CHECK(desk->keypadLocked());
    CHECK(desk->messageEn().contains("locked"));
    CHECK_FALSE(desk->signIn("王芳", "2580"));  // right, but locked
    CHECK_FALSE(desk->signedIn());
    CHECK_FALSE(desk->acknowledge(key));
    k.reset();

    auto actions = rows(path, "SELECT who, action FROM actions ORDER BY id");
    REQUIRE(actions.size() == 5);
    for (int i = 0; i < 4; ++i) CHECK(actions[static_cast<std::size_t>(i)][1] == "sign_in_failed");
    CHECK(actions[1][0] == "nobody");
    CHECK(actions[4][1] == "keypad_locked");
    auto locked = rows(path, "SELECT severity, message_en FROM incidents WHERE kind = 'keypad_locked'");
    REQUIRE(locked.size() == 1);
    CHECK(locked[0][1].find("5 wrong PINs") != std::string::npos);
    // The alert was neither acknowledged nor resolved.
    CHECK(rows(path, "SELECT 1 FROM incident_steps WHERE state IN ('acknowledged', 'resolved')").empty());
    // No PIN in the clear anywhere in the file.
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QByteArray all = f.readAll();
    CHECK_FALSE(all.contains("2580"));
    CHECK_FALSE(all.contains("7391"));
}

TEST_CASE("a signed-in manager acknowledges and resolves an alert with a note; the log says who, when and what") {
    QString path = prepareDeskLog("desk_resolve");
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    QString key = waitForLongWait(*k);
    REQUIRE_FALSE(key.isEmpty());
    ui::Desk* desk = k->desk();

    REQUIRE(desk->signIn("王芳", "2580"));
    CHECK(desk->signedIn());
    CHECK(desk->who() == "王芳");
    CHECK(desk->role() == "manager");

    REQUIRE(desk->acknowledge(key));
    CHECK_FALSE(desk->acknowledge(key));  // once
    bool shownAsAcknowledged = false;
    for (const QVariant& v : k->status()->alerts())
        if (v.toMap()["key"] == key) shownAsAcknowledged = v.toMap()["acknowledgedBy"] == "王芳";
    CHECK(shownAsAcknowledged);

    CHECK_FALSE(desk->resolve(key, "   "));  // a resolve needs a note
    QString note = desk->presets().value(0).toMap()["zh"].toString();
    REQUIRE(desk->resolve(key, note));
    bool stillShown = false;
    for (const QVariant& v : k->status()->alerts()) stillShown = stillShown || v.toMap()["key"] == key;
    CHECK_FALSE(stillShown);
    desk->signOut();
    CHECK_FALSE(desk->signedIn());
    k.reset();

    auto steps = rows(path, "SELECT s.state, s.by_whom, s.note FROM incident_steps s JOIN incidents i ON i.id = s.incident"
                            " WHERE i.kind = 'waits' ORDER BY s.id");
    REQUIRE(steps.size() == 3);
    CHECK(steps[0][0] == "raised");
    CHECK(steps[1] == std::vector<std::string>{"acknowledged", "王芳", ""});
    CHECK(steps[2] == std::vector<std::string>{"resolved", "王芳", "已向客户致歉并说明等候原因"});
    auto state = rows(path, "SELECT state FROM incidents WHERE kind = 'waits'");
    REQUIRE(state.size() == 1);
    CHECK(state[0][0] == "resolved");
    auto actions = rows(path, "SELECT who, action, detail FROM actions ORDER BY id");
    REQUIRE(actions.size() == 4);
    CHECK(actions[0][1] == "sign_in");
    CHECK(actions[1][1] == "acknowledge");
    CHECK(actions[2] == std::vector<std::string>{"王芳", "resolve", "已向客户致歉并说明等候原因"});
    CHECK(actions[3][1] == "sign_out");
}

TEST_CASE("six long waits in one category are one situation: one card, one incident with six members; "
          "acknowledging and resolving it steps that incident once") {
    QString path = prepareDeskLog("desk_group");
    {
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        store::Batch b;
        for (int i = 2; i <= 6; ++i) {
            lobby::LobbyEvent e;
            e.time = localTime("2026-03-02T09:51:00") + i * 1000;
            e.kind = lobby::EventKind::Issued;
            e.ticket = "A00" + std::to_string(i);
            e.category = "A";
            e.source = {"counter", 1, 100 + i};
            b.events.push_back(e);
        }
        REQUIRE_FALSE(s->append(b));
    }
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    const QVariantMap group = waitForCard(*k, QStringLiteral("waits|category:A"));
    REQUIRE_FALSE(group.isEmpty());
    CHECK(group["count"].toInt() == 6);
    CHECK(group["messageEn"].toString().contains("Category A: 6 customers waiting too long"));
    const QString card = group["key"].toString();
    for (const QVariant& v : k->status()->alerts())
        CHECK_FALSE(v.toMap()["key"].toString().contains("ticket:"));  // no card per ticket
    ui::Desk* desk = k->desk();
    REQUIRE(desk->signIn("王芳", "2580"));
    REQUIRE(desk->acknowledge(card));
    bool acknowledged = false;
    for (const QVariant& v : k->status()->alerts())
        if (v.toMap()["key"] == card) acknowledged = v.toMap()["acknowledgedBy"] == "王芳";
    CHECK(acknowledged);
    REQUIRE(desk->resolve(card, "开了 2 号窗口"));
    for (const QVariant& v : k->status()->alerts()) CHECK(v.toMap()["key"] != card);
    k.reset();
    CHECK(rows(path, "SELECT COUNT(*) FROM incidents WHERE kind = 'waits'") == std::vector<std::vector<std::string>>{{"1"}});
    CHECK(rows(path, "SELECT COUNT(DISTINCT m.member) FROM incident_members m JOIN incidents i ON i.id = m.incident"
                     " WHERE i.kind = 'waits'") == std::vector<std::vector<std::string>>{{"6"}});
    CHECK(rows(path, "SELECT figures FROM incidents WHERE kind = 'waits'")[0][0].find("members=6") == 0);
    auto steps = rows(path, "SELECT s.state, count(*) FROM incident_steps s JOIN incidents i ON i.id = s.incident"
                            " WHERE i.kind = 'waits' AND s.by_whom = '王芳' GROUP BY s.state ORDER BY s.state");
    REQUIRE(steps.size() == 2);
    CHECK(steps[0] == std::vector<std::string>{"acknowledged", "1"});
    CHECK(steps[1] == std::vector<std::string>{"resolved", "1"});
}

TEST_CASE("a signed-in manager changes a category's thresholds: the alerts follow, the log records who, a restart keeps them") {
    QString path = prepareDeskLog("desk_thresholds");
    {
        kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
        auto k = startDeskKiosk(path, clock);
        REQUIRE_FALSE(waitForLongWait(*k).isEmpty());  // A001 waited 40 min: past the 30-min limit, an alarm
        ui::Desk* desk = k->desk();
        CHECK_FALSE(desk->setThresholds("A", 30, 45, 60));  // not signed in
        REQUIRE(desk->signIn("王芳", "2580"));
        CHECK_FALSE(desk->setThresholds("A", 30, 20, 60));  // warning before target
        CHECK(desk->messageEn().contains("target"));
        REQUIRE(desk->setThresholds("A", 30, 45, 60));
        // The queue shows the new thresholds at once (the alert rules read them from the lobby).
        bool newTarget = false;
        for (const QVariant& v : k->status()->categories())
            if (v.toMap()["code"] == "A") newTarget = v.toMap()["targetMin"] == 30 && v.toMap()["limitMin"] == 60;
        CHECK(newTarget);
    }
    auto actions = rows(path, "SELECT who, action, subject, detail FROM actions WHERE action = 'change_thresholds'");
    REQUIRE(actions.size() == 1);
    CHECK(actions[0] == std::vector<std::string>{"王芳", "change_thresholds", "category:A", "15/20/30 -> 30/45/60"});
    // A restart keeps them (saved in the log, over the config's).
    kiosk::Clock clock(localTime("2026-03-02T10:31:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    QDeadlineTimer deadline(5000);
    int target = 0;
    while (target == 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        for (const QVariant& v : k->status()->categories())
            if (v.toMap()["code"] == "A") target = v.toMap()["targetMin"].toInt();
    }
    CHECK(target == 30);
}

TEST_CASE("a restart takes up the situations it left open: one incident, not a second; one left over is cleared") {
    QString path = prepareDeskLog("desk_restart");
    // With a chat robot (not there: its messages are recorded, and tried, all the same).
    auto startWithRobot = [&path](const kiosk::Clock& clock) {
        kiosk::KioskConfig c = deskBranch(path);
        notify::Target robot;
        robot.name = "robot";
        robot.kind = notify::RobotKind::Json;
        robot.url = "http://127.0.0.1:9/";
        c.notify.targets.push_back(robot);
        return startDeskKiosk(path, clock, c);
    };
    const QString alarms = QStringLiteral("SELECT id FROM notifications WHERE subject = 'waits|category:A' AND class = 'alarm'");
    const QString escalations = QStringLiteral("SELECT id FROM notifications WHERE subject = 'waits|category:A' AND class = 'escalation'");
    {
        kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
        auto k = startWithRobot(clock);
        REQUIRE_FALSE(waitForLongWait(*k).isEmpty());  // A001, 40 min: the wait situation of category A
        QDeadlineTimer queued(5000);
        while (!queued.hasExpired() && rows(path, alarms).empty()) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }  // the kiosk stops (or dies) with the situation open
    REQUIRE(rows(path, alarms).size() == 1);
    const QString waits = QStringLiteral("SELECT id FROM incidents WHERE kind = 'waits' AND subject = 'category:A'");
    REQUIRE(rows(path, waits).size() == 1);
    {
        // Restarted a minute later: A001 still waits, the same situation; nobody acknowledges it for 10 minutes
        // (two simulated minutes a second).
        kiosk::Clock clock(localTime("2026-03-02T10:31:00"), 120.0);
        auto k = startWithRobot(clock);
        REQUIRE_FALSE(waitForLongWait(*k).isEmpty());
        QDeadlineTimer escalated(15'000);
        while (!escalated.hasExpired() && rows(path, escalations).empty())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    CHECK(rows(path, waits).size() == 1);
    CHECK(rows(path, alarms).size() == 1);       // not told again
    CHECK(rows(path, escalations).size() == 1);  // but its escalation is
    CHECK(rows(path, "SELECT id FROM incidents GROUP BY kind, subject HAVING count(*) > 1").empty());
    // Restarted after A001 was served: the situation is not raised again, and its incident is cleared, not left open.
    {
        store::Batch b;
        lobby::LobbyEvent e;
        e.time = localTime("2026-03-02T10:32:00");
        e.kind = lobby::EventKind::Called;
        e.ticket = "A001";
        e.window = 1;
        e.source = {"counter", 11, 100};
        b.events.push_back(e);
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        REQUIRE(s);
        REQUIRE_FALSE(s->append(b));
    }
    kiosk::Clock clock(localTime("2026-03-02T10:33:00"), 120.0);  // two simulated minutes a second
    auto k = startDeskKiosk(path, clock);
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired() && rows(path, waits + " AND state = 'cleared'").empty())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    CHECK(rows(path, waits + " AND state = 'cleared'").size() == 1);
    CHECK(rows(path, waits).size() == 1);
}

TEST_CASE("each clock of an open complaint is a card from the day it starts; an overdue one is also an incident") {
    QString path = prepareDeskLog("desk_complaint");
    {
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        report::Complaint c;
        c.receivedAt = localTime("2026-02-24T11:00:00");
        c.receivedDay = "2026-02-24";
        c.channel = "comment_book";
        c.cause = "long_wait";
        c.receivedBy = "王芳";
        c.summary = "等候太久";
        c.dueDay = "2026-02-27";
        std::string error;
        REQUIRE(s->addComplaint(c, error));
        // A second one, handed over to the complaint officer and not yet accepted.
        c.summary = "理财产品";
        c.owner = "王芳";
        c.state = "handed_over";
        c.handoverFrom = "王芳";
        c.pendingOwner = "赵敏";
        c.stateBeforeHandover = "received";
        REQUIRE(s->addComplaint(c, error));
    }
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    QVariantMap card = waitForCard(*k, QStringLiteral("complaint|1|reply"));
    REQUIRE_FALSE(card.isEmpty());
    CHECK(card["level"] == 2);
    CHECK(card["messageEn"].toString().contains("overdue"));
    CHECK(card["actionZh"].toString().contains("王芳"));
    CHECK(card["actionable"] == false);  // answered in the register, not acknowledged on the panel
    // The resolve clock (7 working days, due 5 March) runs: an information card already, not yet an incident.
    QVariantMap resolve = waitForCard(*k, QStringLiteral("complaint|1|running"));
    REQUIRE_FALSE(resolve.isEmpty());
    CHECK(resolve["level"] == 0);
    CHECK(resolve["messageEn"].toString().contains("running"));
    CHECK(resolve["messageEn"].toString().contains("its resolution by 2026-03-05"));
    // The hand-over is a card for the officer it waits for.
    QVariantMap handover = waitForCard(*k, QStringLiteral("complaint|2|handover"));
    REQUIRE_FALSE(handover.isEmpty());
    CHECK(handover["messageEn"].toString().contains("handed over by 王芳 to 赵敏, waiting to be accepted"));
    k.reset();
    // The same-day answer and the reply are overdue: an incident each, for each complaint.
    auto incidents = rows(path, "SELECT kind, subject, severity FROM incidents WHERE kind = 'complaint_due' AND subject = 'complaint:1'");
    REQUIRE(incidents.size() == 2);
    CHECK(incidents[0] == std::vector<std::string>{"complaint_due", "complaint:1", "alarm"});
    CHECK(incidents[1] == std::vector<std::string>{"complaint_due", "complaint:1", "alarm"});
}

TEST_CASE("one truth: with the only port down the alert panel shows the port-down alarm, which a manager "
          "acknowledges (and the log says who)") {
    QString path = prepareDeskLog("desk_port_down");
    kiosk::KioskConfig branch = deskBranch(path);
    kiosk::PortConfig port;
    port.name = "counter";
    port.device = (path + ".no-such-tty").toStdString();
    branch.ports.push_back(port);
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock, branch);
    const QVariantMap card = waitForCard(*k, QStringLiteral("link_down|port:counter"));
    REQUIRE_FALSE(card.isEmpty());
    CHECK(card["severity"] == "alarm");
    CHECK(card["actionable"].toBool());
    CHECK(card["messageEn"].toString().contains("Port counter is down"));
    CHECK(k->status()->alerts().front().toMap()["key"] == "link_down|port:counter");  // first on the panel
    ui::Desk* desk = k->desk();
    REQUIRE(desk->signIn("王芳", "2580"));
    REQUIRE(desk->acknowledge("link_down|port:counter"));
    k.reset();
    auto steps = rows(path, "SELECT s.state, s.by_whom FROM incident_steps s JOIN incidents i ON i.id = s.incident"
                            " WHERE i.kind = 'link_down' ORDER BY s.id");
    REQUIRE(steps.size() >= 2);
    CHECK(steps[0][0] == "raised");
    CHECK(steps[1] == std::vector<std::string>{"acknowledged", "王芳"});
}
