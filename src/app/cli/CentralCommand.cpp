// The central database from the command line: its schema made and migrated, a branch's role added, a one-shot
// ship of a log, and the report across branches.
#include "app/cli/CentralCommand.h"

#include "central/CentralConfig.h"
#include "central/CentralReport.h"
#include "central/CentralSchema.h"
#include "app/cli/CommandSupport.h"
#include "config/Ini.h"
#include "central/Pg.h"
#include "app/ReportPdf.h"
#include "app/ReportRanking.h"
#include "central/link/Shipper.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unistd.h>

namespace lw::app {

using namespace command;

namespace {

// Tests only: the shipper stops inside its Nth batch (LW_CENTRAL_PAUSE_AT_BATCH, default 1), after the INSERT and
// before the COMMIT, for LW_CENTRAL_PAUSE_IN_BATCH_MS, and says so (a kill there must lose and double nothing).
int pauseInBatchMs() {
    const char* v = std::getenv("LW_CENTRAL_PAUSE_IN_BATCH_MS");
    return v ? std::atoi(v) : 0;
}
int pauseAtBatch() {
    const char* v = std::getenv("LW_CENTRAL_PAUSE_AT_BATCH");
    return v ? std::max(1, std::atoi(v)) : 1;
}

// --central URL, checked as [central] url is; the password from --password-file (else libpq's own: ~/.pgpass).
std::unique_ptr<central::Pg> connectAdmin(const QCommandLineParser& cli, const kiosk::KioskConfig& config,
                                          const std::string& what, int& exitCode) {
    std::string url = cli.isSet("central") ? cli.value("central").toStdString() : config.central.url;
    if (url.empty()) {
        exitCode = fail(kExitUsage, what + ": give the central database with --central URL (a libpq connection string)");
        return nullptr;
    }
    try {
        const bool plaintext = cli.isSet("allow-plaintext") || config.central.allowPlaintext;
        if (cli.isSet("central")) url = central::checkedConnectionString(url, plaintext, "--central");
        std::string password;
        if (cli.isSet("password-file"))
            password = central::readPasswordFile(cli.value("password-file").toStdString(), "--password-file");
        else if (!cli.isSet("central") && !config.central.passwordFile.empty())
            password = central::readPasswordFile(config.central.passwordFile, "[central] password_file");
        return std::make_unique<central::Pg>(url, password);
    } catch (const config::ConfigError& e) {
        exitCode = fail(kExitUsage, what + ": " + e.what());
    } catch (const central::PgError& e) {
        exitCode = fail(1, what + ": " + e.what());
    }
    return nullptr;
}

int schemaVersionOf(central::Pg& pg) {
    auto r = pg.exec("SELECT to_regclass('lobbywatch.schema_version') IS NOT NULL");
    if (r.rows[0][0].value_or("f") != "t") return 0;
    return std::stoi(pg.exec("SELECT version FROM lobbywatch.schema_version").rows[0][0].value_or("0"));
}

int migrate(central::Pg& pg, bool init) {
    const int have = schemaVersionOf(pg), want = central::centralSchemaVersion();
    if (init && have > 0)
        return fail(1, "central init: the central schema is there already (version " + std::to_string(have) +
                           "); use 'lobbywatch central migrate' to bring it up to date");
    if (!init && have == 0)
        return fail(1, "central migrate: no central schema in this database; make it with 'lobbywatch central init'");
    if (have > want)
        return fail(1, "central: the central schema is version " + std::to_string(have) + ", newer than this build knows (" +
                           std::to_string(want) + "); update lobbywatch");
    for (int v = have; v < want; ++v) {
        // Each migration in one transaction, with the version it brings.
        pg.exec("BEGIN");
        try {
            pg.script(central::centralMigrations()[static_cast<std::size_t>(v)]);
            pg.exec("UPDATE lobbywatch.schema_version SET version = $1", {std::to_string(v + 1)});
            pg.exec("COMMIT");
        } catch (...) {
            try { pg.exec("ROLLBACK"); } catch (...) {}
            throw;
        }
    }
    std::printf("central schema: version %d (%s)\n", want, have == want ? "already up to date" : "made");
    return 0;
}

int addBranch(central::Pg& pg, const QCommandLineParser& cli, const QStringList& args) {
    if (args.size() != 3) return fail(kExitUsage, "central add-branch: expected the branch id: central add-branch ID --region R --branch-password-file FILE");
    const std::string id = args[2].toStdString();
    if (!central::isBranchId(id)) return fail(kExitUsage, "central add-branch: " + id + ": expected 1-40 letters, digits, '-' or '_'");
    if (!cli.isSet("branch-password-file"))
        return fail(kExitUsage, "central add-branch: give the branch's password with --branch-password-file FILE (the "
                                "kiosk's [central] password_file)");
    std::string password;
    try {
        password = central::readPasswordFile(cli.value("branch-password-file").toStdString(), "--branch-password-file");
    } catch (const config::ConfigError& e) {
        return fail(kExitUsage, std::string("central add-branch: ") + e.what());
    }
    const std::string role = central::branchRole(id);
    password = pg.encryptPassword(password, role);  // the statement carries the SCRAM verifier, not the password
    pg.exec("BEGIN");
    try {
        if (pg.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {role}).rows.empty())
            pg.exec(central::createBranchRoleSql(role, password));
        else
            pg.exec("ALTER ROLE " + role + " LOGIN PASSWORD " + central::quoteLiteral(password));
        pg.exec("GRANT lw_branch TO " + role);
        pg.exec("INSERT INTO lobbywatch.branches (branch_id, role_name, name, region) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (branch_id) DO UPDATE SET region = EXCLUDED.region,"
                " name = CASE WHEN EXCLUDED.name = '' THEN lobbywatch.branches.name ELSE EXCLUDED.name END",
                {id, role, cli.value("name").toStdString(), cli.value("region").toStdString()});
        pg.exec("COMMIT");
    } catch (...) {
        try { pg.exec("ROLLBACK"); } catch (...) {}
        throw;
    }
    std::printf("branch %s: role %s\n", id.c_str(), role.c_str());
    return 0;
}

int shipOnce(const QCommandLineParser& cli, kiosk::KioskConfig config) {
    if (!config.central.enabled())
        return fail(kExitUsage, "central ship: the config has no [central] url (give --config FILE with [central] and [branch] id)");
    if (cli.isSet("log")) config.database = cli.value("log").toStdString();
    if (!QFile::exists(QString::fromStdString(config.database))) return fail(1, "central ship: no event log at " + config.database);
    std::string password;
    try {
        if (!config.central.passwordFile.empty())
            password = central::readPasswordFile(config.central.passwordFile, "[central] password_file");
    } catch (const config::ConfigError& e) {
        return fail(kExitUsage, std::string("central ship: ") + e.what());
    }
    central::Shipper shipper(QString::fromStdString(config.database), config, password);
    if (const int pause = pauseInBatchMs(); pause > 0)
        shipper.beforeCommit = [pause, at = pauseAtBatch(), n = 0](const std::string& table, std::size_t rows) mutable {
            if (++n != at) return;
            std::fprintf(stderr, "lobbywatch: central: batch of %zu %s rows open\n", rows, table.c_str());
            std::fflush(stderr);
            ::usleep(static_cast<useconds_t>(pause) * 1000);
        };
    QElapsedTimer took;
    took.start();
    const central::PassResult r = shipper.shipOnce(QDateTime::currentMSecsSinceEpoch());
    if (!r.ok) return fail(1, "central ship: " + r.error + " (" + std::to_string(r.shipped) + " rows shipped before)");
    std::printf("shipped %lld rows in %lld ms; %lld behind\n", r.shipped, static_cast<long long>(took.elapsed()), r.rowsBehind);
    return 0;
}

}  // namespace

