// Qt Quick Test of the screens' fit: every page of the manager's screen and the public board, at every kiosk size and
// in both languages, over a busy payday lobby (BusyLobby.h) on the real kiosk; the clock stands still at 10:30.
#include "BusyLobby.h"
#include "QmlKiosk.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        path_ = lw::test::prepareBusyLog("qml_fit");
        clock_ = std::make_unique<lw::kiosk::Clock>(lw::test::localTime("2026-03-02T10:30:00"), 0.0);
        kiosk_ = lw::test::startDeskKiosk(path_, *clock_);
        lw::test::exposeKiosk(engine, *kiosk_);
        engine->rootContext()->setContextProperty(QStringLiteral("fitShots"), qEnvironmentVariableIsSet("LW_FIT_SHOTS"));
    }
    void cleanupTestCase() { kiosk_.reset(); }

private:
    QString path_;
    std::unique_ptr<lw::kiosk::Clock> clock_;
    std::unique_ptr<lw::app::Kiosk> kiosk_;
};

QUICK_TEST_MAIN_WITH_SETUP(lobbywatch_fit, Setup)

#include "FitTestMain.moc"
