// Retention: a month of old events copied into a LobbyWatch log of its own, gzip-compressed, checked, and only then
// removed from the event log in one transaction.
#include "backup/Archive.h"

#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <sqlite3.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::backup {

namespace {

// A test hook: the process kills itself at this step ("compressing", "before-commit"), as a power cut would.
void killHere(const char* step) {
    const char* at = std::getenv("LW_TEST_ARCHIVE_KILL");
    if (at && std::strcmp(at, step) == 0) std::raise(SIGKILL);
}

std::string errnoText() { return std::strerror(errno); }

// One sqlite3 connection with prepared statements that bind their values; closed on every path.
class LogDb {
public:
    LogDb(const std::string& path, std::string& error) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            error = path + ": " + (db_ ? sqlite3_errmsg(db_) : "cannot open");
            sqlite3_close(db_);
            db_ = nullptr;
            return;
        }
        sqlite3_busy_timeout(db_, 10'000);  // the kiosk's group commits are short
    }
    ~LogDb() { sqlite3_close(db_); }
    LogDb(const LogDb&) = delete;
    LogDb& operator=(const LogDb&) = delete;
    explicit operator bool() const { return db_ != nullptr; }
    std::string exec(const char* sql) {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
        std::string e = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        return e;
    }
    // Runs `sql` with `binds` (text or integers, as ?1, ?2, ...), each row to `row`; "" or the error.
    struct Bind {
        std::string text;
        long long number = 0;
        bool isText = true;
        Bind(std::string t) : text(std::move(t)) {}
        Bind(const char* t) : text(t) {}
        Bind(long long n) : number(n), isText(false) {}
    };
    template <typename F>
    std::string query(const char* sql, const std::vector<Bind>& binds, F row) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) return sqlite3_errmsg(db_);
        for (std::size_t i = 0; i < binds.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            if (binds[i].isText) sqlite3_bind_text(s, at, binds[i].text.c_str(), -1, SQLITE_TRANSIENT);
            else sqlite3_bind_int64(s, at, binds[i].number);
        }
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(s);
        std::string e = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
        sqlite3_finalize(s);
        return e;
    }
    std::string run(const char* sql, const std::vector<Bind>& binds) {
        return query(sql, binds, [](sqlite3_stmt*) {});
    }
    long long number(const char* sql, const std::vector<Bind>& binds, std::string& error) {
        long long n = 0;
        std::string e = query(sql, binds, [&](sqlite3_stmt* s) { n = sqlite3_column_int64(s, 0); });
        if (!e.empty() && error.empty()) error = e;
        return n;
    }
    std::string text(const char* sql, const std::vector<Bind>& binds, std::string& error) {
        std::string t;
        std::string e = query(sql, binds, [&](sqlite3_stmt* s) {
            const unsigned char* v = sqlite3_column_text(s, 0);
            t = v ? reinterpret_cast<const char*>(v) : "";
        });
        if (!e.empty() && error.empty()) error = e;
        return t;
    }

private:
    sqlite3* db_ = nullptr;
};

// A month's days: [first, next) as business days and as receive times (rejects have no business day).
struct Month {
    std::string name, first, next;
    long long fromMs = 0, toMs = 0;
};

Month monthOf(const std::string& yyyyMm, const lobby::LobbyConfig& config) {
    Month m;
    m.name = yyyyMm;
    const int y = std::stoi(yyyyMm.substr(0, 4)), mo = std::stoi(yyyyMm.substr(5, 2));
    const int ny = mo == 12 ? y + 1 : y, nm = mo == 12 ? 1 : mo + 1;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-01", y, mo);
    m.first = text;
    std::snprintf(text, sizeof text, "%04d-%02d-01", ny, nm);
    m.next = text;
    m.fromMs = lobby::businessDayStart(lobby::daysFromCivil(y, mo, 1), config);
    m.toMs = lobby::businessDayStart(lobby::daysFromCivil(ny, nm, 1), config);
    return m;
}

// The rows of `m` in the log (schema "main") or the archive ("a"), inside the connection's transaction.
MonthRows rowsOf(LogDb& db, const std::string& schema, const Month& m, std::string& error) {
    MonthRows r;
    auto count = [&](const std::string& table, const char* where, std::vector<LogDb::Bind> binds) {
        const std::string sql = "SELECT count(*) FROM " + schema + "." + table + " WHERE " + where;
        return db.number(sql.c_str(), binds, error);
    };
    const char* days = "business_day >= ?1 AND business_day < ?2";
    r.events = count("events", days, {m.first, m.next});
    r.estimates = count("estimates", days, {m.first, m.next});
    r.anomalies = count("anomalies", days, {m.first, m.next});
    r.rejects = count("rejects", "received_at >= ?1 AND received_at < ?2", {m.fromMs, m.toMs});
    const std::string distinct = "SELECT count(*) FROM (SELECT DISTINCT business_day FROM " + schema + ".events WHERE " + days + ")";
    r.days = static_cast<int>(db.number(distinct.c_str(), {m.first, m.next}, error));
    return r;
}

