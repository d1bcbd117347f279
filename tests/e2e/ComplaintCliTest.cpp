// `lobbywatch complaint`: every step as a staff member after their PIN on stdin, through the state machine, with
// the OS account recorded; contacts only for the officer and the head, and their viewing recorded; the input checks
// of the register (a ticket never issued, a label issued twice in a day, a name with a newline).
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <fstream>

using namespace lw;
using namespace lw::test;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run run(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(bin("lobbywatch"), args);
    REQUIRE(p.waitForStarted(5000));
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(120'000));
    return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

// A log with a manager (王芳, 2580), another manager (李, 4826), the officer (赵敏, 7391) and the head (钱, 3690).
struct Branch {
    QString dir, db;
    explicit Branch(const std::string& name) : dir(workDir(name)), db(dir + "/log.db") {
        for (const auto& [who, role, pin] : {std::tuple{"王芳", "manager", "2580"}, std::tuple{"李", "manager", "4826"},
                                            std::tuple{"赵敏", "officer", "7391"}, std::tuple{"钱", "head", "3690"}}) {
            Run r = run({"staff", "add", who, "--role", role, "--db", db}, QByteArray(pin) + "\n");
            INFO(r.err);
            REQUIRE(r.exitCode == 0);
        }
    }
    // `complaint ARGS` as `who`, with `pin` on stdin.
    Run as(const QString& who, const char* pin, const QStringList& args) const {
        return run(QStringList{"complaint"} + args + QStringList{"--by", who, "--db", db}, pin ? QByteArray(pin) + "\n" : QByteArray());
    }
};

QStringList stepsOf(const QString& db) {
    return queryLog(db, "SELECT action || '|' || who || '|' || role || '|' || (os_user LIKE 'os:%') FROM complaint_steps ORDER BY id");
}

}  // namespace

TEST_CASE("complaint steps need the member's PIN: none, a wrong one and an unknown name are refused and change nothing") {
    Branch b("complaint_pin");
    const QStringList add = {"add", "--channel", "on_site", "--cause", "long_wait", "--summary", "等了 50 分钟"};
    Run noPin = b.as("王芳", nullptr, add);
    CHECK(noPin.exitCode == 2);
    CHECK_THAT(noPin.err, Catch::Contains("PIN on standard input"));
    Run wrong = b.as("王芳", "1111", add);
    CHECK(wrong.exitCode == 1);
    CHECK_THAT(wrong.err, Catch::Contains("no staff member 王芳 with that PIN"));
    Run nobody = b.as("Nobody", "2580", add);  // the old --by accepted any name
    CHECK(nobody.exitCode == 1);
    Run noBy = run(QStringList{"complaint"} + add + QStringList{"--db", b.db}, "2580\n");
    CHECK(noBy.exitCode == 2);
    CHECK_THAT(noBy.err, Catch::Contains("--by"));
    CHECK(queryLog(b.db, "SELECT COUNT(*) FROM complaints") == QStringList{"0"});
    // Wrong PINs are recorded, with the OS account.
    CHECK(queryLog(b.db, "SELECT who || '|' || action || '|' || (detail LIKE 'os:%') FROM actions WHERE action = 'sign_in_failed'") ==
          QStringList{"王芳|sign_in_failed|1", "Nobody|sign_in_failed|1"});
    Run ok = b.as("王芳", "2580", add);
    INFO(ok.err);
    REQUIRE(ok.exitCode == 0);
    CHECK_THAT(ok.out, Catch::Contains("complaint 1 received by 王芳, due "));
    CHECK(queryLog(b.db, "SELECT received_by || '|' || state FROM complaints") == QStringList{"王芳|received"});
}

TEST_CASE("the state machine on the command line: hand-over accepted, investigated, not satisfied escalates, resolved, "
          "followed up, closed; wrong person and illegal steps refused") {
    Branch b("complaint_life");
    REQUIRE(b.as("王芳", "2580", {"add", "--channel", "phone", "--cause", "mis_selling", "--class", "complex", "--summary",
                                 "理财风险未告知", "--contact", "138 0000 0000"}).exitCode == 0);
    // Illegal: a reply before any investigation; closing an open complaint.
    Run early = b.as("王芳", "2580", {"reply", "1", "--reply", "已答复"});
    CHECK(early.exitCode == 1);
    CHECK_THAT(early.err, Catch::Contains("cannot reply complaint 1 in state received"));
    CHECK(b.as("王芳", "2580", {"close", "1"}).exitCode == 1);
    // Wrong person: another manager is neither the owner nor the officer nor the head.
    Run other = b.as("李", "4826", {"investigate", "1", "--notes", "x", "--bank-at-fault", "no"});
    CHECK(other.exitCode == 1);
    CHECK_THAT(other.err, Catch::Contains("李 may not act on complaint 1"));
    CHECK(b.as("王芳", "2580", {"hand-over", "1", "--recipient", "Nobody", "--why", "x"}).exitCode == 2);  // not staff
    Run handed = b.as("王芳", "2580", {"hand-over", "1", "--recipient", "赵敏", "--why", "涉及理财产品"});
    REQUIRE(handed.exitCode == 0);
    CHECK_THAT(handed.out, Catch::Contains("notify 赵敏"));
    CHECK(b.as("李", "4826", {"accept", "1"}).exitCode == 1);  // only the one it was handed to accepts it
    REQUIRE(b.as("赵敏", "7391", {"accept", "1"}).exitCode == 0);
    REQUIRE(b.as("赵敏", "7391", {"investigate", "1", "--notes", "销售未做风险提示", "--bank-at-fault", "yes", "--responsible",
                                 "理财经理", "--apology", "--remedy", "补偿损失"}).exitCode == 0);
    Run unhappy = b.as("赵敏", "7391", {"reply", "1", "--reply", "已致歉", "--satisfied", "no"});
    REQUIRE(unhappy.exitCode == 0);
    CHECK_THAT(unhappy.out, Catch::Contains("reopened") && Catch::Contains("escalation level 1"));
    REQUIRE(b.as("钱", "3690", {"investigate", "1", "--notes", "复核", "--bank-at-fault", "yes", "--responsible", "理财经理"}).exitCode == 0);
    REQUIRE(b.as("钱", "3690", {"reply", "1", "--reply", "全额补偿", "--satisfied", "yes"}).exitCode == 0);
    Run noNote = b.as("赵敏", "7391", {"resolve", "1"});
    CHECK(noNote.exitCode == 1);
    CHECK_THAT(noNote.err, Catch::Contains("resolution note"));
    REQUIRE(b.as("赵敏", "7391", {"resolve", "1", "--note", "已补偿，销售流程整改"}).exitCode == 0);
    CHECK(b.as("赵敏", "7391", {"close", "1"}).exitCode == 1);  // not followed up yet
    REQUIRE(b.as("赵敏", "7391", {"follow-up", "1", "--outcome", "电话回访，客户满意", "--satisfied", "yes"}).exitCode == 0);
    REQUIRE(b.as("赵敏", "7391", {"close", "1"}).exitCode == 0);
    CHECK(stepsOf(b.db) == QStringList{"hand_over|王芳|manager|1", "accept|赵敏|officer|1", "investigate|赵敏|officer|1",
                                       "reply|赵敏|officer|1", "investigate|钱|head|1", "reply|钱|head|1", "resolve|赵敏|officer|1",
                                       "follow_up|赵敏|officer|1", "close|赵敏|officer|1"});
    CHECK(queryLog(b.db, "SELECT c.state || '|' || l.owner || '|' || l.escalation_level FROM complaints c JOIN complaint_life l"
                         " ON l.complaint_id = c.id") == QStringList{"closed|赵敏|1"});
    Run shown = b.as("赵敏", "7391", {"show", "1"});
    CHECK_THAT(shown.out, Catch::Contains("resolution: 已补偿") && Catch::Contains("hidden"));
}

TEST_CASE("contacts: only the officer or the head, and each viewing is recorded; a manager sees only their own complaints") {
    Branch b("complaint_contacts");
    REQUIRE(b.as("王芳", "2580", {"add", "--channel", "on_site", "--cause", "long_wait", "--summary", "x", "--contact",
                                 "138 0000 0000"}).exitCode == 0);
    REQUIRE(b.as("李", "4826", {"add", "--channel", "phone", "--cause", "policy", "--summary", "y"}).exitCode == 0);
    Run mine = b.as("王芳", "2580", {"list"});
    REQUIRE(mine.exitCode == 0);
    CHECK_THAT(mine.out, Catch::Contains("long_wait") && !Catch::Contains("policy") && !Catch::Contains("138 0000"));
    Run refused = b.as("王芳", "2580", {"list", "--include-contacts"});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("officer or the branch head"));
    CHECK(b.as("王芳", "2580", {"show", "2"}).exitCode == 1);  // 李's, not hers
    Run officer = b.as("赵敏", "7391", {"list", "--include-contacts"});
    REQUIRE(officer.exitCode == 0);
    CHECK_THAT(officer.out, Catch::Contains("138 0000 0000") && Catch::Contains("policy"));
    CHECK(queryLog(b.db, "SELECT who || '|' || action || '|' || subject FROM actions WHERE action = 'view_contacts'") ==
          QStringList{"赵敏|view_contacts|complaints"});
}

