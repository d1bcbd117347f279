// lobbywatch: the kiosk (screens or --headless), and the replay and import commands.
#include "Audit.h"
#include "Capture.h"
#include "EventCsv.h"
#include "Ingest.h"
#include "Kiosk.h"
#include "KioskConfig.h"
#include "LocalTime.h"
#include "PinHash.h"
#include "Access.h"
#include "Report.h"
#include "ReportFormat.h"
#include "ReportPdf.h"
#include "ReportData.h"
#include "cli/CommandSupport.h"
#include "cli/ImportCommand.h"
#include "ServiceNotify.h"
#include "BackupCommand.h"
#include "AnnounceCommand.h"
#include "PortsCommand.h"
#include "ScreenPlan.h"

#include "Ini.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSerialPortInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <csignal>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>

Q_IMPORT_QML_PLUGIN(LobbyWatchPlugin)

namespace {

// SIGINT/SIGTERM: a flag the event loop polls, so the kiosk stops through its normal path (the pending batch is
// committed or, unacknowledged, left for the devices to resend) instead of dying mid-write.
volatile std::sig_atomic_t stopRequested = 0;
extern "C" void requestStop(int) { stopRequested = 1; }

using namespace lw;

constexpr int kExitUsage = 2;

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

QString defaultDatabase() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/lobbywatch.db");
}

std::unique_ptr<store::EventStore> openStore(const QString& path, const lobby::LobbyConfig& config, int& exitCode,
                                            store::EventStore::Check check = store::EventStore::Check::Full,
                                            store::EventStore::Access access = store::EventStore::Access::Write) {
    auto opened = store::EventStore::open(path, config, check, access);
    if (!opened.store) {
        exitCode = fail(1, opened.error);
        return nullptr;
    }
    return std::move(opened.store);
}

// Reads --config if given, then applies the command line's overrides.
bool loadConfig(const QCommandLineParser& cli, kiosk::KioskConfig& config, int& exitCode) {
    try {
        if (cli.isSet("config")) config = kiosk::loadKioskConfig(cli.value("config").toStdString());
        else config.lobby.categories = kiosk::defaultCategories();
    } catch (const config::ConfigError& e) {
        exitCode = fail(kExitUsage, e.what());
        return false;
    }
    if (cli.isSet("utc-offset-min")) {
        bool ok = false;
        int offset = cli.value("utc-offset-min").toInt(&ok);
        if (!ok || offset < -720 || offset > 840) {
            exitCode = fail(kExitUsage, "--utc-offset-min: expected minutes -720..840");
            return false;
        }
        config.lobby.utcOffsetMinutes = offset;
    }
    if (cli.isSet("db")) config.database = cli.value("db").toStdString();
    if (config.database.empty()) config.database = defaultDatabase().toStdString();
    int baud = 9600;
    if (cli.isSet("baud")) {
        bool ok = false;
        baud = cli.value("baud").toInt(&ok);
        if (!ok || (baud != 9600 && baud != 19200 && baud != 38400 && baud != 57600 && baud != 115200)) {
            exitCode = fail(kExitUsage, "--baud: expected 9600, 19200, 38400, 57600 or 115200");
            return false;
        }
    }
    for (const QString& device : cli.values("port")) {
        kiosk::PortConfig p;
        // QSerialPort reads a name without a '/' as /dev/NAME, and a relative path as under /dev too.
        p.device = (device.contains('/') ? QFileInfo(device).absoluteFilePath() : device).toStdString();
        p.name = QFileInfo(device).fileName().toStdString();
        p.baud = baud;
        config.ports.push_back(p);
    }
    return true;
}

using app::keepTotalsAfterWriting;
using app::writeAudit;

