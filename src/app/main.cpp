// lobbywatch: reads the command line and hands it to the subcommand (src/app/cli/), or runs the kiosk.
#include "KioskConfig.h"
#include "LocalTime.h"
#include "Report.h"
#include "cli/CommandLine.h"
#include "cli/CommandSupport.h"
#include "cli/ImportCommand.h"
#include "cli/KioskCommand.h"
#include "cli/ReplayCommand.h"
#include "cli/ReportCommand.h"
#include "cli/StaffCommand.h"
#include "BackupCommand.h"
#include "AnnounceCommand.h"
#include "RetentionCommand.h"
#include "PortsCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QGuiApplication>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

namespace {

using namespace lw;
using app::command::fail;
using app::command::isDay;
using app::command::kExitUsage;
using app::command::openStore;
using app::command::osUser;
using app::command::readPin;

// lobbywatch complaint add|list|show|reply|close|escalate ... --db FILE
int complaintCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    const QString verb = args.value(1);
    const bool needsId = verb == "show" || verb == "reply" || verb == "close" || verb == "escalate";
    if (!(((verb == "add" || verb == "list") && args.size() == 2) || (needsId && args.size() == 3)))
        return fail(kExitUsage, "expected 'complaint add|list' or 'complaint show|reply|close|escalate ID' (see --help)");
    if (verb != "list" && !QFile::exists(QString::fromStdString(config.database)) && verb != "add")
        return fail(1, "complaint: no event log at " + config.database);
    int exitCode = 0;
    // list and show only read (they work beside a running kiosk, and in a read-only directory); the rest are small
    // writes that SQLite puts between the kiosk's commits.
    const bool reads = verb == "list" || verb == "show";
    auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode, store::EventStore::Check::Deferred,
                           reads ? store::EventStore::Access::Read : store::EventStore::Access::Write);
    if (!store) return exitCode;
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::string today = lobby::businessDayOf(now, config.lobby);
    const bool contacts = cli.isSet("include-contacts");
    const auto& calendar = config.complaints.calendar;
    auto byWhom = [&]() { return cli.value("by").trimmed().toStdString(); };
    if (verb == "add") {
        report::Complaint c;
        c.receivedAt = now;
        c.receivedDay = today;
        c.channel = cli.value("channel").toStdString();
        c.cause = cli.value("cause").toStdString();
        c.receivedBy = byWhom();
        c.summary = cli.value("summary").trimmed().toStdString();
        c.contact = cli.value("contact").trimmed().toStdString();
        c.ticket = cli.value("ticket").trimmed().toUpper().toStdString();
        if (!c.ticket.empty()) {
            c.ticketDay = cli.isSet("ticket-day") ? cli.value("ticket-day").toStdString() : today;
            if (!isDay(QString::fromStdString(c.ticketDay))) return fail(kExitUsage, "complaint add: --ticket-day: expected YYYY-MM-DD");
        }
        int dueDays = config.complaints.dueWorkingDays;
        if (cli.isSet("due-days")) {
            bool ok = false;
            dueDays = cli.value("due-days").toInt(&ok);
            if (!ok) dueDays = -1;
        }
        auto due = report::dueDayFor(today, dueDays, calendar);
        if (!due) return fail(kExitUsage, "complaint add: --due-days: expected 0..7 working days (never more than 7)");
        c.dueDay = *due;
        if (std::string why = report::validate(c); !why.empty())
            return fail(kExitUsage, "complaint add: " + why + " (--channel, --cause, --by, --summary)");
        // The complaint and its complaint_received action: both stored, or neither.
        std::optional<std::int64_t> id;
        auto e = store->atomically([&]() -> std::optional<std::string> {
            std::string error;
            id = store->addComplaint(c, error);
            if (!id) return error;
            return store->recordAction({now, c.receivedBy, "complaint_received", "complaint:" + std::to_string(*id), c.cause});
        });
        if (e) return fail(1, "complaint add: cannot store it (nothing was stored): " + *e);
        std::printf("complaint %lld received by %s, due %s\n", static_cast<long long>(*id), c.receivedBy.c_str(), c.dueDay.c_str());
        return 0;
    }
    auto all = store->complaints("0000-00-00", "9999-99-99", verb == "list" && !cli.isSet("all"));
    if (verb == "list") {
        for (const auto& c : all)
            std::printf("%4lld  %s  %-12s %-15s %-10s due %s  %-9s %s%s\n", static_cast<long long>(c.id), c.receivedDay.c_str(),
                        c.channel.c_str(), c.cause.c_str(), c.receivedBy.c_str(), c.dueDay.c_str(), c.state.c_str(),
                        report::toString(report::dueState(c, today, calendar)),
                        contacts && !c.contact.empty() ? ("  contact: " + c.contact).c_str() : "");
        return 0;
    }
    bool ok = false;
    const std::int64_t id = args[2].toLongLong(&ok);
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
    if (!ok || it == all.end()) return fail(1, "complaint: no complaint " + args[2].toStdString());
    report::Complaint c = *it;
    if (verb == "show") {
        std::printf("complaint %lld: %s, %s, received %s by %s (owner), due %s, %s (%s)\n%s\n", static_cast<long long>(c.id),
                    c.channel.c_str(), c.cause.c_str(), c.receivedDay.c_str(), c.receivedBy.c_str(), c.dueDay.c_str(),
                    c.state.c_str(), report::toString(report::dueState(c, today, calendar)), c.summary.c_str());
        if (!c.contact.empty()) std::printf("contact: %s\n", contacts ? c.contact.c_str() : "(hidden; --include-contacts)");
        if (!c.reply.empty())
            std::printf("reply: %s%s\n", c.reply.c_str(), c.satisfied ? (*c.satisfied ? " (satisfied)" : " (not satisfied)") : "");
        if (!c.ticket.empty()) {
            // The ticket's whole timeline that day, and the alerts raised about it.
            std::printf("ticket %s on %s:\n", c.ticket.c_str(), c.ticketDay.c_str());
            for (const auto& e : store->eventsOfDay(c.ticketDay))
                if (e.ticket == c.ticket)
                    std::printf("  %s %-11s%s\n", lobby::formatLocalTime(e.time, config.lobby.utcOffsetMinutes).substr(11, 8).c_str(),
                                lobby::eventName(e.kind), e.window ? (" window " + std::to_string(e.window)).c_str() : "");
            for (const auto& i : store->incidentsOfDay(c.ticketDay))
                if (i.subject == "ticket:" + c.ticket)
                    std::printf("  %s alert %s: %s (%s)\n",
                                lobby::formatLocalTime(i.raisedAt, config.lobby.utcOffsetMinutes).substr(11, 8).c_str(),
                                i.kind.c_str(), i.messageEn.c_str(), i.state.c_str());
        }
        return 0;
    }
    const std::string who = byWhom();
    if (who.empty()) return fail(kExitUsage, "complaint " + verb.toStdString() + ": give --by NAME (who does it)");
    if (verb == "reply") {
        c.reply = cli.value("reply").trimmed().toStdString();
        if (c.reply.empty()) return fail(kExitUsage, "complaint reply: give the answer with --reply TEXT");
        if (cli.isSet("satisfied")) {
            QString v = cli.value("satisfied");
            if (v != "yes" && v != "no") return fail(kExitUsage, "complaint reply: --satisfied: expected yes or no");
            c.satisfied = v == "yes";
        }
        c.state = "replied";
        c.repliedAt = now;
    } else if (verb == "close") {
        c.state = "closed";
        c.closedAt = now;
    } else {
        c.state = "escalated";
    }
    auto e = store->atomically([&]() -> std::optional<std::string> {
        if (!store->updateComplaint(c)) return std::string("the complaint was not updated");
        return store->recordAction({now, who, "complaint_" + verb.toStdString(), "complaint:" + std::to_string(c.id), c.reply});
    });
    if (e) return fail(1, "complaint " + verb.toStdString() + ": cannot store the change (nothing was changed): " + *e);
    std::printf("complaint %lld %s\n", static_cast<long long>(c.id), c.state.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "report") {
            // The PDF needs fonts (a GUI application), never a display.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        if (a == "--headless" || a == "replay" || a == "import" || a == "staff" || a == "complaint" || a == "backup" || a == "restore" || a == "archive" || a == "announce" || a == "--list-ports" || a == "--help" || a == "-h" ||
            a == "--version")
            headless = true;
    }
    std::unique_ptr<QCoreApplication> app;
    if (headless) app = std::make_unique<QCoreApplication>(argc, argv);
    else app = std::make_unique<QGuiApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lobbywatch"));
    QCoreApplication::setOrganizationName(QStringLiteral("lobbywatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QCommandLineParser cli;
    app::describeCommandLine(cli);
    if (!cli.parse(QCoreApplication::arguments())) return fail(kExitUsage, cli.errorText().toStdString() + " (see --help)");
    if (cli.isSet("help")) {
        std::printf("%s", cli.helpText().toUtf8().constData());
        return 0;
    }
    if (cli.isSet("version")) {
        std::printf("lobbywatch 0.1.0\n");
        return 0;
    }
    if (cli.isSet("list-ports")) return app::listPortsWithRules();

    int exitCode = 0;
    kiosk::KioskConfig config;
    if (!app::command::loadConfig(cli, config, exitCode)) return exitCode;

    const QStringList args = cli.positionalArguments();
    if (!args.isEmpty() && args[0] == "complaint") {
        if (!cli.isSet("db")) return fail(kExitUsage, "complaint: give the event log with --db FILE");
        return complaintCommand(cli, args, config);
    }
    if (!args.isEmpty() && args[0] == "report") {
        if (!cli.isSet("db")) return fail(kExitUsage, "report: give the event log with --db FILE");
        if (args.size() != 1) return fail(kExitUsage, "report takes no other arguments (see --help)");
        return app::reportCommand(cli, config);
    }
    if (app::isBackupCommand(args)) return app::backupCommand(cli, args, config);
    if (app::isAnnounceCommand(args)) return app::announceCommand(cli, args);
    if (app::isRetentionCommand(args)) return app::retentionCommand(cli, args, config);
    if (!args.isEmpty() && args[0] == "staff") {
        if (!cli.isSet("db")) return fail(kExitUsage, "staff: give the event log with --db FILE");
        return app::staffCommand(cli, args, config);
    }
    if (!args.isEmpty()) {
        if (args.size() != 2 || (args[0] != "replay" && args[0] != "import"))
            return fail(kExitUsage, "expected 'replay CAPTURE' or 'import EVENTS.csv' (see --help)");
        if (!cli.isSet("db")) return fail(kExitUsage, args[0].toStdString() + ": give the event log with --db FILE");
        return args[0] == "replay" ? app::replay(cli, args[1], config) : app::importCommand(cli, args[1], config);
    }
    return app::runKiosk(*app, cli, config, headless);
}
