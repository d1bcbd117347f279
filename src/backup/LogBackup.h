// Backups of the event log: a consistent copy while the kiosk writes (SQLite's online backup API), checked, and
// a restore that refuses a copy that fails its check.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lw::backup {

// What a log holds, to compare a copy with its source: the schema, the last event, and each business day's
// event counts by kind (issued, called, finished, ...) and its kept report totals.
struct LogFigures {
    int schema = 0;
    long long lastEventId = 0;
    std::map<std::string, std::map<std::string, long long>> days;  // business day -> kind -> events
    std::map<std::string, long long> keptTotalsBytes;               // business day -> size of its day_totals row
    bool operator==(const LogFigures& o) const {
        return schema == o.schema && lastEventId == o.lastEventId && days == o.days && keptTotalsBytes == o.keptTotalsBytes;
    }
    bool operator!=(const LogFigures& o) const { return !(*this == o); }
    long long events() const;
};

struct BackupResult {
    std::string error;  // empty: done
    std::string file;   // DIR/lobbywatch-STAMP.db, with its check beside it (.check)
    LogFigures figures;
    double seconds = 0;
};

// Copies `database` to DIR/lobbywatch-STAMP.db while others may write it: the copy is of one moment (one read
// transaction of the source), written under a temporary name, checked (integrity_check; the figures equal the
// source's at that moment), its SHA-256 and figures written beside it (.check), and only then renamed into place.
BackupResult takeBackup(const std::string& database, const std::string& dir, const std::string& stamp);

// "" if `file` passes its check (its .check file is there, its SHA-256 and figures are what they were when it was
// taken, integrity_check says ok, its schema is not newer than this build's); else why not.
std::string checkBackup(const std::string& file, LogFigures* figures = nullptr);

// The processes (pid and command) that have `database` open, as far as /proc shows them.
std::vector<std::string> processesUsing(const std::string& database);

struct RestoreResult {
    std::string error;
    std::string keptAside;  // the log that was there, moved aside (empty: there was none)
    LogFigures figures;
};
// Puts `backup` in the place of `database` after checking it; refuses while a process has the log open. The log
// that was there is kept as DATABASE.before-restore-STAMP (with its -wal if any).
RestoreResult restoreBackup(const std::string& backup, const std::string& database, const std::string& stamp);

// Figures of a log (read in one transaction); false with `error` set when it cannot be read.
bool readFigures(const std::string& database, LogFigures& figures, std::string& error);

// Deletes the backups in `dir` that rotation does not keep (and their .check files); returns their names.
std::vector<std::string> rotateBackups(const std::string& dir, int keepDaily, int keepMonthly, std::string& error);

}  // namespace lw::backup
