// The manager's desk on the real kiosk object over a real event log: a lobby with a customer waiting 40 minutes
// raises a long-wait alert; nobody may acknowledge it without signing in; five wrong PINs lock the keypad (and
// the right PIN then does not open it); a signed-in manager acknowledges and resolves it with a note; every step
// is in the log with who did it.
#include "Kiosk.h"
#include "KioskConfig.h"
#include "LocalTime.h"
#include "PinHash.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

using namespace lw;

namespace {

lobby::TimeMs at(const char* local) { return *lobby::parseLocalTime(local, 480); }

kiosk::KioskConfig branch(const QString& db) {
    kiosk::KioskConfig c;
    c.database = db.toStdString();
    c.lobby.categories = kiosk::defaultCategories();
    return c;
}

// The log with one staff member per role and a ticket issued at 09:50 that nobody called.
QString prepareLog(const std::string& name) {
    QString path = test::freshPath(name);
    auto s = store::EventStore::open(path, branch(path).lobby).store;
    REQUIRE(s);
    for (auto [who, role, pin] : {std::tuple{"王芳", "manager", "2580"}, std::tuple{"Zhao Lei", "head", "7391"}}) {
        kiosk::PinHash h = kiosk::hashPin(pin, 2000);  // a low count keeps the test quick; the format is the same
        REQUIRE_FALSE(s->putStaff({who, role, h.algorithm, h.iterations, h.salt, h.hash, at("2026-03-02T08:00:00")}));
    }
    lobby::LobbyEvent e;
    e.time = at("2026-03-02T09:50:00");
    e.kind = lobby::EventKind::Issued;
    e.ticket = "A001";
    e.category = "A";
    e.source = {"counter", 1, 1};
    store::Batch b;
    b.events.push_back(e);
    REQUIRE_FALSE(s->append(b));
    return path;
}

std::unique_ptr<app::Kiosk> startKiosk(const QString& path, const kiosk::Clock& clock) {
    auto opened = store::EventStore::open(path, branch(path).lobby);
    REQUIRE(opened.store);
    app::KioskOptions o;
    o.headless = true;
    o.statusEverySimS = 3600;
    auto k = std::make_unique<app::Kiosk>(branch(path), std::move(opened.store), clock, o);
    k->start();
    return k;
}

// Runs the event loop until the long-wait alert for A001 is on the panel; its key.
QString waitForAlert(app::Kiosk& k) {
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        for (const QVariant& v : k.status()->alerts()) {
            QVariantMap m = v.toMap();
            if (m["key"].toString().contains("long_wait") && m["key"].toString().contains("A001")) return m["key"].toString();
        }
        QThread::msleep(20);
    }
    return {};
}

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
    QString path = prepareLog("desk_lockout");
    kiosk::Clock clock(at("2026-03-02T10:30:00"), 1.0);
    auto k = startKiosk(path, clock);
    QString key = waitForAlert(*k);
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
    QString path = prepareLog("desk_resolve");
    kiosk::Clock clock(at("2026-03-02T10:30:00"), 1.0);
    auto k = startKiosk(path, clock);
    QString key = waitForAlert(*k);
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
                            " WHERE i.kind = 'long_wait' ORDER BY s.id");
    REQUIRE(steps.size() == 3);
    CHECK(steps[0][0] == "raised");
    CHECK(steps[1] == std::vector<std::string>{"acknowledged", "王芳", ""});
    CHECK(steps[2] == std::vector<std::string>{"resolved", "王芳", "已向客户致歉并说明等候原因"});
    auto state = rows(path, "SELECT state FROM incidents WHERE kind = 'long_wait'");
    REQUIRE(state.size() == 1);
    CHECK(state[0][0] == "resolved");
    auto actions = rows(path, "SELECT who, action, detail FROM actions ORDER BY id");
    REQUIRE(actions.size() == 4);
    CHECK(actions[0][1] == "sign_in");
    CHECK(actions[1][1] == "acknowledge");
    CHECK(actions[2] == std::vector<std::string>{"王芳", "resolve", "已向客户致歉并说明等候原因"});
    CHECK(actions[3][1] == "sign_out");
}
