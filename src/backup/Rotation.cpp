// Backup rotation: newest per day for the last days, newest per month for the last months.
#include "backup/Rotation.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace lw::backup {

std::string backupName(const std::string& stamp) { return "lobbywatch-" + stamp + ".db"; }

std::optional<std::string> stampOf(const std::string& fileName) {
    const std::string prefix = "lobbywatch-", suffix = ".db";
    if (fileName.size() != prefix.size() + 15 + suffix.size()) return std::nullopt;
    if (fileName.compare(0, prefix.size(), prefix) != 0 || fileName.compare(fileName.size() - 3, 3, suffix) != 0)
        return std::nullopt;
    std::string stamp = fileName.substr(prefix.size(), 15);
    for (std::size_t i = 0; i < stamp.size(); ++i) {
        if (i == 8 ? stamp[i] != '-' : !std::isdigit(static_cast<unsigned char>(stamp[i]))) return std::nullopt;
    }
    return stamp;
}

std::vector<std::string> backupsToDelete(const std::vector<std::string>& fileNames, int keepDaily, int keepMonthly) {
    std::vector<std::string> stamps;
    for (const auto& name : fileNames)
        if (auto s = stampOf(name)) stamps.push_back(*s);
    std::sort(stamps.begin(), stamps.end(), std::greater<>());  // newest first
    std::set<std::string> keep, days, months;
    for (const auto& s : stamps) {
        const std::string day = s.substr(0, 8), month = s.substr(0, 6);
        if (!days.count(day) && static_cast<int>(days.size()) < keepDaily) {
            days.insert(day);
            keep.insert(s);
        }
        if (!months.count(month) && static_cast<int>(months.size()) < keepMonthly) {
            months.insert(month);
            keep.insert(s);
        }
    }
    std::vector<std::string> out;
    for (const auto& s : stamps)
        if (!keep.count(s)) out.push_back(backupName(s));
    return out;
}

}  // namespace lw::backup
