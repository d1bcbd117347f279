// Shared bits of the store tests: a Qt application object and a fresh temporary path per test.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QString>

#include <QFile>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Makes a directory read-only for this process until destroyed: a read-only bind mount when running as root (root
// writes through any mode), chmod 0500 otherwise.
struct ReadOnlyDir {
    static void check(bool ok) {
        if (!ok) throw std::runtime_error("cannot make a directory read-only (mount or chmod failed)");
    }
    QByteArray path;
    bool mounted = false;
    explicit ReadOnlyDir(const QString& dir) : path(QFile::encodeName(dir)) {
        if (::geteuid() == 0) {
            check(::mount(path.constData(), path.constData(), nullptr, MS_BIND, nullptr) == 0);
            mounted = ::mount(nullptr, path.constData(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
            if (!mounted) ::umount2(path.constData(), MNT_DETACH);
            check(mounted);
        } else {
            check(::chmod(path.constData(), 0500) == 0);
        }
    }
    ~ReadOnlyDir() {
        if (mounted) ::umount2(path.constData(), MNT_DETACH);
        else ::chmod(path.constData(), 0755);
    }
};

}  // namespace lw::test
