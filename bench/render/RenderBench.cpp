// The manager's screen under load: 40 windows and 300 waiting tickets, rendered offscreen with the software
// renderer (as on a kiosk PC without a GPU). Prints the time of a frame after a status update (bindings, layout,
// scene graph, paint) and the kiosk's own once-a-second work (forecast, alert rules, publishing), which runs on
// the same thread and so delays any frame due meanwhile. Then the longest gap between frames while last month's
// report (28 days of about 4,000 events each in the log) is built: on the report thread as the screen asks for it, and, for
// comparison, on the screens' thread as it was built before; and while a flood's commits are written, on the screens'
// thread as before and on the log's writer thread as the kiosk writes them now.
#include "app/Kiosk.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"
#include "store/LogWriter.h"
#include "kiosk/PinHash.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <functional>
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
    // The month before: 1,000 customers a day served at the 40 windows (a report reads them all).
    store::Batch past;
    for (int day = 1; day <= 31; ++day) {
        const lobby::TimeMs open = at(0) - day * 86'400'000LL;
        for (int w = 1; w <= 40; ++w) {
            for (auto [k, t] : {std::pair{lobby::EventKind::WindowOpen, open - 60'000}, {lobby::EventKind::WindowClose, open + 9 * 3'600'000LL}}) {
                lobby::LobbyEvent e;
                e.time = t;
                e.kind = k;
                e.window = w;
                e.source = {"bench", 10 + w, ++seq};
                past.events.push_back(e);
            }
        }
        for (int i = 0; i < 1000; ++i) {
            const char cat = i % 7 == 3 ? 'B' : 'A';
            std::snprintf(label, sizeof label, "%c%03d", cat, i + 1);
            const lobby::TimeMs issued = open + i * 30'000LL;
            const int w = 1 + i % 40;
            for (auto [k, t] : {std::pair{lobby::EventKind::Issued, issued}, {lobby::EventKind::Called, issued + 600'000},
                                {lobby::EventKind::Started, issued + 630'000}, {lobby::EventKind::Finished, issued + 900'000}}) {
                lobby::LobbyEvent e;
                e.time = t;
                e.kind = k;
                e.ticket = label;
                e.window = k == lobby::EventKind::Issued ? 0 : w;
                if (k == lobby::EventKind::Issued) e.category = std::string(1, cat);
                e.source = {"bench", e.window == 0 ? 1 : 10 + w, ++seq};
                past.events.push_back(e);
            }
        }
    }
    std::sort(past.events.begin(), past.events.end(), [](const auto& x, const auto& y) { return x.time < y.time; });
    if (auto e = s->append(past)) std::fprintf(stderr, "cannot fill the log: %s\n", e->c_str());
    if (auto e = s->append(b)) std::fprintf(stderr, "cannot fill the log: %s\n", e->c_str());
}

// Draws frames back to back for `ms` (each frame asked for as soon as the last is done) while `during` runs once at
// the start; the longest gap between two frames, in ms.
double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

template <typename During>
double longestFrameGap(QGuiApplication& app, QQuickWindow* window, int ms, During during, std::vector<double>* gaps = nullptr,
                       const std::function<bool()>& busy = {}) {
    QElapsedTimer since;
    double longest = 0;
    bool first = true;
    auto c = QObject::connect(window, &QQuickWindow::afterRendering, window, [&]() {
        if (!first) {
            const double gap = static_cast<double>(since.nsecsElapsed()) / 1e6;
            longest = std::max(longest, gap);
            if (gaps && busy && busy()) gaps->push_back(gap);  // the frames that ended while the log was writing
        }
        first = false;
        since.start();
    }, Qt::DirectConnection);
    QElapsedTimer run;
    run.start();
    bool started = false;
    while (run.elapsed() < ms) {
        window->requestUpdate();  // a frame as soon as the loop can draw one
        app.processEvents(QEventLoop::AllEvents, 5);
        if (!started && run.elapsed() > 200) {
            started = true;
            during();
        }
    }
    QObject::disconnect(c);
    return longest;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    QGuiApplication app(argc, argv);
    QTemporaryDir dir;
    const kiosk::KioskConfig config = bigBranch(dir.path() + "/bench.db");
    fillLog(config);
    {
        // The branch head who asks for the report.
        auto s = store::EventStore::open(QString::fromStdString(config.database), config.lobby).store;
        kiosk::PinHash h = kiosk::hashPin("7391", 2000);
        s->putStaff({"bench head", "head", h.algorithm, h.iterations, h.salt, h.hash, at(0)});
    }
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
        for (auto& w : f.windows) {
            w.serviceMin += 1 + r % 3;
            w.servedToday += r;
        }
        for (auto& c : f.categories) c.longestWaitMin += r % 5;
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

    // Last month's report, asked for by the branch head on the screen.
    kiosk.desk()->signIn(QStringLiteral("bench head"), QStringLiteral("7391"));
    QVariantMap asyncResult;
    QElapsedTimer built;
    double asyncMs = 0;
    QObject::connect(kiosk.desk(), &ui::Desk::reportReady, [&](const QString&, const QVariantMap& r) {
        asyncResult = r;
        asyncMs = static_cast<double>(built.nsecsElapsed()) / 1e6;
    });
    const double idleGap = longestFrameGap(app, window, 1500, []() {});
    const double asyncGap = longestFrameGap(app, window, 4000, [&]() {
        built.start();
        kiosk.desk()->requestReport(QStringLiteral("last_month"));
    });
    double syncMs = 0;
    QVariantMap syncResult;
    const double syncGap = longestFrameGap(app, window, 4000, [&]() {
        QElapsedTimer t;
        t.start();
        syncResult = kiosk.desk()->report(QStringLiteral("last_month"));
        syncMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    });
    std::printf("report_signed_in: %s\n", kiosk.desk()->signedIn() ? "yes" : "no");
    std::printf("report_month_ok: %s\n", asyncResult.value("ok").toBool() && syncResult.value("ok").toBool() ? "yes" : "no");
    std::printf("frame_gap_idle_max_ms: %.1f\n", idleGap);
    std::printf("report_month_on_report_thread_ms: %.1f\n", asyncMs);
    std::printf("report_month_on_report_thread_frame_gap_max_ms: %.1f\n", asyncGap);
    std::printf("report_month_on_screens_thread_ms: %.1f\n", syncMs);
    std::printf("report_month_on_screens_thread_frame_gap_max_ms: %.1f\n", syncGap);

    // A flood's group commits: 2,000 events (the most a commit waits for) in one transaction with synchronous=FULL.
    // First on the screens' thread, as the kiosk wrote them before; then on a writer thread (store::LogWriter), as
    // Kiosk::commit() writes them now. Each run's own events (no two the same), so both write the same amount.
    auto floodBatch = [](int run, int batch) {
        store::Batch b;
        for (int i = 0; i < 2000; ++i) {
            lobby::LobbyEvent e;
            e.time = at(95) + run * 10'000 + batch * 2000 + i;
            e.kind = lobby::EventKind::DeviceStatus;
            e.detail = "OK";
            e.source = {"flood", 1, 1'000'000 + run * 10'000 + batch * 2000 + i};
            b.events.push_back(e);
        }
        return b;
    };
    auto openWriter = [&config]() {
        return store::EventStore::open(QString::fromStdString(config.database), config.lobby,
                                       store::EventStore::Check::Deferred, store::EventStore::Access::Write).store;
    };
    auto writer = openWriter();
    std::vector<double> commitMs, floodGaps, threadFloodGaps;
    bool committing = false;
    const double floodGap = longestFrameGap(app, window, 4000, [&]() {
        committing = true;
        for (int batch = 0; batch < 5; ++batch) {
            store::Batch b = floodBatch(0, batch);
            QElapsedTimer t;
            t.start();
            if (auto e = writer->append(b)) std::fprintf(stderr, "flood commit refused: %s\n", e->c_str());
            commitMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            window->requestUpdate();  // the frame due meanwhile, drawn between two commits
            app.processEvents(QEventLoop::AllEvents, 20);
        }
        committing = false;
    }, &floodGaps, [&committing]() { return committing; });
    writer.reset();
    std::vector<double> threadCommitMs;  // filled on the writer thread, read once it has stopped
    auto logWriter = std::make_unique<store::LogWriter>(openWriter());
    const double threadFloodGap = longestFrameGap(app, window, 4000, [&]() {
        for (int batch = 0; batch < 5; ++batch) {
            logWriter->post([b = floodBatch(1, batch), &threadCommitMs](store::EventStore& s) {
                QElapsedTimer t;
                t.start();
                if (auto e = s.append(b)) std::fprintf(stderr, "flood commit refused: %s\n", e->c_str());
                threadCommitMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            });
        }
    }, &threadFloodGaps, [&logWriter]() { return logWriter->backlog() > 0; });
    logWriter.reset();
    std::printf("flood_commit_2000_events_median_ms: %.1f\n", percentile(commitMs, 0.5));
    std::printf("flood_commit_on_screens_thread_frame_gap_max_ms: %.1f\n", floodGap);
    std::printf("flood_commit_on_screens_thread_frames_while_writing: %zu\n", floodGaps.size());
    std::printf("flood_commit_on_screens_thread_frame_gap_median_ms: %.1f\n", percentile(floodGaps, 0.5));
    std::printf("flood_commit_on_writer_thread_2000_events_median_ms: %.1f\n", percentile(threadCommitMs, 0.5));
    std::printf("flood_commit_on_writer_thread_frame_gap_max_ms: %.1f\n", threadFloodGap);
    std::printf("flood_commit_on_writer_thread_frames_while_writing: %zu\n", threadFloodGaps.size());
    std::printf("flood_commit_on_writer_thread_frame_gap_median_ms: %.1f\n", percentile(threadFloodGaps, 0.5));
    std::printf("frame_gap_idle_again_max_ms: %.1f\n", longestFrameGap(app, window, 1500, []() {}));
    return 0;
}
