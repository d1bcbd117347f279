// The branch head's report for the manager's screen, as the maps the report page reads.
#include "app/ReportView.h"

#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "app/ReportData.h"

#include <QElapsedTimer>
#include <QVariantList>

#include <cstdio>

namespace lw::app {

QVariantMap reportForScreen(store::EventStore& store, const lobby::LobbyConfig& config, const QString& range,
                            lobby::TimeMs now, std::string& period) {
    const std::string today = lobby::businessDayOf(now, config);
    std::string from, to = today;
    if (range == QLatin1String("month")) {
        from = today.substr(0, 8) + "01";
    } else if (range == QLatin1String("last_month")) {
        to = report::addDays(today.substr(0, 8) + "01", -1);
        from = to.substr(0, 8) + "01";
    } else {
        from = report::addDays(today, -6);
    }
    const std::string previousFrom = report::previousPeriod(from, to).first;
    QElapsedTimer took;
    took.start();
    const report::Report r = loadReport(store, config, from, to, today, now).report;
    period = from + ".." + to;

    auto category = [](const report::CategoryFigures& c, const report::CategoryFigures* before) {
        return QVariantMap{{"code", QString::fromStdString(c.code)},
                           {"nameZh", QString::fromStdString(c.nameZh)},
                           {"nameEn", QString::fromStdString(c.nameEn)},
                           {"issued", c.issued},
                           {"served", c.served},
                           {"meanWaitMin", c.meanWaitS / 60},
                           {"p90WaitMin", c.p90WaitS / 60},
                           {"maxWaitMin", c.maxWaitS / 60},
                           {"withinTarget", c.withinTarget * 100},
                           {"noShowRate", c.noShowRate * 100},
                           {"abandonRate", c.abandonRate * 100},
                           {"prevIssued", before ? before->issued : 0},
                           {"prevMeanWaitMin", before ? before->meanWaitS / 60 : 0.0},
                           {"prevWithinTarget", before ? before->withinTarget * 100 : 0.0}};
    };
    auto previousOf = [&](const std::string& code) -> const report::CategoryFigures* {
        if (code == "*") return &r.previous.all;
        for (const auto& c : r.previous.categories)
            if (c.code == code) return &c;
        return nullptr;
    };
    QVariantList categories;
    for (const auto& c : r.current.categories) categories.push_back(category(c, previousOf(c.code)));
    categories.push_back(category(r.current.all, &r.previous.all));
    QVariantList windows;
    for (const auto& w : r.current.windows) {
        double paused = 0;
        for (const auto& [reason, s] : w.pausedS) paused += s;
        windows.push_back(QVariantMap{{"number", w.number},
                                      {"served", w.served},
                                      {"meanServiceMin", w.meanServiceS / 60},
                                      {"meanWalkS", w.meanWalkS},
                                      {"openH", w.openS / 3600},
                                      {"pausedH", paused / 3600},
                                      {"idleWaitingH", w.idleWhileWaitingS / 3600},
                                      {"queueJumps", w.queueJumps}});
    }
    QVariantList heat;
    for (int d = 0; d < 7; ++d) {
        QVariantList row;
        for (int h = 7; h <= 20; ++h)
            row.push_back(r.current.heat[d][h].tickets > 0 ? r.current.heat[d][h].meanWaitS / 60 : -1.0);
        heat.push_back(row);
    }
    QVariantList incidentRows;
    for (const auto& f : r.current.incidents)
        incidentRows.push_back(QVariantMap{{"kind", QString::fromStdString(f.kind)},
                                           {"count", f.count},
                                           {"neverAcknowledged", f.neverAcknowledged},
                                           {"escalated", f.escalated},
                                           {"meanAckMin", f.acknowledged ? QVariant(f.meanAckS / 60) : QVariant()}});
    const auto& c = r.current.complaints;
    std::fprintf(stderr, "lobbywatch: report %s..%s for the screen in %lld ms\n", from.c_str(), to.c_str(),
                 static_cast<long long>(took.elapsed()));
    return {{"ok", true},
            {"from", QString::fromStdString(from)},
            {"to", QString::fromStdString(to)},
            {"previousFrom", QString::fromStdString(previousFrom)},
            {"categories", categories},
            {"windows", windows},
            {"heat", heat},
            {"incidents", incidentRows},
            {"complaints", QVariantMap{{"count", c.count},
                                       {"afterWaitAlert", c.afterWaitAlert},
                                       {"answeredOnTime", c.answeredOnTime},
                                       {"answeredLate", c.answeredLate},
                                       {"open", c.open}}}};
}

}  // namespace lw::app