// The earliest month with rows to archive, or "".
std::string firstMonth(LogDb& db, const lobby::LobbyConfig& config, std::string& error) {
    std::string day = db.text(
        "SELECT min(d) FROM (SELECT min(business_day) AS d FROM events UNION ALL SELECT min(business_day) FROM estimates"
        " UNION ALL SELECT min(business_day) FROM anomalies)", {}, error);
    const long long firstReject = db.number("SELECT coalesce(min(received_at), -1) FROM rejects", {}, error);
    if (firstReject >= 0) {
        const std::string rejectDay = lobby::businessDayOf(firstReject, config);
        if (day.empty() || rejectDay < day) day = rejectDay;
    }
    return day.size() >= 7 ? day.substr(0, 7) : "";
}

// Copies the month into the empty log `archive` (attached as "a"), in one read transaction of the source.
std::string copyMonth(LogDb& db, const std::string& archive, const Month& m, MonthRows& copied) {
    std::string e = db.run("ATTACH ?1 AS a", {archive});
    if (!e.empty()) return e;
    const char* const copies[] = {
        "INSERT INTO a.events SELECT * FROM main.events WHERE business_day >= ?1 AND business_day < ?2",
        "INSERT INTO a.estimates SELECT * FROM main.estimates WHERE business_day >= ?1 AND business_day < ?2",
        "INSERT INTO a.anomalies SELECT * FROM main.anomalies WHERE business_day >= ?1 AND business_day < ?2",
        "INSERT INTO a.day_totals SELECT * FROM main.day_totals WHERE business_day >= ?1 AND business_day < ?2",
        // Copies of what stays in the log, so that the archive is a log a report can be made from on its own.
        "INSERT INTO a.incidents SELECT * FROM main.incidents WHERE business_day >= ?1 AND business_day < ?2",
        "INSERT INTO a.incident_steps SELECT * FROM main.incident_steps WHERE incident IN"
        " (SELECT id FROM main.incidents WHERE business_day >= ?1 AND business_day < ?2)",
        "INSERT INTO a.actions SELECT * FROM main.actions WHERE business_day >= ?1 AND business_day < ?2",
        "INSERT INTO a.complaints SELECT * FROM main.complaints WHERE received_day >= ?1 AND received_day < ?2",
    };
    e = db.exec("BEGIN");
    for (const char* sql : copies)
        if (e.empty()) e = db.run(sql, {m.first, m.next});
    if (e.empty()) e = db.run("INSERT INTO a.rejects SELECT * FROM main.rejects WHERE received_at >= ?1 AND received_at < ?2", {m.fromMs, m.toMs});
    if (e.empty()) e = db.run("INSERT INTO a.meta (key, value) VALUES ('archive_of_month', ?1)", {m.name});
    if (e.empty()) e = db.exec("COMMIT");
    else db.exec("ROLLBACK");
    if (e.empty()) copied = rowsOf(db, "a", m, e);
    if (e.empty()) {
        std::string result = db.text("PRAGMA a.integrity_check", {}, e);
        if (e.empty() && result != "ok") e = "integrity_check of the copy: " + result;
    }
    std::string detach = db.exec("DETACH a");
    return e.empty() ? detach : e;
}

