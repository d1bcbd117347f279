// The phone page's server on its own, its kiosk played by hooks that count what they are asked: what every
// request must pass (host, origin, JSON, body size), the session cookie's life, and acknowledge/resolve refused
// for a card that changed or ended. (phone_api_test drives the same server inside the real kiosk.)
#include "PhoneHttp.h"

#include "phone/server/PhoneServer.h"

#include <catch2/catch.hpp>

#include <QJsonArray>

using namespace lw;
using namespace lw::test;
using lw::phone::ActAnswer;
using lw::phone::PhoneCard;
using lw::phone::PhoneServer;

namespace {

struct FakeKiosk {
    std::vector<std::string> calls;  // what the server asked for, in order
    std::vector<std::string> staff{"王芳", "<b>Li</b>"};
    int wrongInARow = 0;
    bool locked = false;
    phone::PhoneHooks hooks() {
        phone::PhoneHooks h;
        h.staff = [this]() { return staff; };
        h.signIn = [this](const std::string& name, const std::string& pin, const std::string& where) {
            calls.push_back("signIn " + name + " " + where);
            phone::SignInAnswer a;
            if (locked) {
                a.locked = true;
                return a;
            }
            a.right = name == "王芳" && pin == "2580";
            wrongInARow = a.right ? 0 : wrongInARow + 1;
            a.triesLeft = 5 - wrongInARow;
            if (wrongInARow >= 5) locked = a.locked = true;
            return a;
        };
        h.signedOut = [this](const std::string& who, const std::string& where) { calls.push_back("signedOut " + who + " " + where); };
        h.acknowledge = [this](const std::string& key, const std::string& who, const std::string& where) {
            calls.push_back("acknowledge " + key + " " + who + " " + where);
            return ActAnswer::Done;
        };
        h.resolve = [this](const std::string& key, const std::string& who, const std::string& note, const std::string& where) {
            calls.push_back("resolve " + key + " " + who + " " + note + " " + where);
            return ActAnswer::Done;
        };
        h.lockedForMin = [this]() { return locked ? 5 : 0; };
        h.language = []() { return QStringLiteral("zh_CN"); };
        return h;
    }
};

phone::PhoneConfig local() {
    phoneApp();
    phone::PhoneConfig c;
    c.address = "127.0.0.1";
    c.port = 0;
    return c;
}

PhoneCard card(const QString& key, const QString& severity = "warning", const QString& ackBy = "") {
    PhoneCard c;
    c.key = key;
    c.severity = severity;
    c.actionable = true;
    c.acknowledgedBy = ackBy;
    c.messageZh = "A 类 3 人等候超过上限";
    c.messageEn = "Category A: 3 waiting past the limit";
    return c;
}

QList<QPair<QByteArray, QByteArray>> fromPage(quint16 port, const QByteArray& cookie = {}) {
    QList<QPair<QByteArray, QByteArray>> h{{"Content-Type", "application/json"},
                                           {"Origin", "http://127.0.0.1:" + QByteArray::number(port)}};
    if (!cookie.isEmpty()) h.append({"Cookie", cookie});
    return h;
}

}  // namespace

TEST_CASE("phone server: listens only where configured; a taken port is said, not fatal") {
    FakeKiosk k;
    PhoneServer a(local(), k.hooks());
    REQUIRE(a.start());
    CHECK(a.port() != 0);
    CHECK(a.url() == QStringLiteral("http://127.0.0.1:%1/").arg(a.port()));
    phone::PhoneConfig same = local();
    same.port = a.port();
    PhoneServer b(same, k.hooks());
    CHECK_FALSE(b.start());
    CHECK(b.why().contains(QString::number(a.port())));
    phone::PhoneConfig elsewhere = local();
    elsewhere.address = "192.0.2.1";  // TEST-NET: not this machine's
    PhoneServer c(elsewhere, k.hooks());
    CHECK_FALSE(c.start());
}

