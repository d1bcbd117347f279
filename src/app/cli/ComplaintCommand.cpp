// The complaint register on the command line: arguments, messages and exit codes around the complaint core.
#include "ComplaintCommand.h"

#include "Complaint.h"
#include "EventStore.h"
#include "LocalTime.h"

#include <QDateTime>
#include <QFile>

#include <algorithm>
#include <cstdio>

namespace lw::app {

namespace {

constexpr int kExitUsage = 2;

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

std::unique_ptr<store::EventStore> openStore(const QString& path, const lobby::LobbyConfig& config, int& exitCode,
                                            store::EventStore::Check check, store::EventStore::Access access) {
    auto opened = store::EventStore::open(path, config, check, access);
    if (!opened.store) {
        exitCode = fail(1, opened.error);
        return nullptr;
    }
    return std::move(opened.store);
}

}  // namespace

void addComplaintOptions(QCommandLineParser& cli) {
    cli.addOptions({
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
    });
}

bool isComplaintCommand(const QStringList& args) { return !args.isEmpty() && args[0] == "complaint"; }

// lobbywatch complaint add|list|show|reply|close|escalate ... --db FILE
int complaintCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    if (!cli.isSet("db")) return fail(kExitUsage, "complaint: give the event log with --db FILE");
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
        complaint::Intake in;
        in.at = now;
        in.day = today;
        in.channel = cli.value("channel").toStdString();
        in.cause = cli.value("cause").toStdString();
        in.by = byWhom();
        in.summary = cli.value("summary").toStdString();
        in.contact = cli.value("contact").toStdString();
        in.ticket = cli.value("ticket").toStdString();
        in.ticketDay = cli.value("ticket-day").toStdString();
        int dueDays = config.complaints.dueWorkingDays;
        if (cli.isSet("due-days")) {
            bool ok = false;
            dueDays = cli.value("due-days").toInt(&ok);
            if (!ok) dueDays = -1;
        }
        std::string why;
        auto received = complaint::receive(in, dueDays, calendar, why);
        if (!received) return fail(kExitUsage, "complaint add: " + why + " (--channel, --cause, --by, --summary, --ticket-day, --due-days)");
        const complaint::Complaint& c = *received;
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
                        complaint::toString(complaint::dueState(c, today, calendar)),
                        contacts && !c.contact.empty() ? ("  contact: " + c.contact).c_str() : "");
        return 0;
    }
    bool ok = false;
    const std::int64_t id = args[2].toLongLong(&ok);
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
    if (!ok || it == all.end()) return fail(1, "complaint: no complaint " + args[2].toStdString());
    complaint::Complaint c = *it;
    if (verb == "show") {
        std::printf("complaint %lld: %s, %s, received %s by %s (owner), due %s, %s (%s)\n%s\n", static_cast<long long>(c.id),
                    c.channel.c_str(), c.cause.c_str(), c.receivedDay.c_str(), c.receivedBy.c_str(), c.dueDay.c_str(),
                    c.state.c_str(), complaint::toString(complaint::dueState(c, today, calendar)), c.summary.c_str());
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

}  // namespace lw::app
