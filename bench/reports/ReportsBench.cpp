// Reports on three years of a busy branch: a simulated year (the city profile) imported through the shared path,
// copied twice a year and two years on (>= 1.5 M tickets). A month's and a year's report, each beside the
// previous period: the first time (every day read from its events, its totals kept) and again (kept totals).
// Prints the database size and each report query's plan.
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "app/ReportData.h"
#include "ThreeYearLog.h"
#include "sim/Wire.h"

#include <QCoreApplication>
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

struct Measure {
    double ms = 0;
    app::ReportLoad load;
};

Measure timeReport(store::EventStore& s, const lobby::LobbyConfig& config, const std::string& from, const std::string& to) {
    QElapsedTimer t;
    t.start();
    Measure m;
    m.load = app::loadReport(s, config, from, to, "2099-01-01");
    m.ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int yearDays = bench::yearDaysOf(argc, argv);
    QTemporaryDir dir;
    const QString db = dir.path() + "/three-years.db";
    const lobby::LobbyConfig config = bench::threeYearConfig();
    const std::int64_t firstDay = lobby::daysFromCivil(2026, 1, 5);
    bench::makeThreeYearLog(db, config, firstDay, yearDays);
    std::string lastDay;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "plans");
        d.setDatabaseName(db);
        d.open();
        QSqlQuery q(d);
        q.exec("SELECT COUNT(*), MAX(business_day) FROM events");
        q.next();
        std::printf("events: %lld\n", q.value(0).toLongLong());
        lastDay = q.value(1).toString().toStdString();
        q.exec("SELECT COUNT(*) FROM events WHERE kind = 'issued'");
        q.next();
        std::printf("tickets: %lld\n", q.value(0).toLongLong());
        std::printf("db_mb: %.1f\n", static_cast<double>(QFileInfo(db).size()) / 1e6);
        // Each report query's plan: every one must be served by an index (no full scan of a table).
        const char* const queries[][2] = {
            {"events", "SELECT received_at FROM events WHERE business_day BETWEEN '2028-01-01' AND '2028-01-31' ORDER BY business_day, id"},
            {"estimates", "SELECT issued_at FROM estimates WHERE business_day BETWEEN '2028-01-01' AND '2028-01-31' ORDER BY business_day, id"},
            {"incidents", "SELECT raised_at FROM incidents WHERE business_day BETWEEN '2028-01-01' AND '2028-01-31' ORDER BY id"},
            {"incident_steps", "SELECT MIN(at) FROM incident_steps s WHERE s.incident = 1 AND s.state = 'acknowledged'"},
            {"complaints", "SELECT id FROM complaints WHERE received_day BETWEEN '2028-01-01' AND '2028-01-31' ORDER BY id"},
            {"day_totals", "SELECT bytes FROM day_totals WHERE business_day = '2028-01-05'"},
        };
        for (const auto& [name, sql] : queries) {
            q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + QString::fromLatin1(sql));
            QString plan;
            while (q.next()) plan += (plan.isEmpty() ? "" : "; ") + q.value(3).toString();
            const bool indexed = plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX") || plan.contains("PRIMARY KEY");
            std::printf("plan_%s: %s%s\n", name, plan.toUtf8().constData(), indexed ? "" : "  <-- NOT INDEXED");
        }
        q.finish();
        q = QSqlQuery();
        d.close();
        d = QSqlDatabase();
        QSqlDatabase::removeDatabase("plans");
    }
    auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred);
    // The last full month and the last year (300+ days) of the three.
    const std::string monthTo = lastDay.substr(0, 8) + "01" < lastDay ? report::addDays(lastDay.substr(0, 8) + "01", -1) : lastDay;
    const std::string monthFrom = monthTo.substr(0, 8) + "01";
    const std::string yearTo = lastDay, yearFrom = report::addDays(lastDay, -363);
    // The first report of a month nobody reported before, with no kept totals: every day read from its events.
    Measure monthCold = timeReport(*opened.store, config, monthFrom, monthTo);
    // What import and replay do at their end (and the kiosk each night for the day that closed): keep every closed
    // day's totals.
    QElapsedTimer keep;
    keep.start();
    int kept = app::keepDayTotals(*opened.store, config, opened.store->firstBusinessDay(), lastDay, "2099-01-01");
    const double keepS = static_cast<double>(keep.nsecsElapsed()) / 1e9;
    std::vector<double> months, years;
    Measure month, year;
    for (int i = 0; i < 5; ++i) {
        month = timeReport(*opened.store, config, monthFrom, monthTo);
        months.push_back(month.ms);
        year = timeReport(*opened.store, config, yearFrom, yearTo);
        years.push_back(year.ms);
    }
    std::sort(months.begin(), months.end());
    std::sort(years.begin(), years.end());
    std::printf("month: %s..%s, %d tickets (beside the month before)\n", monthFrom.c_str(), monthTo.c_str(),
                month.load.report.current.all.issued);
    std::printf("month_without_kept_totals_ms: %.0f (%zu events read)\n", monthCold.ms, monthCold.load.eventsRead);
    std::printf("keep_all_day_totals_s: %.1f (%d days)\n", keepS, kept);
    std::printf("month_ms_median_of_5: %.1f (%d days from kept totals)\n", months[2], month.load.daysFromCache);
    std::printf("year: %s..%s, %d tickets (beside the year before)\n", yearFrom.c_str(), yearTo.c_str(),
                year.load.report.current.all.issued);
    std::printf("year_ms_median_of_5: %.1f (%d days from kept totals)\n", years[2], year.load.daysFromCache);
    std::printf("same_month_figures_with_and_without_kept_totals: %s\n",
                monthCold.load.report.current.all.meanWaitS == month.load.report.current.all.meanWaitS &&
                        monthCold.load.report.current.all.p90WaitS == month.load.report.current.all.p90WaitS &&
                        monthCold.load.report.current.all.issued == month.load.report.current.all.issued
                    ? "yes"
                    : "NO");
    std::printf("db_with_totals_mb: %.1f\n", static_cast<double>(QFileInfo(db).size()) / 1e6);
    return 0;
}
