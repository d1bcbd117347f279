// The backup and restore commands: arguments, messages and exit codes around lw::backup.
#include "app/cli/BackupCommand.h"

#include "backup/LogBackup.h"

#include <QDateTime>

#include <cstdio>

namespace lw::app {

namespace {

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

bool keepOption(const QCommandLineParser& cli, const char* name, int low, int high, int& value) {
    if (!cli.isSet(name)) return true;
    bool ok = false;
    value = cli.value(name).toInt(&ok);
    return ok && value >= low && value <= high;
}

std::string stampNow() { return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")).toStdString(); }

}  // namespace

void addBackupOptions(QCommandLineParser& cli) {
    cli.addOptions({
        {"keep-daily", "backup: keep the newest backup of each of the last N days that have one (default 14).", "N"},
        {"keep-monthly", "backup: keep the newest backup of each of the last N months that have one (default 24).", "N"},
    });
}

bool isBackupCommand(const QStringList& args) { return !args.isEmpty() && (args[0] == "backup" || args[0] == "restore"); }

int backupCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    constexpr int usage = 2;
    const std::string verb = args[0].toStdString();
    if (!cli.isSet("db") && !cli.isSet("config")) return fail(usage, verb + ": give the event log with --db FILE or --config FILE");
    if (args[0] == "backup") {
        if (args.size() != 1) return fail(usage, "backup takes no other arguments (see --help)");
        if (!cli.isSet("to")) return fail(usage, "backup: give the backup directory with --to DIR");
        int daily = 14, monthly = 24;
        if (!keepOption(cli, "keep-daily", 1, 3650, daily)) return fail(usage, "backup: --keep-daily: expected 1..3650");
        if (!keepOption(cli, "keep-monthly", 0, 1200, monthly)) return fail(usage, "backup: --keep-monthly: expected 0..1200");
        const std::string dir = cli.value("to").toStdString();
        auto r = backup::takeBackup(config.database, dir, stampNow());
        if (!r.error.empty()) return fail(1, "backup of " + config.database + " failed: " + r.error);
        std::printf("backup %s: %lld events over %zu days (last event #%lld), schema %d; checked: integrity_check ok, "
                    "day totals equal to the log's (%.2f s)\n",
                    r.file.c_str(), r.figures.events(), r.figures.days.size(), r.figures.lastEventId, r.figures.schema, r.seconds);
        std::string error;
        auto deleted = backup::rotateBackups(dir, daily, monthly, error);
        for (const auto& name : deleted) std::printf("rotated out: %s\n", name.c_str());
        if (!error.empty()) return fail(1, "backup: " + error);
        return 0;
    }
    if (args.size() != 2) return fail(usage, "expected 'restore BACKUP --db FILE' (see --help)");
    const std::string from = args[1].toStdString();
    auto r = backup::restoreBackup(from, config.database, stampNow());
    if (!r.error.empty()) return fail(1, r.error);
    if (!r.keptAside.empty()) std::printf("the log that was there is kept as %s\n", r.keptAside.c_str());
    std::printf("restored %s to %s: %lld events over %zu days (last event #%lld); checked before and after the copy\n",
                from.c_str(), config.database.c_str(), r.figures.events(), r.figures.days.size(), r.figures.lastEventId);
    return 0;
}

}  // namespace lw::app
