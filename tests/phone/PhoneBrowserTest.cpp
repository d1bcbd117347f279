// The phone page in headless Chromium, driven over the DevTools protocol: a manager signs in with her PIN, sees
// the long wait, acknowledges it (the kiosk's panel says so too), resolves it with a preset note; then five wrong
// PINs show the lockout. A staff
// name that looks like HTML is shown as text. Skipped, saying so, only where Chromium is not installed.
// LW_PHONE_SCREENSHOT=FILE.png saves the signed-in page at a phone's size (390x844).
#include "PhoneFixture.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QWebSocket>

#include <unistd.h>

using namespace lw;
using namespace lw::test;

namespace {

// One page of Chromium over its DevTools socket: commands sent in turn, each answer waited for.
class DevTools {
public:
    bool open(const QString& wsUrl) {
        QObject::connect(&ws_, &QWebSocket::textMessageReceived, [this](const QString& m) {
            const QJsonObject o = QJsonDocument::fromJson(m.toUtf8()).object();
            if (o.contains("id")) answers_[o["id"].toInt()] = o;
        });
        ws_.open(QUrl(wsUrl));
        QDeadlineTimer deadline(10'000);
        while (!deadline.hasExpired() && ws_.state() != QAbstractSocket::ConnectedState)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return ws_.state() == QAbstractSocket::ConnectedState;
    }
    QJsonObject command(const QString& method, const QJsonObject& params = {}) {
        const int id = ++next_;
        ws_.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{"id", id}, {"method", method}, {"params", params}})
                                                  .toJson(QJsonDocument::Compact)));
        QDeadlineTimer deadline(10'000);
        while (!deadline.hasExpired() && !answers_.count(id)) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            QThread::msleep(1);
        }
        QJsonObject a = answers_[id];
        answers_.erase(id);
        return a;
    }
    // A script's value (awaited when it is a promise).
    QJsonValue eval(const QString& expression) {
        const QJsonObject a = command("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
        return a["result"].toObject()["result"].toObject()["value"];
    }
    // Waits up to `ms` for the expression to be true.
    bool waitFor(const QString& expression, int ms = 8000) {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (eval(expression).toBool()) return true;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(50);
        }
        return false;
    }

private:
    QWebSocket ws_;
    int next_ = 0;
    std::map<int, QJsonObject> answers_;
};

QString js(const QString& text) {  // a JS string literal
    return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

}  // namespace

