// The complaints page's side of the real kiosk over a real event log: the open complaints a signed-in person may
// see with their clocks and the steps they may take; a step taken twice (Save tapped twice) is recorded once; a
// step on a complaint that changed meanwhile is refused; a hand-over goes to its recipient, who accepts it; the
// receipt carries the branch's hotline and service phone.
#include "DeskFixture.h"

#include <catch2/catch.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>

using namespace lw;
using namespace lw::test;

namespace {

int countOf(const QString& path, const QString& sql) {
    int n = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "complaint_desk_check");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec(sql));
        if (q.next()) n = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase("complaint_desk_check");
    return n;
}

QStringList stepsOf(const QVariantMap& row) { return row.value("steps").toStringList(); }

}  // namespace

TEST_CASE("the complaints page: each person's open complaints with clocks and steps; Save twice records once") {
    QString path = prepareDeskLog("desk_complaint_page");
    {
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        kiosk::PinHash h = kiosk::hashPin("4826", 2000);
        REQUIRE_FALSE(s->putStaff({"李强", "manager", h.algorithm, h.iterations, h.salt, h.hash, localTime("2026-03-02T08:00:00")}));
    }
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    kiosk::KioskConfig config = deskBranch(path);
    config.branch.complaintHotline = "95588";
    config.branch.servicePhone = "010-6666 8888";
    const auto kiosk = startDeskKiosk(path, clock, config);
    app::Kiosk& k = *kiosk;
    ui::Desk* desk = k.desk();
    ui::ComplaintDesk* complaints = desk->complaints();

    CHECK(complaints->model()->count() == 0);
    CHECK_FALSE(complaints->step(1, 0, "answer", {{"text", "x"}}).value("ok").toBool());  // signed out
    REQUIRE(desk->signIn("王芳", "2580"));
    QVariantMap rec = desk->recordComplaint({{"channel", "on_site"}, {"cause", "long_wait"}, {"ticket", "A001"},
                                             {"summary", "等了 40 分钟"}});
    REQUIRE(rec.value("ok").toBool());
    const qint64 id = rec.value("id").toLongLong();
    REQUIRE(complaints->model()->count() == 1);
    QVariantMap row = complaints->row(id);
    CHECK(row.value("owner") == "王芳");
    CHECK(row.value("version") == 0);
    CHECK(row.value("stateZh") == "已受理");
    CHECK(stepsOf(row) == QStringList{"answer", "agree", "hand_over", "investigate", "escalate"});
    // Its clocks from today: the same-day answer due today (an alarm), the reply by Thursday, the resolution.
    const QVariantList clocks = row.value("clocks").toList();
    REQUIRE(clocks.size() == 3);
    CHECK(clocks[0].toMap().value("name") == "answer");
    CHECK(clocks[0].toMap().value("state") == "due_today");
    CHECK(clocks[1].toMap().value("dueDay") == "2026-03-05");
    CHECK(row.value("level") == 2);

    // A date agreed, saved twice: one step, one action.
    QVariantMap agree{{"date", "2026-03-04"}};
    QVariantMap first = complaints->step(id, 0, "agree", agree);
    REQUIRE(first.value("ok").toBool());
    CHECK(first.value("state") == "agreed");
    QVariantMap second = complaints->step(id, 0, "agree", agree);
    CHECK(second.value("ok").toBool());
    CHECK(second.value("repeat").toBool());
    CHECK(countOf(path, "SELECT COUNT(*) FROM complaint_steps WHERE action = 'agree'") == 1);
    CHECK(countOf(path, "SELECT COUNT(*) FROM actions WHERE action = 'complaint_agree'") == 1);
    row = complaints->row(id);
    CHECK(row.value("version") == 1);
    CHECK(row.value("replyBy") == "2026-03-04");
    // Another step on the complaint as it was before: refused, nothing recorded.
    QVariantMap stale = complaints->step(id, 0, "investigate", {{"text", "查看录像"}, {"bankAtFault", "no"}});
    CHECK_FALSE(stale.value("ok").toBool());
    CHECK(stale.value("whyEn").toString().contains("changed meanwhile"));
    // Refused by the state machine (no particulars): said, nothing recorded.
    QVariantMap bare = complaints->step(id, 1, "investigate", {});
    CHECK_FALSE(bare.value("ok").toBool());
    CHECK(bare.value("whyEn").toString().contains("investigation notes"));
    CHECK(countOf(path, "SELECT COUNT(*) FROM complaint_steps") == 1);
    // A hand-over to someone who is not staff is refused; to 李强 it waits for him.
    CHECK_FALSE(complaints->step(id, 1, "hand_over", {{"to", "Nobody"}, {"text", "超出权限"}}).value("ok").toBool());
    QVariantMap handed = complaints->step(id, 1, "hand_over", {{"to", "李强"}, {"text", "超出权限"}});
    REQUIRE(handed.value("ok").toBool());
    CHECK(handed.value("noticesEn").toStringList().join(" ").contains("handed over to you"));
    CHECK(stepsOf(complaints->row(id)) == QStringList{"escalate"});
    // The receipt for the screen.
    QVariantMap receipt = complaints->receipt(id);
    CHECK(receipt.value("hotline") == "95588");
    CHECK(receipt.value("servicePhone") == "010-6666 8888");
    CHECK(receipt.value("owner") == "王芳");
    CHECK(receipt.value("replyBy") == "2026-03-04");

    // 李强 signs in: he sees it, and may accept or decline it.
    desk->signOut();
    CHECK(complaints->model()->count() == 0);
    REQUIRE(desk->signIn("李强", "4826"));
    REQUIRE(complaints->model()->count() == 1);
    CHECK(stepsOf(complaints->row(id)) == QStringList{"accept", "decline", "escalate"});
    REQUIRE(complaints->step(id, 2, "accept", {}).value("ok").toBool());
    row = complaints->row(id);
    CHECK(row.value("owner") == "李强");
    CHECK(stepsOf(row).contains("investigate"));
    CHECK_FALSE(complaints->receipt(999).value("ok").toBool());
    desk->signOut();
    // 王芳 no longer owns it: it is off her list.
    REQUIRE(desk->signIn("王芳", "2580"));
    CHECK(complaints->model()->count() == 0);
    CHECK_FALSE(complaints->step(id, 3, "investigate", {{"text", "x"}, {"bankAtFault", "no"}}).value("ok").toBool());
}

