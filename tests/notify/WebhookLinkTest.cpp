// The webhook's shell: the outbox in the event log (schema 12) and the sender's thread against a fake robot on
// 127.0.0.1: the body the robot gets is its vendor's format and its signature checks out; 500, then errcode != 0,
// then ok is one message delivered with three attempts recorded; a robot down for a while: messages wait, the log's
// writer is not held up, all are delivered once when it is back, and a restart mid-outage resends only the unsent.
#include "notify/Message.h"
#include "notify/Signing.h"
#include "notify/link/WebhookSender.h"
#include "store/EventStore.h"
#include "store/LogWriter.h"

#include "FakeRobot.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <functional>
#include <map>

using namespace lw;
using test::waitUntil;

namespace {

constexpr lobby::TimeMs kBase = 1'796'000'400'000;  // 2026-11-30 09:00 in China

std::unique_ptr<store::LogWriter> openLog(const QString& path) {
    auto opened = store::EventStore::open(path, lobby::LobbyConfig{}, store::EventStore::Check::Full,
                                          store::EventStore::Access::Ingest);
    INFO(opened.error);
    REQUIRE(opened.store);
    return std::make_unique<store::LogWriter>(std::move(opened.store));
}

std::int64_t queue(store::LogWriter& writer, const std::string& target, const std::string& subject, const std::string& text,
                   lobby::TimeMs at) {
    store::QueuedNotification n;
    n.target = target;
    n.what = "alarm";
    n.subject = subject;
    n.body = text;
    n.createdAt = at;
    n.nextAt = at;
    std::optional<std::string> e;
    writer.run([&](store::EventStore& s) { e = s.queueNotification(n); });
    REQUIRE_FALSE(e);
    return n.id;
}

std::vector<store::QueuedNotification> rows(store::LogWriter& writer) {
    std::vector<store::QueuedNotification> out;
    writer.run([&](store::EventStore& s) { out = s.notifications(1000); });
    return out;
}

notify::Target robotTarget(const std::string& name, notify::RobotKind kind, const std::string& url, const std::string& secret = {}) {
    notify::Target t;
    t.name = name;
    t.kind = kind;
    t.url = url;
    t.secret = secret;
    t.retry.firstS = 2;  // kiosk seconds; the clocks below run 20 times faster
    t.retry.maxS = 8;
    t.retry.timeoutS = 1;
    return t;
}

std::vector<store::NotificationAttempt> attemptsOf(store::LogWriter& writer, std::int64_t id) {
    std::vector<store::NotificationAttempt> out;
    writer.run([&](store::EventStore& s) { out = s.notificationAttempts(id); });
    return out;
}

// A sender's setting: a fresh log, a fake robot, the kiosk's clock 20 times faster than real time, and the
// [notify] targets.
struct Outbox {
    test::FakeRobot robot;
    std::unique_ptr<store::LogWriter> writer;
    kiosk::Clock clock{kBase, 20.0};
    notify::NotifyConfig config;
    explicit Outbox(const char* name) : writer(openLog(test::freshPath(name))) {}
    // The robot most cases tell: "head", WeCom's, at /hook.
    notify::Target& head() {
        config.targets.push_back(robotTarget("head", notify::RobotKind::WeCom, robot.url("/hook")));
        return config.targets.back();
    }
};

std::string queryValue(const std::string& target, const std::string& key) {
    const auto at = target.find(key + "=");
    if (at == std::string::npos) return {};
    const auto end = target.find('&', at);
    return target.substr(at + key.size() + 1, end == std::string::npos ? std::string::npos : end - at - key.size() - 1);
}

}  // namespace