int replay(const QCommandLineParser& cli, const QString& file, kiosk::KioskConfig config) {
    std::ifstream in(file.toStdString(), std::ios::binary);
    if (!in) return fail(1, "cannot read the capture " + file.toStdString());
    int exitCode = 0;
    try {
        protocol::CaptureReader reader(in);
        auto offset = reader.metadata().find("utc_offset_min");
        if (offset != reader.metadata().end() && !cli.isSet("utc-offset-min") && !cli.isSet("config"))
            config.lobby.utcOffsetMinutes = std::stoi(offset->second);
        std::string port = "replay:" + QFileInfo(file).fileName().toStdString();
        auto named = reader.metadata().find("port");
        if (named != reader.metadata().end()) port = named->second;
        auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode,
                               store::EventStore::Check::Full, store::EventStore::Access::Ingest);
        if (!store) return exitCode;
        if (!store->writeProblem().empty()) return fail(1, store->writeProblem());
        lobby::Lobby lobby(config.lobby);
        kiosk::Ingest ingest(*store, lobby);
        std::unique_ptr<kiosk::Audit> audit;
        if (cli.isSet("predictions-out")) {
            audit = std::make_unique<kiosk::Audit>(lobby, config.alerts);
            ingest.setObserver([&audit](const lobby::LobbyEvent& e) { audit->observe(e); });
        }
        QElapsedTimer timer;
        timer.start();
        kiosk::Replies replies;
        std::uint64_t records = 0;
        while (auto record = reader.next()) {
            if (record->direction != protocol::Direction::FromDevice) continue;  // what the kiosk said then
            ingest.receive(port, record->time, record->bytes);
            ++records;
            if (ingest.pending() >= 4096) {
                if (auto e = ingest.commit(replies)) return fail(1, "cannot write the event log: " + *e);
                replies.bytesByPort.clear();
            }
        }
        if (auto e = ingest.commit(replies)) return fail(1, "cannot write the event log: " + *e);
        if (audit && !writeAudit(*audit, cli.value("predictions-out"))) return 1;
        double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        const auto& c = ingest.counters();
        std::uint64_t frames = 0, bad = 0;
        for (const auto& [name, ps] : ingest.ports()) {
            frames += ps->decoder.stats().frames;
            bad += ps->decoder.stats().checksumErrors + ps->decoder.stats().malformed + ps->decoder.stats().overlong;
        }
        lobby::LobbyTotals t = lobby.totals();
        std::printf("records: %llu\nframes: %llu\nbad frames: %llu\nevents: %llu\nduplicates: %llu\nanomalies: %llu\n"
                    "issued: %d\nfinished: %d\nno-show: %d\nwaiting at end: %d\nseconds: %.3f\n",
                    static_cast<unsigned long long>(records), static_cast<unsigned long long>(frames),
                    static_cast<unsigned long long>(bad), static_cast<unsigned long long>(c.events),
                    static_cast<unsigned long long>(c.duplicates), static_cast<unsigned long long>(c.anomalies), t.issued,
                    t.finished, t.noShow, t.waiting, seconds);
        keepTotalsAfterWriting(*store, config);
    } catch (const protocol::CaptureError& e) {
        return fail(1, file.toStdString() + ": " + e.what());
    }
    return 0;
}

// The kiosk's clock: the wall clock, or (--speed/--start) a simulated day starting today at HH:MM.
bool isDay(const QString& text) {
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return day.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid();
}

// lobbywatch report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json|pdf --out FILE [--lang zh_CN|en]
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

