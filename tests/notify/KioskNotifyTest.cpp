// The webhook in the kiosk: [notify NAME] sections in the config (and a bad one refused at start, exit 2), and a
// real Kiosk over a lobby in trouble telling a fake robot of its alarms, their escalation to the branch head, and
// a complaint handed over (by number, without the customer's words), with the robots' row on the device page.
#include "DeskFixture.h"
#include "E2eSupport.h"
#include "FakeRobot.h"

#include "config/Ini.h"
#include "app/KioskIncidents.h"
#include "kiosk/IncidentLog.h"
#include "kiosk/KioskConfig.h"
#include "store/LogWriter.h"
#include "ui/Desk.h"
#include "ui/ComplaintDesk.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <fstream>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
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
    {
        const auto kiosk = test::startDeskKiosk(path, clock, config);
        app::Kiosk& k = *kiosk;
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

TEST_CASE("a robot unreachable for alarm_after_min is a warning on the panel (and told to the other robots), cleared "
          "when a message gets through") {
    test::FakeRobot ops, head;
    ops.down();
    const QString path = test::prepareDeskLog("notify-down");
    kiosk::KioskConfig config = test::deskBranch(path);
    notify::Target t;
    t.name = "ops";
    t.kind = notify::RobotKind::WeCom;
    t.url = ops.url("/cgi-bin/webhook/send?key=K");
    t.send = {"alarm", "warning"};
    t.retry.firstS = 5;
    t.retry.maxS = 60;
    t.retry.giveUpAttempts = 1000;
    t.alarmAfterMin = 15;
    config.notify.targets.push_back(t);
    t.name = "head";
    t.url = head.url("/cgi-bin/webhook/send?key=H");
    config.notify.targets.push_back(t);
    // Five minutes of the branch's time a second: the robot is down for 15 minutes in 3 s.
    kiosk::Clock clock(test::localTime("2026-03-02T10:30:00"), 300.0);
    {
        const auto kiosk = test::startDeskKiosk(path, clock, config);
        app::Kiosk& k = *kiosk;
        const QVariantMap card = test::waitForCard(k, QStringLiteral("notify_down|notify:ops"));
        REQUIRE_FALSE(card.isEmpty());
        CHECK(card["severity"] == "warning");
        CHECK(card["messageEn"].toString().contains("The chat robot ops has not been reachable since"));
        CHECK(card["messageEn"].toString().contains("Check the branch network"));
        CHECK(card["messageZh"].toString().contains("请检查网点网络"));
        // The other robot is told; the one down is not sent news of itself.
        REQUIRE(waitUntil([&] { return received(head, "chat robot ops") >= 1; }, 10'000));
        CHECK(received(head, "通知机器人 ops") == 1);
        // Back up: the waiting messages get through, and the warning leaves the panel.
        ops.up();
        REQUIRE(waitUntil([&] {
            for (const QVariant& v : k.status()->alerts())
                if (v.toMap()["key"].toString() == "notify_down|notify:ops") return false;
            return true;
        }, 10'000));
        CHECK(received(ops, "警报") >= 1);
        CHECK(received(ops, "chat robot ops") == 0);
    }
    QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "notify-down");
    d.setDatabaseName(path);
    REQUIRE(d.open());
    {
        QSqlQuery q(d);
        // Raised once, no sooner than alarm_after_min after the first failed attempt (and not much later), and cleared.
        REQUIRE(q.exec("SELECT i.raised_at - (SELECT min(a.at) FROM notification_attempts a JOIN notifications n"
                       " ON n.id = a.notification WHERE n.target = 'ops' AND a.outcome = 'failed'), i.state,"
                       " i.severity FROM incidents i WHERE i.kind = 'notify_down' AND i.subject = 'notify:ops'"));
        REQUIRE(q.next());
        CHECK(q.value(0).toLongLong() >= 15 * 60'000LL);
        CHECK(q.value(0).toLongLong() < 20 * 60'000LL);
        CHECK(q.value(1).toString() == "cleared");
        CHECK(q.value(2).toString() == "warning");
        CHECK_FALSE(q.next());
    }
    d.close();
    d = QSqlDatabase();
    QSqlDatabase::removeDatabase("notify-down");
}

namespace {

std::string writeFile(const QString& path, const std::string& text, QFile::Permissions mode) {
    QFile::remove(path);
    {
        std::ofstream out(path.toStdString());
        out << text;
    }
    QFile::setPermissions(path, mode);
    return path.toStdString();
}

const QFile::Permissions kPrivate = QFile::ReadOwner | QFile::WriteOwner;

// loadKioskConfig's refusal of `ini` ("accepted" if none).
std::string loadRefusal(const std::string& ini) {
    try {
        kiosk::loadKioskConfig(ini);
    } catch (const lw::config::ConfigError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("[notify NAME] secret_file and url_file: the robot's secret and its address's key read from files only the "
          "kiosk's user may read, each refusal naming the file and key, never quoting the secret") {
    const QString dir = test::workDir("notify-secrets");
    const std::string secret = writeFile(dir + "/head.secret", "SECabc123\n", kPrivate);
    const std::string url = writeFile(dir + "/head.url", "https://oapi.dingtalk.com/robot/send?access_token=T0KEN\nmore\n", kPrivate);
    auto ini = [&](const std::string& body) {
        return writeFile(dir + "/branch.ini", "[branch]\nname = x\n[notify head]\n" + body, kPrivate);
    };
    auto good = [&] { return ini("kind = dingtalk\nurl_file = " + url + "\nsecret_file = " + secret + "\n"); };
    const kiosk::KioskConfig cfg = kiosk::loadKioskConfig(good());
    REQUIRE(cfg.notify.targets.size() == 1);
    CHECK(cfg.notify.targets[0].secret == "SECabc123");
    CHECK(cfg.notify.targets[0].url == "https://oapi.dingtalk.com/robot/send?access_token=T0KEN");

    const std::string where = dir.toStdString() + "/branch.ini: [notify head] ";
    // Readable by others: refused as [central] password_file is, with the chmod that fixes it.
    writeFile(dir + "/head.secret", "SECabc123\n", kPrivate | QFile::ReadGroup | QFile::ReadOther);
    CHECK(loadRefusal(good()) == where + "secret_file: " + secret + " can be read or written by other users; the robot's "
                                       "secret must be private. Fix it with: chmod 600 '" + secret + "'");
    writeFile(dir + "/head.secret", "SECabc123\n", kPrivate);
    writeFile(dir + "/head.url", "https://oapi.dingtalk.com/robot/send?access_token=T0KEN\n", kPrivate | QFile::WriteGroup);
    CHECK(loadRefusal(good()).find(where + "url_file: " + url + " can be read or written by other users; the robot's "
                                         "webhook address must be private. Fix it with: chmod 600") == 0);
    // Missing, empty, a directory.
    CHECK(loadRefusal(ini("kind = dingtalk\nurl_file = " + url + "\nsecret_file = " + dir.toStdString() + "/none\n")) ==
          where + "secret_file: cannot read " + dir.toStdString() + "/none (expected the file holding the robot's secret)");
    writeFile(dir + "/head.url", "\n", kPrivate);
    CHECK_THAT(loadRefusal(good()), Catch::StartsWith(where + "url_file: " + url + " is empty"));
    CHECK(loadRefusal(ini("kind = dingtalk\nurl_file = " + dir.toStdString() + "\n")) ==
          where + "url_file: " + dir.toStdString() + " is not a regular file");
    // Its first line checked as the key would be, without quoting it.
    writeFile(dir + "/head.url", "http://robot.example.com/send?access_token=T0KEN\n", kPrivate);
    std::string refused = loadRefusal(good());
    CHECK_THAT(refused, Catch::StartsWith(where + "url_file: " + url + ": expected an https:// address"));
    CHECK(refused.find("T0KEN") == std::string::npos);
    writeFile(dir + "/head.url", "https://oapi.dingtalk.com/robot/send?access_token=T0KEN\n", kPrivate);
    writeFile(dir + "/head.secret", "abc123\n", kPrivate);
    refused = loadRefusal(good());
    CHECK_THAT(refused, Catch::StartsWith(where + "secret_file: " + secret + ": expected DingTalk's 加签 secret"));
    CHECK(refused.find("abc123") == std::string::npos);
    // WeCom: its key is in the URL; it has no secret.
    CHECK(kiosk::loadKioskConfig(ini("kind = wecom\nurl_file = " + url + "\n")).notify.targets[0].url.find("T0KEN") !=
          std::string::npos);
    CHECK(loadRefusal(ini("kind = wecom\nurl_file = " + url + "\nsecret_file = " + secret + "\n"))
              .find("[notify head] secret_file = '" + secret + "': expected no secret for kind wecom") != std::string::npos);
    // One way or the other, not both; and an address is needed.
    CHECK(loadRefusal(ini("kind = dingtalk\nurl = https://a/\nurl_file = " + url + "\n"))
              .find("[notify head] url_file = '" + url + "': expected either url or url_file") != std::string::npos);
    CHECK(loadRefusal(ini("kind = dingtalk\nurl_file = " + url + "\nsecret = SECx\nsecret_file = " + secret + "\n"))
              .find("[notify head] secret_file = '" + secret + "': expected either secret or secret_file") != std::string::npos);
    CHECK(loadRefusal(ini("kind = dingtalk\n")).find("[notify head] url") != std::string::npos);

    // The kiosk refuses to start on it: exit 2, nothing created.
    writeFile(dir + "/head.secret", "SECabc123\n", kPrivate | QFile::ReadOther);
    good();
    const test::CommandRun r = test::runProcess(test::bin("lobbywatch"), {"--headless", "--config", dir + "/branch.ini", "--db", dir + "/x.db"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("[notify head] secret_file") && Catch::Contains("chmod 600"));
    CHECK_FALSE(QFile::exists(dir + "/x.db"));
}

TEST_CASE("the kiosk's incidents: the first one of a disk-full spell is said on stderr too, once") {
    const QString path = test::prepareDeskLog("notify-first-incident");
    auto opened = store::EventStore::open(path, test::deskBranch(path).lobby);
    REQUIRE(opened.store);
    store::LogWriter writer(std::move(opened.store));
    kiosk::IncidentLog log(writer);
    kiosk::Clock clock(test::localTime("2026-03-02T10:30:00"), 1.0);
    app::KioskIncidents incidents(log, clock);
    // The log capped at the pages it has, as a full disk: an incident whose text needs new pages is refused.
    writer.run([](store::EventStore& s) { s.setMaxPages(1); });
    const std::string big(200'000, 'x');
    const std::string errPath = path.toStdString() + ".stderr";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int fd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
    std::optional<std::int64_t> port, device;
    incidents.raise("link_down", "alarm", "port:counter", big, "Port counter is down", port);  // nothing failed yet
    writer.run([](store::EventStore&) {});
    incidents.raise("device_offline", "warning", "device:counter/1", big, "No heartbeat from dispenser 1", device);
    writer.run([](store::EventStore&) {});
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    const QString err = test::readText(QString::fromStdString(errPath));
    INFO(err.toStdString());
    CHECK(err.count("the incident 'Port counter is down' (port:counter) waits in memory") == 1);
    CHECK(err.count("the incident 'No heartbeat from dispenser 1' (device:counter/1) waits in memory") == 1);
    writer.run([](store::EventStore& s) { s.setMaxPages(0); });
    log.flush();
    writer.run([](store::EventStore&) {});
    CHECK(log.waiting() == 0);
}
