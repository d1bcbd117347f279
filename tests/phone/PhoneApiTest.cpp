// The phone page's API on the real kiosk over a real event log: sign-in with the kiosk's PINs, wrong PINs counted
// with the kiosk's own keypad (one lockout for both), acknowledge and resolve recorded "via phone", what is refused
// (no session, a changed or closed alert, another origin, another host, an oversized or malformed body, anything
// outside the page and the API).
#include "PhoneFixture.h"

#include "config/Ini.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonArray>

using namespace lw;
using namespace lw::test;

namespace {

QJsonObject cardOf(const Http& state, const QString& key) {
    for (const auto& v : state.json()["cards"].toArray())
        if (v.toObject()["key"].toString() == key) return v.toObject();
    return {};
}

}  // namespace

TEST_CASE("phone page: wrong PINs on the phone and at the kiosk add up to one lockout; the right PIN then waits") {
    PhoneKiosk desk(prepareDeskLog("phone_lockout"));
    auto& k = desk.kiosk;
    const quint16 port = desk.port;

    Http s = get(port, "/api/state");
    REQUIRE(s.status == 200);
    CHECK_FALSE(s.json()["signedIn"].toBool());
    CHECK(s.json()["staff"].toArray().size() == 2);
    CHECK_FALSE(s.json().contains("cards"));  // nothing of the lobby before a sign-in

    Http w = post(port, "/api/signin", {{"name", "王芳"}, {"pin", "7391"}});
    CHECK(w.status == 401);
    CHECK(w.json()["triesLeft"].toInt() == 4);
    CHECK(w.header("Set-Cookie").isEmpty());
    CHECK(post(port, "/api/signin", {{"name", "nobody"}, {"pin", "2580"}}).json()["triesLeft"].toInt() == 3);
    // Two wrong at the kiosk's keypad count as well ...
    CHECK_FALSE(k->desk()->signIn("王芳", "0000"));
    CHECK_FALSE(k->desk()->signIn("王芳", "1111"));
    CHECK_FALSE(k->desk()->keypadLocked());
    // ... so the fifth, on the phone, locks both.
    Http locked = post(port, "/api/signin", {{"name", "王芳"}, {"pin", "2222"}});
    CHECK(locked.status == 423);
    CHECK(locked.json()["en"].toString().contains("locked"));
    CHECK(k->desk()->keypadLocked());
    CHECK(post(port, "/api/signin", {{"name", "王芳"}, {"pin", "2580"}}).status == 423);  // right, but locked
    CHECK_FALSE(k->desk()->signIn("王芳", "2580"));
    CHECK(get(port, "/api/state").json()["lockedForMin"].toInt() >= 1);
    // A phone that goes on trying is slowed down on its own as well (10 tries a minute).
    int tooMany = 0;
    for (int i = 0; i < 8; ++i) tooMany += post(port, "/api/signin", {{"name", "王芳"}, {"pin", "2580"}}).status == 429;
    CHECK(tooMany == 2);  // 4 tries before, 6 more allowed, 2 held off
    k.reset();

    auto actions = logRows(desk.path, "SELECT who, action, detail FROM actions ORDER BY id");
    REQUIRE(actions.size() == 5);
    CHECK(actions[0] == std::vector<std::string>{"王芳", "sign_in_failed", "4 tries left, via phone 127.0.0.1"});
    CHECK(actions[1][0] == "nobody");
    CHECK(actions[2][2] == "2 tries left");  // at the kiosk
    CHECK(actions[4][1] == "keypad_locked");
    CHECK(actions[4][2].find("via phone 127.0.0.1") != std::string::npos);
    auto incident = logRows(desk.path, "SELECT message_en FROM incidents WHERE kind = 'keypad_locked'");
    REQUIRE(incident.size() == 1);
    CHECK(incident[0][0].find("phone page") != std::string::npos);
    QFile f(desk.path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK_FALSE(f.readAll().contains("2222"));  // no PIN in the log
}

TEST_CASE("phone page: a signed-in head acknowledges and resolves the long wait; the log says who and via phone") {
    PhoneKiosk desk(prepareDeskLog("phone_resolve"));
    auto& k = desk.kiosk;
    const quint16 port = desk.port;
    const QString key = waitForLongWait(*k);
    REQUIRE_FALSE(key.isEmpty());

    CHECK(post(port, "/api/acknowledge", {{"key", key}, {"version", "x"}}).status == 401);  // no session

    Http in = post(port, "/api/signin", {{"name", "Zhao Lei"}, {"pin", "7391"}});
    REQUIRE(in.status == 200);
    const QByteArray setCookie = in.header("Set-Cookie");
    CHECK(setCookie.contains("HttpOnly"));
    CHECK(setCookie.contains("SameSite=Strict"));
    CHECK(setCookie.contains("Max-Age="));
    const QByteArray cookie = cookieOf(in);
    CHECK(cookie.size() == 11 + 64);
    CHECK_FALSE(k->desk()->signedIn());  // the kiosk's screen stays as it was

    // The kiosk's time (the branch's, by the kiosk's clock) says when the cards were read, not the phone's clock.
    const auto kioskTime = [&] { return QString::fromStdString(lobby::formatLocalTime(desk.clock.now(), 480).substr(11)); };
    const QString before = kioskTime();
    Http s = get(port, "/api/state", cookie);
    const QString after = kioskTime();
    INFO("kiosk " << before.toStdString() << ".." << after.toStdString() << ", page " << s.json()["kioskTime"].toString().toStdString());
    CHECK(before.startsWith("10:3"));
    CHECK(s.json()["kioskTime"].toString() >= before);
    CHECK(s.json()["kioskTime"].toString() <= after);
    CHECK(s.json()["who"].toString() == "Zhao Lei");
    CHECK(s.json()["mayAcknowledge"].toBool());
    REQUIRE_FALSE(s.json()["presets"].toArray().isEmpty());  // the kiosk's resolve notes, to tap
    CHECK(s.json()["presets"][0]["zh"] == "已向客户致歉并说明等候原因");
    QJsonObject card = cardOf(s, key);
    REQUIRE_FALSE(card.isEmpty());
    CHECK(card["actionable"].toBool());
    CHECK_FALSE(card["messageEn"].toString().isEmpty());
    CHECK_FALSE(card["messageZh"].toString().isEmpty());

    // A card that changed since the page showed it is not acted on.
    CHECK(post(port, "/api/acknowledge", {{"key", key}, {"version", "0000"}}, cookie).json()["error"] == "changed");
    // Neither is a request from another page (no Origin, another Origin, a form's content type).
    const QByteArray ack = QJsonDocument(QJsonObject{{"key", key}, {"version", card["version"]}}).toJson(QJsonDocument::Compact);
    CHECK(http(port, "POST", "/api/acknowledge", ack, {{"Content-Type", "application/json"}, {"Cookie", cookie}}).status == 403);
    CHECK(http(port, "POST", "/api/acknowledge", ack,
               {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}, {"Cookie", cookie}}).status == 403);
    CHECK(http(port, "POST", "/api/acknowledge", ack,
               {{"Content-Type", "text/plain"}, {"Origin", pageOrigin(port)}, {"Cookie", cookie}})
              .status == 403);
    CHECK(cardOf(get(port, "/api/state", cookie), key)["acknowledgedBy"].toString().isEmpty());

    REQUIRE(post(port, "/api/acknowledge", {{"key", key}, {"version", card["version"]}}, cookie).status == 200);
    card = cardOf(get(port, "/api/state", cookie), key);
    CHECK(card["acknowledgedBy"].toString() == "Zhao Lei");
    bool onKiosk = false;
    for (const QVariant& v : k->status()->alerts())
        if (v.toMap()["key"] == key) onKiosk = v.toMap()["acknowledgedBy"] == "Zhao Lei";
    CHECK(onKiosk);  // the kiosk's panel says so too
    // Acknowledged already: nothing more to acknowledge.
    CHECK(post(port, "/api/acknowledge", {{"key", key}, {"version", card["version"]}}, cookie).status == 409);

    CHECK(post(port, "/api/resolve", {{"key", key}, {"version", card["version"]}, {"note", "  "}}, cookie).json()["error"] == "note");
    REQUIRE(post(port, "/api/resolve", {{"key", key}, {"version", card["version"]}, {"note", "opened window 3 <b>now</b>"}}, cookie)
                .status == 200);
    CHECK(cardOf(get(port, "/api/state", cookie), key).isEmpty());  // off the panel
    CHECK(post(port, "/api/resolve", {{"key", key}, {"version", card["version"]}, {"note", "again"}}, cookie).json()["error"] ==
          "closed");

    REQUIRE(post(port, "/api/signout", {}, cookie).status == 200);
    CHECK_FALSE(get(port, "/api/state", cookie).json()["signedIn"].toBool());
    CHECK(post(port, "/api/acknowledge", {{"key", key}, {"version", "x"}}, cookie).status == 401);
    k.reset();

    auto steps = logRows(desk.path, "SELECT s.state, s.by_whom, s.note FROM incident_steps s JOIN incidents i ON i.id = s.incident"
                               " WHERE i.kind = 'waits' ORDER BY s.id");
    REQUIRE(steps.size() == 3);
    CHECK(steps[1] == std::vector<std::string>{"acknowledged", "Zhao Lei", "via phone 127.0.0.1"});
    CHECK(steps[2] == std::vector<std::string>{"resolved", "Zhao Lei", "opened window 3 <b>now</b>"});
    auto actions = logRows(desk.path, "SELECT who, action, detail FROM actions ORDER BY id");
    REQUIRE(actions.size() == 4);
    CHECK(actions[0] == std::vector<std::string>{"Zhao Lei", "sign_in", "head via phone 127.0.0.1"});
    CHECK(actions[1][1] == "acknowledge");
    CHECK(actions[1][2].find("(via phone 127.0.0.1)") != std::string::npos);
    CHECK(actions[2] == std::vector<std::string>{"Zhao Lei", "resolve", "opened window 3 <b>now</b> (via phone 127.0.0.1)"});
    CHECK(actions[3] == std::vector<std::string>{"Zhao Lei", "sign_out", "via phone 127.0.0.1"});
}