TEST_CASE("input checks: a ticket never issued is refused; a label issued twice that day is picked by time or asked; "
          "a name with a newline forges no row") {
    Branch b("complaint_input");
    const std::string today = queryLog(b.db, "SELECT business_day FROM actions LIMIT 1").value(0).toStdString();
    REQUIRE(today.size() == 10);
    const QString csv = b.dir + "/day.csv";
    std::ofstream(csv.toStdString()) << "time,event,ticket,category,window,device,priority\n"
                                     << today << "T09:00:00,window_open,,,2,11,\n"
                                     << today << "T09:01:00,issued,A042,A,,1,0\n"
                                     << today << "T09:05:00,called,A042,,2,11,0\n"
                                     << today << "T09:06:00,no_show,A042,,2,11,0\n"
                                     << today << "T09:02:00,issued,A043,A,,1,0\n"
                                     << today << "T09:03:00,called,A043,,3,11,0\n"
                                     << today << "T15:00:00,issued,A042,A,,1,0\n"
                                     << today << "T15:10:00,called,A042,,2,11,0\n"
                                     << today << "T15:11:00,started,A042,,2,11,0\n"
                                     << today << "T15:20:00,finished,A042,,2,11,0\n";
    Run imported = run({"import", csv, "--db", b.db});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const QStringList add = {"add", "--channel", "on_site", "--cause", "long_wait", "--summary", "过号"};
    for (const char* never : {"42", "Z999", "A044"}) {
        Run r = b.as("王芳", "2580", add + QStringList{"--ticket", never});
        INFO(never << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains("was not issued") || Catch::Contains("ticket: a label"));
    }
    Run ask = b.as("王芳", "2580", add + QStringList{"--ticket", "a042"});
    CHECK(ask.exitCode == 2);
    CHECK_THAT(ask.err, Catch::Contains("issued 2 times") && Catch::Contains("09:01, 15:00") && Catch::Contains("--ticket-time"));
    CHECK(queryLog(b.db, "SELECT COUNT(*) FROM complaints") == QStringList{"0"});
    Run picked = b.as("王芳", "2580", add + QStringList{"--ticket", "A042", "--ticket-time", "09:30"});
    INFO(picked.err);
    REQUIRE(picked.exitCode == 0);
    Run shown = b.as("王芳", "2580", {"show", "1"});
    CHECK_THAT(shown.out, Catch::Contains("09:05:00 called window 2") && Catch::Contains("no_show"));
    CHECK_THAT(shown.out, !Catch::Contains("finished") && !Catch::Contains("15:10"));  // the other customer's visit
    CHECK_THAT(shown.out, Catch::Contains("skipped: A043 called ahead of it at window 3"));  // the queue jump, with facts
    Run figures = b.as("赵敏", "7391", {"report", "--from", QString::fromStdString(today), "--to", QString::fromStdString(today),
                                       "--out", b.dir + "/r.json"});
    REQUIRE(figures.exitCode == 0);
    const QJsonObject jumps = QJsonDocument::fromJson(readText(b.dir + "/r.json").toUtf8()).object()["queue_jumps_by_window"].toObject();
    CHECK(jumps.size() == 1);
    CHECK(jumps["3"].toInt() == 1);
    // A name with a newline: refused as a staff name, and a recipient with one is refused by the state machine.
    Run forged = run({"staff", "add", "李\n   9  2026-01-01  forged", "--role", "manager", "--db", b.db}, "5937\n");
    CHECK(forged.exitCode == 2);
    Run escalate = b.as("王芳", "2580", {"escalate", "1", "--why", "x", "--recipient", "钱\n   2  forged row"});
    CHECK(escalate.exitCode == 1);
    CHECK_THAT(escalate.err, Catch::Contains("one line"));
    // A row written with a newline by an earlier version is listed on one line.
    queryLog(b.db, "UPDATE complaint_life SET owner = '王芳' || char(10) || '   9  forged' WHERE complaint_id = 1");
    Run list = b.as("赵敏", "7391", {"list"});
    REQUIRE(list.exitCode == 0);
    CHECK(QString::fromStdString(list.out).trimmed().split('\n').size() == 1);
    CHECK_THAT(list.out, Catch::Contains("\\x0a"));
}