TEST_CASE("the outbox: queued, attempts recorded, a delivered message never pending again, kept over a reopen") {
    const QString path = test::freshPath("webhook-outbox");
    std::int64_t a = 0, b = 0;
    {
        auto writer = openLog(path);
        a = queue(*writer, "head", "waits|category:A", "第一条\nfirst", kBase);
        b = queue(*writer, "head", "slow_window|window:3", "第二条\nsecond", kBase + 1000);
        std::optional<std::string> e;
        writer->run([&](store::EventStore& s) {
            REQUIRE(s.pendingNotifications(10).size() == 2);
            e = s.recordNotificationAttempt(a, kBase + 2000, false, "HTTP 500", kBase + 12'000, false);
            REQUIRE_FALSE(e);
            e = s.recordNotificationAttempt(a, kBase + 13'000, true, "", kBase + 13'000, false);
            REQUIRE_FALSE(e);
            // Delivered: a further attempt (a late duplicate) is refused, the message stays delivered.
            e = s.recordNotificationAttempt(a, kBase + 14'000, false, "late", kBase + 20'000, false);
            REQUIRE(e);
            e = s.recordNotificationAttempt(b, kBase + 3000, false, "Connection refused", kBase + 13'000, true);
            REQUIRE_FALSE(e);
            const auto c = s.notificationCounts();
            CHECK(c.queued == 0);
            CHECK(c.sent == 1);
            CHECK(c.givenUp == 1);
            CHECK(c.lastSentAt == kBase + 13'000);
            CHECK(c.lastFailure == "head: Connection refused");
        });
    }
    auto writer = openLog(path);
    const auto all = rows(*writer);
    REQUIRE(all.size() == 2);
    CHECK(all[0].attempts == 2);
    CHECK(all[0].sentAt == kBase + 13'000);
    CHECK(all[0].lastError.empty());
    CHECK(all[1].givenUpAt == kBase + 3000);
    CHECK(all[1].lastError == "Connection refused");
    const auto attempts = attemptsOf(*writer, a);
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0].outcome == "failed");
    CHECK(attempts[0].error == "HTTP 500");
    CHECK(attempts[1].outcome == "delivered");
    writer->run([&](store::EventStore& s) { CHECK(s.pendingNotifications(10).empty()); });
}

TEST_CASE("delivery: each robot gets its vendor's body, and DingTalk's and Feishu's signatures check out") {
    Outbox o("webhook-delivery");
    o.config.targets.push_back(robotTarget("wx", notify::RobotKind::WeCom, o.robot.url("/cgi-bin/webhook/send?key=K")));
    o.config.targets.push_back(robotTarget("dd", notify::RobotKind::DingTalk, o.robot.url("/robot/send?access_token=T"), "SECdd"));
    o.config.targets.push_back(robotTarget("fs", notify::RobotKind::Feishu, o.robot.url("/open-apis/bot/v2/hook/H"), "fs-secret"));
    const std::string text = "【朝阳支行】警报 3号窗口：业务办理超过 20 分钟\n[朝阳支行] ALARM window 3: a service has run 20 min";
    for (const char* t : {"wx", "dd", "fs"}) queue(*o.writer, t, "slow_window|window:3", text, o.clock.now());
    o.robot.script({{200, "{\"errcode\":0,\"errmsg\":\"ok\"}"}, {200, "{\"errcode\":0,\"errmsg\":\"ok\"}"},
                    {200, "{\"code\":0,\"data\":{},\"msg\":\"success\"}"}});
    notify::WebhookSender sender(o.config, *o.writer, o.clock);
    sender.start();
    REQUIRE(waitUntil([&] { return sender.status().sent == 3; }, 10'000));
    REQUIRE(o.robot.requests().size() == 3);
    std::map<std::string, test::RobotRequest> byPath;
    for (const auto& r : o.robot.requests()) byPath[r.target.substr(0, r.target.find('?'))] = r;

    const auto& wx = byPath.at("/cgi-bin/webhook/send");
    CHECK(wx.method == "POST");
    CHECK(wx.target == "/cgi-bin/webhook/send?key=K");
    CHECK(wx.contentType.find("application/json") == 0);
    CHECK(wx.body == "{\"msgtype\":\"text\",\"text\":{\"content\":" + notify::jsonString(text) + "}}");

    const auto& dd = byPath.at("/robot/send");
    CHECK(dd.body == wx.body);
    const std::string ts = queryValue(dd.target, "timestamp");
    REQUIRE_FALSE(ts.empty());
    CHECK(std::llabs(std::stoll(ts) - o.clock.now()) < 60'000);
    CHECK(queryValue(dd.target, "sign") == notify::dingTalkSign(std::stoll(ts), "SECdd"));
    CHECK(dd.target.rfind("/robot/send?access_token=T&timestamp=", 0) == 0);

    const auto& fs = byPath.at("/open-apis/bot/v2/hook/H");
    const auto tsAt = fs.body.find("\"timestamp\":\"") + 13;
    const long long seconds = std::stoll(fs.body.substr(tsAt, fs.body.find('"', tsAt) - tsAt));
    CHECK(fs.body == "{\"timestamp\":\"" + std::to_string(seconds) + "\",\"sign\":\"" + notify::feishuSign(seconds, "fs-secret") +
                         "\",\"msg_type\":\"text\",\"content\":{\"text\":" + notify::jsonString(text) + "}}");

    for (const auto& r : rows(*o.writer)) {
        CHECK(r.sentAt);
        CHECK(r.attempts == 1);
    }
    sender.stop();
}

TEST_CASE("retry: HTTP 500, then errcode != 0 with HTTP 200, then ok is one message delivered, three attempts recorded") {
    Outbox o("webhook-retry");
    o.head();
    o.robot.script({{500, "internal error"}, {200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"}});
    const auto id = queue(*o.writer, "head", "waits|category:A", "x\ny", o.clock.now());
    notify::WebhookSender sender(o.config, *o.writer, o.clock);
    sender.start();
    REQUIRE(waitUntil([&] { return sender.status().sent == 1; }, 15'000));
    // Settled: nothing more is sent.
    QThread::msleep(300);
    QCoreApplication::processEvents();
    CHECK(o.robot.requests().size() == 3);
    const auto all = rows(*o.writer);
    REQUIRE(all.size() == 1);
    CHECK(all[0].attempts == 3);
    CHECK(all[0].sentAt);
    const auto attempts = attemptsOf(*o.writer, id);
    REQUIRE(attempts.size() == 3);
    CHECK(attempts[0].outcome == "failed");
    CHECK(attempts[0].error == "HTTP 500: internal error");
    CHECK(attempts[1].outcome == "failed");
    CHECK(attempts[1].error == "errcode 45009: api freq out of limit");
    CHECK(attempts[2].outcome == "delivered");
    // The backoff: the second attempt at least retry_first_s after the first, the third at least twice that after it.
    CHECK(attempts[1].at - attempts[0].at >= 2000);
    CHECK(attempts[2].at - attempts[1].at >= 4000);
    const auto s = sender.status();
    CHECK(s.lastFailure == "head: errcode 45009: api freq out of limit");
    CHECK(s.queued == 0);
    sender.stop();
}

TEST_CASE("a robot that never answers: the attempt times out and is retried; one that stays down is given up") {
    Outbox o("webhook-timeout");
    o.head().retry.giveUpAttempts = 2;
    o.robot.hold(true);
    const auto id = queue(*o.writer, "head", "waits|category:A", "x\ny", o.clock.now());
    notify::WebhookSender sender(o.config, *o.writer, o.clock);
    sender.start();
    REQUIRE(waitUntil([&] { return sender.status().givenUp == 1; }, 15'000));
    CHECK(o.robot.requests().size() == 2);
    const auto attempts = attemptsOf(*o.writer, id);
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0].outcome == "failed");
    CHECK(attempts[0].error == "no answer within the timeout");
    CHECK(attempts[1].outcome == "given_up");
    sender.stop();
}

TEST_CASE("outage: messages wait without holding anything up, a restart mid-outage resends only the unsent, all delivered once") {
    const QString path = test::freshPath("webhook-outage");
    test::FakeRobot robot;
    notify::NotifyConfig config;
    config.targets.push_back(robotTarget("head", notify::RobotKind::WeCom, robot.url("/hook")));
    config.targets.back().retry.giveUpAttempts = 1000;  // tried every 8 s of the kiosk's time until it is back
    kiosk::Clock clock(kBase, 20.0);
    {
        auto writer = openLog(path);
        notify::WebhookSender sender(config, *writer, clock);
        sender.start();
        // Two delivered while the robot is up.
        queue(*writer, "head", "m1", "m1", clock.now());
        queue(*writer, "head", "m2", "m2", clock.now());
        sender.wake();
        REQUIRE(waitUntil([&] { return sender.status().sent == 2; }, 10'000));
        // Down: three more queued; they are tried and fail, and the log's writer answers at once all the while.
        robot.down();
        for (const char* m : {"m3", "m4", "m5"}) queue(*writer, "head", m, m, clock.now());
        sender.wake();
        QElapsedTimer slowest;
        qint64 worstMs = 0;
        const bool tried = waitUntil([&] {
            slowest.start();
            writer->run([](store::EventStore&) {});
            worstMs = std::max(worstMs, slowest.elapsed());
            const auto all = rows(*writer);
            return std::all_of(all.begin() + 2, all.end(), [](const auto& r) { return r.attempts >= 2; });
        }, 15'000);
        if (!tried) for (const auto& r : rows(*writer)) UNSCOPED_INFO(r.subject << " attempts " << r.attempts << " next in " << r.nextAt - clock.now() << " ms: " << r.lastError);
        REQUIRE(tried);
        CHECK(worstMs < 1000);
        CHECK(sender.status().queued == 3);
        CHECK(sender.status().lastFailure.find("head: ") == 0);
        sender.stop();
    }  // the kiosk stops mid-outage
    {
        auto writer = openLog(path);
        notify::WebhookSender sender(config, *writer, clock);
        sender.start();
        QThread::msleep(200);
        QCoreApplication::processEvents();
        robot.up();  // back, on the same address
        REQUIRE(waitUntil([&] { return sender.status().sent == 5; }, 20'000));
        QThread::msleep(300);
        QCoreApplication::processEvents();
        std::map<std::string, int> received;
        for (const auto& r : robot.requests()) ++received[r.body];
        CHECK(received.size() == 5);
        for (const auto& [body, n] : received) {
            INFO(body);
            CHECK(n == 1);
        }
        for (const auto& r : rows(*writer)) CHECK(r.sentAt);
        sender.stop();
    }
}

TEST_CASE("a message older than give_up_min when the sender first sees it (a kiosk off overnight) is given up, not sent") {
    Outbox o("webhook-stale");
    o.head().retry.giveUpMin = 240;
    const auto stale = queue(*o.writer, "head", "yesterday", "yesterday", kBase - 5 * 3'600'000LL);
    queue(*o.writer, "head", "today", "today", kBase - 60'000);
    notify::WebhookSender sender(o.config, *o.writer, o.clock);
    sender.start();
    REQUIRE(waitUntil([&] { return sender.status().sent == 1 && sender.status().givenUp == 1; }, 10'000));
    REQUIRE(o.robot.requests().size() == 1);
    CHECK(o.robot.requests()[0].body.find("today") != std::string::npos);
    const auto attempts = attemptsOf(*o.writer, stale);
    REQUIRE(attempts.size() == 1);
    CHECK(attempts[0].outcome == "given_up");
    CHECK(attempts[0].error == "not sent: queued more than 240 min ago");
    sender.stop();
}

TEST_CASE("a message the outbox refuses (the log full) is sent from memory with the same retries, and recorded once "
          "the log takes writes, with its attempts, so that it is not sent again") {
    const QString path = test::freshPath("webhook-held");
    test::FakeRobot robot;
    auto writer = openLog(path);
    kiosk::Clock clock(kBase, 20.0);
    notify::NotifyConfig config;
    config.targets.push_back(robotTarget("ops", notify::RobotKind::WeCom, robot.url("/hook")));
    robot.script({{500, "internal error"}});
    notify::WebhookSender sender(config, *writer, clock);
    sender.start();
    // The log capped at the pages it has, as a full disk (store_test's way): a message whose text needs new pages
    // is refused.
    writer->run([](store::EventStore& s) { s.setMaxPages(1); });
    store::QueuedNotification n;
    n.target = "ops";
    n.what = "alarm";
    n.subject = "log_write_failed|log";
    n.body = "事件日志无法写入\nThe event log cannot be written " + std::string(200'000, 'x');
    n.createdAt = clock.now();
    n.nextAt = clock.now();
    std::optional<std::string> refused;
    writer->run([&](store::EventStore& s) {
        store::QueuedNotification copy = n;
        refused = s.queueNotification(copy);
    });
    REQUIRE(refused);  // as KioskNotify finds it: so it is held
    sender.hold(n);
    // Sent anyway: the 500, then after the backoff, delivered.
    REQUIRE(waitUntil([&] { return robot.requests().size() == 2 && sender.status().sent == 1; }, 15'000));
    CHECK(robot.requests()[1].body.find("The event log cannot be written") != std::string::npos);
    auto s = sender.status();
    CHECK(s.held == 0);  // delivered: no longer queued, though not yet in the log
    CHECK(s.queued == 0);
    CHECK(rows(*writer).empty());
    // The log takes writes again: recorded once, as sent, with both attempts.
    writer->run([](store::EventStore& st) { st.setMaxPages(0); });
    REQUIRE(waitUntil([&] { return rows(*writer).size() == 1; }, 10'000));
    const auto all = rows(*writer);
    CHECK(all[0].target == "ops");
    CHECK(all[0].subject == "log_write_failed|log");
    CHECK(all[0].attempts == 2);
    CHECK(all[0].sentAt);
    CHECK_FALSE(all[0].givenUpAt);
    std::vector<store::NotificationAttempt> attempts;
    writer->run([&](store::EventStore& st) { attempts = st.notificationAttempts(all[0].id); });
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0].outcome == "failed");
    CHECK(attempts[0].error == "HTTP 500: internal error");
    CHECK(attempts[1].outcome == "delivered");
    CHECK(attempts[1].at - attempts[0].at >= 2000);  // the backoff held as for any message
    // Not sent again, now or after a restart.
    QThread::msleep(500);
    QCoreApplication::processEvents();
    CHECK(robot.requests().size() == 2);
    sender.stop();
    notify::WebhookSender again(config, *writer, clock);
    again.start();
    REQUIRE(waitUntil([&] { return again.status().sent == 1; }, 5'000));
    QThread::msleep(300);
    QCoreApplication::processEvents();
    CHECK(robot.requests().size() == 2);
    again.stop();
}

TEST_CASE("a held message still undelivered when the log takes writes goes on from the outbox; one held at stop is "
          "recorded then") {
    const QString path = test::freshPath("webhook-held-down");
    test::FakeRobot robot;
    robot.down();
    auto writer = openLog(path);
    kiosk::Clock clock(kBase, 20.0);
    notify::NotifyConfig config;
    config.targets.push_back(robotTarget("ops", notify::RobotKind::WeCom, robot.url("/hook")));
    config.targets.back().retry.giveUpAttempts = 1000;
    writer->run([](store::EventStore& s) { s.setMaxPages(1); });
    store::QueuedNotification n;
    n.target = "ops";
    n.what = "alarm";
    n.subject = "log_write_failed|log";
    n.body = "held " + std::string(200'000, 'x');
    n.createdAt = n.nextAt = clock.now();
    {
        notify::WebhookSender sender(config, *writer, clock);
        sender.start();
        sender.hold(n);
        REQUIRE(waitUntil([&] { return sender.status().lastFailureAt > 0; }, 10'000));
        CHECK(sender.status().held == 1);
        CHECK(sender.status().queued == 1);
        CHECK(sender.status().failingSince.count("ops") == 1);
        writer->run([](store::EventStore& s) { s.setMaxPages(0); });
        // In the outbox now, pending, with the failed attempts so far; the robot back: delivered from there, once.
        REQUIRE(waitUntil([&] { return rows(*writer).size() == 1; }, 10'000));
        CHECK(rows(*writer)[0].attempts >= 1);
        CHECK_FALSE(rows(*writer)[0].sentAt);
        robot.up();
        REQUIRE(waitUntil([&] { return rows(*writer)[0].sentAt.has_value(); }, 15'000));
        CHECK(sender.status().failingSince.count("ops") == 0);
        CHECK(robot.requests().size() == 1);
        CHECK(rows(*writer).size() == 1);
        // Another one, held while the robot is down, and the kiosk stopping: it goes into the log as it stands.
        robot.down();
        writer->run([](store::EventStore& s) { s.setMaxPages(1); });
        n.createdAt = n.nextAt = clock.now();
        n.subject = "second";
        sender.hold(n);
        REQUIRE(waitUntil([&] { return sender.status().held == 1; }, 10'000));
        writer->run([](store::EventStore& s) { s.setMaxPages(0); });
        sender.stop();
    }
    const auto all = rows(*writer);
    REQUIRE(all.size() == 2);
    CHECK(all[1].subject == "second");
    CHECK_FALSE(all[1].sentAt);  // sent at the next start
}