// A PIN from standard input: on a terminal asked twice without echo, else the first line (scripts, tests).
std::optional<std::string> readPin(std::string& error) {
    auto readLine = [](std::string& line) { return static_cast<bool>(std::getline(std::cin, line)); };
    if (!::isatty(STDIN_FILENO)) {
        std::string pin;
        if (!readLine(pin)) {
            error = "give the PIN on standard input";
            return std::nullopt;
        }
        if (!pin.empty() && pin.back() == '\r') pin.pop_back();
        return pin;
    }
    termios saved {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string first, second;
    std::fprintf(stderr, "PIN (4-8 digits): ");
    bool ok = readLine(first);
    std::fprintf(stderr, "\nThe same PIN again: ");
    ok = ok && readLine(second);
    std::fprintf(stderr, "\n");
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (!ok || first != second) {
        error = "the two PINs differ; nothing changed";
        return std::nullopt;
    }
    return first;
}

std::string osUser() {
    const passwd* pw = ::getpwuid(::geteuid());
    return std::string("os:") + (pw ? pw->pw_name : std::to_string(::geteuid()).c_str());
}

// lobbywatch staff add NAME --role manager|head | staff remove NAME | staff list  (all with --db FILE)
int staffCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    int exitCode = 0;
    const QString verb = args.value(1);
    if (!((verb == "list" && args.size() == 2) || ((verb == "add" || verb == "remove") && args.size() == 3)))
        return fail(kExitUsage, "expected 'staff add NAME --role manager|head', 'staff remove NAME' or 'staff list'");
    auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode, store::EventStore::Check::Full,
                           verb == "list" ? store::EventStore::Access::Read : store::EventStore::Access::Write);
    if (!store) return exitCode;
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    if (verb == "list") {
        for (const auto& m : store->staff())
            std::printf("%-8s %s (PIN set %s)\n", m.role.c_str(), m.name.c_str(),
                        lobby::formatLocalTime(m.changedAt, config.lobby.utcOffsetMinutes).substr(0, 16).c_str());
        return 0;
    }
    const std::string name = args[2].trimmed().toStdString();
    if (verb == "remove") {
        const auto all = store->staff();
        if (std::none_of(all.begin(), all.end(), [&](const auto& m) { return m.name == name; }))
            return fail(1, "no staff member named '" + name + "'");
        auto e = store->atomically([&]() -> std::optional<std::string> {
            if (!store->removeStaff(name)) return std::string("not removed");
            return store->recordAction({now, osUser(), "staff_removed", "staff:" + name, ""});
        });
        if (e) return fail(1, "cannot remove the staff member (nothing was changed): " + *e);
        std::printf("removed %s\n", name.c_str());
        return 0;
    }
    if (name.empty() || name.size() > 40 ||
        std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        return fail(kExitUsage, "staff add: a name is 1-40 characters, no control characters");
    auto role = auth::roleFrom(cli.value("role").toStdString());
    if (!role) return fail(kExitUsage, "staff add: give --role manager or --role head");
    std::string error;
    auto pin = readPin(error);
    if (!pin) return fail(kExitUsage, "staff add: " + error);
    if (auto why = auth::checkNewPin(*pin)) return fail(kExitUsage, "staff add: " + *why + "; nothing changed");
    bool existed = false;
    for (const auto& m : store->staff()) existed = existed || m.name == name;
    kiosk::PinHash h = kiosk::hashPin(*pin);
    store::StaffMember m{name, auth::toString(*role), h.algorithm, h.iterations, h.salt, h.hash, now};
    auto e = store->atomically([&]() -> std::optional<std::string> {
        if (auto refused = store->putStaff(m)) return refused;
        return store->recordAction({now, osUser(), existed ? "staff_changed" : "staff_added", "staff:" + name, auth::toString(*role)});
    });
    if (e) return fail(1, "cannot store the staff member (nothing was changed): " + *e);
    std::printf("%s %s as %s\n", existed ? "changed" : "added", name.c_str(), auth::toString(*role));
    return 0;
}