void addCentralOptions(QCommandLineParser& cli) {
    cli.addOptions({
        {"central", "central, report: the central PostgreSQL, a libpq connection string (TLS required).", "URL"},
        {"allow-plaintext", "central, report: accept a --central URL without TLS (tests, a lab)."},
        {"password-file", "central, report: the password for --central, first line of a file only you may read.", "FILE"},
        {"branch-password-file", "central add-branch: the branch role's password (the kiosk's [central] password_file).", "FILE"},
        {"branch", "report --central: a branch to report (repeatable); central add-branch: none.", "ID"},
        {"region", "report --central: the branches of this region; central add-branch: the branch's region.", "R"},
        {"name", "central add-branch: the branch's name.", "NAME"},
        {"log", "central ship: the event log to ship (as --db).", "FILE"},
    });
}

bool isCentralCommand(const QStringList& args) { return !args.isEmpty() && args[0] == "central"; }

int centralCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    const QString sub = args.size() > 1 ? args[1] : QString();
    if (sub == "ship") {
        if (args.size() != 2) return fail(kExitUsage, "central ship takes no other arguments");
        return shipOnce(cli, config);
    }
    if (sub != "init" && sub != "migrate" && sub != "add-branch")
        return fail(kExitUsage, "central: expected init, migrate, add-branch ID or ship (see --help)");
    if (sub != "add-branch" && args.size() != 2) return fail(kExitUsage, "central " + sub.toStdString() + " takes no other arguments");
    int exitCode = 0;
    auto pg = connectAdmin(cli, config, "central " + sub.toStdString(), exitCode);
    if (!pg) return exitCode;
    try {
        if (sub == "add-branch") return addBranch(*pg, cli, args);
        return migrate(*pg, sub == "init");
    } catch (const central::PgError& e) {
        return fail(1, "central " + sub.toStdString() + ": " + e.what());
    }
}

