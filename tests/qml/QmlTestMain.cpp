// Qt Quick Test for the screens, driven by the real kiosk over a real event log (DeskFixture): the QML sees
// `kioskStatus` and `kioskDesk`, exactly what the kiosk gives the screens; and `incidentFeed`, an incident log the
// test fills and changes through the kiosk's own LobbyStatus::setIncidents.
#include "DeskFixture.h"
#include "QmlKiosk.h"

#include "ui/LobbyStatus.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <vector>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

// Today's incidents as the kiosk hands them to the screen (newest first), with the changes a day brings: a step on
// one of them, a new one on top.
class IncidentFeed : public QObject {
    Q_OBJECT
    Q_PROPERTY(lw::ui::LobbyStatus* status READ status CONSTANT)

public:
    lw::ui::LobbyStatus* status() { return &status_; }
    // `n` incidents, ids 1..n (newest first); every third a device offline, the rest long waits.
    Q_INVOKABLE void fill(int n) {
        rows_.clear();
        for (int id = n; id >= 1; --id) rows_.push_back(make(id, id % 3 == 0));
        status_.setIncidents(rows_);
    }
    // The incident `id` acknowledged (its row changes, nothing moves).
    Q_INVOKABLE void step(int id, const QString& state) {
        for (auto& r : rows_)
            if (r.id == id) {
                r.state = state;
                r.stateText = QStringLiteral("10:%1 王芳").arg(id % 60, 2, 10, QLatin1Char('0'));
            }
        status_.setIncidents(rows_);
    }
    // A new incident on top: a device offline or a long wait.
    Q_INVOKABLE void add(bool offline) {
        rows_.insert(rows_.begin(), make(static_cast<int>(rows_.front().id) + 1, offline));
        status_.setIncidents(rows_);
    }

private:
    static lw::ui::IncidentRow make(int id, bool offline) {
        lw::ui::IncidentRow r;
        r.id = id;
        r.timeText = QStringLiteral("%1:%2").arg(9 + id / 60).arg(id % 60, 2, 10, QLatin1Char('0'));
        r.kind = offline ? QStringLiteral("device_offline") : QStringLiteral("long_wait");
        r.severity = offline ? QStringLiteral("warning") : QStringLiteral("alarm");
        r.subject = offline ? QStringLiteral("device:%1").arg(id) : QStringLiteral("ticket:A%1").arg(id, 3, 10, QLatin1Char('0'));
        r.messageZh = offline ? QStringLiteral("取号机 %1 离线（事件 #%1）").arg(id) : QStringLiteral("A%1 号等候过长（事件 #%2）").arg(id, 3, 10, QLatin1Char('0')).arg(id);
        r.messageEn = offline ? QStringLiteral("Dispenser %1 offline (incident #%1)").arg(id)
                              : QStringLiteral("A%1 waited too long (incident #%2)").arg(id, 3, 10, QLatin1Char('0')).arg(id);
        r.state = QStringLiteral("raised");
        return r;
    }
    lw::ui::LobbyStatus status_;
    std::vector<lw::ui::IncidentRow> rows_;
};

class Setup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        path_ = lw::test::prepareDeskLog("qml");
        clock_ = std::make_unique<lw::kiosk::Clock>(lw::test::localTime("2026-03-02T10:30:00"), 1.0);
        kiosk_ = lw::test::startDeskKiosk(path_, *clock_);
        lw::test::exposeKiosk(engine, *kiosk_);
        engine->rootContext()->setContextProperty(QStringLiteral("incidentFeed"), &feed_);
    }
    void cleanupTestCase() { kiosk_.reset(); }

private:
    QString path_;
    std::unique_ptr<lw::kiosk::Clock> clock_;
    std::unique_ptr<lw::app::Kiosk> kiosk_;
    IncidentFeed feed_;
};

QUICK_TEST_MAIN_WITH_SETUP(lobbywatch_screens, Setup)

#include "QmlTestMain.moc"
