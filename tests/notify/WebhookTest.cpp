// The outgoing webhook's core without a network: what is told, in which words, in which JSON, signed how, read how,
// retried when.
#include "config/Ini.h"
#include "notify/Bulletin.h"
#include "notify/Message.h"
#include "notify/NotifyConfig.h"
#include "notify/Signing.h"

#include <catch2/catch.hpp>

using namespace lw;
using namespace lw::notify;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& d) {
    static const char* const k = "0123456789abcdef";
    std::string out;
    for (auto b : d) {
        out += k[b >> 4];
        out += k[b & 15];
    }
    return out;
}

Target parsed(const std::string& text) {
    auto ini = config::IniFile::parse(text, "kiosk.ini");
    const auto& s = ini.sections().front();
    const std::string name = s.name().size() > 6 ? s.name().substr(7) : std::string();
    return parseNotifySection(s, name);
}

std::string refusal(const std::string& text) {
    try {
        parsed(text);
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "accepted";
}

forecast::Alert waitsAlert() {
    forecast::Alert a;
    a.key = "waits|category:A";
    a.kind = "waits";
    a.subject = "category:A";
    a.severity = forecast::Severity::Alarm;
    a.raisedAt = 1'000'000;
    a.messageZh = "A类业务 3 位客户等候已超时限";
    a.messageEn = "3 customers in A have waited past the limit";
    a.actionZh = "请开放更多窗口办理A类业务";
    a.actionEn = "Open another window for A";
    a.longestWaitMs = 34 * 60'000;
    forecast::Member m;
    m.ticket = "A042";
    a.members.push_back(m);
    return a;
}

}  // namespace