// The moment of the log's latest business day with the most people waiting (the later one on a tie: more alerts
// have had time to rise). nullopt when the log has no events.
std::optional<lobby::TimeMs> busiestMoment(const QString& db, const lobby::LobbyConfig& config, int& waiting,
                                           std::string& error) {
    auto opened = store::EventStore::open(db, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
    if (!opened.store) {
        error = opened.error;
        if (!QFile::exists(db)) error = "the log " + db.toStdString() + " has no events to show (there is no such file)";
        return std::nullopt;
    }
    std::string day = opened.store->lastBusinessDay();
    if (day.empty()) {
        error = "the log " + db.toStdString() + " has no events to show (import or replay a day first; ./run screenshots does)";
        return std::nullopt;
    }
    lobby::Lobby lobby(config);
    std::optional<lobby::TimeMs> best;
    waiting = -1;
    for (const auto& e : opened.store->eventsOfDay(day)) {
        lobby.apply(e);
        int w = lobby.totals().waiting;
        if (w >= waiting) {
            waiting = w;
            best = e.time;
        }
    }
    return best;
}

// --screenshot DIR: every screen in both languages, one after another, then exit.
struct ShotPlan {
    QString dir;
    QQuickWindow* manager = nullptr;
    QQuickWindow* board = nullptr;
    ui::Language* language = nullptr;
    QStringList saved;
    QString suffix;  // "-WxH" with --size
    int step = 0;
};

void shootNext(std::shared_ptr<ShotPlan> plan, int& exitCode) {
    static const char* const kLanguages[] = {"zh_CN", "en"};
    static const char* const kPages[] = {"", "devices", "incidents", "keypad"};
    constexpr int kPerLanguage = 5;  // four manager pages and the board
    if (plan->step >= 2 * kPerLanguage) {
        for (const QString& f : plan->saved) std::printf("%s\n", f.toUtf8().constData());
        QCoreApplication::quit();
        return;
    }
    const int lang = plan->step / kPerLanguage, shot = plan->step % kPerLanguage;
    const QString code = QString::fromLatin1(kLanguages[lang]);
    if (shot == 0) plan->language->set(code);
    QQuickWindow* window = shot < 4 ? plan->manager : plan->board;
    const QString page = shot < 4 ? QString::fromLatin1(kPages[shot]) : QString();
    if (shot < 4) {
        bool shown = false;
        QMetaObject::invokeMethod(plan->manager, "showPage", Q_RETURN_ARG(bool, shown), Q_ARG(QString, page));
        if (!shown) exitCode = fail(1, "the manager's screen has no page '" + page.toStdString() + "'");
    }
    // A moment for bindings and layout to settle before the grab.
    QTimer::singleShot(400, QCoreApplication::instance(), [plan, window, page, shot, code, &exitCode]() {
        QString name = shot == 4 ? QStringLiteral("public") : QStringLiteral("manager");
        if (!page.isEmpty()) name += "-" + page;
        QString file = plan->dir + "/" + name + "-" + code + plan->suffix + ".png";
        if (!window->grabWindow().save(file)) exitCode = fail(1, "cannot save " + file.toStdString());
        else plan->saved << file;
        ++plan->step;
        shootNext(plan, exitCode);
    });
}

// --size WxH: both windows at that size (the screenshots of a 1366x768 or an upright 1080x1920 screen).
bool parseSize(const QString& text, QSize& size) {
    const QStringList parts = text.split('x');
    bool okW = false, okH = false;
    if (parts.size() == 2) size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    return okW && okH && size.width() >= 320 && size.height() >= 320 && size.width() <= 7680 && size.height() <= 7680;
}

bool makeClockBase(const QCommandLineParser& cli, const lobby::LobbyConfig& lobbyConfig, lobby::TimeMs& base,
                   double& speed, int& exitCode) {
    base = QDateTime::currentMSecsSinceEpoch();
    speed = 1.0;
    if (cli.isSet("speed")) {
        bool ok = false;
        speed = cli.value("speed").toDouble(&ok);
        if (!ok || speed <= 0 || speed > 100000) {
            exitCode = fail(kExitUsage, "--speed: expected a factor above 0 (60 = a minute per second)");
            return false;
        }
    }
    if (cli.isSet("clock-origin")) {
        // WALL_MS,SIM_MS: the clock read SIM_MS at wall time WALL_MS and runs at --speed since (a restart
        // continues the simulated day where it was, to the millisecond).
        const QStringList parts = cli.value("clock-origin").split(',');
        bool okWall = false, okSim = false;
        qint64 wall = parts.size() == 2 ? parts[0].toLongLong(&okWall) : 0;
        qint64 sim = parts.size() == 2 ? parts[1].toLongLong(&okSim) : 0;
        if (!okWall || !okSim) {
            exitCode = fail(kExitUsage, "--clock-origin: expected WALL_MS,SIM_MS (milliseconds since 1970)");
            return false;
        }
        base = sim + static_cast<lobby::TimeMs>(static_cast<double>(QDateTime::currentMSecsSinceEpoch() - wall) * speed);
        return true;
    }
    if (cli.isSet("start")) {
        auto minutes = config::parseTimeOfDay(cli.value("start").toStdString());
        if (!minutes || *minutes >= 24 * 60) {
            exitCode = fail(kExitUsage, "--start: expected HH:MM from 00:00 to 23:59");
            return false;
        }
        std::string today = lobby::formatLocalTime(base, lobbyConfig.utcOffsetMinutes).substr(0, 10);
        char text[32];
        std::snprintf(text, sizeof text, "%sT%02d:%02d:00", today.c_str(), *minutes / 60, *minutes % 60);
        base = *lobby::parseLocalTime(text, lobbyConfig.utcOffsetMinutes);
    }
    return true;
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
        if (a == "--headless" || a == "replay" || a == "import" || a == "staff" || a == "complaint" || a == "backup" || a == "restore" || a == "announce" || a == "--list-ports" || a == "--help" || a == "-h" ||
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
        {"to", "report: the last business day; backup: the backup directory.", "DAY|DIR"},
        {"format", "report: csv (UTF-8 with BOM), json or pdf (A4).", "FORMAT"},
        {"out", "report: the file to write.", "FILE"},
        {"role", "staff add: manager (acknowledges and resolves alerts) or head (also reports).", "ROLE"},
        {"predictions-out", "replay/import: write each ticket's forecast at issue, actual wait and first alert (CSV).", "FILE"},
    });
    cli.addOptions(app::importOptions());
    app::addBackupOptions(cli);
    app::addAnnounceOptions(cli);
    cli.addPositionalArgument("command", "replay | import | staff | complaint | report | backup | restore | announce (optional)", "[command]");
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
    if (!loadConfig(cli, config, exitCode)) return exitCode;

    const QStringList args = cli.positionalArguments();
    if (!args.isEmpty() && args[0] == "complaint") {
        if (!cli.isSet("db")) return fail(kExitUsage, "complaint: give the event log with --db FILE");
        return complaintCommand(cli, args, config);
    }
    if (!args.isEmpty() && args[0] == "report") {
        if (!cli.isSet("db")) return fail(kExitUsage, "report: give the event log with --db FILE");
        if (args.size() != 1) return fail(kExitUsage, "report takes no other arguments (see --help)");
        return reportCommand(cli, config);
    }
    if (app::isBackupCommand(args)) return app::backupCommand(cli, args, config);
    if (app::isAnnounceCommand(args)) return app::announceCommand(cli, args);
    if (!args.isEmpty() && args[0] == "staff") {
        if (!cli.isSet("db")) return fail(kExitUsage, "staff: give the event log with --db FILE");
        return staffCommand(cli, args, config);
    }
    if (!args.isEmpty()) {
        if (args.size() != 2 || (args[0] != "replay" && args[0] != "import"))
            return fail(kExitUsage, "expected 'replay CAPTURE' or 'import EVENTS.csv' (see --help)");
        if (!cli.isSet("db")) return fail(kExitUsage, args[0].toStdString() + ": give the event log with --db FILE");
        return args[0] == "replay" ? replay(cli, args[1], config) : app::importCommand(cli, args[1], config);
    }

    lobby::TimeMs base = 0;
    double speed = 1.0;
    if (!makeClockBase(cli, config.lobby, base, speed, exitCode)) return exitCode;
    app::KioskOptions options;
    const bool screenshotDir = cli.isSet("screenshot") && !cli.value("screenshot").endsWith(".png");
    if (screenshotDir) {
        // The log's busiest moment, frozen: the clock stands still there and the lobby is rebuilt up to it.
        int waiting = 0;
        std::string error;
        auto moment = busiestMoment(QString::fromStdString(config.database), config.lobby, waiting, error);
        if (!moment) return fail(1, error);
        base = *moment + 1000;
        speed = 0.0;
        options.rebuildUntilNow = true;
        std::fprintf(stderr, "lobbywatch: screenshots at %s, the busiest moment of the log's last day (%d waiting)\n",
                     lobby::formatLocalTime(base, config.lobby.utcOffsetMinutes).c_str(), waiting);
        if (!QDir().mkpath(cli.value("screenshot"))) return fail(1, "cannot create " + cli.value("screenshot").toStdString());
    }
    options.headless = headless;
    if (cli.isSet("quit-after-sim-min")) options.quitAfterSimMin = cli.value("quit-after-sim-min").toInt();
    if (cli.isSet("status-every-sim-s")) options.statusEverySimS = std::max(1, cli.value("status-every-sim-s").toInt());
    if (config.ports.empty())
        std::fprintf(stderr, "lobbywatch: no serial ports configured (give --port DEVICE or [port NAME] in --config); "
                             "showing the log only\n");

    // The kiosk starts on a light check and verifies the whole file on another thread (see Kiosk::start).
    // A damaged log is never overwritten: it is moved aside, a new one started, and an incident raised.
    QString dbPath = QString::fromStdString(config.database);
    QString mark = QString::fromStdString(store::EventStore::damageMarkFor(dbPath.toStdString()));
    bool suspect = QFile::exists(mark);
    auto opened = store::EventStore::open(dbPath, config.lobby,
                                          suspect ? store::EventStore::Check::Full : store::EventStore::Check::Deferred,
                                          store::EventStore::Access::Ingest);
    if (suspect && (opened.store || opened.damaged)) QFile::remove(mark);
    if (!opened.store && opened.damaged) {
        std::string why = opened.error, error;
        QString aside = store::moveAside(dbPath, error);
        if (aside.isEmpty()) return fail(1, why + "; " + error);
        options.logMovedAsideTo = aside.toStdString();
        std::fprintf(stderr, "lobbywatch: %s; moved it aside to %s and started a new log\n", why.c_str(),
                     options.logMovedAsideTo.c_str());
        opened = store::EventStore::open(dbPath, config.lobby, store::EventStore::Check::Deferred, store::EventStore::Access::Ingest);
    }
    if (!opened.store) return fail(1, opened.error);
    kiosk::Clock clock(base, speed);
    // The live kiosk follows the wall clock (NTP stepping it after boot); a simulated or frozen one does not.
    if (!cli.isSet("speed") && !cli.isSet("start") && !cli.isSet("clock-origin") && !screenshotDir) clock.followWallClock();
    app::Kiosk kiosk(config, std::move(opened.store), clock, options);
    QObject::connect(&kiosk, &app::Kiosk::finished, app.get(), &QCoreApplication::quit);
    kiosk.start();
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, app.get(), []() {
        if (stopRequested) {
            std::fprintf(stderr, "lobbywatch: stopping\n");
            QCoreApplication::quit();
        }
    });
    stopPoll.start(100);

    std::unique_ptr<QQmlApplicationEngine> engine;
    if (!headless) {
        QString screen = screenshotDir ? QStringLiteral("both") : cli.isSet("screen") ? cli.value("screen") : QStringLiteral("manager");
        if (screen != "manager" && screen != "public" && screen != "both") return fail(kExitUsage, "--screen: expected manager, public or both");
        engine = std::make_unique<QQmlApplicationEngine>();
        // Qt 6.4 puts a module's files under qrc:/<URI>/ (the /qt/qml prefix came with Qt 6.5), so the module's
        // qmldir is found through the qrc root.
        engine->addImportPath(QStringLiteral("qrc:/"));
        QStringList pages;
        if (screen != "public") pages << QStringLiteral("qrc:/LobbyWatch/Main.qml");
        if (screen != "manager") pages << QStringLiteral("qrc:/LobbyWatch/PublicBoard.qml");
        QQmlEngine* e = engine.get();
        kiosk.language()->setSwitcher([e](const QString& code) { return app::switchLanguage(e, code); });
        const QString lang = cli.isSet("lang") ? cli.value("lang") : QStringLiteral("zh_CN");
        if (!kiosk.language()->set(lang)) return fail(kExitUsage, "--lang: expected zh_CN or en");
        for (const QString& page : pages) {
            // The public board gets the figures only: it has no controls.
            const QVariant status = QVariant::fromValue(kiosk.status()), language = QVariant::fromValue(kiosk.language());
            if (page.endsWith("Main.qml"))
                engine->setInitialProperties({{"status", status}, {"desk", QVariant::fromValue(kiosk.desk())}, {"language", language}});
            else engine->setInitialProperties({{"status", status}, {"language", language}});
            engine->load(QUrl(page));
        }
        if (engine->rootObjects().size() != pages.size()) return fail(1, "a screen failed to load (see the QML errors above)");
        QList<QQuickWindow*> windows;
        for (QObject* o : engine->rootObjects()) windows << qobject_cast<QQuickWindow*>(o);
        QSize size;
        if (cli.isSet("size")) {
            if (!cli.isSet("screenshot")) return fail(kExitUsage, "--size goes with --screenshot (a kiosk's screens take the display's size)");
            if (!parseSize(cli.value("size"), size)) return fail(kExitUsage, "--size: expected WxH, each 320 to 7680 (1920x1080)");
            for (QQuickWindow* w : windows)
                if (w) w->resize(size);
        }
        if (screenshotDir) {
            auto plan = std::make_shared<ShotPlan>();
            plan->dir = cli.value("screenshot");
            plan->manager = windows.value(0);
            plan->board = windows.value(1);
            plan->language = kiosk.language();
            if (size.isValid()) plan->suffix = QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
            if (!plan->manager || !plan->board) return fail(1, "a screen failed to load");
            // Two real seconds: the forecast runs and the alerts rise (the clock stands still meanwhile).
            QTimer::singleShot(2500, app.get(), [plan, &exitCode]() { shootNext(plan, exitCode); });
        } else if (cli.isSet("screenshot")) {
            QString out = cli.value("screenshot");
            int delayMs = cli.isSet("screenshot-after-s") ? static_cast<int>(cli.value("screenshot-after-s").toDouble() * 1000) : 1500;
            QTimer::singleShot(std::max(200, delayMs), app.get(), [windows, out, pages, &exitCode]() {
                for (int i = 0; i < windows.size(); ++i) {
                    // The first screen to FILE.png, a second one (the public board with --screen both) to FILE-public.png.
                    QString file = out;
                    if (i > 0) file = (out.endsWith(".png") ? out.chopped(4) : out) + "-public.png";
                    if (!windows[i] || !windows[i]->grabWindow().save(file)) exitCode = fail(1, "cannot save " + file.toStdString());
                }
                QCoreApplication::quit();
            });
        } else {
            // Full screen; with two screens attached, the public board goes to the second one (app::planScreens).
            const auto screens = QGuiApplication::screens();
            std::vector<std::string> names;
            for (const QString& page : pages) names.push_back(page.endsWith("Main.qml") ? "manager" : "public");
            const app::ScreenPlan plan = app::planScreens(names, static_cast<int>(screens.size()));
            if (!plan.note.empty()) std::fprintf(stderr, "lobbywatch: %s\n", plan.note.c_str());
            for (int i = 0; i < windows.size(); ++i) {
                if (!windows[i]) continue;
                if (plan.displayOf[static_cast<std::size_t>(i)] < 0) {
                    windows[i]->hide();
                    continue;
                }
                windows[i]->setScreen(screens[plan.displayOf[static_cast<std::size_t>(i)]]);
                windows[i]->showFullScreen();
            }
        }
    }
    auto notify = app::notifyWhenRunning(*app, [&kiosk]() { return kiosk.statusLine().toStdString(); });
    int rc = app->exec();
    return exitCode != 0 ? exitCode : rc;
}
