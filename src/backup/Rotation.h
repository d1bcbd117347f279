// Which backups to keep: the newest of each of the last N days and of each of the last M months (plain C++).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lw::backup {

// A backup's file name: lobbywatch-YYYYMMDD-HHMMSS.db (the local time it was taken).
std::string backupName(const std::string& stamp);
// "YYYYMMDD-HHMMSS" from a backup's file name; nullopt for any other file.
std::optional<std::string> stampOf(const std::string& fileName);

// The backups among `fileNames` to delete: every one that is neither the newest of one of the `keepDaily` most
// recent days that have a backup, nor the newest of one of the `keepMonthly` most recent months. Counted in days
// and months that have backups, not back from today, so that a kiosk left off for a month still keeps its last
// backups. Files that are not backups are never named.
std::vector<std::string> backupsToDelete(const std::vector<std::string>& fileNames, int keepDaily, int keepMonthly);

}  // namespace lw::backup
