// lobbywatch: reads the command line and hands it to the subcommand (src/app/cli/), or runs the kiosk.
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandSupport.h"
#include "app/cli/ImportCommand.h"
#include "app/cli/KioskCommand.h"
#include "app/cli/ReplayCommand.h"
#include "app/cli/ReportCommand.h"
#include "app/cli/StaffCommand.h"
#include "app/cli/BackupCommand.h"
#include "app/cli/AnnounceCommand.h"
#include "app/cli/RetentionCommand.h"
#include "app/cli/ComplaintCommand.h"
#include "app/cli/PortsCommand.h"
#include "app/cli/CentralCommand.h"

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

}  // namespace

int main(int argc, char** argv) {
    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "report") {
            // The PDF needs fonts (a GUI application), never a display.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        if (a == "--headless" || a == "central" || a == "replay" || a == "import" || a == "staff" || a == "complaint" || a == "backup" || a == "restore" || a == "archive" || a == "announce" || a == "--list-ports" || a == "--help" || a == "-h" ||
            a == "--version")
            headless = true;
    }
    if (app::complaintPrintsPaper(argc, argv)) {
        // The complaint's PDF papers need fonts (a GUI application), never a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        headless = false;
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
    if (app::isComplaintCommand(args)) return app::complaintCommand(cli, args, config);
    if (app::isCentralCommand(args)) return app::centralCommand(cli, args, config);
    if (!args.isEmpty() && args[0] == "report" && cli.isSet("central")) return app::centralReportCommand(cli, config);
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
