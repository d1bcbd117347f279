// Opening the event log: is it ours and private, who may write it, a log that cannot be written yet, and the
// nested transactions that keep a change and its audit row together.
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QVariant>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::store {

namespace {

QString newConnectionName(const char* prefix) {
    static std::atomic<int> serial{0};
    return QStringLiteral("%1_%2").arg(QLatin1String(prefix)).arg(serial.fetch_add(1));
}

// SQLite's primary result code behind a Qt error (Qt may report an extended one).
int primaryCode(const QSqlError& e) { return e.nativeErrorCode().toInt() & 0xff; }

bool isDamage(int code) { return code == 11 || code == 26; }  // SQLITE_CORRUPT, SQLITE_NOTADB
// What a full disk, a read-only file or directory, or a lock held elsewhere looks like: it may pass.
bool isTransient(int code) {
    return code == 3 || code == 5 || code == 6 || code == 8 || code == 10 || code == 13 || code == 14 || code == 15;
}

std::string errorText(const QSqlError& e) {
    QString text = e.text().trimmed();
    return text.isEmpty() ? std::string("unknown SQLite error") : text.toStdString();
}

void dropConnection(const QString& name) {
    {
        QSqlDatabase d = QSqlDatabase::database(name, false);
        if (d.isOpen()) d.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// A connection that only reads. Tried in turn: a query-only one (as a writer's, so that closing it tidies the -wal
// and -shm away as a writer's would; SQLite refuses it any write); a plain read-only one; with `exclusive`, one in
// exclusive locking mode that keeps the WAL index in memory (so it needs no -shm, which a full disk cannot grow),
// made query-only; and, when no -wal holds anything, an immutable one (reads the file alone and creates nothing:
// a read-only directory). Returns the working connection's name, or empty with `error`.
QString openForReading(const QString& path, bool exclusive, std::string& error) {
    enum class Way { QueryOnly, ReadOnly, Exclusive, Immutable };
    const bool walHasData = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    for (Way way : {Way::QueryOnly, Way::ReadOnly, Way::Exclusive, Way::Immutable}) {
        if (way == Way::Exclusive && !exclusive) continue;
        if (way == Way::Immutable && walHasData) continue;
        const QString name = newConnectionName("lw_read");
        bool ok = false;
        {
            QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            if (way == Way::Immutable) {
                d.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
                d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
            } else {
                d.setDatabaseName(path);
                if (way == Way::ReadOnly) d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            }
            if (d.open()) {
                QSqlQuery q(d);
                ok = (way != Way::Exclusive || q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"))) &&
                     (way == Way::ReadOnly || way == Way::Immutable || q.exec(QStringLiteral("PRAGMA query_only=1")));
                ok = ok && q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) && q.next();
                if (!ok) error = errorText(q.lastError());
            } else {
                error = errorText(d.lastError());
            }
        }
        if (ok) return name;
        dropConnection(name);
    }
    return {};
}

// Why this process may not write the log, or empty. A read-only file opens without complaint and would fail only at
// the first event; a read-only directory lets SQLite create neither -wal nor -shm.
std::string writeAccessProblem(const QString& path) {
    auto denied = [](const QString& p) -> std::string {
        if (::access(QFile::encodeName(p).constData(), W_OK) == 0) return {};
        return "no write access to " + p.toStdString() + " (" + std::strerror(errno) + ")";
    };
    if (std::string why = denied(path); !why.empty()) return why;
    const QString wal = path + QStringLiteral("-wal"), shm = path + QStringLiteral("-shm");
    if (QFile::exists(wal) && QFile::exists(shm) && denied(wal).empty() && denied(shm).empty()) return {};
    return denied(QFileInfo(path).absolutePath());
}

// The directories up to `dir`, each one made private (0700; a umask of 000 must not make the log's directory one that
// others can write, which the next open would refuse).
bool makePrivateDirs(const QString& dir) {
    const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (QFileInfo(clean).isDir()) return true;
    if (!makePrivateDirs(QFileInfo(clean).absolutePath())) return false;
    return ::mkdir(QFile::encodeName(clean).constData(), 0700) == 0 || errno == EEXIST;
}

// The file the log really is: through a symlink (SQLite follows it, and its -wal goes beside the target), so that
// the lock file and the privacy checks are the same for every name of the log.
QString realLogPath(const QString& path) {
    const QFileInfo fi(path);
    if (fi.exists()) return fi.canonicalFilePath();
    if (fi.isSymLink()) return QFileInfo(fi.symLinkTarget()).absoluteFilePath();  // dangling: SQLite creates the target
    const QString dir = QFileInfo(fi.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? fi.absoluteFilePath() : dir + QLatin1Char('/') + fi.fileName();
}

std::string commandLine() {
    QStringList args = QCoreApplication::instance() ? QCoreApplication::arguments() : QStringList();
    if (!args.isEmpty()) args[0] = QFileInfo(args[0]).fileName();
    return args.join(' ').left(160).toStdString();
}

}  // namespace

struct EventStore::Setup {
    enum class Kind { Ok, Transient, Damaged, Fatal };
    Kind kind = Kind::Ok;
    std::string error;
};

void EventStore::closeConnection() {
    if (connection_.isEmpty()) return;
    dropConnection(connection_);
    connection_.clear();
}

EventStore::Setup EventStore::setUpWriter(Check check) {
    using Kind = Setup::Kind;
    closeConnection();
    const std::string where = path_.toStdString();
    // The file may have changed since the last try (a log that failed to open waits for space or permission).
    LogIdentity id = identifyLog(path_);
    if (id.kind == LogIdentity::Kind::Foreign || id.kind == LogIdentity::Kind::Unknown)
        return {Kind::Fatal, where + " is no longer a LobbyWatch event log: " + id.why};
    if (std::string p = privacyProblem(path_); !p.empty()) return {Kind::Fatal, p};
    if (id.kind == LogIdentity::Kind::Missing) {
        const QString dir = QFileInfo(path_).absolutePath();
        if (!makePrivateDirs(dir)) return {Kind::Transient, "cannot create the directory " + dir.toStdString()};
        // Created private before SQLite sees it; SQLite gives its -wal and -shm the same mode.
        int fd = ::open(QFile::encodeName(path_).constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) {
            const int err = errno;
            const bool passing = err == EACCES || err == EROFS || err == ENOSPC || err == EDQUOT || err == EPERM;
            return {passing ? Kind::Transient : Kind::Fatal, std::string("cannot create it: ") + std::strerror(err)};
        }
        if (fd >= 0) ::close(fd);
    }
    if (lock_ && !lock_->holdLog(path_))
        return {Kind::Fatal, "it is in use by another LobbyWatch (its lock file " +
                                 WriterLock::lockPathFor(where) + " was removed or replaced while it ran)"};
    auto classify = [&](const QSqlError& e, const std::string& what) -> Setup {
        const int code = primaryCode(e);
        if (isDamage(code)) return {Kind::Damaged, "the event log " + where + " cannot be read: " + errorText(e)};
        return {isTransient(code) ? Kind::Transient : Kind::Fatal, what + ": " + errorText(e)};
    };
    if (std::string why = writeAccessProblem(path_); !why.empty()) return {Kind::Transient, why};
    connection_ = newConnectionName("lw_store");
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    d.setDatabaseName(path_);
    if (!d.open()) return classify(d.lastError(), "cannot open it");
    QSqlQuery q(d);
    // Deferred: read the schema (the first page's tree), so that a damaged first page is found before any write.
    if (!q.exec(check == Check::Full ? QStringLiteral("PRAGMA quick_check") : QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) ||
        !q.next())
        return classify(q.lastError(), "cannot read it");
    if (check == Check::Full && q.value(0).toString() != QLatin1String("ok"))
        return {Kind::Damaged, "the event log " + where + " is damaged (quick_check: " +
                                   q.value(0).toString().left(200).toStdString() + ")"};
    q.finish();
    // The mark goes in first, in the file's first write: a new log is LobbyWatch's from its first byte, and an
    // earlier one gets it now.
    if (!id.marked && !q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
        return classify(q.lastError(), "cannot write it");
    // Switching to WAL needs the file alone for a moment, and SQLite does not wait for it: another writer opening a
    // new log at the same moment gets "database is locked" at once. Wait for it as for any busy log (5 s).
    for (int tries = 0; !q.exec(QStringLiteral("PRAGMA journal_mode=WAL")); ++tries) {
        if (primaryCode(q.lastError()) != 5 || tries >= 100) return classify(q.lastError(), "cannot set it up");
        ::usleep(50'000);
    }
    for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"})
        if (!q.exec(QLatin1String(pragma))) return classify(q.lastError(), "cannot set it up");
    q.finish();
    if (auto e = migrate()) {
        if (e->find("newer LobbyWatch") != std::string::npos) return {Kind::Fatal, "the event log " + where + ": " + *e};
        return {Kind::Transient, "cannot bring it up to date: " + *e};
    }
    return {};
}

void EventStore::openReader() {
    closeConnection();
    if (QFileInfo(path_).size() == 0) return;  // nothing to read yet
    std::string error;
    connection_ = openForReading(path_, access_ == Access::Ingest, error);
}

std::optional<std::string> EventStore::ensureWritable() {
    if (writable_) return std::nullopt;
    if (access_ == Access::Read) return "the event log " + path_.toStdString() + " was opened read-only";
    if (txDepth_ > 0) return writeProblem_;
    if (!lock_) {
        auto taken = WriterLock::take(path_, commandLine());
        if (taken.outcome != WriterLock::Outcome::Taken) {
            writeProblem_ = taken.outcome == WriterLock::Outcome::HeldByOther
                                ? taken.message
                                : "the event log " + path_.toStdString() + " cannot be written: " + taken.message;
            return writeProblem_;
        }
        lock_ = std::move(taken.lock);
    }
    Setup s = setUpWriter(Check::Deferred);
    if (s.kind == Setup::Kind::Ok) {
        writable_ = true;
        writeProblem_.clear();
        return std::nullopt;
    }
    writeProblem_ = "the event log " + path_.toStdString() + " cannot be written: " + s.error;
    // A store that only writes keeps no reading connection: one in exclusive locking mode (a full disk) would hold
    // the screens' reader off.
    if (writesOnly_) closeConnection();
    else openReader();
    return writeProblem_;
}

void EventStore::reconnectHere() {
    closeConnection();
    if (access_ == Access::Read) {
        openReader();
        return;
    }
    // Here it only writes (the reads are another thread's): while it cannot, it holds no connection at all.
    writesOnly_ = true;
    if (writable_) {
        Setup s = setUpWriter(Check::Deferred);
        if (s.kind == Setup::Kind::Ok) return;
        writable_ = false;
        writeProblem_ = "the event log " + path_.toStdString() + " cannot be written: " + s.error;
        closeConnection();
    }
}

std::unique_ptr<EventStore> EventStore::readerHere() const {
    std::unique_ptr<EventStore> reader(new EventStore(path_, QString(), config_));
    reader->access_ = Access::Read;
    reader->writable_ = false;
    reader->writeProblem_ = "opened read-only";
    reader->reopenReader();
    return reader;
}

void EventStore::reopenReader() {
    closeConnection();
    if (QFileInfo(path_).size() == 0) return;  // nothing to read yet (and a reader must not create the file)
    std::string error;
    connection_ = openForReading(path_, false, error);
}

EventStore::Opened EventStore::open(const QString& path, const lobby::LobbyConfig& config, Check check, Access access) {
    Opened result;
    const QString where = realLogPath(path);
    const std::string w = where.toStdString();
    const LogIdentity id = identifyLog(where);
    if (id.kind == LogIdentity::Kind::Foreign) {
        result.error = w + " is not a LobbyWatch event log: it is " + id.why +
                       ". It was left as it is; check --db (or [kiosk] database).";
        // Only a regular file that could be a log with its first page lost: never advise moving a directory, a
        // device, a text file or another program's database.
        if (id.mayBeDamagedLog)
            result.error += " (A LobbyWatch log whose first page is damaged cannot be told from one: if that is what "
                            "it is, move it aside yourself and start again: mv '" + w + "' '" + w + ".damaged')";
        return result;
    }
    if (id.kind == LogIdentity::Kind::Unknown) {
        result.error = "cannot tell whether " + w + " is a LobbyWatch event log: " + id.why + "; it was left as it is";
        return result;
    }
    if (access == Access::Read && id.kind != LogIdentity::Kind::LobbyWatch) {
        result.error = id.kind == LogIdentity::Kind::Missing ? "no event log at " + w : w + " is empty: no event log yet";
        return result;
    }
    if (std::string p = privacyProblem(where); !p.empty()) {
        result.error = p;
        return result;
    }
    std::unique_ptr<EventStore> store(new EventStore(where, QString(), config));
    store->access_ = access;
    if (access == Access::Read) {
        store->writable_ = false;
        store->writeProblem_ = "opened read-only";
        std::string error;
        store->connection_ = openForReading(where, false, error);
        if (store->connection_.isEmpty()) {
            result.error = "the event log " + w + " cannot be read: " + error;
            return result;
        }
        const int version = store->schemaVersion();
        if (version > kSchemaVersion) {
            result.error = "the event log " + w + " was written by a newer LobbyWatch (schema " + std::to_string(version) +
                           ", this one knows " + std::to_string(kSchemaVersion) + "); use that version or a copy of the file";
            return result;
        }
        if (version < kSchemaVersion) {
            // Written by an earlier LobbyWatch: bring it up to date first, if the file may be written.
            store.reset();
            result = open(path, config, check, Access::Write);
            if (!result.store)
                result.error = "the event log " + w + " is from an earlier LobbyWatch (schema " + std::to_string(version) +
                               ") and must be brought up to date before it can be read, which needs writing it: " + result.error;
            return result;
        }
        if (check == Check::Full) {
            QSqlQuery q(store->db());
            if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok")) {
                result.damaged = true;
                result.error = "the event log " + w + " is damaged (quick_check: " +
                               (q.isActive() ? q.value(0).toString().left(200).toStdString() : errorText(q.lastError())) + ")";
                return result;
            }
        }
        result.store = std::move(store);
        return result;
    }
    std::string lockProblem;
    if (access == Access::Ingest) {
        auto taken = WriterLock::take(where, commandLine());
        if (taken.outcome == WriterLock::Outcome::HeldByOther) {
            result.error = taken.message;
            return result;
        }
        if (taken.outcome == WriterLock::Outcome::Taken) store->lock_ = std::move(taken.lock);
        else lockProblem = taken.message;  // a read-only or full directory: try again at each write
    }
    Setup s = lockProblem.empty() ? store->setUpWriter(check) : Setup{Setup::Kind::Transient, lockProblem};
    switch (s.kind) {
    case Setup::Kind::Ok: result.store = std::move(store); return result;
    case Setup::Kind::Damaged:
        // Only a LobbyWatch log is ever moved aside as damaged; anything else is left exactly as it was.
        result.damaged = id.kind == LogIdentity::Kind::LobbyWatch;
        result.error = s.error;
        return result;
    case Setup::Kind::Fatal: result.error = s.error.rfind("the event log", 0) == 0 ? s.error : "the event log " + w + ": " + s.error; return result;
    case Setup::Kind::Transient: break;
    }
    store->writeProblem_ = "the event log " + w + " cannot be written: " + s.error;
    if (access != Access::Ingest) {
        result.error = store->writeProblem_;
        return result;
    }
    // The kiosk starts anyway, acknowledging nothing until the log takes writes; it reads what the log holds.
    store->writable_ = false;
    store->openReader();
    if (check == Check::Full && !store->connection_.isEmpty()) {
        QSqlQuery q(store->db());
        if (q.exec(QStringLiteral("PRAGMA quick_check")) && q.next() && q.value(0).toString() != QLatin1String("ok")) {
            result.damaged = id.kind == LogIdentity::Kind::LobbyWatch;
            result.error = "the event log " + w + " is damaged (quick_check: " + q.value(0).toString().left(200).toStdString() + ")";
            return result;
        }
    }
    result.store = std::move(store);
    return result;
}

std::string EventStore::verify(const QString& path, std::string* notChecked) {
    std::string problem, error;
    const QString name = openForReading(path, false, error);
    if (name.isEmpty()) {
        if (notChecked) *notChecked = "cannot open it: " + error;
        return {};
    }
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
            if (isDamage(primaryCode(q.lastError()))) problem = "damaged: " + errorText(q.lastError());
            else if (notChecked) *notChecked = "cannot check it: " + errorText(q.lastError());
        } else if (q.value(0).toString() != QLatin1String("ok")) {
            problem = "damaged: " + q.value(0).toString().left(200).toStdString();
        }
    }
    dropConnection(name);
    return problem;
}

bool EventStore::beginWrite() {
    if (txDepth_ == 0) {
        if (!db().transaction()) return false;
        txFailed_ = false;
    }
    ++txDepth_;
    return true;
}

std::optional<std::string> EventStore::endWrite(bool ok) {
    if (!ok) txFailed_ = true;
    if (--txDepth_ > 0) return txFailed_ ? std::optional<std::string>("undone") : std::nullopt;
    QSqlDatabase d = db();
    if (txFailed_) {
        d.rollback();
        return std::string("undone");
    }
    if (!d.commit()) {
        std::string why = errorText(d.lastError());
        d.rollback();
        return why;
    }
    return std::nullopt;
}

std::optional<std::string> EventStore::atomically(const std::function<std::optional<std::string>()>& change) {
    if (auto e = ensureWritable()) return e;
    if (!beginWrite()) return errorText(db().lastError());
    std::optional<std::string> error = change();
    std::optional<std::string> end = endWrite(!error);
    if (error) return error;
    return end;
}

}  // namespace lw::store
