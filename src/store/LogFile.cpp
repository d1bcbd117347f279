// The event log as a file: recognising LobbyWatch's logs, checking they are private, the one-writer lock.
#include "store/LogFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QVariant>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::store {

namespace {

QByteArray native(const QString& path) { return QFile::encodeName(path); }

bool statOf(const QString& path, struct stat& st) { return ::stat(native(path).constData(), &st) == 0; }

// What a file that is not an SQLite database looks like, for the message.
std::string describeForeign(const QByteArray& head) {
    if (head.startsWith("\x89PNG")) return "a PNG image";
    if (head.startsWith("%PDF")) return "a PDF document";
    if (head.startsWith("PK\x03\x04")) return "a ZIP archive (or an Office document)";
    bool text = !head.isEmpty();
    for (char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') text = false;
    }
    if (text) {
        QString first = QString::fromUtf8(head).section('\n', 0, 0).trimmed().left(40);
        return "a text file (it begins \"" + first.toStdString() + "\")";
    }
    return "not an SQLite database";
}

// An earlier LobbyWatch's log (before application_id): its schema version and the tables of schema 1.
LogIdentity lookInside(const QString& path) {
    static std::atomic<int> serial{0};
    const QString connection = QStringLiteral("lw_identify_%1").arg(serial.fetch_add(1));
    const QString wal = path + QStringLiteral("-wal"), shm = path + QStringLiteral("-shm");
    const bool walHasData = QFileInfo(wal).size() > 0;
    const bool shmExisted = QFile::exists(shm);
    LogIdentity id;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        if (walHasData) {
            // Committed changes may still be in the -wal: read through it.
            d.setDatabaseName(path);
            d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        } else {
            // immutable: SQLite reads the file and creates nothing beside it (no -wal, no -shm).
            d.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
            d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        }
        if (!d.open()) {
            id.kind = LogIdentity::Kind::Unknown;
            id.why = "it cannot be read (" + d.lastError().text().toStdString() + ")";
        } else {
            QSqlQuery q(d);
            int appId = 0, version = 0;
            QStringList tables, columns;
            bool ok = q.exec(QStringLiteral("PRAGMA application_id")) && q.next();
            if (ok) appId = q.value(0).toInt();
            ok = ok && q.exec(QStringLiteral("PRAGMA user_version")) && q.next();
            if (ok) version = q.value(0).toInt();
            ok = ok && q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
            while (ok && q.next()) tables << q.value(0).toString();
            ok = ok && q.exec(QStringLiteral("PRAGMA table_info(events)"));
            while (ok && q.next()) columns << q.value(1).toString();
            if (!ok) {
                id.kind = LogIdentity::Kind::Unknown;
                id.why = "it cannot be read (" + q.lastError().text().toStdString() + ")";
            } else if (appId == kApplicationId) {
                id.kind = LogIdentity::Kind::LobbyWatch;
                id.marked = true;
            } else if (appId == 0 && version >= 1 && tables.contains("events") && tables.contains("rejects") &&
                       tables.contains("meta")) {
                bool events = true;
                for (const char* c : {"received_at", "business_day", "kind", "port", "device", "seq"})
                    events = events && columns.contains(QLatin1String(c));
                id.kind = events ? LogIdentity::Kind::LobbyWatch : LogIdentity::Kind::Foreign;
                if (!events) id.why = "an SQLite database of another program (its events table is not LobbyWatch's)";
            } else {
                id.kind = LogIdentity::Kind::Foreign;
                id.why = appId != 0 ? "an SQLite database of another program (application_id " + std::to_string(appId) + ")"
                         : tables.isEmpty() ? std::string("an SQLite database with no tables, not a LobbyWatch log")
                                            : "an SQLite database of another program (tables: " +
                                                  tables.mid(0, 5).join(", ").toStdString() + ")";
            }
            q = QSqlQuery();
        }
        d.close();
    }
    QSqlDatabase::removeDatabase(connection);
    // Reading through a -wal makes a -shm; leave nothing behind beside a file that is not ours.
    if (id.kind != LogIdentity::Kind::LobbyWatch && !shmExisted) QFile::remove(shm);
    return id;
}

// Group bits count only for a group other than the user's own (a umask of 002 gives files to the user's private
// group): as for the config file.
bool othersMay(const struct stat& st, mode_t otherBits, mode_t groupBits) {
    return (st.st_mode & otherBits) != 0 || ((st.st_mode & groupBits) != 0 && st.st_gid != ::getegid());
}

std::string quoted(const QString& path) { return "'" + path.toStdString() + "'"; }

}  // namespace