// gzip-compresses `from` into `to` (0600, fsynced), then reads `to` back and compares it with `from`.
std::string compress(const std::string& from, const std::string& to) {
    FILE* in = std::fopen(from.c_str(), "rb");
    if (!in) return "cannot read " + from + ": " + errnoText();
    const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::fclose(in);
        return "cannot create " + to + ": " + errnoText();
    }
    const int gzFd = ::dup(fd);
    gzFile out = gzFd >= 0 ? gzdopen(gzFd, "wb6") : nullptr;
    QCryptographicHash original(QCryptographicHash::Sha256);
    std::vector<char> buffer(1 << 20);
    std::string error;
    long long written = 0;
    if (!out) error = "cannot start compressing into " + to;
    while (error.empty()) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
        if (n == 0) {
            if (std::ferror(in)) error = "cannot read " + from + ": " + errnoText();
            break;
        }
        original.addData(QByteArrayView(buffer.data(), static_cast<qsizetype>(n)));
        errno = 0;
        if (gzwrite(out, buffer.data(), static_cast<unsigned>(n)) != static_cast<int>(n)) {
            int code = 0;
            const char* what = gzerror(out, &code);
            error = "cannot write " + to + ": " + (code == Z_ERRNO ? errnoText() : std::string(what));
        }
        written += static_cast<long long>(n);
        if (written >= 64 * 1024) killHere("compressing");
    }
    std::fclose(in);
    if (out) {
        errno = 0;
        const int rc = gzclose(out);
        if (error.empty() && rc != Z_OK) error = "cannot write " + to + ": " + (rc == Z_ERRNO ? errnoText() : "compression failed");
    }
    if (error.empty() && ::fsync(fd) != 0) error = "cannot write " + to + ": " + errnoText();
    if (::close(fd) != 0 && error.empty()) error = "cannot write " + to + ": " + errnoText();
    if (!error.empty()) return error;

    // Read back: zlib checks the CRC and length at the end; the SHA-256 must be the original's.
    gzFile back = gzopen(to.c_str(), "rb");
    if (!back) return "cannot read back " + to;
    QCryptographicHash readBack(QCryptographicHash::Sha256);
    int n;
    while ((n = gzread(back, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0)
        readBack.addData(QByteArrayView(buffer.data(), n));
    int code = 0;
    const char* what = gzerror(back, &code);
    const std::string readError = n < 0 ? std::string(what) : "";
    gzclose(back);
    if (!readError.empty()) return "reading back " + to + ": " + readError;
    if (readBack.result() != original.result()) return "reading back " + to + ": it differs from what was written";
    return {};
}

bool syncDirectory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

void removeLog(const std::string& path) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

std::string describe(const MonthRows& r) {
    return "events=" + std::to_string(r.events) + " estimates=" + std::to_string(r.estimates) + " rejects=" +
           std::to_string(r.rejects) + " anomalies=" + std::to_string(r.anomalies) + " days=" + std::to_string(r.days);
}

// One month: archive file written and checked, then removed from the log in one transaction.
std::string archiveMonth(LogDb& db, const std::string& database, const std::string& dir, const Month& m,
                         const lobby::LobbyConfig& config, ArchivedMonth& done) {
    const std::string nothing = "; nothing of " + m.name + " was removed from the log";
    const std::string base = "lobbywatch-events-" + m.name;
    const std::string partial = dir + "/." + base + ".db.partial";
    removeLog(partial);
    {
        auto created = store::EventStore::open(QString::fromStdString(partial), config, store::EventStore::Check::Full,
                                               store::EventStore::Access::Write);
        if (!created.store) {
            removeLog(partial);
            return "cannot create the archive " + partial + ": " + created.error + nothing;
        }
    }
    std::string e;
    {
        LogDb archive(partial, e);
        if (e.empty()) e = archive.exec("PRAGMA journal_mode = DELETE");  // one file, nothing beside it
    }
    MonthRows copied;
    if (e.empty()) e = copyMonth(db, partial, m, copied);
    if (!e.empty()) {
        removeLog(partial);
        return "cannot write the archive " + partial + ": " + e + nothing;
    }

    // The name: a month archived before (its events imported again since) gets the next free number.
    std::string error;
    const std::string earlier = db.text("SELECT value FROM meta WHERE key = ?1", {"archive " + m.name}, error);
    std::string name = dir + "/" + base + ".db.gz";
    for (int n = 2; !earlier.empty() && QFile::exists(QString::fromStdString(name)); ++n)
        name = dir + "/" + base + "-" + std::to_string(n) + ".db.gz";
    const std::string compressing = name + ".partial";
    e = compress(partial, compressing);
    removeLog(partial);
    if (e.empty() && std::rename(compressing.c_str(), name.c_str()) != 0) e = "cannot name " + name + ": " + errnoText();
    if (e.empty() && !syncDirectory(dir)) e = "cannot sync " + dir + ": " + errnoText();
    if (!e.empty()) {
        ::unlink(compressing.c_str());
        return e + nothing;
    }
    struct stat st {};
    done.month = m.name;
    done.file = name;
    done.rows = copied;
    done.bytes = ::stat(name.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : 0;

    const auto removing = std::chrono::steady_clock::now();
    // Removed in one transaction, only if the log still holds exactly what the archive holds, every day with its totals.
    e = db.exec("BEGIN IMMEDIATE");
    if (!e.empty()) return "cannot remove " + m.name + " from " + database + ": " + e + nothing + " (the archive " + name + " is kept)";
    MonthRows now = rowsOf(db, "main", m, e);
    long long withoutTotals = 0;
    if (e.empty())
        withoutTotals = db.number("SELECT count(*) FROM (SELECT DISTINCT business_day AS d FROM events WHERE business_day >= ?1"
                                  " AND business_day < ?2) WHERE NOT EXISTS (SELECT 1 FROM day_totals WHERE business_day = d)",
                                  {m.first, m.next}, e);
    if (e.empty() && !(now == copied))
        e = "the log's rows of " + m.name + " changed while it was archived (" + describe(now) + " against " + describe(copied) +
            " in the archive; an import?)";
    if (e.empty() && withoutTotals > 0) e = std::to_string(withoutTotals) + " days of " + m.name + " have no kept report totals";
    const char* const deletes[] = {
        "DELETE FROM events WHERE business_day >= ?1 AND business_day < ?2",
        "DELETE FROM estimates WHERE business_day >= ?1 AND business_day < ?2",
        "DELETE FROM anomalies WHERE business_day >= ?1 AND business_day < ?2",
    };
    for (const char* sql : deletes)
        if (e.empty()) e = db.run(sql, {m.first, m.next});
    if (e.empty()) e = db.run("DELETE FROM rejects WHERE received_at >= ?1 AND received_at < ?2", {m.fromMs, m.toMs});
    const std::string record = (earlier.empty() ? "" : earlier + "; ") + name.substr(name.rfind('/') + 1) + " " + describe(copied);
    if (e.empty()) e = db.run("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", {"archive " + m.name, record});
    if (e.empty()) killHere("before-commit");
    if (e.empty()) e = db.exec("COMMIT");
    if (!e.empty()) {
        db.exec("ROLLBACK");
        return "cannot remove " + m.name + " from " + database + ": " + e + nothing + " (the archive " + name + " is kept)";
    }
    done.removeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - removing).count();
    return {};
}

}  // namespace

