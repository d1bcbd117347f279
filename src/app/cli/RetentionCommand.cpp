// The archive command: [retention] years of events kept in the log, older whole months moved to archive files.
#include "app/cli/RetentionCommand.h"

#include "backup/Archive.h"
#include "store/EventStore.h"
#include "lobby/LocalTime.h"
#include "app/ReportData.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace lw::app {

namespace {

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

}  // namespace

void addRetentionOptions(QCommandLineParser& cli) {
    cli.addOptions({
        {"keep-years", "archive: years of events the log keeps (default [retention] years, 5).", "N"},
        {"before", "archive: archive the whole months before the month of this day instead.", "YYYY-MM-DD"},
    });
}

bool isRetentionCommand(const QStringList& args) { return !args.isEmpty() && args[0] == "archive"; }

int retentionCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    constexpr int usage = 2;
    if (args.size() != 1) return fail(usage, "archive takes no other arguments (see --help)");
    if (!cli.isSet("db") && !cli.isSet("config")) return fail(usage, "archive: give the event log with --db FILE or --config FILE");
    if (cli.isSet("keep-years") && cli.isSet("before")) return fail(usage, "archive: give --keep-years or --before, not both");
    const std::string today = lobby::businessDayOf(QDateTime::currentMSecsSinceEpoch(), config.lobby);
    int years = config.retention.years;
    std::string firstKept;
    if (cli.isSet("before")) {
        static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        const QString before = cli.value("before");
        if (!day.match(before).hasMatch() || !lobby::parseLocalTime(before.toStdString() + "T00:00:00", 0))
            return fail(usage, "archive: --before: expected a date YYYY-MM-DD");
        firstKept = before.toStdString();
    } else {
        if (cli.isSet("keep-years")) {
            bool ok = false;
            years = cli.value("keep-years").toInt(&ok);
            if (!ok || years < 1 || years > 100) return fail(usage, "archive: --keep-years: expected 1..100");
        }
        firstKept = backup::firstKeptDay(today, years);
    }
    if (firstKept > today) return fail(usage, "archive: --before " + firstKept + " is after today (" + today + ")");
    if (!QFileInfo::exists(QString::fromStdString(config.database))) return fail(1, "archive: no event log at " + config.database);
    std::string dir = cli.isSet("to") ? cli.value("to").toStdString() : config.retention.archiveDir;
    if (dir.empty()) dir = QFileInfo(QString::fromStdString(config.database)).absolutePath().toStdString() + "/archive";

    // A small writer beside the kiosk: each day's report totals, then each month's removal, are one short transaction.
    auto opened = store::EventStore::open(QString::fromStdString(config.database), config.lobby,
                                          store::EventStore::Check::Deferred, store::EventStore::Access::Write);
    if (!opened.store) return fail(1, "archive: " + opened.error);
    auto keepTotals = [&](const std::string& from, const std::string& to) -> std::string {
        app::keepDayTotals(*opened.store, config.lobby, from, to, firstKept);
        if (!opened.store->writeProblem().empty()) return opened.store->writeProblem();
        return {};
    };
    auto said = [](const backup::ArchivedMonth& m) {
        std::printf("archived %s: %lld events over %d days (%lld estimates, %lld rejects, %lld anomalies) to %s (%.2f MB); "
                    "removed from the log, its day totals kept\n",
                    m.month.c_str(), m.rows.events, m.rows.days, m.rows.estimates, m.rows.rejects, m.rows.anomalies,
                    m.file.c_str(), static_cast<double>(m.bytes) / 1e6);
        std::fflush(stdout);
    };
    const auto run = backup::archiveMonthsBefore(config.database, dir, firstKept, config.lobby, keepTotals, said);
    if (!run.error.empty()) return fail(1, "archive: " + run.error);
    if (run.archived.empty())
        std::printf("nothing to archive: the log has no month before %s (it keeps %s)\n", firstKept.substr(0, 7).c_str(),
                    cli.isSet("before") ? ("the months from " + firstKept.substr(0, 7)).c_str()
                                        : (std::to_string(years) + " years, from " + firstKept).c_str());
    return 0;
}

}  // namespace lw::app
