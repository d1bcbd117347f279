// Event log backups with sqlite3's online backup API, checked by integrity_check, figures and SHA-256.
#include "backup/LogBackup.h"

#include "store/EventStore.h"
#include "backup/Rotation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::backup {

namespace {

// One sqlite3 connection, closed on every path.
class Db {
public:
    Db(const std::string& path, int flags, std::string& error) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            error = path + ": " + (db_ ? sqlite3_errmsg(db_) : "cannot open");
            sqlite3_close(db_);
            db_ = nullptr;
            return;
        }
        sqlite3_busy_timeout(db_, 10'000);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    explicit operator bool() const { return db_ != nullptr; }
    sqlite3* get() const { return db_; }
    std::string exec(const char* sql) {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
        std::string e = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        return e;
    }
    // Each row of `sql` to `row`; "" or the error.
    template <typename F>
    std::string each(const char* sql, F row) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) return sqlite3_errmsg(db_);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(s);
        std::string e = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
        sqlite3_finalize(s);
        return e;
    }

private:
    sqlite3* db_ = nullptr;
};

std::string text(sqlite3_stmt* s, int column) {
    const unsigned char* t = sqlite3_column_text(s, column);
    return t ? reinterpret_cast<const char*>(t) : "";
}

bool hasTable(Db& db, const char* name) {
    bool found = false;
    std::string sql = std::string("SELECT 1 FROM sqlite_master WHERE type='table' AND name='") + name + "'";
    db.each(sql.c_str(), [&](sqlite3_stmt*) { found = true; });
    return found;
}

// The figures, inside whatever transaction the connection has open.
std::string figuresOf(Db& db, LogFigures& f) {
    f = LogFigures{};
    std::string e = db.each("PRAGMA user_version", [&](sqlite3_stmt* s) { f.schema = sqlite3_column_int(s, 0); });
    if (e.empty() && !hasTable(db, "events")) return "it is not a LobbyWatch event log (no events table)";
    if (e.empty()) e = db.each("SELECT coalesce(max(id), 0) FROM events", [&](sqlite3_stmt* s) { f.lastEventId = sqlite3_column_int64(s, 0); });
    if (e.empty())
        e = db.each("SELECT business_day, kind, count(*) FROM events GROUP BY business_day, kind",
                    [&](sqlite3_stmt* s) { f.days[text(s, 0)][text(s, 1)] = sqlite3_column_int64(s, 2); });
    if (e.empty() && hasTable(db, "day_totals"))
        e = db.each("SELECT business_day, length(bytes) FROM day_totals",
                    [&](sqlite3_stmt* s) { f.keptTotalsBytes[text(s, 0)] = sqlite3_column_int64(s, 1); });
    return e;
}

std::string integrity(Db& db) {
    std::string result;
    std::string e = db.each("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
        if (!result.empty()) result += "; ";
        result += text(s, 0);
    });
    if (!e.empty()) return e;
    return result == "ok" ? "" : "integrity_check: " + result;
}

std::string sha256Of(const std::string& path, std::string& error) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        error = path + ": " + f.errorString().toStdString();
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f)) {
        error = path + ": cannot read it through";
        return {};
    }
    return hash.result().toHex().toStdString();
}

std::string checkFileOf(const std::string& backup) { return backup + ".check"; }

std::string describe(const LogFigures& f, const std::string& sha256) {
    std::ostringstream out;
    out << "lobbywatch backup check 1\nschema " << f.schema << "\nsha256 " << sha256 << "\nlast_event_id " << f.lastEventId << "\n";
    for (const auto& [day, kinds] : f.days) {
        out << "day " << day;
        for (const auto& [kind, n] : kinds) out << ' ' << kind << '=' << n;
        out << "\n";
    }
    for (const auto& [day, bytes] : f.keptTotalsBytes) out << "totals " << day << ' ' << bytes << "\n";
    return out.str();
}

bool parseCheck(const std::string& text, LogFigures& f, std::string& sha256) {
    std::istringstream in(text);
    std::string line, word;
    if (!std::getline(in, line) || line != "lobbywatch backup check 1") return false;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        l >> word;
        if (word == "schema") l >> f.schema;
        else if (word == "sha256") l >> sha256;
        else if (word == "last_event_id") l >> f.lastEventId;
        else if (word == "day") {
            std::string day, pair;
            l >> day;
            while (l >> pair) {
                auto eq = pair.rfind('=');
                if (eq == std::string::npos) return false;
                f.days[day][pair.substr(0, eq)] = std::stoll(pair.substr(eq + 1));
            }
        } else if (word == "totals") {
            std::string day;
            long long bytes = 0;
            l >> day >> bytes;
            f.keptTotalsBytes[day] = bytes;
        } else return false;
        if (l.fail() && word != "day") return false;
    }
    return !sha256.empty();
}