std::string firstKeptDay(const std::string& today, int years) {
    int y = std::stoi(today.substr(0, 4)) - years;
    const int m = std::stoi(today.substr(5, 2));
    int d = std::stoi(today.substr(8, 2));
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) d = 28;
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    return text;
}

ArchiveRun archiveMonthsBefore(const std::string& database, const std::string& dir, const std::string& firstKept,
                               const lobby::LobbyConfig& config,
                               const std::function<std::string(const std::string&, const std::string&)>& keepTotals,
                               const std::function<void(const ArchivedMonth&)>& archivedOne) {
    ArchiveRun run;
    // A new archive directory is private: the archives hold what the log holds.
    const bool fresh = !QFileInfo::exists(QString::fromStdString(dir));
    if (!QDir().mkpath(QString::fromStdString(dir)) || (fresh && ::chmod(dir.c_str(), 0700) != 0)) {
        run.error = "cannot create the archive directory " + dir + " (nothing was removed from the log)";
        return run;
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        run.error = "cannot write in the archive directory " + dir + ": " + errnoText() + " (nothing was removed from the log)";
        return run;
    }
    LogDb db(database, run.error);
    if (!db) return run;
    const std::string cut = firstKept.substr(0, 7);
    std::string last;
    for (;;) {
        std::string month = firstMonth(db, config, run.error);
        if (!run.error.empty() || month.empty() || month >= cut) break;
        if (month == last) {  // archived, yet rows are there again: never loop
            run.error = "the log still has rows of " + month + " after archiving it";
            break;
        }
        last = month;
        const Month m = monthOf(month, config);
        run.error = keepTotals(m.first, report::addDays(m.next, -1));
        if (!run.error.empty()) {
            run.error = "cannot keep the report totals of " + month + ": " + run.error + " (nothing of it was removed)";
            break;
        }
        ArchivedMonth done;
        run.error = archiveMonth(db, database, dir, m, config, done);
        if (!run.error.empty()) break;
        run.archived.push_back(done);
        if (archivedOne) archivedOne(done);
    }
    return run;
}

std::string expandArchive(const std::string& archive, const std::string& to) {
    gzFile in = gzopen(archive.c_str(), "rb");
    if (!in) return "cannot read " + archive + ": " + errnoText();
    const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        gzclose(in);
        return "cannot create " + to + ": " + errnoText();
    }
    std::vector<char> buffer(1 << 20);
    std::string error;
    int n;
    while ((n = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0)
        if (::write(fd, buffer.data(), static_cast<std::size_t>(n)) != n) {
            error = "cannot write " + to + ": " + errnoText();
            break;
        }
    if (n < 0 && error.empty()) {
        int code = 0;
        error = "cannot read " + archive + ": " + gzerror(in, &code);
    }
    gzclose(in);
    if (::close(fd) != 0 && error.empty()) error = "cannot write " + to + ": " + errnoText();
    if (!error.empty()) ::unlink(to.c_str());
    return error;
}

}  // namespace lw::backup
