// Running the kiosk: the screens (or --headless), the clock, the log opened, the screenshots, until stopped.
#include "app/cli/KioskCommand.h"

#include "app/cli/CommandSupport.h"
#include "app/Kiosk.h"
#include "lobby/LocalTime.h"
#include "app/ScreenPlan.h"
#include "app/ServiceNotify.h"
#include "backup/LogBackup.h"

#include "config/Ini.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <optional>
#include <cstdio>

namespace lw::app {

using namespace command;

namespace {

// SIGINT/SIGTERM: a flag the event loop polls, so the kiosk stops through its normal path (the pending batch is
// committed or, unacknowledged, left for the devices to resend) instead of dying mid-write.
volatile std::sig_atomic_t stopRequested = 0;
extern "C" void requestStop(int) { stopRequested = 1; }

// The moment of the log's latest business day with the most people waiting (the later one on a tie: more alerts
// have had time to rise). nullopt when the log has no events.
std::optional<lobby::TimeMs> busiestMoment(const QString& db, const lobby::LobbyConfig& config, int& waiting,
                                           std::string& error) {
    auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
    if (!opened.store) {
        error = opened.error;
        if (!QFile::exists(db)) error = "the log " + db.toStdString() + " has no events to show (there is no such file)";
        return std::nullopt;
    }
    std::string day = opened.store->lastBusinessDay();
    if (day.empty()) {
        error = "the log " + db.toStdString() + " has no events to show (import or replay a day first; ./run screenshots does)";
        return std::nullopt;
    }
    lobby::Lobby lobby(config);
    std::optional<lobby::TimeMs> best;
    waiting = -1;
    for (const auto& e : opened.store->eventsOfDay(day)) {
        lobby.apply(e);
        int w = lobby.totals().waiting;
        if (w >= waiting) {
            waiting = w;
            best = e.time;
        }
    }
    return best;
}

// --screenshot DIR: every screen in both languages, one after another, then exit.
struct ShotPlan {
    QString dir;
    QQuickWindow* manager = nullptr;
    QQuickWindow* board = nullptr;
    ui::Language* language = nullptr;
    QStringList saved;
    QString suffix;  // "-WxH" with --size
    int step = 0;
};

void shootNext(std::shared_ptr<ShotPlan> plan, int& exitCode) {
    static const char* const kLanguages[] = {"zh_CN", "en"};
    static const char* const kPages[] = {"", "devices", "incidents", "keypad"};
    constexpr int kPerLanguage = 5;  // four manager pages and the board
    if (plan->step >= 2 * kPerLanguage) {
        for (const QString& f : plan->saved) std::printf("%s\n", f.toUtf8().constData());
        QCoreApplication::quit();
        return;
    }
    const int lang = plan->step / kPerLanguage, shot = plan->step % kPerLanguage;
    const QString code = QString::fromLatin1(kLanguages[lang]);
    if (shot == 0) plan->language->set(code);
    QQuickWindow* window = shot < 4 ? plan->manager : plan->board;
    const QString page = shot < 4 ? QString::fromLatin1(kPages[shot]) : QString();
    if (shot < 4) {
        bool shown = false;
        QMetaObject::invokeMethod(plan->manager, "showPage", Q_RETURN_ARG(bool, shown), Q_ARG(QString, page));
        if (!shown) exitCode = fail(1, "the manager's screen has no page '" + page.toStdString() + "'");
    }
    // A moment for bindings and layout to settle before the grab.
    QTimer::singleShot(400, QCoreApplication::instance(), [plan, window, page, shot, code, &exitCode]() {
        QString name = shot == 4 ? QStringLiteral("public") : QStringLiteral("manager");
        if (!page.isEmpty()) name += "-" + page;
        QString file = plan->dir + "/" + name + "-" + code + plan->suffix + ".png";
        if (!window->grabWindow().save(file)) exitCode = fail(1, "cannot save " + file.toStdString());
        else plan->saved << file;
        ++plan->step;
        shootNext(plan, exitCode);
    });
}

// --size WxH: both windows at that size (the screenshots of a 1366x768 or an upright 1080x1920 screen).
bool parseSize(const QString& text, QSize& size) {
    const QStringList parts = text.split('x');
    bool okW = false, okH = false;
    if (parts.size() == 2) size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    return okW && okH && size.width() >= 320 && size.height() >= 320 && size.width() <= 7680 && size.height() <= 7680;
}

bool makeClockBase(const QCommandLineParser& cli, const lobby::LobbyConfig& lobbyConfig, lobby::TimeMs& base,
                   double& speed, int& exitCode) {
    base = QDateTime::currentMSecsSinceEpoch();
    speed = 1.0;
    if (cli.isSet("speed")) {
        bool ok = false;
        speed = cli.value("speed").toDouble(&ok);
        if (!ok || speed <= 0 || speed > 100000) {
            exitCode = fail(kExitUsage, "--speed: expected a factor above 0 (60 = a minute per second)");
            return false;
        }
    }
    if (cli.isSet("clock-origin")) {
        // WALL_MS,SIM_MS: the clock read SIM_MS at wall time WALL_MS and runs at --speed since (a restart
        // continues the simulated day where it was, to the millisecond).
        const QStringList parts = cli.value("clock-origin").split(',');
        bool okWall = false, okSim = false;
        qint64 wall = parts.size() == 2 ? parts[0].toLongLong(&okWall) : 0;
        qint64 sim = parts.size() == 2 ? parts[1].toLongLong(&okSim) : 0;
        if (!okWall || !okSim) {
            exitCode = fail(kExitUsage, "--clock-origin: expected WALL_MS,SIM_MS (milliseconds since 1970)");
            return false;
        }
        base = sim + static_cast<lobby::TimeMs>(static_cast<double>(QDateTime::currentMSecsSinceEpoch() - wall) * speed);
        return true;
    }
    if (cli.isSet("start")) {
        auto minutes = config::parseTimeOfDay(cli.value("start").toStdString());
        if (!minutes || *minutes >= 24 * 60) {
            exitCode = fail(kExitUsage, "--start: expected HH:MM from 00:00 to 23:59");
            return false;
        }
        std::string today = lobby::formatLocalTime(base, lobbyConfig.utcOffsetMinutes).substr(0, 10);
        char text[32];
        std::snprintf(text, sizeof text, "%sT%02d:%02d:00", today.c_str(), *minutes / 60, *minutes % 60);
        base = *lobby::parseLocalTime(text, lobbyConfig.utcOffsetMinutes);
    }
    return true;
}

}  // namespace

int runKiosk(QCoreApplication& application, const QCommandLineParser& cli, const kiosk::KioskConfig& givenConfig, bool headless) {
    kiosk::KioskConfig config = givenConfig;
    std::optional<QTemporaryDir> shotLog;  // --screenshot DIR: the log's copy, for as long as the kiosk runs
    int exitCode = 0;
    lobby::TimeMs base = 0;
    double speed = 1.0;
    if (!makeClockBase(cli, config.lobby, base, speed, exitCode)) return exitCode;
    app::KioskOptions options;
    const bool screenshotDir = cli.isSet("screenshot") && !cli.value("screenshot").endsWith(".png");
    if (screenshotDir) {
        // The log's busiest moment, frozen: the clock stands still there and the lobby is rebuilt up to it.
        int waiting = 0;
        std::string error;
        auto moment = busiestMoment(QString::fromStdString(config.database), config.lobby, waiting, error);
        if (!moment) return fail(1, error);
        base = *moment + 1000;
        speed = 0.0;
        options.rebuildUntilNow = true;
        std::fprintf(stderr, "lobbywatch: screenshots at %s, the busiest moment of the log's last day (%d waiting)\n",
                     lobby::formatLocalTime(base, config.lobby.utcOffsetMinutes).c_str(), waiting);
        if (!QDir().mkpath(cli.value("screenshot"))) return fail(1, "cannot create " + cli.value("screenshot").toStdString());
        // The screenshots show the log; they do not add to it. The kiosk runs on a checked copy in a temporary
        // directory (the incidents it raises at the frozen moment, hours after they mattered, go there), and tells no
        // chat robot, serves no phone page and ships nothing to the central database.
        shotLog.emplace();
        if (!shotLog->isValid()) return fail(1, "cannot make a temporary directory for a copy of the log");
        const backup::BackupResult copy = backup::takeBackup(
            config.database, shotLog->path().toStdString(), QDateTime::currentDateTimeUtc().toString("yyyyMMdd-HHmmss").toStdString());
        if (!copy.error.empty()) return fail(1, "cannot copy the log " + config.database + " for the screenshots: " + copy.error);
        config.database = copy.file;
        config.notify = {};
        config.phone = {};
        config.central = {};
    }
    options.headless = headless;
    if (cli.isSet("quit-after-sim-min")) options.quitAfterSimMin = cli.value("quit-after-sim-min").toInt();
    if (cli.isSet("status-every-sim-s")) options.statusEverySimS = std::max(1, cli.value("status-every-sim-s").toInt());
    if (config.ports.empty())
        std::fprintf(stderr, "lobbywatch: no serial ports configured (give --port DEVICE or [port NAME] in --config); "
                             "showing the log only\n");

    // The kiosk starts on a light check and verifies the whole file on another thread (see Kiosk::start).
    // A damaged log is never overwritten: it is moved aside, a new one started, and an incident raised.
    QString dbPath = QString::fromStdString(config.database);
    QString mark = QString::fromStdString(store::EventStore::damageMarkFor(dbPath.toStdString()));
    bool suspect = QFile::exists(mark);
    auto opened = store::EventStore::open(dbPath, config.lobby,
                                          suspect ? store::EventStore::Check::Full : store::EventStore::Check::Deferred,
                                          store::EventStore::Access::Ingest);
    if (suspect && (opened.store || opened.damaged)) QFile::remove(mark);
    if (!opened.store && opened.damaged) {
        std::string why = opened.error, error;
        QString aside = store::moveAside(dbPath, error);
        if (aside.isEmpty()) return fail(1, why + "; " + error);
        options.logMovedAsideTo = aside.toStdString();
        std::fprintf(stderr, "lobbywatch: %s; moved it aside to %s and started a new log\n", why.c_str(),
                     options.logMovedAsideTo.c_str());
        opened = store::EventStore::open(dbPath, config.lobby, store::EventStore::Check::Deferred, store::EventStore::Access::Ingest);
    }
    if (!opened.store) return fail(1, opened.error);
    kiosk::Clock clock(base, speed);
    // The live kiosk follows the wall clock (NTP stepping it after boot); a simulated or frozen one does not.
    if (!cli.isSet("speed") && !cli.isSet("start") && !cli.isSet("clock-origin") && !screenshotDir) clock.followWallClock();
    app::Kiosk kiosk(config, std::move(opened.store), clock, options);
    QObject::connect(&kiosk, &app::Kiosk::finished, &application, &QCoreApplication::quit);
    kiosk.start();
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &application, []() {
        if (stopRequested) {
            std::fprintf(stderr, "lobbywatch: stopping\n");
            QCoreApplication::quit();
        }
    });
    stopPoll.start(100);