bool syncFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool writeFile(const std::string& path, const std::string& content) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    bool ok = f.write(content.data(), static_cast<qint64>(content.size())) == static_cast<qint64>(content.size()) && f.flush();
    f.close();
    return ok && syncFile(path);
}

}  // namespace

long long LogFigures::events() const {
    long long n = 0;
    for (const auto& [day, kinds] : days)
        for (const auto& [kind, count] : kinds) n += count;
    return n;
}

bool readFigures(const std::string& database, LogFigures& figures, std::string& error) {
    Db db(database, SQLITE_OPEN_READONLY, error);
    if (!db) return false;
    if (!(error = db.exec("BEGIN")).empty()) return false;
    error = figuresOf(db, figures);
    db.exec("COMMIT");
    if (!error.empty()) error = database + ": " + error;
    return error.empty();
}

BackupResult takeBackup(const std::string& database, const std::string& dir, const std::string& stamp) {
    BackupResult r;
    const auto started = std::chrono::steady_clock::now();
    if (!QFileInfo::exists(QString::fromStdString(database))) {
        r.error = "no event log at " + database;
        return r;
    }
    if (!QDir().mkpath(QString::fromStdString(dir))) {
        r.error = "cannot create the backup directory " + dir;
        return r;
    }
    const std::string final = dir + "/" + backupName(stamp), partial = dir + "/." + backupName(stamp) + ".partial";
    if (QFileInfo::exists(QString::fromStdString(final))) {
        r.error = final + " exists already";
        return r;
    }
    QFile::remove(QString::fromStdString(partial));
    {
        // Read-write only so that SQLite may use the -shm of a log in WAL mode; nothing is written to it.
        Db source(database, SQLITE_OPEN_READWRITE, r.error);
        if (!source) return r;
        Db copy(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, r.error);
        if (!copy) return r;
        ::chmod(partial.c_str(), 0600);
        // One read transaction: the figures and the pages are of the same moment; the kiosk's writes go on
        // beside it (WAL: readers do not block the writer).
        if (!(r.error = source.exec("BEGIN")).empty()) return r;
        if (!(r.error = figuresOf(source, r.figures)).empty()) {
            r.error = database + ": " + r.error;
            return r;
        }
        sqlite3_backup* b = sqlite3_backup_init(copy.get(), "main", source.get(), "main");
        if (!b) {
            r.error = "cannot start the backup: " + std::string(sqlite3_errmsg(copy.get()));
            return r;
        }
        int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        source.exec("COMMIT");
        if (rc != SQLITE_DONE) {
            r.error = "the backup stopped: " + std::string(sqlite3_errstr(rc));
            QFile::remove(QString::fromStdString(partial));
            return r;
        }
        // One self-contained file (no -wal beside it).
        if (!(r.error = copy.exec("PRAGMA journal_mode=DELETE")).empty()) return r;
    }
    // The check, on the file as written.
    LogFigures copied;
    {
        Db copy(partial, SQLITE_OPEN_READONLY, r.error);
        if (!copy) return r;
        if (!(r.error = integrity(copy)).empty() || !(r.error = figuresOf(copy, copied)).empty()) {
            r.error = "the copy failed its check (" + r.error + "); the log was not changed, " + partial + " kept for analysis";
            return r;
        }
    }
    if (copied != r.figures) {
        r.error = "the copy's day totals differ from the log's (" + std::to_string(copied.events()) + " events against " +
                  std::to_string(r.figures.events()) + "); " + partial + " kept for analysis";
        return r;
    }
    if (!syncFile(partial)) {
        r.error = "cannot sync " + partial + " to disk";
        return r;
    }
    std::string sha = sha256Of(partial, r.error);
    if (sha.empty()) return r;
    const std::string check = checkFileOf(final);
    if (!writeFile(check, describe(r.figures, sha)) ||
        !QFile::rename(QString::fromStdString(partial), QString::fromStdString(final))) {
        r.error = "cannot write " + check + " or " + final;
        return r;
    }
    syncFile(dir);
    r.file = final;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

std::string checkBackup(const std::string& file, LogFigures* figures) {
    QFile check(QString::fromStdString(checkFileOf(file)));
    if (!QFileInfo::exists(QString::fromStdString(file))) return "no backup at " + file;
    if (!check.open(QIODevice::ReadOnly)) return "no check file " + checkFileOf(file) + " beside it (an unfinished backup?)";
    LogFigures expected;
    std::string expectedSha;
    if (!parseCheck(check.readAll().toStdString(), expected, expectedSha)) return checkFileOf(file) + " is not a backup check file";
    std::string error;
    std::string sha = sha256Of(file, error);
    if (sha.empty()) return error;
    if (sha != expectedSha) return "its SHA-256 is not the one recorded when it was taken: the file changed or is damaged";
    if (expected.schema > store::EventStore::kSchemaVersion)
        return "it was written by a newer LobbyWatch (schema " + std::to_string(expected.schema) + ", this one knows " +
               std::to_string(store::EventStore::kSchemaVersion) + ")";
    Db db(file, SQLITE_OPEN_READONLY, error);
    if (!db) return error;
    if (!(error = integrity(db)).empty()) return error;
    LogFigures found;
    if (!(error = figuresOf(db, found)).empty()) return error;
    if (found != expected)
        return "its day totals are not the ones recorded when it was taken (" + std::to_string(found.events()) + " events against " +
               std::to_string(expected.events()) + ")";
    if (figures) *figures = found;
    return {};
}

std::vector<std::string> processesUsing(const std::string& database) {
    std::vector<std::string> users;
    const QString target = QFileInfo(QString::fromStdString(database)).canonicalFilePath();
    if (target.isEmpty()) return users;
    const QString self = QString::number(::getpid());
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (!numeric || pid == self) continue;
        const QString fdDir = "/proc/" + pid + "/fd";
        for (const QString& fd : QDir(fdDir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
            const QString link = QFile::symLinkTarget(fdDir + "/" + fd);
            if (link == target || link == target + "-wal") {
                QFile comm("/proc/" + pid + "/comm");
                QString name = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll()).trimmed() : QString();
                users.push_back(pid.toStdString() + " (" + name.toStdString() + ")");
                break;
            }
        }
    }
    return users;
}