LogIdentity identifyLog(const QString& path) {
    LogIdentity id;
    struct stat st {};
    if (!statOf(path, st)) {
        id.kind = errno == ENOENT ? LogIdentity::Kind::Missing : LogIdentity::Kind::Unknown;
        if (errno != ENOENT) id.why = std::string("it cannot be examined (") + std::strerror(errno) + ")";
        return id;
    }
    if (!S_ISREG(st.st_mode)) {
        id.kind = LogIdentity::Kind::Foreign;
        id.why = S_ISDIR(st.st_mode) ? "a directory" : "not a regular file";
        return id;
    }
    if (st.st_size == 0) {
        id.kind = LogIdentity::Kind::Empty;
        return id;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        id.kind = LogIdentity::Kind::Unknown;
        id.why = "it cannot be read (" + f.errorString().toStdString() + ")";
        return id;
    }
    const QByteArray head = f.read(100);
    if (head.size() < 100 || !head.startsWith(QByteArray("SQLite format 3\0", 16))) {
        id.kind = LogIdentity::Kind::Foreign;
        id.why = describeForeign(head.left(64));
        id.mayBeDamagedLog = id.why == "not an SQLite database";
        return id;
    }
    // The header's application_id (big-endian, offset 68): ours, another program's, or none yet.
    const auto* b = reinterpret_cast<const unsigned char*>(head.constData()) + 68;
    const std::int32_t appId = static_cast<std::int32_t>((std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                                                         (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]});
    if (appId == kApplicationId) {
        id.kind = LogIdentity::Kind::LobbyWatch;
        id.marked = true;
        return id;
    }
    if (appId != 0 && QFileInfo(path + QStringLiteral("-wal")).size() == 0) {
        id.kind = LogIdentity::Kind::Foreign;
        id.why = "an SQLite database of another program (application_id " + std::to_string(appId) + ")";
        return id;
    }
    return lookInside(path);
}

std::string privacyProblem(const QString& path) {
    const QString dir = QFileInfo(path).absolutePath();
    struct stat st {};
    if (statOf(dir, st) && othersMay(st, S_IWOTH, S_IWGRP))
        return "the directory " + dir.toStdString() + " of the event log can be written by other users (they could " +
               "replace the log or put their own -wal file beside it). Fix it with: chmod go-w " + quoted(dir) +
               " (or keep the log in a private directory)";
    QStringList open;
    std::string worst;
    for (const QString& file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (!statOf(file, st)) continue;
        if (othersMay(st, S_IROTH | S_IWOTH, S_IRGRP | S_IWGRP)) {
            open << file;
            if (worst.empty()) {
                char mode[8];
                std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
                worst = file.toStdString() + " can be " + (othersMay(st, S_IWOTH, S_IWGRP) ? "written" : "read") +
                        " by other users (mode " + mode + ")";
            }
        }
    }
    if (open.isEmpty()) return {};
    std::string files;
    for (const QString& f : open) files += " " + quoted(f);
    return worst + "; the event log holds customers' contacts and the staff's PIN hashes and must be private. "
           "Fix it with: chmod 600" + files;
}

WriterLock::Result WriterLock::take(const QString& logPath, const std::string& what) {
    Result r;
    const QByteArray path = native(QString::fromStdString(lockPathFor(logPath.toStdString())));
    int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    const int createError = errno;
    bool writable = fd >= 0;
    // A read-only directory or file system: an existing lock file still locks (flock needs no write access).
    if (fd < 0) fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        r.message = "cannot create the lock file " + path.toStdString() + ": " + std::strerror(createError);
        return r;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char text[128] = {};
        ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
        ::close(fd);
        if (err != EWOULDBLOCK) {
            r.message = "cannot lock " + path.toStdString() + ": " + std::strerror(err);
            return r;
        }
        QString holder = QString::fromUtf8(text, n > 0 ? static_cast<int>(n) : 0).trimmed();
        QString pid = holder.section(' ', 0, 0), role = holder.section(' ', 1);
        r.outcome = Outcome::HeldByOther;
        r.message = "the event log " + logPath.toStdString() + " is in use by another LobbyWatch (" +
                    (pid.isEmpty() ? std::string("PID unknown") : "PID " + pid.toStdString()) +
                    (role.isEmpty() ? std::string() : ", " + role.toStdString()) +
                    "); only one kiosk, import or replay may write a log at a time. Stop that one first, or give "
                    "another --db";
        return r;
    }
    std::unique_ptr<WriterLock> lock(new WriterLock(fd));
    if (!lock->holdLog(logPath)) {
        r.outcome = Outcome::HeldByOther;
        r.message = "the event log " + logPath.toStdString() + " is in use by another LobbyWatch (PID unknown: its lock "
                    "file " + path.toStdString() + " was removed or replaced while it ran); only one kiosk, import or "
                    "replay may write a log at a time. Stop that one first (fuser '" + logPath.toStdString() +
                    "' names it), or give another --db";
        return r;
    }
    if (writable) {
        // Who holds it, for the message another one gets. On a full disk this may not fit: the lock holds anyway.
        const std::string text = std::to_string(::getpid()) + " " + what + "\n";
        if (::ftruncate(fd, 0) == 0) {
            ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
            (void)written;
        }
    }
    r.outcome = Outcome::Taken;
    r.lock = std::move(lock);
    return r;
}

bool WriterLock::holdLog(const QString& logPath) {
    if (logFd_ >= 0) return true;
    // Read-only is enough for flock; SQLite's own locks (fcntl) are separate from it. No log yet: held once made.
    const int fd = ::open(native(logPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return true;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const bool heldElsewhere = errno == EWOULDBLOCK;
        ::close(fd);
        return !heldElsewhere;
    }
    logFd_ = fd;
    return true;
}

WriterLock::~WriterLock() {
    if (logFd_ >= 0) ::close(logFd_);
    if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace lw::store
