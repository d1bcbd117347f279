// The webhook in the kiosk: [notify NAME] sections in the config (and a bad one refused at start, exit 2), and a
// real Kiosk over a lobby in trouble telling a fake robot of its alarms, their escalation to the branch head, and
// a complaint handed over (by number, without the customer's words), with the robots' row on the device page.
#include "DeskFixture.h"
#include "E2eSupport.h"
#include "FakeRobot.h"

#include "config/Ini.h"
#include "kiosk/KioskConfig.h"
#include "ui/Desk.h"
#include "ui/ComplaintDesk.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <fstream>
#include <functional>

using namespace lw;
using test::waitUntil;

namespace {

std::string refusal(const std::string& text) {
    try {
        kiosk::parseKioskConfig(text, "branch.ini");
    } catch (const lw::config::ConfigError& e) {
        return e.what();
    }
    return "accepted";
}

int received(const test::FakeRobot& robot, const std::string& part) {
    int n = 0;
    for (const auto& r : robot.requests()) n += r.body.find(part) != std::string::npos ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("[notify NAME] sections in the kiosk's config; a bad one is refused naming file, line and key, exit 2") {
    const auto cfg = kiosk::parseKioskConfig(
        "[branch]\nname = 城东支行\n[notify head]\nkind = dingtalk\nurl = https://oapi.dingtalk.com/robot/send?access_token=T\n"
        "secret = SECx\n[notify]\nkind = feishu\nurl = https://open.feishu.cn/open-apis/bot/v2/hook/H\nsend = warning, alarm\n",
        "branch.ini");
    REQUIRE(cfg.notify.targets.size() == 2);
    CHECK(cfg.notify.target("head")->kind == notify::RobotKind::DingTalk);
    CHECK(cfg.notify.target("default")->wants("warning"));
    CHECK(kiosk::parseKioskConfig("[branch]\nname = x\n", "branch.ini").notify.targets.empty());
    CHECK(refusal("[notify head]\nkind = wecom\nurl = https://a/\n[notify head]\nkind = wecom\nurl = https://b/\n")
              .find("branch.ini:4: section [notify head] appears twice") == 0);
    CHECK(refusal("[notify]\nkind = wecom\nurl = https://a/\n[notify default]\nkind = wecom\nurl = https://b/\n")
              .find("branch.ini:4: section [notify default] is robot default again") == 0);
    CHECK(refusal("[notfy]\nkind = wecom\n").find("[notify NAME]") != std::string::npos);

    const QString dir = test::workDir("notify-badconfig");
    const QString ini = dir + "/branch.ini";
    {
        std::ofstream out(ini.toStdString());
        out << "[kiosk]\nutc_offset_minutes = 480\n[notify head]\nkind = wecom\nurl = https://h/\nsend = alarm, sms\n";
    }
    test::CommandRun r = test::runProcess(test::bin("lobbywatch"), {"--headless", "--config", ini, "--db", dir + "/x.db"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("branch.ini:6") && Catch::Contains("[notify head] send"));
    CHECK_FALSE(QFile::exists(dir + "/x.db"));
}

TEST_CASE("the kiosk tells the robot of its alarms, their escalation and a complaint handed over, and shows the robot's state") {
    test::FakeRobot robot;
    const QString path = test::prepareDeskLog("notify-kiosk");
    kiosk::KioskConfig config = test::deskBranch(path);
    config.security.escalateAfterMin = 1;
    notify::Target head;
    head.name = "head";
    head.kind = notify::RobotKind::WeCom;
    head.url = robot.url("/cgi-bin/webhook/send?key=K");
    head.send = {"alarm", "escalation", "handover"};
    head.retry.firstS = 5;
    config.notify.targets.push_back(head);
    // A minute of the branch's time a second: the escalation after a minute comes a second after the alarm.
    kiosk::Clock clock(test::localTime("2026-03-02T10:30:00"), 60.0);
    auto opened = store::EventStore::open(path, config.lobby);
    REQUIRE(opened.store);
    app::KioskOptions o;
    o.headless = true;
    o.statusEverySimS = 3600;
    {
        app::Kiosk k(config, std::move(opened.store), clock, o);
        k.start();
        // A001 waiting since 09:50 (an alarm), then, nobody acknowledging it, its escalation.
        REQUIRE(waitUntil([&] { return received(robot, "警报") >= 1; }, 10'000));
        REQUIRE(waitUntil([&] { return received(robot, "已上报网点负责人") >= 1; }, 10'000));
        const auto& first = robot.requests().front();
        CHECK(first.body.rfind("{\"msgtype\":\"text\",\"text\":{\"content\":\"【城东支行】", 0) == 0);
        CHECK(first.body.find("\\n[城东支行] ") != std::string::npos);  // the English line

        // A complaint handed over: told by number; the customer's words stay in the log.
        ui::Desk* desk = k.desk();
        REQUIRE(desk->signIn("王芳", "2580"));
        QVariantMap rec = desk->recordComplaint({{"channel", "on_site"}, {"cause", "long_wait"}, {"ticket", "A001"},
                                                 {"summary", "客户张先生等了 40 分钟，电话 13800138000"}});
        REQUIRE(rec.value("ok").toBool());
        const qint64 id = rec.value("id").toLongLong();
        QVariantMap handed = desk->complaints()->step(id, 0, "hand_over", {{"to", "Zhao Lei"}, {"text", "张先生要求行长答复"}});
        REQUIRE(handed.value("ok").toBool());
        const std::string told = "投诉 " + std::to_string(id) + " 号由 王芳 移交给 Zhao Lei";
        REQUIRE(waitUntil([&] { return received(robot, told) == 1; }, 10'000));
        CHECK(received(robot, "张") == 0);
        CHECK(received(robot, "13800138000") == 0);

        // The device page's row and the status line.
        REQUIRE(waitUntil([&] { return k.statusLine().contains("notify:sent") && !k.statusLine().contains("queued 1"); }, 10'000));
        CHECK(k.statusLine().contains(" queued 0"));
    }
    // Everything told is in the outbox, delivered on its first attempt, and nothing twice.
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "outbox");
        d.setDatabaseName(path);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("SELECT count(*), sum(sent_at IS NOT NULL), sum(attempts), count(DISTINCT body) FROM notifications"));
        REQUIRE(q.next());
        const int rows = q.value(0).toInt();
        CHECK(rows >= 3);
        CHECK(q.value(1).toInt() == rows);
        CHECK(q.value(2).toInt() == rows);
        CHECK(q.value(3).toInt() == rows);
        CHECK(static_cast<int>(robot.requests().size()) == rows);
    }
    QSqlDatabase::removeDatabase("outbox");
}