RestoreResult restoreBackup(const std::string& backup, const std::string& database, const std::string& stamp) {
    RestoreResult r;
    if (std::string why = checkBackup(backup, &r.figures); !why.empty()) {
        r.error = "refusing to restore " + backup + ": " + why;
        return r;
    }
    auto users = processesUsing(database);
    if (!users.empty()) {
        r.error = "refusing to restore: " + database + " is open in process " + users.front() +
                  "; stop the kiosk first (systemctl stop lobbywatch)";
        return r;
    }
    const QString db = QString::fromStdString(database), incoming = db + ".restoring";
    QFile::remove(incoming);
    if (!QFile::copy(QString::fromStdString(backup), incoming) || !syncFile(incoming.toStdString())) {
        r.error = "cannot copy " + backup + " to " + incoming.toStdString();
        QFile::remove(incoming);
        return r;
    }
    QFile::setPermissions(incoming, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // Owned by whoever owns the log's directory (root restoring for the lobbywatch user).
    struct stat dirStat {};
    if (::geteuid() == 0 && ::stat(QFileInfo(db).absolutePath().toLocal8Bit().constData(), &dirStat) == 0)
        if (::chown(incoming.toLocal8Bit().constData(), dirStat.st_uid, dirStat.st_gid) != 0) std::perror("chown");
    std::string error;
    if (sha256Of(incoming.toStdString(), error) != sha256Of(backup, error)) {
        r.error = "the copy at " + incoming.toStdString() + " differs from the backup; nothing changed";
        QFile::remove(incoming);
        return r;
    }
    if (QFileInfo::exists(db)) {
        const QString aside = db + ".before-restore-" + QString::fromStdString(stamp);
        for (const char* suffix : {"", "-wal", "-shm"}) {
            if (QFileInfo::exists(db + suffix) && !QFile::rename(db + suffix, aside + suffix)) {
                r.error = "cannot move " + (db + suffix).toStdString() + " aside; nothing changed";
                QFile::remove(incoming);
                return r;
            }
        }
        r.keptAside = aside.toStdString();
    }
    if (!QFile::rename(incoming, db)) {
        r.error = "cannot put the restored log in place at " + database;
        return r;
    }
    QFile::remove(QString::fromStdString(store::EventStore::damageMarkFor(database)));
    syncFile(QFileInfo(db).absolutePath().toStdString());
    return r;
}

std::vector<std::string> rotateBackups(const std::string& dir, int keepDaily, int keepMonthly, std::string& error) {
    std::vector<std::string> names;
    for (const QString& n : QDir(QString::fromStdString(dir)).entryList(QDir::Files)) names.push_back(n.toStdString());
    std::vector<std::string> deleted;
    for (const auto& name : backupsToDelete(names, keepDaily, keepMonthly)) {
        const std::string path = dir + "/" + name;
        if (!QFile::remove(QString::fromStdString(path))) {
            error = "cannot delete the old backup " + path;
            continue;
        }
        QFile::remove(QString::fromStdString(checkFileOf(path)));
        deleted.push_back(name);
    }
    return deleted;
}

}  // namespace lw::backup
