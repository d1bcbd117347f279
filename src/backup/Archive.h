// Retention: whole months of old events moved out of the event log into compressed archive files, their day totals
// kept in the log so that reports on those days still work.
#pragma once

#include "lobby/LobbyConfig.h"

#include <functional>
#include <string>
#include <vector>

namespace lw::backup {

// The first business day a log keeps when it keeps `years` years before `today` (same month and day; 29 February
// becomes the 28th).
std::string firstKeptDay(const std::string& today, int years);

// Rows of one month, in the log or in its archive.
struct MonthRows {
    long long events = 0, estimates = 0, rejects = 0, anomalies = 0;
    int days = 0;  // business days with events
    bool operator==(const MonthRows& o) const {
        return events == o.events && estimates == o.estimates && rejects == o.rejects && anomalies == o.anomalies && days == o.days;
    }
};

struct ArchivedMonth {
    std::string month;  // YYYY-MM
    std::string file;   // DIR/lobbywatch-events-YYYY-MM.db.gz
    MonthRows rows;
    long long bytes = 0;  // of the compressed file
    double removeSeconds = 0;  // the removal's transaction (the log's write lock held), for figures
};

struct ArchiveRun {
    std::string error;  // empty: every month before the cut-off was archived (or there was none)
    std::vector<ArchivedMonth> archived;
};

// Archives every whole month before the month of `firstKept` ("YYYY-MM-DD"), oldest first, one month at a time:
//  1. keepTotals(first, last) keeps the report totals of that month's days (the caller's report code); every day with
//     events must then have them, or nothing is removed;
//  2. the month's events, estimates, rejects and anomalies, with copies of its day totals, incidents, staff actions
//     and complaints, are copied into a new LobbyWatch log (one read transaction of the source, so one moment while
//     the kiosk writes), checked (integrity_check, row counts), gzip-compressed beside it, the compressed copy read
//     back and compared byte for byte, and only then named DIR/lobbywatch-events-YYYY-MM.db.gz;
//  3. in one transaction of the log: the month's rows counted again (equal to the archive's, else nothing is
//     removed), its events, estimates, rejects and anomalies deleted, and the archive recorded in `meta`
//     ("archive YYYY-MM"). Killed before the commit, the log keeps everything; run again, the month is archived again.
// Incidents, actions and complaints stay in the log (reports read them; they are small). Stops at the first error,
// with a message that names the file and says that nothing more was removed.
ArchiveRun archiveMonthsBefore(const std::string& database, const std::string& dir, const std::string& firstKept,
                               const lobby::LobbyConfig& config,
                               const std::function<std::string(const std::string&, const std::string&)>& keepTotals,
                               const std::function<void(const ArchivedMonth&)>& archivedOne = {});

// Decompresses an archive (FILE.db.gz) to `to` (mode 0600); "" or why not.
std::string expandArchive(const std::string& archive, const std::string& to);

}  // namespace lw::backup
