// A full disk for the tests: a private 4 MB tmpfs (root only; without root the test exits 77, which ctest reports
// as skipped) and a file that fills it to the last byte.
#pragma once

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/mount.h>

namespace lw::test {

// A 4 MB tmpfs at `mnt`, unmounted when it goes; without root the test says so and exits 77 (ctest: skipped).
struct TmpfsMount {
    explicit TmpfsMount(const QString& mnt) : path(QFile::encodeName(mnt)) {
        QDir().mkpath(mnt);
        if (::mount("tmpfs", path.constData(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
            std::fprintf(stderr, "SKIPPED: cannot mount a tmpfs at %s (%s); the full-disk test needs root\n",
                         path.constData(), std::strerror(errno));
            std::exit(77);
        }
    }
    ~TmpfsMount() { ::umount2(path.constData(), MNT_DETACH); }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    QByteArray path;
};

// Fills the file system of `file` to the last byte.
inline void fillUp(const QString& file) {
    QFile fill(file);
    REQUIRE(fill.open(QIODevice::WriteOnly));
    QByteArray block(64 * 1024, 'f');
    while (fill.write(block) == block.size() && fill.flush()) {}
    QByteArray byte(1, 'f');
    while (fill.write(byte) == 1 && fill.flush()) {}
}

}  // namespace lw::test
