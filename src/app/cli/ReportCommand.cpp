// lobbywatch report: the branch head's report of a range of business days as CSV, JSON or PDF.
#include "app/cli/ReportCommand.h"

#include "app/cli/CommandSupport.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "app/ReportData.h"
#include "report/ReportFormat.h"
#include "app/ReportPdf.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

namespace lw::app {

using namespace command;

int reportCommand(const QCommandLineParser& cli, const kiosk::KioskConfig& config) {
    const QString from = cli.value("from"), to = cli.value("to"), format = cli.value("format").toLower(), out = cli.value("out");
    if (!isDay(from)) return fail(kExitUsage, "report: --from: expected a date YYYY-MM-DD");
    if (!isDay(to)) return fail(kExitUsage, "report: --to: expected a date YYYY-MM-DD");
    if (to < from) return fail(kExitUsage, "report: --to is before --from");
    if (format != "csv" && format != "json" && format != "pdf") return fail(kExitUsage, "report: --format: expected csv, json or pdf");
    if (out.isEmpty()) return fail(kExitUsage, "report: give the output file with --out FILE");
    const QString lang = cli.isSet("lang") ? cli.value("lang") : QStringLiteral("zh_CN");
    if (lang != "zh_CN" && lang != "en") return fail(kExitUsage, "report: --lang: expected zh_CN or en");
    if (!QFile::exists(QString::fromStdString(config.database)))
        return fail(1, "report: no event log at " + config.database);
    int exitCode = 0;
    auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode, store::EventStore::Check::Deferred,
                           store::EventStore::Access::Read);
    if (!store) return exitCode;
    const std::string f = from.toStdString(), t = to.toStdString();
    const int days = report::daysBetween(f, t);
    QElapsedTimer took;
    took.start();
    const std::string today = lobby::businessDayOf(QDateTime::currentMSecsSinceEpoch(), config.lobby);
    app::ReportLoad load = app::loadReport(*store, config.lobby, f, t, today, QDateTime::currentMSecsSinceEpoch());
    load.report.branchName = config.branch.name;
    load.report.branchId = config.branch.identifier;
    const report::Report& r = load.report;
    const report::Lang l = lang == "en" ? report::Lang::En : report::Lang::Zh;
    if (format == "pdf") {
        QString error;
        if (!app::writeReportPdf(r, l, out, error)) return fail(1, "report: " + error.toStdString());
    } else {
        const std::string text = format == "csv" ? report::toCsv(r, l) : report::toJson(r);
        QFile file(out);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.flush())
            return fail(1, "report: cannot write " + out.toStdString() + ": " + file.errorString().toStdString());
    }
    std::fprintf(stderr, "lobbywatch: report %s..%s (%d days, %d tickets; %d days from kept totals, %d from %zu events) "
                 "written to %s in %lld ms\n", f.c_str(), t.c_str(), days, r.current.all.issued, load.daysFromCache,
                 load.daysComputed, load.eventsRead, out.toUtf8().constData(), static_cast<long long>(took.elapsed()));
    return 0;
}

}  // namespace lw::app