TEST_CASE("SHA-256, HMAC-SHA256, base64 and URL encoding match their standards' test vectors") {
    CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Two blocks (56 bytes: the padding spills over).
    CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // RFC 4231 test cases 2 and 6 (a key longer than a block is hashed first).
    CHECK(hex(hmacSha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(hex(hmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foobar") == "Zm9vYmFy");
    CHECK(urlEncode("a+b/c=d e~") == "a%2Bb%2Fc%3Dd%20e~");
}

TEST_CASE("DingTalk's 加签 and Feishu's 签名校验 as the vendors document them") {
    // Expected values from Python's hmac/base64/urllib (the vendors' own sample code), not from this code.
    CHECK(dingTalkSign(1796000400000, "SEC0123456789abcdef") == "Ml00qdFepJUKCXcAkpTbITnRM9U6xkcC57etS2o%2Bp7I%3D");
    CHECK(dingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=T", 1796000400000, "SEC0123456789abcdef") ==
          "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1796000400000&sign="
          "Ml00qdFepJUKCXcAkpTbITnRM9U6xkcC57etS2o%2Bp7I%3D");
    CHECK(dingTalkUrl("https://x/robot", 5, "") == "https://x/robot");  // no secret: unsigned
    CHECK(feishuSign(1796000400, "feishu-secret") == "x0Ox+uwRSDL2f+TsD/nXaH23VQSaT7y/wgXKKluJxfc=");
}

TEST_CASE("each robot kind gets its own JSON body") {
    Target t;
    t.url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K";
    const std::string text = "【北京分行】警报 \"3\"号窗口\nALARM window 3";
    t.kind = RobotKind::WeCom;
    auto r = requestFor(t, text, "slow_window|window:3", "alarm", 1796000400123);
    CHECK(r.url == t.url);
    CHECK(r.body == "{\"msgtype\":\"text\",\"text\":{\"content\":\"【北京分行】警报 \\\"3\\\"号窗口\\nALARM window 3\"}}");
    t.kind = RobotKind::DingTalk;
    t.url = "https://oapi.dingtalk.com/robot/send?access_token=T";
    t.secret = "SEC0123456789abcdef";
    r = requestFor(t, "x", "s", "alarm", 1796000400000);
    CHECK(r.body == "{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}");
    CHECK(r.url == dingTalkUrl(t.url, 1796000400000, t.secret));
    t.kind = RobotKind::Feishu;
    t.url = "https://open.feishu.cn/open-apis/bot/v2/hook/H";
    t.secret = "feishu-secret";
    r = requestFor(t, "x", "s", "alarm", 1796000400999);
    CHECK(r.url == t.url);
    CHECK(r.body == "{\"timestamp\":\"1796000400\",\"sign\":\"x0Ox+uwRSDL2f+TsD/nXaH23VQSaT7y/wgXKKluJxfc=\","
                    "\"msg_type\":\"text\",\"content\":{\"text\":\"x\"}}");
    t.secret.clear();
    CHECK(requestFor(t, "x", "s", "alarm", 0).body == "{\"msg_type\":\"text\",\"content\":{\"text\":\"x\"}}");
    t.kind = RobotKind::Json;
    CHECK(requestFor(t, "x", "waits|category:A", "escalation", 0).body ==
          "{\"text\":\"x\",\"subject\":\"waits|category:A\",\"class\":\"escalation\"}");
    CHECK(jsonString(std::string("a\x01") + "\t") == "\"a\\u0001\\t\"");
}

TEST_CASE("a robot's answer: HTTP 200 is not always a success") {
    CHECK(readReply(RobotKind::WeCom, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", "").delivered);
    auto v = readReply(RobotKind::WeCom, 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", "");
    CHECK_FALSE(v.delivered);
    CHECK(v.error == "errcode 93000: invalid webhook url");
    v = readReply(RobotKind::DingTalk, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", "");
    CHECK_FALSE(v.delivered);
    CHECK(v.error.find("310000") != std::string::npos);
    CHECK(readReply(RobotKind::DingTalk, 200, "{ \"errcode\" : 0 , \"errmsg\":\"ok\"}", "").delivered);
    CHECK(readReply(RobotKind::Feishu, 200, "{\"code\":0,\"data\":{},\"msg\":\"success\"}", "").delivered);
    CHECK(readReply(RobotKind::Feishu, 200, "{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}", "").delivered);
    v = readReply(RobotKind::Feishu, 200, "{\"code\":19021,\"data\":{},\"msg\":\"sign match fail\"}", "");
    CHECK_FALSE(v.delivered);
    CHECK(v.error == "code 19021: sign match fail");
    CHECK_FALSE(readReply(RobotKind::WeCom, 200, "<html>portal login</html>", "").delivered);  // a captive portal
    v = readReply(RobotKind::WeCom, 500, "oops", "");
    CHECK_FALSE(v.delivered);
    CHECK(v.error == "HTTP 500: oops");
    CHECK(readReply(RobotKind::Json, 204, "", "").delivered);
    v = readReply(RobotKind::Json, 0, "", "Connection refused");
    CHECK_FALSE(v.delivered);
    CHECK(v.error == "Connection refused");
}

TEST_CASE("retries back off exponentially up to a cap, and give up after N attempts or M minutes") {
    RetryRules r;
    r.firstS = 10;
    r.maxS = 60;
    r.giveUpAttempts = 5;
    r.giveUpMin = 30;
    CHECK(retryDelayMs(1, r) == 10'000);
    CHECK(retryDelayMs(2, r) == 20'000);
    CHECK(retryDelayMs(3, r) == 40'000);
    CHECK(retryDelayMs(4, r) == 60'000);
    CHECK(retryDelayMs(400, r) == 60'000);
    CHECK_FALSE(givenUp(4, 0, 29 * 60'000, r));
    CHECK(givenUp(5, 0, 60'000, r));
    CHECK(givenUp(1, 0, 30 * 60'000, r));
}

TEST_CASE("[notify NAME] is read with defaults, and every bad value is refused naming file, line and key") {
    auto t = parsed("[notify head]\nkind = wecom\nurl = https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K\n");
    CHECK(t.name == "head");
    CHECK(t.kind == RobotKind::WeCom);
    CHECK(t.wants("alarm"));
    CHECK(t.wants("escalation"));
    CHECK_FALSE(t.wants("warning"));
    CHECK_FALSE(t.wants("handover"));
    CHECK(t.retry.firstS == 10);
    t = parsed("[notify]\nkind = dingtalk\nurl = https://oapi.dingtalk.com/robot/send?access_token=T\nsecret = SECabc\n"
               "send = warning, alarm, escalation, handover\nretry_first_s = 2\nretry_max_s = 30\ngive_up_attempts = 4\n"
               "give_up_min = 15\ntimeout_s = 3\n");
    CHECK(t.name == "default");
    CHECK(t.secret == "SECabc");
    CHECK(t.wants("handover"));
    CHECK(t.retry.maxS == 30);
    CHECK(t.retry.giveUpAttempts == 4);
    CHECK(parsed("[notify lab]\nkind = json\nurl = http://127.0.0.1:8080/hook\n").url == "http://127.0.0.1:8080/hook");

    CHECK(refusal("[notify x]\nkind = slack\nurl = https://h/\n") ==
          "kiosk.ini:2: [notify x] kind = 'slack': expected wecom (企业微信), dingtalk (钉钉), feishu (飞书) or json");
    const std::string noUrl = refusal("[notify x]\nkind = wecom\n");
    CHECK(noUrl.find("kiosk.ini") != std::string::npos);
    CHECK(noUrl.find("url") != std::string::npos);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = ftp://h/\n").find("kiosk.ini:3: [notify x] url") == 0);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = http://robot.example.com/hook\n").find("https://") != std::string::npos);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = https://h/\nsecret = abc\n").find("kiosk.ini:4: [notify x] secret") == 0);
    CHECK(refusal("[notify x]\nkind = dingtalk\nurl = https://h/\nsecret = abc\n").find("SEC") != std::string::npos);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = https://h/\nsend = alarm, sms\n").find("kiosk.ini:4: [notify x] send") == 0);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = https://h/\nretry_first_s = 0\n").find("retry_first_s") != std::string::npos);
    CHECK(refusal("[notify x]\nkind = wecom\nurl = https://h/\nrety_max_s = 5\n").find("unknown key") != std::string::npos);
    CHECK(refusal("[notify a.b]\nkind = wecom\nurl = https://h/\n").find("a robot's name") != std::string::npos);
}

TEST_CASE("a situation raised, worsened and escalated is told in Chinese then English with branch, what, where, how long, what to do") {
    Bulletin b("朝阳支行", 10);
    alerts::BoardChanges raised;
    auto a = waitsAlert();
    a.severity = forecast::Severity::Warning;
    raised.raised.push_back(a);
    auto notes = b.fromBoard(raised, 1'000'000 + 60'000);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "warning");
    CHECK(notes[0].subject == "waits|category:A");
    CHECK(notes[0].textZh == "【朝阳支行】预警 A类业务：A类业务 3 位客户等候已超时限（最长已等 34 分钟）。请开放更多窗口办理A类业务。");
    CHECK(notes[0].textEn == "[朝阳支行] Warning category A: 3 customers in A have waited past the limit (longest wait 34 min). "
                             "To do: Open another window for A.");
    CHECK(notes[0].text() == notes[0].textZh + "\n" + notes[0].textEn);

    alerts::BoardChanges worse;
    worse.updates.push_back({"waits|category:A", 7, 2'000'000, "alarm", "members=9 past_limit=4 longest_wait_min=41",
                             "A类业务 9 位客户等候已超时限。请开放更多窗口", "9 customers in A past the limit. Open another window", {}, {}});
    worse.steps.push_back({"waits|category:A", 7, "worsened", 2'000'000, "", "warning -> alarm", "", ""});
    notes = b.fromBoard(worse, 2'000'000);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "alarm");
    CHECK(notes[0].textZh.find("升级为警报") != std::string::npos);
    CHECK(notes[0].textZh.find("最长已等 41 分钟") != std::string::npos);
    CHECK(notes[0].textEn.find("Worse, now ALARM") != std::string::npos);

    alerts::BoardChanges escalated;
    escalated.steps.push_back({"waits|category:A", 7, "escalated", 2'600'000, "", "not acknowledged within 10 min", "", ""});
    notes = b.fromBoard(escalated, 2'600'000);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "escalation");
    CHECK(notes[0].textZh.find("10 分钟无人确认，已上报网点负责人") != std::string::npos);
    CHECK(notes[0].textEn.find("not acknowledged within 10 min, escalated to the branch head") != std::string::npos);

    // Steps nobody is told about: acknowledged, resolved, cleared; an update that does not worsen.
    alerts::BoardChanges quiet;
    quiet.steps.push_back({"waits|category:A", 7, "acknowledged", 2'700'000, "王经理", "", "acknowledge", ""});
    quiet.steps.push_back({"waits|category:A", 7, "cleared", 2'800'000, "", "", "", ""});
    CHECK(b.fromBoard(quiet, 2'800'000).empty());
}

TEST_CASE("an alarm the kiosk raised itself is told, and its escalation names it") {
    Bulletin b("", 5);
    auto notes = b.fromIncident("link_down", "alarm", "port:counter", "串口 counter 断开", "Port counter is down", 1'000'000);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "alarm");
    CHECK(notes[0].textZh == "【大堂监控】警报 串口 counter：串口 counter 断开（已持续 0 分钟）。");
    alerts::BoardChanges escalated;
    escalated.steps.push_back({"link_down|port:counter", 3, "escalated", 1'000'000 + 5 * 60'000, "", "", "", ""});
    notes = b.fromBoard(escalated, 1'000'000 + 5 * 60'000);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].textEn == "[LobbyWatch] ALARM not acknowledged within 5 min, escalated to the branch head: port counter: "
                             "Port counter is down (for 5 min).");
}

TEST_CASE("a complaint handed over or escalated is told by its number only") {
    Bulletin b("朝阳支行", 10);
    Bulletin::ComplaintChange c;
    c.id = 12;
    c.action = "hand_over";
    c.handoverFrom = "王芳";
    c.pendingOwner = "李强";
    c.replyDueDay = "2026-12-04";
    auto notes = b.fromComplaint(c);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "handover");
    CHECK(notes[0].subject == "complaint:12");
    CHECK(notes[0].textZh == "【朝阳支行】投诉 12 号由 王芳 移交给 李强，待接收。答复期限 2026-12-04。请在大堂机投诉页接收或退回。");
    c = {};
    c.id = 12;
    c.action = "reply";  // the customer was not satisfied: reopened one level up
    c.levelBefore = 1;
    c.levelAfter = 2;
    c.escalatedTo = "head";
    notes = b.fromComplaint(c);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].what == "escalation");
    CHECK(notes[0].textZh == "【朝阳支行】投诉 12 号已升级（第 2 级）至网点负责人。请在大堂机投诉页查看并跟进。");
    CHECK(notes[0].textEn.find("escalated (level 2) to the branch head") != std::string::npos);
    c.levelBefore = 2;  // a step that changes neither
    CHECK(b.fromComplaint(c).empty());
}

TEST_CASE("[notify NAME] alarm_after_min, url_file and secret_file: parsed and checked; the files' text checked as "
          "the keys would be, without quoting it") {
    CHECK(parsed("[notify a]\nkind = wecom\nurl = https://h/\n").alarmAfterMin == 15);
    CHECK(parsed("[notify a]\nkind = wecom\nurl = https://h/\nalarm_after_min = 5\n").alarmAfterMin == 5);
    CHECK_THAT(refusal("[notify a]\nkind = wecom\nurl = https://h/\nalarm_after_min = 0\n"), Catch::StartsWith("kiosk.ini:4: [notify a] alarm_after_min = '0': expected a whole number from 1 to 1440"));
    Target t = parsed("[notify a]\nkind = feishu\nurl_file = /etc/lobbywatch/a.url\nsecret_file = /etc/lobbywatch/a.key\n");
    CHECK(t.urlFile == "/etc/lobbywatch/a.url");
    CHECK(t.secretFile == "/etc/lobbywatch/a.key");
    CHECK(t.url.empty());  // read with the config file (kiosk::loadKioskConfig)
    takeUrl(t, "https://open.feishu.cn/open-apis/bot/v2/hook/H", "k.ini: [notify a] url_file: a.url");
    takeSecret(t, "s3cret", "k.ini: [notify a] secret_file: a.key");
    CHECK(t.url == "https://open.feishu.cn/open-apis/bot/v2/hook/H");
    CHECK(t.secret == "s3cret");
    CHECK_THROWS_WITH(takeUrl(t, "ftp://h/KEY", "w"), "w: expected the robot's webhook address, https://... (e.g. "
                                                      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...) on its first line");
    Target d = parsed("[notify d]\nkind = dingtalk\nurl = https://oapi.dingtalk.com/robot/send?access_token=T\n"
                      "secret_file = /k\n");
    CHECK_THROWS_WITH(takeSecret(d, "nosec", "w"), "w: expected DingTalk's 加签 secret as the robot's page shows it, "
                                                   "starting with SEC on its first line");
    CHECK_THAT(refusal("[notify a]\nkind = wecom\nurl = https://h/\nurl_file = /u\n"), Catch::StartsWith("kiosk.ini:4: [notify a] url_file = '/u': expected either url or url_file"));
    CHECK_THAT(refusal("[notify a]\nkind = json\nurl = https://h/\nsecret_file = /s\n"), Catch::StartsWith("kiosk.ini:4: [notify a] secret_file = '/s': expected no secret for kind json"));
    CHECK(refusal("[notify a]\nkind = feishu\nurl = https://h/\nsecret = x\nsecret_file = /s\n")
              .find("expected either secret or secret_file") != std::string::npos);
}
