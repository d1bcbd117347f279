// The command line: its description, options and positional arguments, for every subcommand.
#include "CommandLine.h"

#include "AnnounceCommand.h"
#include "RetentionCommand.h"
#include "BackupCommand.h"
#include "ImportCommand.h"

namespace lw::app {

void describeCommandLine(QCommandLineParser& cli) {
    cli.setApplicationDescription(QStringLiteral(
        "LobbyWatch: a bank-branch lobby kiosk.\n"
        "  lobbywatch [options]                      run the kiosk (screens, or --headless)\n"
        "  lobbywatch replay CAPTURE --db FILE       run a capture file through decoder, model and log\n"
        "  lobbywatch import EVENTS.csv --db FILE    import an event history (time,event,ticket,category,window,device,priority)\n"
        "  lobbywatch staff add NAME --role manager|head --db FILE   add a manager or branch head (PIN on stdin)\n"
        "  lobbywatch staff remove NAME --db FILE | staff list --db FILE\n"
        "  lobbywatch complaint add --channel C --cause C --by NAME --summary TEXT [--ticket A042] --db FILE\n"
        "  lobbywatch complaint list [--all] | show ID | reply ID --by NAME --reply TEXT | close ID | escalate ID --db FILE\n"
        "  lobbywatch report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json|pdf --out FILE [--lang zh_CN|en]\n"
        "  lobbywatch backup --db FILE --to DIR [--keep-daily N] [--keep-monthly N]   a checked copy while the kiosk runs\n"
        "  lobbywatch restore BACKUP --db FILE       put a checked backup in the place of a stopped kiosk's log\n"
        "  lobbywatch archive --db FILE [--to DIR] [--keep-years N]   months older than [retention] years to archive files\n"
        "  lobbywatch announce A042 3 [--wav FILE]   speak a call (chime, Mandarin, English): try the speakers"));
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
        {"channel", "complaint add: on_site, comment_book, letter, phone, head_office or regulator.", "CHANNEL"},
        {"cause", "complaint add: long_wait, staff_attitude, operation_error, equipment, policy or other.", "CAUSE"},
        {"by", "complaint: who received it (its owner), or who replies, closes or escalates it.", "NAME"},
        {"summary", "complaint add: what it is about.", "TEXT"},
        {"contact", "complaint add: the customer's contact (optional; personal data, hidden unless --include-contacts).", "TEXT"},
        {"ticket", "complaint add: the ticket it is about (A042).", "LABEL"},
        {"ticket-day", "complaint add: that ticket's business day (default today).", "YYYY-MM-DD"},
        {"due-days", "complaint add: working days to answer (default [complaints] due_working_days, 3; at most 7).", "N"},
        {"reply", "complaint reply: the answer given.", "TEXT"},
        {"satisfied", "complaint reply: was the customer satisfied (yes|no).", "yes|no"},
        {"all", "complaint list: answered ones too."},
        {"include-contacts", "complaint list/show: show customers' contacts."},
        {"from", "report: the first business day.", "YYYY-MM-DD"},
        {"to", "report: the last business day; backup, archive: the directory.", "DAY|DIR"},
        {"format", "report: csv (UTF-8 with BOM), json or pdf (A4).", "FORMAT"},
        {"out", "report: the file to write.", "FILE"},
        {"role", "staff add: manager (acknowledges and resolves alerts) or head (also reports).", "ROLE"},
        {"predictions-out", "replay/import: write each ticket's forecast at issue, actual wait and first alert (CSV).", "FILE"},
    });
    cli.addOptions(importOptions());
    addBackupOptions(cli);
    addAnnounceOptions(cli);
    addRetentionOptions(cli);
    cli.addPositionalArgument("command", "replay | import | staff | complaint | report | backup | restore | archive | announce (optional)", "[command]");
}

}  // namespace lw::app