    std::unique_ptr<QQmlApplicationEngine> engine;
    if (!headless) {
        QString screen = screenshotDir ? QStringLiteral("both") : cli.isSet("screen") ? cli.value("screen") : QStringLiteral("manager");
        if (screen != "manager" && screen != "public" && screen != "both") return fail(kExitUsage, "--screen: expected manager, public or both");
        engine = std::make_unique<QQmlApplicationEngine>();
        // Qt 6.4 puts a module's files under qrc:/<URI>/ (the /qt/qml prefix came with Qt 6.5), so the module's
        // qmldir is found through the qrc root.
        engine->addImportPath(QStringLiteral("qrc:/"));
        QStringList pages;
        if (screen != "public") pages << QStringLiteral("qrc:/LobbyWatch/Main.qml");
        if (screen != "manager") pages << QStringLiteral("qrc:/LobbyWatch/PublicBoard.qml");
        QQmlEngine* e = engine.get();
        kiosk.language()->setSwitcher([e](const QString& code) { return app::switchLanguage(e, code); });
        const QString lang = cli.isSet("lang") ? cli.value("lang") : QStringLiteral("zh_CN");
        if (!kiosk.language()->set(lang)) return fail(kExitUsage, "--lang: expected zh_CN or en");
        for (const QString& page : pages) {
            // The public board gets the figures only: it has no controls.
            const QVariant status = QVariant::fromValue(kiosk.status()), language = QVariant::fromValue(kiosk.language());
            if (page.endsWith("Main.qml"))
                engine->setInitialProperties({{"status", status}, {"desk", QVariant::fromValue(kiosk.desk())}, {"language", language}});
            else engine->setInitialProperties({{"status", status}, {"language", language}});
            engine->load(QUrl(page));
        }
        if (engine->rootObjects().size() != pages.size()) return fail(1, "a screen failed to load (see the QML errors above)");
        QList<QQuickWindow*> windows;
        for (QObject* o : engine->rootObjects()) windows << qobject_cast<QQuickWindow*>(o);
        QSize size;
        if (cli.isSet("size")) {
            if (!cli.isSet("screenshot")) return fail(kExitUsage, "--size goes with --screenshot (a kiosk's screens take the display's size)");
            if (!parseSize(cli.value("size"), size)) return fail(kExitUsage, "--size: expected WxH, each 320 to 7680 (1920x1080)");
            for (QQuickWindow* w : windows)
                if (w) w->resize(size);
        }
        if (screenshotDir) {
            auto plan = std::make_shared<ShotPlan>();
            plan->dir = cli.value("screenshot");
            plan->manager = windows.value(0);
            plan->board = windows.value(1);
            plan->language = kiosk.language();
            if (size.isValid()) plan->suffix = QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
            if (!plan->manager || !plan->board) return fail(1, "a screen failed to load");
            // Two real seconds: the forecast runs and the alerts rise (the clock stands still meanwhile).
            QTimer::singleShot(2500, &application, [plan, &exitCode]() { shootNext(plan, exitCode); });
        } else if (cli.isSet("screenshot")) {
            QString out = cli.value("screenshot");
            int delayMs = cli.isSet("screenshot-after-s") ? static_cast<int>(cli.value("screenshot-after-s").toDouble() * 1000) : 1500;
            QTimer::singleShot(std::max(200, delayMs), &application, [windows, out, pages, &exitCode]() {
                for (int i = 0; i < windows.size(); ++i) {
                    // The first screen to FILE.png, a second one (the public board with --screen both) to FILE-public.png.
                    QString file = out;
                    if (i > 0) file = (out.endsWith(".png") ? out.chopped(4) : out) + "-public.png";
                    if (!windows[i] || !windows[i]->grabWindow().save(file)) exitCode = fail(1, "cannot save " + file.toStdString());
                }
                QCoreApplication::quit();
            });
        } else {
            // Full screen; with two screens attached, the public board goes to the second one (app::planScreens).
            const auto screens = QGuiApplication::screens();
            std::vector<std::string> names;
            for (const QString& page : pages) names.push_back(page.endsWith("Main.qml") ? "manager" : "public");
            const app::ScreenPlan plan = app::planScreens(names, static_cast<int>(screens.size()));
            if (!plan.note.empty()) std::fprintf(stderr, "lobbywatch: %s\n", plan.note.c_str());
            for (int i = 0; i < windows.size(); ++i) {
                if (!windows[i]) continue;
                if (plan.displayOf[static_cast<std::size_t>(i)] < 0) {
                    windows[i]->hide();
                    continue;
                }
                windows[i]->setScreen(screens[plan.displayOf[static_cast<std::size_t>(i)]]);
                windows[i]->showFullScreen();
            }
        }
    }
    auto notify = app::notifyWhenRunning(application, [&kiosk]() { return kiosk.statusLine().toStdString(); });
    int rc = application.exec();
    return exitCode != 0 ? exitCode : rc;
}

}  // namespace lw::app
