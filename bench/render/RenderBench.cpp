// The manager's screen under load: 40 windows and 300 waiting tickets, rendered offscreen with the software
// renderer (as on a kiosk PC without a GPU). Prints the time of a frame after a status update (bindings, layout,
// scene graph, paint) and the kiosk's own once-a-second work (forecast, alert rules, publishing), which runs on
// the same thread and so delays any frame due meanwhile.
#include "Kiosk.h"
#include "KioskConfig.h"
#include "LocalTime.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <vector>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

using namespace lw;

namespace {

lobby::TimeMs at(int minutesAfterNine) {
    return *lobby::parseLocalTime("2026-03-02T09:00:00", 480) + minutesAfterNine * 60'000LL;
}

kiosk::KioskConfig bigBranch(const QString& db) {
    kiosk::KioskConfig c;
    c.database = db.toStdString();
    c.lobby.categories = kiosk::defaultCategories();
    for (int w = 1; w <= 40; ++w) {
        lobby::WindowConfig wc;
        wc.number = w;
        wc.serves = w % 10 == 0 ? std::vector<std::string>{"V", "A"} : w % 4 == 0 ? std::vector<std::string>{"B"}
                                                                                : std::vector<std::string>{"A", "B"};
        c.lobby.windows.push_back(wc);
    }
    return c;
}

// 40 windows open, 36 of them serving; 300 tickets waiting, issued over the last 90 minutes.
void fillLog(const kiosk::KioskConfig& c) {
    auto s = store::EventStore::open(QString::fromStdString(c.database), c.lobby).store;
    store::Batch b;
    int seq = 0;
    auto add = [&](lobby::TimeMs t, lobby::EventKind k, const std::string& ticket, int window) {
        lobby::LobbyEvent e;
        e.time = t;
        e.kind = k;
        e.ticket = ticket;
        e.window = window;
        if (k == lobby::EventKind::Issued) e.category = ticket.substr(0, 1);
        e.source = {"bench", window == 0 ? 1 : 10 + window, ++seq};
        b.events.push_back(e);
    };
    for (int w = 1; w <= 40; ++w) add(at(0), lobby::EventKind::WindowOpen, "", w);
    char label[8];
    for (int i = 0; i < 336; ++i) {
        const char cat = i % 7 == 3 ? 'B' : i % 29 == 5 ? 'V' : 'A';
        std::snprintf(label, sizeof label, "%c%03d", cat, i + 1);
        add(at(i * 90 / 336), lobby::EventKind::Issued, label, 0);
    }
    // The first 36 tickets are being served.
    for (int i = 0, w = 1; i < 336 && w <= 36; ++i) {
        const char cat = i % 7 == 3 ? 'B' : i % 29 == 5 ? 'V' : 'A';
        std::snprintf(label, sizeof label, "%c%03d", cat, i + 1);
        add(at(90), lobby::EventKind::Called, label, w);
        add(at(90) + 30'000, lobby::EventKind::Started, label, w);
        ++w;
    }
    std::sort(b.events.begin(), b.events.end(), [](const auto& x, const auto& y) { return x.time < y.time; });
    if (auto e = s->append(b)) std::fprintf(stderr, "cannot fill the log: %s\n", e->c_str());
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    QGuiApplication app(argc, argv);
    QTemporaryDir dir;
    const kiosk::KioskConfig config = bigBranch(dir.path() + "/bench.db");
    fillLog(config);
    auto opened = store::EventStore::open(QString::fromStdString(config.database), config.lobby);
    kiosk::Clock clock(at(95), 0.0);  // frozen at 10:35
    app::KioskOptions options;
    options.announce = false;
    app::Kiosk kiosk(config, std::move(opened.store), clock, options);
    kiosk.start();

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    kiosk.language()->setSwitcher([&engine](const QString& code) { return app::switchLanguage(&engine, code); });
    kiosk.language()->set(QStringLiteral("zh_CN"));
    engine.setInitialProperties({{"status", QVariant::fromValue(kiosk.status())},
                                 {"desk", QVariant::fromValue(kiosk.desk())},
                                 {"language", QVariant::fromValue(kiosk.language())}});
    engine.load(QUrl(QStringLiteral("qrc:/LobbyWatch/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    window->show();

    // Let the kiosk forecast and raise its alerts for a few seconds.
    QElapsedTimer warm;
    warm.start();
    while (warm.elapsed() < 3000) app.processEvents(QEventLoop::AllEvents, 20);

    const int waitingNow = kiosk.status()->figures().waiting;
    const auto alertsNow = kiosk.status()->figures().alerts.size();
    QElapsedTimer frame;
    int frames = 0;
    QObject::connect(window, &QQuickWindow::afterRendering, window, [&frames]() { ++frames; }, Qt::DirectConnection);
    std::vector<double> updateToFrame, grab;
    const int rounds = 120;
    for (int r = 0; r < rounds; ++r) {
        // A second's update as the kiosk makes it: every tile's service minutes move, waits grow.
        ui::LobbyStatus::Figures f = kiosk.status()->figures();
        for (QVariant& v : f.windows) {
            QVariantMap m = v.toMap();
            m["serviceMin"] = m["serviceMin"].toInt() + 1 + r % 3;
            m["servedToday"] = m["servedToday"].toInt() + r;
            v = m;
        }
        for (QVariant& v : f.categories) {
            QVariantMap m = v.toMap();
            m["longestWaitMin"] = m["longestWaitMin"].toInt() + r % 5;
            v = m;
        }
        f.waiting = waitingNow + r % 7;
        const int before = frames;
        frame.start();
        kiosk.status()->update(f);
        window->requestUpdate();
        while (frames == before && frame.elapsed() < 2000) app.processEvents(QEventLoop::AllEvents, 1);
        updateToFrame.push_back(static_cast<double>(frame.nsecsElapsed()) / 1e6);
        // A full grab: polish, sync, render into an image (an upper bound on a frame, with the read-back).
        QElapsedTimer g;
        g.start();
        (void)window->grabWindow();
        grab.push_back(static_cast<double>(g.nsecsElapsed()) / 1e6);
    }
    // The kiosk's own refreshes during the run (about one a second).
    QElapsedTimer more;
    more.start();
    while (more.elapsed() < 3000) app.processEvents(QEventLoop::AllEvents, 20);
    std::vector<double> refresh(kiosk.refreshTimesMs().begin(), kiosk.refreshTimesMs().end());
    std::printf("windows: %lld\n", static_cast<long long>(kiosk.status()->figures().windows.size()));
    std::printf("waiting: %d\n", waitingNow);
    std::printf("alerts: %lld\n", static_cast<long long>(alertsNow));
    std::printf("frames: %d\n", rounds);
    std::printf("update_to_frame_median_ms: %.2f\n", percentile(updateToFrame, 0.5));
    std::printf("update_to_frame_p95_ms: %.2f\n", percentile(updateToFrame, 0.95));
    std::printf("grab_median_ms: %.2f\n", percentile(grab, 0.5));
    std::printf("grab_p95_ms: %.2f\n", percentile(grab, 0.95));
    std::printf("kiosk_refreshes: %zu\n", refresh.size());
    std::printf("kiosk_refresh_median_ms: %.1f\n", percentile(refresh, 0.5));
    std::printf("kiosk_refresh_max_ms: %.1f\n", percentile(refresh, 1.0));
    return 0;
}
