// Qt Quick Test of the screens' fit: every page of the manager's screen and the public board, at every kiosk size and
// in both languages, over a busy payday lobby (BusyLobby.h) on the real kiosk; the clock stands still at 10:30.
#include "BusyLobby.h"
#include "QmlKiosk.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        path_ = lw::test::prepareBusyLog("qml_fit");
        clock_ = std::make_unique<lw::kiosk::Clock>(lw::test::localTime("2026-03-02T10:30:00"), 0.0);
        kiosk_ = lw::test::startDeskKiosk(path_, *clock_);
        lw::test::exposeKiosk(engine, *kiosk_);
        offerRegion(kiosk_->desk());
        engine->rootContext()->setContextProperty(QStringLiteral("fitShots"), qEnvironmentVariableIsSet("LW_FIT_SHOTS"));
    }
    void cleanupTestCase() { kiosk_.reset(); }

private:
    // The Reports page's "beside the region's average" as a kiosk with [central] offers it; for the layout only, the
    // region's figures are a busy region's (as wide as they come), the branch's report the real one (the figures'
    // equality with the central database is central_region_test's).
    static void offerRegion(lw::ui::Desk* desk) {
        desk->setRegionReport([desk](const QString& range) {
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(desk, &lw::ui::Desk::reportReady, desk, [desk, connection, range](const QString& r, QVariantMap result) {
                if (r != range || result.contains("region")) return;
                QObject::disconnect(*connection);
                auto row = [](const char* key, double branch, double region) {
                    return QVariantMap{{"key", QString::fromLatin1(key)}, {"branch", branch}, {"region", region}};
                };
                result.insert("region", QVariantMap{{"ok", true}, {"region", QStringLiteral("华东沿海 East Coast")}, {"branches", 512},
                                                    {"rows", QVariantList{row("servedPerBranch", 12345, 10987.6), row("meanWaitMin", 123.4, 18.2),
                                                                          row("p90WaitMin", 188.8, 44.4), row("withinTarget", 100, 87.5),
                                                                          row("complaintsPer10000", 1234.5, 12.3)}}});
                desk->deliverReport(range, result);
            });
            desk->requestReport(range);
        });
    }
    QString path_;
    std::unique_ptr<lw::kiosk::Clock> clock_;
    std::unique_ptr<lw::app::Kiosk> kiosk_;
};

QUICK_TEST_MAIN_WITH_SETUP(lobbywatch_fit, Setup)

#include "FitTestMain.moc"
