// Retention on three years of a busy branch (the log bench_reports makes: a simulated city year imported through the
// shared path, copied a year and two years on): reports on the two old years, a month and a range across the cut,
// before and after the two old years are archived; each archive read back; the time and the removal's write lock.
#include "backup/Archive.h"
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "ThreeYearLog.h"
#include "app/ReportData.h"
#include "report/ReportFormat.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace lw;

namespace {

long long count(const QString& db, const QString& sql) {
    long long n = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "count");
        d.setDatabaseName(db);
        d.open();
        QSqlQuery q(d);
        if (q.exec(sql) && q.next()) n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase("count");
    return n;
}

std::string reportOf(const QString& db, const lobby::LobbyConfig& config, const std::string& from, const std::string& to) {
    auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
    return report::toJson(app::loadReport(*opened.store, config, from, to, "2099-01-01").report);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int yearDays = bench::yearDaysOf(argc, argv);
    QTemporaryDir dir;
    const QString db = dir.path() + "/three-years.db";
    const lobby::LobbyConfig config = bench::threeYearConfig();
    // As bench_reports, but two years earlier, so that the first two years are in the past (the archive refuses a
    // cut-off after today).
    bench::makeThreeYearLog(db, config, lobby::daysFromCivil(2023, 1, 2), yearDays);
    const long long events = count(db, "SELECT count(*) FROM events");
    std::printf("events: %lld\n", events);
    std::printf("db_mb: %.1f\n", static_cast<double>(QFileInfo(db).size()) / 1e6);
    std::string lastDay;
    {
        auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred);
        lastDay = opened.store->lastBusinessDay();
        // What the kiosk does each night and import/replay at their end: every closed day's totals kept.
        app::keepDayTotals(*opened.store, config, opened.store->firstBusinessDay(), lastDay, "2099-01-01");
    }
    const std::vector<std::pair<std::string, std::string>> ranges = {
        {"2023-01-01", "2023-12-31"}, {"2024-01-01", "2024-12-31"}, {"2023-06-01", "2023-06-30"}, {"2024-11-15", "2025-02-15"}};
    std::vector<std::string> before;
    for (const auto& [from, to] : ranges) before.push_back(reportOf(db, config, from, to));

    const std::string archiveDir = (dir.path() + "/archive").toStdString();
    QElapsedTimer took;
    took.start();
    double longestRemoval = 0;
    long long archiveBytes = 0, archivedEvents = 0;
    auto keep = [&](const std::string& from, const std::string& to) -> std::string {
        auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred);
        app::keepDayTotals(*opened.store, config, from, to, "2025-01-01");
        return {};
    };
    const auto run = backup::archiveMonthsBefore(db.toStdString(), archiveDir, "2025-01-01", config, keep,
                                                 [&](const backup::ArchivedMonth& m) {
                                                     longestRemoval = std::max(longestRemoval, m.removeSeconds);
                                                     archiveBytes += m.bytes;
                                                     archivedEvents += m.rows.events;
                                                 });
    const double seconds = static_cast<double>(took.elapsed()) / 1e3;
    if (!run.error.empty()) {
        std::printf("archive_error: %s\n", run.error.c_str());
        return 1;
    }
    std::printf("archived_months: %zu (%lld events) in %.1f s\n", run.archived.size(), archivedEvents, seconds);
    std::printf("archive_mb: %.1f (gzip)\n", static_cast<double>(archiveBytes) / 1e6);
    std::printf("longest_removal_transaction_s: %.2f\n", longestRemoval);
    std::printf("events_left: %lld (+ archived = %s)\n", count(db, "SELECT count(*) FROM events"),
                count(db, "SELECT count(*) FROM events") + archivedEvents == events ? "all" : "NOT ALL");
    bool same = true;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const bool equal = reportOf(db, config, ranges[i].first, ranges[i].second) == before[i];
        std::printf("report_%s_%s_equal_after: %s\n", ranges[i].first.c_str(), ranges[i].second.c_str(), equal ? "yes" : "NO");
        same = same && equal;
    }
    // Read back: each archive expanded; its events are the month's.
    long long readBack = 0;
    for (const auto& m : run.archived) {
        const QString expanded = dir.path() + "/read-back.db";
        QFile::remove(expanded);
        if (auto e = backup::expandArchive(m.file, expanded.toStdString()); !e.empty()) {
            std::printf("read_back_error: %s\n", e.c_str());
            return 1;
        }
        readBack += count(expanded, "SELECT count(*) FROM events");
    }
    std::printf("archives_read_back_events: %lld (%s)\n", readBack, readBack == archivedEvents ? "equal" : "DIFFER");
    std::printf("db_mb_after: %.1f (free pages reused by new events; VACUUM to shrink)\n", static_cast<double>(QFileInfo(db).size()) / 1e6);
    return same && readBack == archivedEvents ? 0 : 1;
}