TEST_CASE("the handling form, the rectification notice and the customer's receipt as PDF, filled from the record "
          "(pdftotext), with the branch from [branch]") {
    Branch b("complaint_papers");
    const QString ini = b.dir + "/branch.ini";
    std::ofstream(ini.toStdString()) << "[branch]\nname = 建设路支行\nidentifier = 110105-023\ncomplaint_hotline = 95533\n"
                                        "service_phone = 010-6500 1234\n";
    auto as = [&](const QString& who, const char* pin, const QStringList& args) {
        return run(QStringList{"complaint"} + args + QStringList{"--by", who, "--db", b.db, "--config", ini}, QByteArray(pin) + "\n");
    };
    REQUIRE(as("王芳", "2580", {"add", "--channel", "letter", "--cause", "operation_error", "--summary", "转账金额录入错误"}).exitCode == 0);
    auto text = [&](const QString& pdf) {
        QProcess p;
        p.start("pdftotext", {"-layout", pdf, "-"});
        REQUIRE(p.waitForFinished(30'000));
        REQUIRE(p.exitCode() == 0);
        // No radical for an ideograph in the text layer (Qt named each shared glyph by its lowest code point: ⽤ for
        // 用, ⻔ for 门; the papers mend their ToUnicode maps). NFKC then only folds Latin ligatures (ﬁ, ﬃ) back.
        const QString raw = QString::fromUtf8(p.readAllStandardOutput());
        for (const QChar ch : raw) CHECK_FALSE((ch.unicode() >= 0x2E80 && ch.unicode() <= 0x2FDF));
        return raw.normalized(QString::NormalizationForm_KC).toStdString();
    };
    // Not investigated yet: no rectification notice.
    Run early = as("王芳", "2580", {"notice", "1", "--out", b.dir + "/n.pdf"});
    CHECK(early.exitCode == 1);
    CHECK_THAT(early.err, Catch::Contains("found the bank at fault"));
    Run receipt = as("王芳", "2580", {"receipt", "1", "--out", b.dir + "/r.pdf", "--paper", "80mm"});
    INFO(receipt.err);
    REQUIRE(receipt.exitCode == 0);
    const std::string r = text(b.dir + "/r.pdf");
    const std::string due = queryLog(b.db, "SELECT due_day FROM complaints").value(0).toStdString();
    CHECK_THAT(r, Catch::Contains("投诉热线") && Catch::Contains("负责人"));  // 用/户/门-like glyphs shared with radicals
    CHECK_THAT(r, Catch::Contains("Complaint receipt") && Catch::Contains("95533") && Catch::Contains("010-6500 1234") &&
                      Catch::Contains(due) && Catch::Contains("王芳") && Catch::Contains("110105-023"));
    QProcess info;
    info.start("pdfinfo", {b.dir + "/r.pdf"});
    REQUIRE(info.waitForFinished(30'000));
    CHECK_THAT(info.readAllStandardOutput().toStdString(), Catch::Contains("227 x 340 pts"));  // 80 mm wide
    REQUIRE(as("王芳", "2580", {"receipt", "1", "--out", b.dir + "/a6.pdf"}).exitCode == 0);
    info.start("pdfinfo", {b.dir + "/a6.pdf"});
    REQUIRE(info.waitForFinished(30'000));
    CHECK_THAT(info.readAllStandardOutput().toStdString(), Catch::Contains("297 x 420 pts"));  // A6 (105 x 148 mm)
    CHECK(as("王芳", "2580", {"receipt", "1", "--out", b.dir + "/x.pdf", "--paper", "a4"}).exitCode == 2);
    REQUIRE(as("王芳", "2580", {"investigate", "1", "--notes", "柜员录入错误", "--bank-at-fault", "yes", "--responsible",
                               "柜员 张三", "--apology", "--remedy", "更正并加强复核"}).exitCode == 0);
    REQUIRE(as("王芳", "2580", {"reply", "1", "--reply", "已更正", "--satisfied", "yes"}).exitCode == 0);
    REQUIRE(as("王芳", "2580", {"form", "1", "--out", b.dir + "/f.pdf"}).exitCode == 0);
    const std::string f = text(b.dir + "/f.pdf");
    CHECK_THAT(f, Catch::Contains("投诉处理单") && Catch::Contains("Customer complaint handling form") &&
                      Catch::Contains("转账金额录入错误") && Catch::Contains("柜员录入错误") && Catch::Contains("柜员 张三") &&
                      Catch::Contains("已更正") && Catch::Contains("operation_error") && Catch::Contains("investigate"));
    REQUIRE(as("王芳", "2580", {"notice", "1", "--out", b.dir + "/n.pdf"}).exitCode == 0);
    const std::string n = text(b.dir + "/n.pdf");
    CHECK_THAT(n, Catch::Contains("投诉整改通知单") && Catch::Contains("Complaint rectification notice") &&
                      Catch::Contains("柜员 张三") && Catch::Contains("更正并加强复核") && Catch::Contains("110105-023"));
    // Another manager may not print someone else's complaint.
    CHECK(as("李", "4826", {"form", "1", "--out", b.dir + "/other.pdf"}).exitCode == 1);
    CHECK_FALSE(QFile::exists(b.dir + "/other.pdf"));
}

TEST_CASE("complaint report and export: figures by clock and satisfaction with 'no data' for none served, the "
          "anonymised export with the branch's identifier; the officer or the head only, recorded") {
    Branch b("complaint_figures");
    const QString ini = b.dir + "/branch.ini";
    std::ofstream(ini.toStdString()) << "[branch]\nname = 建设路支行\nidentifier = 110105-023\n";
    auto as = [&](const QString& who, const char* pin, const QStringList& args) {
        return run(QStringList{"complaint"} + args + QStringList{"--by", who, "--db", b.db, "--config", ini}, QByteArray(pin) + "\n");
    };
    REQUIRE(as("王芳", "2580", {"add", "--channel", "phone", "--cause", "staff_attitude", "--summary", "柜员 张三 态度差",
                               "--contact", "13800000000"}).exitCode == 0);
    REQUIRE(as("王芳", "2580", {"answer", "1", "--reply", "当场致歉", "--satisfied", "yes"}).exitCode == 0);
    const QString today = queryLog(b.db, "SELECT received_day FROM complaints").value(0);
    const QStringList range = {"--from", today, "--to", today};
    Run manager = as("王芳", "2580", QStringList{"report"} + range + QStringList{"--out", b.dir + "/m.json"});
    CHECK(manager.exitCode == 1);
    CHECK_FALSE(QFile::exists(b.dir + "/m.json"));
    Run report = as("钱", "3690", QStringList{"report"} + range + QStringList{"--out", b.dir + "/r.json"});
    INFO(report.err);
    REQUIRE(report.exitCode == 0);
    const QJsonObject r = QJsonDocument::fromJson(readText(b.dir + "/r.json").toUtf8()).object();
    CHECK(r["branch"].toString() == "110105-023");
    CHECK(r["count"].toInt() == 1);
    CHECK(r["per_10000"].isNull());  // nobody served in this log: no data, not 0
    CHECK(r["clocks"].toObject()["answer"].toObject()["met"].toInt() == 1);
    CHECK(r["clocks"].toObject()["reply"].toObject()["met"].toInt() == 1);
    CHECK(r["clocks"].toObject()["resolve"].toObject()["running"].toInt() == 1);
    CHECK(r["satisfaction"].toObject()["rate"].toDouble() == 1.0);
    CHECK(r["by_cause"].toObject()["staff_attitude"].toInt() == 1);
    CHECK(r["queue_jumps_by_window"].toObject().isEmpty());  // no calls logged
    Run exported = as("赵敏", "7391", QStringList{"export"} + range + QStringList{"--out", b.dir + "/e.csv"});
    REQUIRE(exported.exitCode == 0);
    const QString csv = readText(b.dir + "/e.csv");
    CHECK(csv.contains("110105-023,1," + today));
    for (const char* personal : {"王芳", "张三", "13800000000", "致歉"}) CHECK_FALSE(csv.contains(QString::fromUtf8(personal)));
    CHECK(queryLog(b.db, "SELECT who || '|' || action FROM actions WHERE action IN ('complaint_report', 'complaint_export')") ==
          QStringList{"钱|complaint_report", "赵敏|complaint_export"});
}