TEST_CASE("phone page: only the page and its API; another host, an oversized or malformed body are refused") {
    PhoneKiosk desk(prepareDeskLog("phone_refusals"));
    const quint16 port = desk.port;

    Http page = get(port, "/");
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type").startsWith("text/html"));
    CHECK(page.header("Content-Security-Policy").contains("default-src 'none'"));
    CHECK(page.header("X-Frame-Options") == "DENY");
    CHECK(page.body.contains("/app.js"));
    CHECK_FALSE(page.body.contains("http://"));  // nothing from elsewhere
    CHECK_FALSE(page.body.contains("https://"));
    CHECK(get(port, "/app.js").header("Content-Type").startsWith("text/javascript"));
    CHECK(get(port, "/app.css").status == 200);
    for (const char* p : {"/etc/passwd", "/../CMakeLists.txt", "/phone/index.html", "/api", "/api/state/x", "/favicon.ico"})
        CHECK(get(port, p).status == 404);
    CHECK(get(port, "/api/signin").status == 405);
    CHECK(http(port, "POST", "/", "{}", {{"Content-Type", "application/json"}}).status == 405);
    // A name that points at the kiosk from elsewhere (DNS rebinding) is not this page.
    CHECK(http(port, "GET", "/api/state", {}, {{"Host", "evil.example:" + QByteArray::number(port)}}).status == 421);
    CHECK(http(port, "GET", "/api/state", {}, {{"Host", "127.0.0.1:1"}}).status == 421);

    // Too large: refused from the headers, the body never read into the server.
    const QList<QPair<QByteArray, QByteArray>> fromPage{{"Content-Type", "application/json"}, {"Origin", pageOrigin(port)}};
    const QByteArray big(static_cast<int>(phone::PhoneServer::kMaxBodyBytes) + 1, 'x');
    CHECK(http(port, "POST", "/api/signin", big, fromPage).status == 413);
    CHECK(http(port, "POST", "/api/signin", QByteArray(200'000, 'x'), fromPage).status == 413);
    CHECK(http(port, "POST", "/api/signin", "{\"name\":", fromPage).status == 400);
    CHECK(post(port, "/api/signin", {{"name", "王芳"}, {"pin", QString(40, '1')}}).status == 400);
    // The server goes on answering.
    CHECK(get(port, "/api/state").status == 200);
    // Nothing recorded for requests that never reached a PIN check.
    desk.kiosk.reset();
    CHECK(logRows(desk.path, "SELECT 1 FROM actions").empty());
}

TEST_CASE("phone page: [phone] in the kiosk's config file; a bad key is named with its line") {
    kiosk::KioskConfig c = kiosk::parseKioskConfig("[phone]\naddress = 192.168.1.20\nport = 8088\n", "kiosk.ini");
    CHECK(c.phone.enabled());
    CHECK(c.phone.port == 8088);
    CHECK_FALSE(kiosk::parseKioskConfig("[kiosk]\n", "kiosk.ini").phone.enabled());
    try {
        kiosk::parseKioskConfig("[kiosk]\n\n[phone]\naddress = 0.0.0.0\n", "kiosk.ini");
        FAIL("0.0.0.0 accepted");
    } catch (const lw::config::ConfigError& e) {
        CHECK(std::string(e.what()).find("kiosk.ini:4") != std::string::npos);
        CHECK(std::string(e.what()).find("address") != std::string::npos);
    }
}

TEST_CASE("phone page: an address that is not the kiosk's is said on the panel's incidents; the kiosk runs on") {
    QString path = prepareDeskLog("phone_down");
    kiosk::Clock clock(localTime("2026-03-02T10:30:00"), 1.0);
    auto k = startKioskWithPhone(path, clock, "192.0.2.7");  // TEST-NET-1: no machine's address
    REQUIRE(k->phonePage());
    CHECK(k->phonePage()->port() == 0);
    CHECK(k->phonePage()->why().contains("192.0.2.7"));
    CHECK_FALSE(waitForLongWait(*k).isEmpty());  // the kiosk goes on
    k.reset();
    auto down = logRows(path, "SELECT severity, message_en FROM incidents WHERE kind = 'phone_page_down'");
    REQUIRE(down.size() == 1);
    CHECK(down[0][0] == "warning");
    CHECK(down[0][1].find("192.0.2.7") != std::string::npos);
}