TEST_CASE("phone page in Chromium: sign in, see the situation, acknowledge it; five wrong PINs show the lockout") {
    const QString chromium = QStandardPaths::findExecutable("chromium");
    if (chromium.isEmpty()) {
        WARN("SKIPPED: chromium is not installed (apt-get install chromium); the phone page was not tried in a browser");
        return;
    }
    QString path = prepareDeskLog("phone_browser");
    {
        auto s = store::EventStore::open(path, deskBranch(path).lobby).store;
        REQUIRE(s);
        kiosk::PinHash h = kiosk::hashPin("4826", 2000);
        REQUIRE_FALSE(s->putStaff({"<img src=x onerror=alert(1)>", "manager", h.algorithm, h.iterations, h.salt, h.hash,
                                   localTime("2026-03-02T08:00:00")}));
    }
    PhoneKiosk desk(path);
    auto& k = desk.kiosk;
    const quint16 port = desk.port;
    const QString key = waitForLongWait(*k);
    REQUIRE_FALSE(key.isEmpty());

    const QString profile = QString::fromLocal8Bit(qgetenv("LW_TEST_TMP")) + "/chromium-profile";
    QDir(profile).removeRecursively();
    QDir().mkpath(profile);
    QStringList args{"--headless=new", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run",
                     "--no-default-browser-check", "--disable-gpu", "--disable-extensions", "--window-size=390,844",
                     "--lang=en-US", "about:blank"};
    if (::geteuid() == 0) args.prepend("--no-sandbox");  // Chromium refuses to run as root with its sandbox
    QProcess browser;
    browser.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    browser.setStandardOutputFile(QProcess::nullDevice());
    browser.start(chromium, args);
    REQUIRE(browser.waitForStarted(10'000));
    struct Stop {
        QProcess& p;
        ~Stop() {
            p.terminate();
            if (!p.waitForFinished(3000)) p.kill();
            p.waitForFinished(3000);
        }
    } stop{browser};

    // The DevTools port, from the file Chromium writes.
    QByteArray active;
    QDeadlineTimer deadline(15'000);
    while (!deadline.hasExpired()) {
        QFile f(profile + "/DevToolsActivePort");
        if (f.open(QIODevice::ReadOnly)) active = f.readAll();
        if (active.contains('\n')) break;
        QThread::msleep(50);
    }
    const quint16 devPort = static_cast<quint16>(active.split('\n').first().toUInt());
    REQUIRE(devPort != 0);
    QString wsUrl;
    for (int i = 0; i < 100 && wsUrl.isEmpty(); ++i) {
        const Http list = http(devPort, "GET", "/json/list", {}, {{"Host", "127.0.0.1:" + QByteArray::number(devPort)}});
        for (const auto& v : QJsonDocument::fromJson(list.body).array())
            if (v.toObject()["type"] == "page") wsUrl = v.toObject()["webSocketDebuggerUrl"].toString();
        if (wsUrl.isEmpty()) QThread::msleep(50);
    }
    REQUIRE_FALSE(wsUrl.isEmpty());
    DevTools page;
    REQUIRE(page.open(wsUrl));
    page.command("Emulation.setDeviceMetricsOverride",
                 {{"width", 390}, {"height", 844}, {"deviceScaleFactor", 2}, {"mobile", true}});
    page.command("Page.navigate", {{"url", QStringLiteral("http://127.0.0.1:%1/").arg(port)}});

    // The names to sign in as, one of them HTML in looks only.
    REQUIRE(page.waitFor("document.querySelectorAll('#names button').length === 3"));
    CHECK(page.eval("[...document.querySelectorAll('#names button')].some(b => b.textContent === '<img src=x onerror=alert(1)>')").toBool());
    CHECK(page.eval("document.querySelectorAll('img').length").toInt() == 0);
    CHECK(page.eval("document.getElementById('cards').children.length").toInt() == 0);

    // Sign in: tap the name, type the PIN, tap Sign in.
    page.eval("[...document.querySelectorAll('#names button')].find(b => b.textContent === '王芳').click()");
    page.eval("document.getElementById('pin').value = '2580'; document.getElementById('go').click(); true");
    const QString card = "[...document.querySelectorAll('.card')].find(c => c.dataset.key === " + js(key) + ")";
    REQUIRE(page.waitFor("!document.getElementById('situations').hidden && !!" + card));
    CHECK(page.eval("document.getElementById('who').textContent").toString() == "王芳");
    CHECK_FALSE(page.eval(card + ".querySelector('.text').textContent").toString().isEmpty());
    CHECK(page.eval("document.getElementById('pin').value").toString().isEmpty());  // the PIN does not stay
    // "Updated" is the kiosk's time (10:30 of a past day here) as of the last poll (every 3 s; 10 s allowed for a busy machine), not the phone's clock.
    const auto kioskTime = [&](lobby::TimeMs ago) {
        return QString::fromStdString(lobby::formatLocalTime(desk.clock.now() - ago, 480).substr(11));
    };
    const QString updated = page.eval("document.getElementById('updated').textContent").toString();
    INFO("page: " << updated.toStdString() << "; kiosk: " << kioskTime(0).toStdString());
    CHECK(updated.startsWith("Updated "));
    CHECK(updated.mid(8) >= kioskTime(10000));
    CHECK(updated.mid(8) <= kioskTime(0));

    if (const QByteArray shot = qgetenv("LW_PHONE_SCREENSHOT"); !shot.isEmpty()) {
        const QJsonObject png = page.command("Page.captureScreenshot", {{"format", "png"}});
        QFile out(QString::fromLocal8Bit(shot));
        if (out.open(QIODevice::WriteOnly))
            out.write(QByteArray::fromBase64(png["result"].toObject()["data"].toString().toLatin1()));
    }

    // Acknowledge it: the page and the kiosk's panel both say who.
    page.eval(card + ".querySelector('button[data-act=acknowledge]').click()");
    REQUIRE(page.waitFor("!!" + card + " && !!" + card + ".querySelector('.acked') && " + card +
                         ".querySelector('.acked').textContent.includes('王芳')"));
    CHECK(page.eval("!" + card + ".querySelector('button[data-act=acknowledge]')").toBool());
    bool onKiosk = false;
    for (const QVariant& v : k->status()->alerts())
        if (v.toMap()["key"] == key) onKiosk = v.toMap()["acknowledgedBy"] == "王芳";
    CHECK(onKiosk);

    // Resolve: tap Resolve, tap a preset note, tap Record: the card leaves the page.
    page.eval(card + ".querySelector('button[data-act=resolve]').click()");
    REQUIRE(page.waitFor("!!" + card + " && !!" + card + ".querySelector('button.preset')"));
    page.eval(card + ".querySelector('button.preset').click()");
    CHECK(page.eval("document.getElementById('note').value").toString() == "Apologised and explained the delay");
    page.eval(card + ".querySelector('button[data-act=confirm]').click()");
    REQUIRE(page.waitFor("!" + card));

    // Sign out, then five wrong PINs: the page says the keypad is locked, and so is the kiosk's.
    page.eval("document.getElementById('signout').click()");
    REQUIRE(page.waitFor("!document.getElementById('signin').hidden"));
    for (int i = 0; i < 5; ++i) {
        page.eval("[...document.querySelectorAll('#names button')].find(b => b.textContent === '王芳').click()");
        page.eval("document.getElementById('signin-message').textContent = ''; document.getElementById('pin').value = '0000';"
                  " document.getElementById('go').click(); true");
        REQUIRE(page.waitFor("document.getElementById('signin-message').textContent !== ''"));
    }
    CHECK(page.eval("document.getElementById('signin-message').textContent").toString().contains("locked"));
    CHECK(page.waitFor("document.getElementById('go').disabled"));
    CHECK(k->desk()->keypadLocked());
}