int centralReportCommand(const QCommandLineParser& cli, const kiosk::KioskConfig& config) {
    const QString from = cli.value("from"), to = cli.value("to"), format = cli.value("format").toLower(), out = cli.value("out");
    if (!isDay(from)) return fail(kExitUsage, "report: --from: expected a date YYYY-MM-DD");
    if (!isDay(to)) return fail(kExitUsage, "report: --to: expected a date YYYY-MM-DD");
    if (to < from) return fail(kExitUsage, "report: --to is before --from");
    if (format != "csv" && format != "json" && format != "pdf") return fail(kExitUsage, "report: --format: expected csv, json or pdf");
    if (out.isEmpty()) return fail(kExitUsage, "report: give the output file with --out FILE");
    if (cli.isSet("branch") && cli.isSet("region")) return fail(kExitUsage, "report: give --branch ID... or --region R, not both");
    const QString lang = cli.isSet("lang") ? cli.value("lang") : QStringLiteral("zh_CN");
    if (lang != "zh_CN" && lang != "en") return fail(kExitUsage, "report: --lang: expected zh_CN or en");
    central::Selection selection;
    for (const QString& b : cli.values("branch")) selection.branches.push_back(b.toStdString());
    selection.region = cli.value("region").toStdString();
    int exitCode = 0;
    auto pg = connectAdmin(cli, config, "report", exitCode);
    if (!pg) return exitCode;
    QElapsedTimer took;
    took.start();
    central::CentralReport r;
    try {
        r = central::loadCentralReport(*pg, selection, from.toStdString(), to.toStdString(), QDateTime::currentMSecsSinceEpoch());
    } catch (const std::exception& e) {
        return fail(1, std::string("report: ") + e.what());
    }
    const report::Lang l = lang == "en" ? report::Lang::En : report::Lang::Zh;
    if (format == "pdf") {
        QString error;
        if (!writeReportPdf(r.report, l, out, error, {rankingPdfTable(r.ranking, l)})) return fail(1, "report: " + error.toStdString());
    } else {
        const std::string text = format == "csv" ? central::centralCsv(r, l) : central::centralJson(r);
        QFile file(out);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.flush())
            return fail(1, "report: cannot write " + out.toStdString() + ": " + file.errorString().toStdString());
    }
    std::fprintf(stderr, "lobbywatch: central report %s..%s, %zu branches (%d branch-days from kept totals, %d from %zu events) "
                 "written to %s in %lld ms\n", from.toUtf8().constData(), to.toUtf8().constData(), r.ranking.size(),
                 r.daysFromTotals, r.daysFromEvents, r.eventsRead, out.toUtf8().constData(), static_cast<long long>(took.elapsed()));
    return 0;
}

}  // namespace lw::app
