// Shared bits of the store tests: a Qt application object and a fresh temporary path per test.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QString>

#include <cstdlib>
#include <string>

namespace lw::test {

inline void ensureApp() {
    static int argc = 1;
    static char name[] = "store_test";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
}

// A path under the test's own temporary directory (LW_TEST_TMP), removed first.
inline QString freshPath(const std::string& name) {
    ensureApp();
    const char* tmp = std::getenv("LW_TEST_TMP");
    QString dir = QString::fromUtf8(tmp ? tmp : "/tmp") + "/" + QString::fromStdString(name);
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir + "/events.db";
}

}  // namespace lw::test
