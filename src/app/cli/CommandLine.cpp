// The command line: its description, options and positional arguments, for every subcommand.
#include "app/cli/CommandLine.h"

#include "app/cli/AnnounceCommand.h"
#include "app/cli/RetentionCommand.h"
#include "app/cli/BackupCommand.h"
#include "app/cli/ComplaintCommand.h"
#include "app/cli/ImportCommand.h"
#include "app/cli/CentralCommand.h"

namespace lw::app {

void describeCommandLine(QCommandLineParser& cli) {
    cli.setApplicationDescription(QStringLiteral(
        "LobbyWatch: a bank-branch lobby kiosk.\n"
        "  lobbywatch [options]                      run the kiosk (screens, or --headless)\n"
        "  lobbywatch replay CAPTURE --db FILE       run a capture file through decoder, model and log\n"
        "  lobbywatch import EVENTS.csv --db FILE    import an event history (time,event,ticket,category,window,device,priority)\n"
        "  lobbywatch staff add NAME --role manager|head|officer --db FILE   add staff (PIN on stdin)\n"
        "  lobbywatch staff remove NAME --db FILE | staff list --db FILE\n"
        "  lobbywatch complaint add --channel C --cause C --by NAME --summary TEXT [--ticket A042] --db FILE (PIN on stdin)\n"
        "  lobbywatch complaint list|show ID|answer|agree|hand-over|accept|decline|investigate|reply|resolve|plan-follow-up|\n"
        "                      follow-up|close|escalate ID --by NAME (PIN on stdin) --db FILE\n"
        "  lobbywatch complaint form|notice|receipt ID --by NAME --out FILE.pdf [--paper a6|80mm] --db FILE\n"
        "  lobbywatch complaint report|export --from D --to D --by NAME --out FILE --db FILE   figures (JSON), anonymised CSV\n"
        "  lobbywatch report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json|pdf --out FILE [--lang zh_CN|en]\n"
        "  lobbywatch backup --db FILE --to DIR [--keep-daily N] [--keep-monthly N]   a checked copy while the kiosk runs\n"
        "  lobbywatch restore BACKUP --db FILE       put a checked backup in the place of a stopped kiosk's log\n"
        "  lobbywatch archive --db FILE [--to DIR] [--keep-years N]   months older than [retention] years to archive files\n"
        "  lobbywatch announce A042 3 [--wav FILE]   speak a call (chime, Mandarin, English): try the speakers\n"
        "  lobbywatch central init|migrate --central URL   make or migrate the bank's central PostgreSQL schema\n"
        "  lobbywatch central add-branch ID --region R --branch-password-file FILE --central URL   a branch's role\n"
        "  lobbywatch central ship --log DB --config FILE   ship a log to the central database once ([central], [branch] id)\n"
        "  lobbywatch report --central URL [--branch ID... | --region R] --from D --to D --format csv|json|pdf --out FILE"));
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addOptions({
        {"headless", "Run without screens; print a status line per simulated minute."},
        {"config", "Configuration file (INI; see config/lobbywatch.example.ini).", "FILE"},
        {"db", "The event log (SQLite). Default: the user's data directory/lobbywatch.db.", "FILE"},
        {"port", "A serial device to read (repeatable; adds to the config's ports).", "DEVICE"},
        {"baud", "Baud rate for --port devices (9600 default, 115200 supported).", "N"},
        {"list-ports", "List the serial ports of this machine, each with a udev rule line naming it stably, and exit."},
        {"speed", "Run the clock N times faster (a simulated branch).", "N"},
        {"start", "The clock starts today at HH:MM local time (with a simulated branch).", "HH:MM"},
        {"clock-origin", "The clock read SIM_MS at wall time WALL_MS and runs at --speed since (tests, restarts).", "WALL_MS,SIM_MS"},
        {"utc-offset-min", "Local time = UTC + this many minutes (default 480, China).", "M"},
        {"quit-after-sim-min", "Exit after this many (simulated) minutes.", "N"},
        {"status-every-sim-s", "Headless status line every this many simulated seconds (default 60).", "S"},
        {"screenshot", "FILE.png: render the screen offscreen to it after a second, then exit. DIR: render every screen in both "
                       "languages at the busiest moment of the --db log's last day into DIR, then exit.", "FILE|DIR"},
        {"screen", "Which screens: manager (default), public (the board for customers) or both (on two displays).", "WHICH"},
        {"screenshot-after-s", "With --screenshot: wait this many real seconds first (default 1.5).", "S"},
        {"size", "With --screenshot: the screens' size, WxH (default 1920x1080; 1080x1920 is an upright board).", "WxH"},
        {"lang", "The screens' language at start: zh_CN (default) or en (switchable on the manager's screen).", "LANG"},
        {"from", "report, complaint report|export: the first business day.", "YYYY-MM-DD"},
        {"to", "report: the last business day; backup, archive: the directory.", "DAY|DIR"},
        {"format", "report: csv (UTF-8 with BOM), json or pdf (A4).", "FORMAT"},
        {"out", "report, complaint form|notice|receipt: the file to write.", "FILE"},
        {"role", "staff add: manager (acknowledges and resolves alerts), head (also reports) or officer (the complaint officer).", "ROLE"},
        {"predictions-out", "replay/import: write each ticket's forecast at issue, actual wait and first alert (CSV).", "FILE"},
    });
    cli.addOptions(importOptions());
    addBackupOptions(cli);
    addAnnounceOptions(cli);
    addRetentionOptions(cli);
    addComplaintOptions(cli);
    addCentralOptions(cli);
    cli.addPositionalArgument("command", "replay | import | staff | complaint | report | central | backup | restore | archive | announce (optional)", "[command]");
}

}  // namespace lw::app