TEST_CASE("phone server: the page and the API only; another host, origin, content type, size are refused") {
    FakeKiosk k;
    PhoneServer s(local(), k.hooks());
    REQUIRE(s.start());
    const quint16 port = s.port();
    Http page = get(port, "/");
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type").startsWith("text/html"));
    CHECK(page.header("Content-Security-Policy").contains("default-src 'none'"));
    CHECK(page.header("X-Content-Type-Options") == "nosniff");
    CHECK(page.body.contains("<script src=\"/app.js\""));
    CHECK_FALSE(page.body.contains("http://"));
    CHECK_FALSE(page.body.contains("https://"));
    CHECK_FALSE(get(port, "/app.js").body.contains("innerHTML"));
    CHECK(get(port, "/app.css").header("Content-Type").startsWith("text/css"));
    for (const char* p : {"/etc/passwd", "/../CMakeLists.txt", "/phone/index.html", "/api", "/api/state/x", "/favicon.ico", "/%2e%2e/x"})
        CHECK(get(port, p).status == 404);
    CHECK(get(port, "/api/signin").status == 405);
    CHECK(http(port, "DELETE", "/api/state").status == 405);
    CHECK(http(port, "GET", "/", {}, {{"Host", "evil.example:" + QByteArray::number(port)}}).status == 421);
    CHECK(http(port, "GET", "/", {}, {{"Host", "127.0.0.1:1"}}).status == 421);

    const QByteArray signIn = R"({"name":"王芳","pin":"2580"})";
    CHECK(http(port, "POST", "/api/signin", signIn, {{"Content-Type", "application/json"}}).status == 403);  // no Origin
    CHECK(http(port, "POST", "/api/signin", signIn, {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}}).status == 403);
    CHECK(http(port, "POST", "/api/signin", signIn,
               {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://127.0.0.1:" + QByteArray::number(port)}})
              .status == 403);
    CHECK(http(port, "POST", "/api/signin", "{\"name\":", fromPage(port)).status == 400);
    CHECK(http(port, "POST", "/api/signin", "[1,2]", fromPage(port)).status == 400);
    CHECK(http(port, "POST", "/api/signin", QByteArray(4097, ' '), fromPage(port)).status == 413);
    CHECK(http(port, "POST", "/api/signin", QByteArray(300'000, ' '), fromPage(port)).status == 413);
    CHECK(k.calls.empty());  // none of these reached the kiosk
    CHECK(http(port, "POST", "/api/signin", signIn, fromPage(port)).status == 200);  // and the server goes on
}

TEST_CASE("phone server: a session cookie for a right PIN only; signed out it is gone; the situations need it") {
    FakeKiosk k;
    PhoneServer s(local(), k.hooks());
    REQUIRE(s.start());
    s.setCards({card("waits|category:A")});
    const quint16 port = s.port();

    Http state = get(port, "/api/state");
    CHECK_FALSE(state.json()["signedIn"].toBool());
    CHECK(state.json()["staff"].toArray().size() == 2);
    CHECK_FALSE(state.json().contains("cards"));
    CHECK(state.json()["lang"] == "zh_CN");  // the kiosk's
    CHECK(http(port, "GET", "/api/state", {}, {{"Accept-Language", "en-GB,en;q=0.9,zh;q=0.5"}}).json()["lang"] == "en");
    CHECK(http(port, "GET", "/api/state", {}, {{"Accept-Language", "zh-TW,en;q=0.5"}}).json()["lang"] == "zh_CN");

    Http wrong = http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"1111"})", fromPage(port));
    CHECK(wrong.status == 401);
    CHECK(wrong.header("Set-Cookie").isEmpty());
    CHECK_FALSE(wrong.body.contains("1111"));
    Http in = http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"2580"})", fromPage(port));
    REQUIRE(in.status == 200);
    CHECK(in.header("Set-Cookie").contains("; HttpOnly; SameSite=Strict; Max-Age=36000"));
    const QByteArray cookie = cookieOf(in);
    CHECK(k.calls.back() == "signIn 王芳 phone 127.0.0.1");

    state = get(port, "/api/state", cookie);
    REQUIRE(state.json()["signedIn"].toBool());
    CHECK(state.json()["who"] == "王芳");
    REQUIRE(state.json()["cards"].toArray().size() == 1);
    CHECK(state.json()["cards"][0]["messageEn"] == "Category A: 3 waiting past the limit");
    // A made-up or altered token is nobody.
    QByteArray forged = cookie;
    forged[forged.size() - 1] = forged.back() == 'a' ? 'b' : 'a';
    CHECK_FALSE(get(port, "/api/state", forged).json()["signedIn"].toBool());
    CHECK_FALSE(get(port, "/api/state", "lw_session=abc").json()["signedIn"].toBool());

    Http out = http(port, "POST", "/api/signout", "{}", fromPage(port, cookie));
    CHECK(out.header("Set-Cookie").contains("Max-Age=0"));
    CHECK(k.calls.back() == "signedOut 王芳 phone 127.0.0.1");
    CHECK_FALSE(get(port, "/api/state", cookie).json()["signedIn"].toBool());
    CHECK(http(port, "POST", "/api/acknowledge", R"({"key":"waits|category:A"})", fromPage(port, cookie)).status == 401);
}