TEST_CASE("the lobby floor: an incident by hand with its six-step checklist; a ticket's timeline; a missed number re-queued") {
    QString path = prepareDeskLog("desk_floor");
    {
        // A003 is called at window 1 ahead of A001 and A002 (a jump); A002 is called (ahead of A001, who still
        // waits) and does not come.
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        DeskEvents events;
        events.seq = 100;
        events.add("2026-03-02T10:00:00", lobby::EventKind::Issued, "A002", 0);
        events.add("2026-03-02T10:01:00", lobby::EventKind::Issued, "A003", 0);
        events.add("2026-03-02T10:05:00", lobby::EventKind::Called, "A003", 1);
        events.add("2026-03-02T10:06:00", lobby::EventKind::Finished, "A003", 1);
        events.add("2026-03-02T10:10:00", lobby::EventKind::Called, "A002", 1);
        events.add("2026-03-02T10:12:00", lobby::EventKind::NoShow, "A002", 1);
        REQUIRE_FALSE(s->append(events.batch));
    }
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startDeskKiosk(path, clock);
    ui::Desk* desk = k->desk();
    ui::FloorDesk* floor = desk->floor();
    CHECK(floor->kinds().size() == 7);
    CHECK_FALSE(floor->open("disturbance", "x").value("ok").toBool());  // signed out
    CHECK_FALSE(floor->lookUp("A002", "").value("ok").toBool());
    REQUIRE(desk->signIn("王芳", "2580"));

    // The ticket's timeline: skipped by A003 at window 1, called, no-show: a missed number.
    QVariantMap found = floor->lookUp(" a002 ", "");
    REQUIRE(found.value("ok").toBool());
    CHECK(found.value("day") == "2026-03-02");
    QVariantList visits = found.value("visits").toList();
    REQUIRE(visits.size() == 1);
    QVariantMap visit = visits[0].toMap();
    QStringList said;
    for (const auto& l : visit.value("lines").toList()) said << l.toMap().value("en").toString();
    INFO(said.join(" / ").toStdString());
    // A001 (issued 09:50) still waited when A002 was called: that call was out of turn too.
    CHECK(said == QStringList{"issued (category A)", "skipped: A003 called ahead of it at window 1", "called to window 1",
                              "called out of turn at window 1: ahead of 1 waiting (first A001)", "no-show at window 1"});
    CHECK(visit.value("missed").toBool());
    // Re-queued on 王芳's decision: on the timeline as such, once.
    const double issuedAt = visit.value("issuedAt").toDouble();
    REQUIRE(floor->requeue("A002", "", issuedAt, "客户在自助区办理").value("ok").toBool());
    CHECK(floor->requeue("A002", "", issuedAt, "客户在自助区办理").value("repeat").toBool());
    visit = floor->lookUp("A002", "2026-03-02").value("visits").toList()[0].toMap();
    CHECK_FALSE(visit.value("missed").toBool());
    CHECK(visit.value("lines").toList().back().toMap().value("en") == "re-queued on 王芳's decision: 客户在自助区办理");
    // A003's timeline: called out of turn.
    QVariantMap jumper = floor->lookUp("A003", "").value("visits").toList()[0].toMap();
    CHECK(jumper.value("lines").toList()[2].toMap().value("en") == "called out of turn at window 1: ahead of 2 waiting (first A001)");
    // A served ticket is no missed number; a ticket never issued, a label that is no label, a bad day: said.
    const double servedAt = floor->lookUp("A000", "").value("visits").toList()[0].toMap().value("issuedAt").toDouble();
    CHECK(floor->requeue("A000", "", servedAt, "").value("whyEn").toString().contains("not a missed number"));
    CHECK(floor->lookUp("Z999", "").value("whyEn").toString().contains("was not issued on 2026-03-02"));
    CHECK(floor->lookUp("A0001", "").value("whyEn").toString().contains("a letter and three digits"));
    CHECK(floor->lookUp("A002", "2026-02-30").value("whyEn").toString().contains("YYYY-MM-DD"));

    // An incident by hand: a fraud victim; the six steps ticked with time and who; a complaint linked; closed.
    QVariantMap opened = floor->open("fraud_victim", "老人被冒充公检法要求转账");
    REQUIRE(opened.value("ok").toBool());
    const qint64 id = opened.value("id").toLongLong();
    CHECK_FALSE(floor->open("fire", "x").value("ok").toBool());
    REQUIRE(floor->incidents()->count() == 1);
    REQUIRE(floor->tick(id, "listen_calm", "").value("ok").toBool());
    CHECK(floor->tick(id, "listen_calm", "").value("whyEn").toString().contains("ticked already by 王芳"));
    QVariantMap row = floor->row(id);
    QVariantMap first = row.value("ticks").toList()[0].toMap();
    CHECK(first.value("done").toBool());
    CHECK(first.value("by") == "王芳");
    CHECK(first.value("timeText") == "10:30");
    CHECK(floor->link(id, 99).value("whyEn").toString().contains("no complaint 99"));
    QVariantMap complaint = desk->recordComplaint({{"channel", "on_site"}, {"cause", "other"}, {"summary", "要求银行赔偿"}});
    REQUIRE(complaint.value("ok").toBool());
    REQUIRE(floor->link(id, complaint.value("id").toLongLong()).value("ok").toBool());
    CHECK(floor->close(id, "").value("whyEn").toString().contains("not every step was ticked"));
    for (const char* s : {"apologise", "solve_or_propose", "act_fast", "report", "follow_up"})
        REQUIRE(floor->tick(id, s, "").value("ok").toBool());
    REQUIRE(floor->close(id, "").value("ok").toBool());
    row = floor->row(id);
    CHECK(row.value("closed").toBool());
    CHECK(row.value("complaints").toList().size() == 1);
    CHECK(row.value("kindEn") == "Fraud victim");
    k.reset();
    // In the log: the incident resolved, its steps with who, the actions.
    CHECK(countOf(path, "SELECT COUNT(*) FROM incidents WHERE kind = 'floor_fraud_victim' AND state = 'resolved'") == 1);
    CHECK(countOf(path, "SELECT COUNT(*) FROM incident_steps WHERE state LIKE 'check:%' AND by_whom = '王芳'") == 6);
    CHECK(countOf(path, "SELECT COUNT(*) FROM actions WHERE action = 'requeue_missed'") == 1);
    CHECK(countOf(path, "SELECT COUNT(*) FROM actions WHERE action = 'tick_incident'") == 6);
}
