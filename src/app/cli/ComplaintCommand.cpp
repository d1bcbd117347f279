// The complaint register on the command line: arguments, the staff member's PIN, messages and exit codes around
// the complaint core (src/complaint). Every step is taken as a staff member who gave their PIN on stdin, through
// the same state machine as the kiosk's, and recorded with the OS account that ran it.
#include "app/cli/ComplaintCommand.h"

#include "complaint/Clocks.h"
#include "app/ComplaintPdf.h"
#include "complaint/ComplaintReport.h"
#include "app/ReportData.h"
#include "app/cli/ComplaintText.h"
#include "store/EventStore.h"
#include "complaint/Lifecycle.h"
#include "lobby/LocalTime.h"
#include "kiosk/PinHash.h"
#include "complaint/QueueOrder.h"
#include "complaint/TicketTimeline.h"

#include <QDateTime>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

namespace lw::app {

namespace {

constexpr int kExitUsage = 2;

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

std::string osAccount() {
    const passwd* pw = ::getpwuid(::geteuid());
    return std::string("os:") + (pw ? pw->pw_name : std::to_string(::geteuid()).c_str());
}

// The PIN: on a terminal asked once without echo, else the first line of standard input (scripts, tests).
std::optional<std::string> readPin() {
    std::string pin;
    if (!::isatty(STDIN_FILENO)) {
        if (!std::getline(std::cin, pin)) return std::nullopt;
        if (!pin.empty() && pin.back() == '\r') pin.pop_back();
        return pin;
    }
    termios saved {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::fprintf(stderr, "PIN: ");
    const bool ok = static_cast<bool>(std::getline(std::cin, pin));
    std::fprintf(stderr, "\n");
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (!ok) return std::nullopt;
    return pin;
}

// The verbs that take a complaint's number, and the state machine's step each one is.
const std::vector<std::pair<std::string, std::string>> kStepVerbs = {
    {"answer", "answer"},   {"agree", "agree"},         {"hand-over", "hand_over"}, {"accept", "accept"},
    {"decline", "decline"}, {"investigate", "investigate"}, {"reply", "reply"},     {"resolve", "resolve"},
    {"plan-follow-up", "plan_follow_up"}, {"follow-up", "follow_up"}, {"close", "close"}, {"escalate", "escalate"}};

std::optional<std::string> stepOf(const QString& verb) {
    for (const auto& [v, action] : kStepVerbs)
        if (verb == QString::fromStdString(v)) return action;
    return std::nullopt;
}

// yes|no options: nullopt when not given; `bad` when given as anything else.
std::optional<bool> yesNo(const QCommandLineParser& cli, const char* name, bool& bad) {
    if (!cli.isSet(name)) return std::nullopt;
    const QString v = cli.value(name);
    if (v != "yes" && v != "no") bad = true;
    return v == "yes";
}

struct Session {
    std::string name;
    auth::Role role = auth::Role::Manager;
};

// Who is acting: --by NAME, a staff member, with that member's PIN on stdin. A wrong PIN is recorded when the
// log can be written. nullopt with exitCode set on refusal.
std::optional<Session> signIn(const QCommandLineParser& cli, store::EventStore& store, bool canRecord, const std::string& verb,
                              int& exitCode) {
    const std::string name = cli.value("by").trimmed().toStdString();
    if (name.empty()) {
        exitCode = fail(kExitUsage, "complaint " + verb + ": give --by NAME (a staff member; the PIN on standard input)");
        return std::nullopt;
    }
    const auto all = store.staff();
    auto member = std::find_if(all.begin(), all.end(), [&](const auto& m) { return m.name == name; });
    auto pin = readPin();
    if (!pin || pin->empty()) {
        exitCode = fail(kExitUsage, "complaint " + verb + ": give " + name + "'s PIN on standard input; nothing changed");
        return std::nullopt;
    }
    kiosk::PinHash stored;
    if (member != all.end()) stored = {member->pinAlgorithm, member->pinIterations, member->pinSalt, member->pinHash};
    if (member == all.end() || !kiosk::pinMatches(*pin, stored)) {
        if (canRecord)
            store.recordAction({QDateTime::currentMSecsSinceEpoch(), name, "sign_in_failed", "cli:complaint " + verb, osAccount()});
        exitCode = fail(1, "complaint " + verb + ": no staff member " + name + " with that PIN (staff add); nothing changed");
        return std::nullopt;
    }
    return Session{name, auth::roleFrom(member->role).value_or(auth::Role::Manager)};
}

int addComplaint(const QCommandLineParser& cli, store::EventStore& store, const kiosk::KioskConfig& config,
                 const Session& who, lobby::TimeMs now, const std::string& today) {
    complaint::Intake in;
    in.at = now;
    in.day = today;
    in.channel = cli.value("channel").toStdString();
    in.cause = cli.value("cause").toStdString();
    in.by = who.name;
    in.summary = cli.value("summary").toStdString();
    in.contact = cli.value("contact").toStdString();
    in.ticket = cli.value("ticket").toStdString();
    in.ticketDay = cli.value("ticket-day").toStdString();
    in.complainedDay = cli.value("complained-on").toStdString();
    in.complexity = cli.value("class").toStdString();
    int dueDays = -1;
    if (cli.isSet("due-days")) {
        bool ok = false;
        dueDays = cli.value("due-days").toInt(&ok);
        if (!ok || dueDays < 0) dueDays = 99;
    }
    std::string why;
    auto received = complaint::receive(in, config.complaints.rules, config.complaints.calendar, why, dueDays);
    if (!received)
        return fail(kExitUsage, "complaint add: " + why +
                                    " (--channel, --cause, --summary, --contact, --ticket, --ticket-day, --complained-on, --class, --due-days)");
    complaint::Complaint c = *received;
    if (!c.ticket.empty()) {
        // The ticket must have been issued that day; a label issued twice (numbers wrap) is picked by --ticket-time.
        const auto visits = complaint::ticketVisits(store.eventsOfDay(c.ticketDay), c.ticket);
        if (visits.empty())
            return fail(kExitUsage, "complaint add: --ticket " + c.ticket + " was not issued on " + c.ticketDay +
                                        " (give the label printed on the ticket, and --ticket-day for another day)");
        std::optional<complaint::TicketVisit> visit = visits.front();
        if (cli.isSet("ticket-time")) {
            auto at = lobby::parseLocalTime(c.ticketDay + "T" + cli.value("ticket-time").toStdString() + ":00",
                                            config.lobby.utcOffsetMinutes);
            if (!at) return fail(kExitUsage, "complaint add: --ticket-time: expected HH:MM");
            visit = complaint::visitAt(visits, *at);
            if (!visit) return fail(kExitUsage, "complaint add: " + c.ticket + " was first issued after " + cli.value("ticket-time").toStdString());
        } else if (visits.size() > 1) {
            std::string times;
            for (const auto& v : visits) times += (times.empty() ? "" : ", ") + lobby::formatLocalTime(v.issuedAt, config.lobby.utcOffsetMinutes).substr(11, 5);
            return fail(kExitUsage, "complaint add: " + c.ticket + " was issued " + std::to_string(visits.size()) + " times on " +
                                        c.ticketDay + " (at " + times + "): say which with --ticket-time HH:MM");
        }
        c.ticketIssuedAt = visit->issuedAt;
    }
    // The complaint and its complaint_received action: both stored, or neither.
    std::optional<std::int64_t> id;
    auto e = store.atomically([&]() -> std::optional<std::string> {
        std::string error;
        id = store.addComplaint(c, error);
        if (!id) return error;
        return store.recordAction({now, c.receivedBy, "complaint_received", "complaint:" + std::to_string(*id), osAccount()});
    });
    if (e) return fail(1, "complaint add: cannot store it (nothing was stored): " + *e);
    std::printf("complaint %lld received by %s, due %s\n", static_cast<long long>(*id), c.receivedBy.c_str(), c.dueDay.c_str());
    return 0;
}

// A step of the state machine: particulars from the options, applied to the complaint as stored, stored with
// its step and action rows in one transaction.
int takeStep(const QCommandLineParser& cli, store::EventStore& store, const kiosk::KioskConfig& config, const Session& who,
             const std::string& verb, const std::string& action, std::int64_t id, lobby::TimeMs now, const std::string& today) {
    complaint::Step s;
    s.action = action;
    s.at = now;
    s.day = today;
    s.by = who.name;
    s.role = who.role;
    s.osUser = osAccount();
    s.to = cli.value("recipient").trimmed().toStdString();
    s.date = cli.value("date").trimmed().toStdString();
    bool bad = false;
    if (action == "answer" || action == "reply") {
        s.text = cli.value("reply").trimmed().toStdString();
        s.yes = yesNo(cli, "satisfied", bad);
    } else if (action == "follow_up") {
        s.text = cli.value("outcome").trimmed().toStdString();
        s.yes = yesNo(cli, "satisfied", bad);
    } else if (action == "investigate") {
        s.text = cli.value("notes").trimmed().toStdString();
        s.yes = yesNo(cli, "bank-at-fault", bad);
        s.responsible = cli.value("responsible").trimmed().toStdString();
        s.remedy = cli.value("remedy").trimmed().toStdString();
        s.apology = cli.isSet("apology");
    } else if (action == "resolve") {
        s.text = cli.value("note").trimmed().toStdString();
    } else {
        s.text = cli.value("why").trimmed().toStdString();
    }
    if (bad) return fail(kExitUsage, "complaint " + verb + ": --satisfied and --bank-at-fault take yes or no");
    if (action == "hand_over" && !s.to.empty()) {
        const auto staff = store.staff();
        if (std::none_of(staff.begin(), staff.end(), [&](const auto& m) { return m.name == s.to; }))
            return fail(kExitUsage, "complaint hand-over: --recipient " + s.to + " is not a staff member (staff list)");
    }
    std::string refused;
    std::vector<complaint::Notice> notices;
    complaint::Complaint after;
    auto e = store.atomically([&]() -> std::optional<std::string> {
        auto c = store.complaint(id);
        if (!c) {
            refused = "no complaint " + std::to_string(id);
            return refused;
        }
        complaint::Outcome o = complaint::apply(*c, s, config.complaints.rules, config.complaints.calendar);
        if (!o.ok()) {
            refused = o.error;
            return refused;
        }
        notices = o.notices;
        after = *c;
        if (!store.updateComplaint(*c)) return std::string("the complaint was not updated");
        if (auto stepError = store.recordComplaintStep(id, s)) return stepError;
        return store.recordAction({now, who.name, "complaint_" + action, "complaint:" + std::to_string(id), s.osUser});
    });
    if (!refused.empty()) return fail(1, "complaint " + verb + ": " + refused + "; nothing changed");
    if (e) return fail(1, "complaint " + verb + ": cannot store the change (nothing was changed): " + *e);
    std::printf("complaint %lld %s (owner %s%s)\n", static_cast<long long>(id), after.state.c_str(), after.owner.c_str(),
                after.escalationLevel ? (", escalation level " + std::to_string(after.escalationLevel)).c_str() : "");
    for (const auto& n : notices) std::printf("notify %s: %s\n", n.to.c_str(), n.messageEn.c_str());
    return 0;
}

bool writeFile(const QString& path, const std::string& text, std::string& error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.flush()) {
        error = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
        return false;
    }
    return true;
}

// complaint report|export --from D --to D --out FILE: the figures (JSON) or the anonymised per-complaint export
// (CSV) for the bank's service department; the officer or the head; recorded.
int reportOrExport(const QCommandLineParser& cli, store::EventStore& store, const kiosk::KioskConfig& config, const Session& who,
                   const std::string& verb, lobby::TimeMs now, const std::string& today) {
    const std::string from = cli.value("from").toStdString(), to = cli.value("to").toStdString();
    if (!complaint::isDay(from) || !complaint::isDay(to) || to < from)
        return fail(kExitUsage, "complaint " + verb + ": give --from and --to as YYYY-MM-DD, --to not before --from");
    if (!cli.isSet("out")) return fail(kExitUsage, "complaint " + verb + ": give the file to write with --out FILE");
    if (who.role == auth::Role::Manager)
        return fail(1, "complaint " + verb + ": complaint figures are for the complaint officer or the branch head; " + who.name +
                           " is a manager");
    const auto all = store.complaints("0000-00-00", "9999-99-99");
    std::vector<complaint::Complaint> inRange;
    for (const auto& c : all) {
        const std::string day = c.complainedDay.empty() ? c.receivedDay : c.complainedDay;
        if (day >= from && day <= to) inRange.push_back(c);
    }
    std::string text;
    if (verb == "export") {
        text = complaint::anonymisedCsv(inRange, config.branch.identifier, config.complaints.rules, config.complaints.calendar, today);
    } else {
        const auto load = loadReport(store, config.lobby, from, to, today, now);
        auto t = complaint::tally(inRange, from, to, config.complaints.rules, config.complaints.calendar, today);
        for (std::string day = from; day <= to; day = complaint::plusDays(day, 1))
            for (const auto& [window, n] : complaint::jumpsPerWindow(complaint::queueJumps(store.eventsOfDay(day))))
                t.queueJumpsByWindow[window] += n;
        text = complaint::toJson(t, load.report.current.all.served, from, to, config.branch.identifier, config.branch.name);
    }
    std::string error;
    if (auto e = store.recordAction({now, who.name, "complaint_" + verb, "complaints:" + from + ".." + to, osAccount()}))
        return fail(1, "complaint " + verb + ": cannot record it, so nothing is written: " + *e);
    if (!writeFile(cli.value("out"), text, error)) return fail(1, "complaint " + verb + ": " + error);
    std::printf("complaint %s %s..%s: %zu complaints written to %s\n", verb.c_str(), from.c_str(), to.c_str(), inRange.size(),
                cli.value("out").toUtf8().constData());
    return 0;
}

}  // namespace

void addComplaintOptions(QCommandLineParser& cli) {
    cli.addOptions({
        {"channel", "complaint add: on_site, comment_book, letter, email, fax, phone, head_office or regulator.", "CHANNEL"},
        {"cause", "complaint add: long_wait, staff_attitude, operation_error, system_fault, equipment, policy, "
                  "misunderstanding, mis_selling or other.", "CAUSE"},
        {"by", "complaint: the staff member acting (their PIN on standard input); for add, who received it (its owner).", "NAME"},
        {"summary", "complaint add: what it is about.", "TEXT"},
        {"contact", "complaint add: the customer's contact (optional; personal data, shown only to the officer and the head "
                    "with --include-contacts).", "TEXT"},
        {"ticket", "complaint add: the ticket it is about (A042); it must have been issued that day.", "LABEL"},
        {"ticket-day", "complaint add: that ticket's business day (default today).", "YYYY-MM-DD"},
        {"ticket-time", "complaint add: about when the ticket was issued, when its label was issued twice that day.", "HH:MM"},
        {"complained-on", "complaint add: the customer's own complaint date when it reached the branch later (default today).",
         "YYYY-MM-DD"},
        {"class", "complaint add: simple, general (default) or complex: the reply clock's length.", "CLASS"},
        {"due-days", "complaint add: working days to reply, instead of the class's (at most 7).", "N"},
        {"reply", "complaint answer/reply: what the customer was told.", "TEXT"},
        {"satisfied", "complaint answer/reply/follow-up: was the customer satisfied (yes|no; 'no' reopens and escalates).", "yes|no"},
        {"date", "complaint agree: the date agreed with the customer; plan-follow-up: the day planned.", "YYYY-MM-DD"},
        {"recipient", "complaint hand-over: the new owner; escalate: who receives it (default the next level).", "NAME"},
        {"why", "complaint hand-over/decline/escalate: why.", "TEXT"},
        {"notes", "complaint investigate: what was found.", "TEXT"},
        {"bank-at-fault", "complaint investigate: was the bank at fault (yes|no).", "yes|no"},
        {"responsible", "complaint investigate: the person or department responsible.", "TEXT"},
        {"apology", "complaint investigate: an apology was given."},
        {"remedy", "complaint investigate: the remedy offered.", "TEXT"},
        {"note", "complaint resolve: how it was resolved (the solution checked).", "TEXT"},
        {"outcome", "complaint follow-up: what the follow-up visit or call found.", "TEXT"},
        {"paper", "complaint receipt: a6 (default) or 80mm (a thermal printer's roll).", "SIZE"},
        {"all", "complaint list: closed ones too."},
        {"include-contacts", "complaint list/show: show customers' contacts (the officer or the head; recorded)."},
    });
}

bool isComplaintCommand(const QStringList& args) { return !args.isEmpty() && args[0] == "complaint"; }

bool complaintPrintsPaper(int argc, char** argv) {
    if (argc < 3 || std::string(argv[1]) != "complaint") return false;
    const std::string verb = argv[2];
    return verb == "form" || verb == "notice" || verb == "receipt";
}

namespace {

int printPaper(const QCommandLineParser& cli, store::EventStore& store, const kiosk::KioskConfig& config, const complaint::Complaint& c,
               const std::string& verb) {
    const QString out = cli.value("out");
    if (out.isEmpty()) return fail(kExitUsage, "complaint " + verb + ": give the PDF to write with --out FILE");
    ReceiptPaper size = ReceiptPaper::A6;
    if (cli.isSet("paper")) {
        const QString v = cli.value("paper").toLower();
        if (v == "80mm") size = ReceiptPaper::Thermal80;
        else if (v != "a6") return fail(kExitUsage, "complaint receipt: --paper: expected a6 or 80mm");
    }
    const auto steps = store.complaintSteps(c.id);
    ComplaintPaper paper{c, steps, config.branch, config.lobby.utcOffsetMinutes, c.agreedDay.empty() ? c.dueDay : c.agreedDay};
    QString error;
    const bool ok = verb == "form"     ? writeComplaintForm(paper, out, error)
                    : verb == "notice" ? writeRectificationNotice(paper, out, error)
                                       : writeComplaintReceipt(paper, size, out, error);
    if (!ok) return fail(1, "complaint " + verb + ": " + error.toStdString());
    std::printf("complaint %lld: %s written to %s\n", static_cast<long long>(c.id), verb.c_str(), out.toUtf8().constData());
    return 0;
}

}  // namespace

int complaintCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    if (!cli.isSet("db")) return fail(kExitUsage, "complaint: give the event log with --db FILE");
    const QString verb = args.value(1);
    const auto action = stepOf(verb);
    const bool paper = verb == "form" || verb == "notice" || verb == "receipt";
    const bool needsId = verb == "show" || paper || action;
    const bool figures = verb == "report" || verb == "export";
    if (!(((verb == "add" || verb == "list" || figures) && args.size() == 2) || (needsId && args.size() == 3)))
        return fail(kExitUsage, "expected 'complaint add|list|report|export' or 'complaint show|form|notice|receipt|answer|agree|hand-over|accept|"
                                "decline|investigate|reply|resolve|plan-follow-up|follow-up|close|escalate ID' (see --help)");
    const std::string v = verb.toStdString();
    if (verb != "add" && !QFile::exists(QString::fromStdString(config.database)))
        return fail(1, "complaint: no event log at " + config.database);
    std::int64_t id = 0;
    if (needsId) {
        bool ok = false;
        id = args[2].toLongLong(&ok);
        if (!ok || id <= 0) return fail(kExitUsage, "complaint " + v + ": expected a complaint number, not " + args[2].toStdString());
    }
    const bool contacts = cli.isSet("include-contacts");
    // list and show only read (beside a running kiosk, in a read-only directory), unless they show contacts: that
    // is recorded. The rest are small writes that SQLite puts between the kiosk's commits.
    const bool reads = (verb == "list" || verb == "show" || paper) && !contacts;
    auto opened = store::EventStore::open(QString::fromStdString(config.database), config.lobby, store::EventStore::Check::Deferred,
                                          reads ? store::EventStore::Access::Read : store::EventStore::Access::Write);
    if (!opened.store) return fail(1, opened.error);
    store::EventStore& store = *opened.store;
    int exitCode = 0;
    auto who = signIn(cli, store, !reads, v, exitCode);
    if (!who) return exitCode;
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::string today = lobby::businessDayOf(now, config.lobby);
    if (verb == "add") return addComplaint(cli, store, config, *who, now, today);
    if (action) return takeStep(cli, store, config, *who, v, *action, id, now, today);
    if (figures) return reportOrExport(cli, store, config, *who, v, now, today);
    if (contacts && !auth::allowed(who->role, auth::Action::ViewContacts))
        return fail(1, "complaint " + v + ": customers' contacts are for the complaint officer or the branch head; " + who->name +
                           " is a " + auth::toString(who->role));
    if (contacts) {
        auto e = store.recordAction({now, who->name, "view_contacts", verb == "list" ? "complaints" : "complaint:" + std::to_string(id),
                                     osAccount()});
        if (e) return fail(1, "complaint " + v + ": cannot record the viewing of contacts, so they are not shown: " + *e);
    }
    ComplaintView view{config, today, contacts};
    if (verb == "list") {
        for (const auto& c : store.complaints("0000-00-00", "9999-99-99", !cli.isSet("all")))
            if (complaint::mayHandle(c, who->name, who->role)) std::printf("%s\n", listLine(view, c).c_str());
        return 0;
    }
    auto c = store.complaint(id);
    if (!c || !complaint::mayHandle(*c, who->name, who->role))
        return fail(1, "complaint " + v + ": no complaint " + std::to_string(id) + " that " + who->name + " may see");
    if (paper) return printPaper(cli, store, config, *c, v);
    std::printf("%s", showText(view, *c, store.complaintSteps(id), store.eventsOfDay(c->ticketDay),
                               store.incidentsOfDay(c->ticketDay)).c_str());
    return 0;
}

}  // namespace lw::app