TEST_CASE("phone server: someone removed from the staff is signed out on the phone at the next request") {
    FakeKiosk k;
    PhoneServer s(local(), k.hooks());
    REQUIRE(s.start());
    const quint16 port = s.port();
    const QByteArray cookie = cookieOf(http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"2580"})", fromPage(port)));
    REQUIRE(get(port, "/api/state", cookie).json()["signedIn"].toBool());
    k.staff = {"<b>Li</b>"};
    CHECK_FALSE(get(port, "/api/state", cookie).json()["signedIn"].toBool());
    k.staff = {"王芳", "<b>Li</b>"};  // added again: a new sign-in is needed
    CHECK_FALSE(get(port, "/api/state", cookie).json()["signedIn"].toBool());
}

TEST_CASE("phone server: acknowledge and resolve only the card as the page saw it; resolve needs a note") {
    FakeKiosk k;
    PhoneServer s(local(), k.hooks());
    REQUIRE(s.start());
    const quint16 port = s.port();
    s.setCards({card("waits|category:A"), card("complaint|7")});
    const QByteArray cookie = cookieOf(http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"2580"})", fromPage(port)));
    REQUIRE_FALSE(cookie.isEmpty());
    const QString v = PhoneServer::versionOf(card("waits|category:A"));
    auto act = [&](const QByteArray& path, const QJsonObject& body) {
        return http(port, "POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), fromPage(port, cookie));
    };

    // It worsened (an alarm now) after the page showed it: look again first.
    s.setCards({card("waits|category:A", "alarm")});
    CHECK(act("/api/acknowledge", {{"key", "waits|category:A"}, {"version", v}}).json()["error"] == "changed");
    // Someone acknowledged it at the kiosk meanwhile.
    s.setCards({card("waits|category:A", "warning", "Zhao Lei")});
    CHECK(act("/api/acknowledge", {{"key", "waits|category:A"}, {"version", v}}).json()["error"] == "changed");
    // It ended.
    s.setCards({});
    CHECK(act("/api/acknowledge", {{"key", "waits|category:A"}, {"version", v}}).json()["error"] == "closed");
    PhoneCard info = card("clock|doubt");
    info.actionable = false;
    s.setCards({card("waits|category:A"), info});
    CHECK(act("/api/acknowledge", {{"key", "clock|doubt"}, {"version", PhoneServer::versionOf(info)}}).json()["error"] ==
          "not_actionable");
    CHECK(k.calls.size() == 1);  // only the sign-in reached the kiosk

    REQUIRE(act("/api/acknowledge", {{"key", "waits|category:A"}, {"version", v}}).status == 200);
    CHECK(k.calls.back() == "acknowledge waits|category:A 王芳 phone 127.0.0.1");
    CHECK(act("/api/resolve", {{"key", "waits|category:A"}, {"version", v}, {"note", "   "}}).json()["error"] == "note");
    REQUIRE(act("/api/resolve", {{"key", "waits|category:A"}, {"version", v}, {"note", QString(300, 'n')}}).status == 200);
    CHECK(k.calls.back() == "resolve waits|category:A 王芳 " + std::string(200, 'n') + " phone 127.0.0.1");  // 200 at most
}

TEST_CASE("phone server: the keypad's lock answers 423; an address trying too often is held off with 429") {
    FakeKiosk k;
    PhoneServer s(local(), k.hooks());
    REQUIRE(s.start());
    const quint16 port = s.port();
    std::vector<int> statuses;
    for (int i = 0; i < 12; ++i)
        statuses.push_back(http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"0000"})", fromPage(port)).status);
    CHECK(statuses == std::vector<int>{401, 401, 401, 401, 423, 423, 423, 423, 423, 423, 429, 429});
    Http held = http(port, "POST", "/api/signin", R"({"name":"王芳","pin":"0000"})", fromPage(port));
    CHECK(held.header("Retry-After").toInt() > 0);
    CHECK(get(port, "/api/state").json()["lockedForMin"].toInt() == 5);
}
