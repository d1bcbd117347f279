// What both Qt Quick tests give their QML: the real kiosk's status, desk and language as the screens see them, the
// language switch wired to the engine, and where to save pictures.
#pragma once

#include "app/Kiosk.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QString>

namespace lw::test {

inline void exposeKiosk(QQmlEngine* engine, app::Kiosk& kiosk) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->rootContext()->setContextProperty(QStringLiteral("kioskStatus"), kiosk.status());
    engine->rootContext()->setContextProperty(QStringLiteral("kioskDesk"), kiosk.desk());
    kiosk.language()->setSwitcher([engine](const QString& code) { return app::switchLanguage(engine, code); });
    kiosk.language()->set(QStringLiteral("zh_CN"));
    engine->rootContext()->setContextProperty(QStringLiteral("kioskLanguage"), kiosk.language());
    engine->rootContext()->setContextProperty(QStringLiteral("testTmp"), QString::fromUtf8(qgetenv("LW_TEST_TMP")));
}

}  // namespace lw::test
