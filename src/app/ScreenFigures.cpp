// What the screens and the status line show, made from the kiosk's parts at one moment.
#include "app/ScreenFigures.h"

#include "kiosk/Announcement.h"
#include "lobby/LocalTime.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <set>
#include <map>

namespace lw::app {

namespace {

int minutesOf(lobby::TimeMs ms) { return static_cast<int>((ms + 30'000) / 60'000); }

QString hhmm(lobby::TimeMs t, int offset) { return QString::fromStdString(lobby::formatLocalTime(t, offset).substr(11, 5)); }

int levelOf(forecast::Severity s) {
    return s == forecast::Severity::Alarm ? ui::Level::Alarm : s == forecast::Severity::Warning ? ui::Level::Warning : ui::Level::Ok;
}

ui::WindowModel::State stateOf(lobby::WindowState s) {
    return s == lobby::WindowState::Open ? ui::WindowModel::Open
           : s == lobby::WindowState::Paused ? ui::WindowModel::Paused : ui::WindowModel::Closed;
}

std::vector<ui::WindowRow> windowRows(const ScreenInputs& in) {
    std::map<std::string, int> levels;  // subject -> worst level among active alerts
    for (const auto& a : in.active) levels[a.subject] = std::max(levels[a.subject], levelOf(a.severity));
    std::vector<ui::WindowRow> out;
    for (const lobby::Window* w : in.lobby.windows()) {
        ui::WindowRow r;
        r.number = w->number;
        r.state = stateOf(w->state);
        r.pause = r.state == ui::WindowModel::Paused ? ui::WindowModel::pauseReasonFrom(w->pauseReason) : ui::WindowModel::NotPaused;
        r.ticket = QString::fromStdString(w->ticket);
        r.serviceMin = w->ticketSince ? minutesOf(in.now - *w->ticketSince) : -1;
        r.servedToday = w->servedToday;
        r.meanServiceMin = w->meanServiceMs() ? static_cast<double>(*w->meanServiceMs()) / 60'000.0 : -1.0;
        const std::string subject = "window:" + std::to_string(w->number);
        r.level = levels.count(subject) ? levels[subject] : 0;
        for (const auto& a : in.active)
            if (a.subject == subject) {
                r.word = a.kind == "slow_window" ? QStringLiteral("slow") : a.kind == "idle_window" ? QStringLiteral("idle")
                         : a.kind == "no_shows" ? QStringLiteral("no_shows") : QStringLiteral("closed");
                break;
            }
        out.push_back(r);
    }
    return out;
}

std::vector<ui::CategoryRow> categoryRows(const ScreenInputs& in) {
    std::vector<ui::CategoryRow> out;
    for (const auto& c : in.lobby.categories()) {
        ui::CategoryRow r;
        r.code = QString::fromStdString(c.config.code);
        r.nameZh = QString::fromStdString(c.config.nameZh);
        r.nameEn = QString::fromStdString(c.config.nameEn);
        r.waiting = c.waiting;
        r.longestWaitMin = minutesOf(c.longestWaitMs);
        const forecast::CategoryForecast* cf = in.forecast.category(c.config.code);
        r.forecastMin = cf && cf->waitIfIssuedNowMs ? minutesOf(*cf->waitIfIssuedNowMs) : -1;
        r.targetMin = c.config.targetMin;
        r.warningMin = c.config.warningMin;
        r.limitMin = c.config.limitMin;
        r.level = c.longestWaitMs >= c.config.limitMin * 60'000LL ? 2 : c.longestWaitMs >= c.config.warningMin * 60'000LL ? 1 : 0;
        out.push_back(r);
    }
    return out;
}

std::vector<ui::AlertRow> alertRows(const ScreenInputs& in) {
    std::vector<ui::AlertRow> out;
    for (const auto& a : in.cards) {
        const alerts::CardState s = in.board.stateOf(a.key);
        ui::AlertRow r;
        r.key = QString::fromStdString(a.key);
        r.acknowledgedBy = QString::fromStdString(s.acknowledgedBy);
        r.acknowledgedText = s.acknowledgedBy.empty() ? QString() : hhmm(s.acknowledgedAt, in.config.utcOffsetMinutes);
        r.count = s.count;
        r.actionable = s.actionable;
        r.severity = QString::fromLatin1(forecast::toString(a.severity));
        r.level = levelOf(a.severity);
        r.messageZh = QString::fromStdString(a.messageZh);
        r.messageEn = QString::fromStdString(a.messageEn);
        r.actionZh = QString::fromStdString(a.actionZh);
        r.actionEn = QString::fromStdString(a.actionEn);
        r.sinceText = hhmm(a.raisedAt, in.config.utcOffsetMinutes);
        r.timeLeftMin = a.timeLeftMs ? minutesOf(*a.timeLeftMs) : -1;
        out.push_back(r);
    }
    return out;
}

std::vector<ui::PortRow> portRows(const ScreenInputs& in) {
    std::vector<ui::PortRow> out;
    const auto& statusWords = in.lobby.deviceStatus();
    for (const auto& [name, port] : in.ports.ports()) {
        ui::PortRow p;
        p.port = name;
        p.up = port.up;
        p.reason = port.reason;
        p.reconnects = static_cast<qint64>(port.reconnects);
        auto it = in.ingest.ports().find(name.toStdString());
        if (it != in.ingest.ports().end()) {
            const auto& st = it->second->decoder.stats();
            p.frames = static_cast<qint64>(st.frames);
            p.bad = static_cast<qint64>(st.checksumErrors + st.malformed + st.overlong);
            for (const auto& h : it->second->sessions.health()) {
                ui::DeviceRow d;
                d.address = h.address;
                d.kind = !h.kind ? QStringLiteral("?")
                         : *h.kind == protocol::DeviceKind::Dispenser ? QStringLiteral("dispenser") : QStringLiteral("keypad");
                d.online = h.online(in.now);
                d.lastText = h.frames > 0 ? QString::fromStdString(
                                                lobby::formatLocalTime(h.lastFrameAt, in.config.utcOffsetMinutes).substr(11, 8))
                                          : QStringLiteral("—");
                d.frames = static_cast<qint64>(h.frames);
                d.resends = static_cast<qint64>(h.resends);
                d.refused = static_cast<qint64>(h.refused);
                auto word = statusWords.find(h.address);
                d.status = word != statusWords.end() ? QString::fromStdString(word->second) : QString();
                p.devices.push_back(d);
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

// Notices for customers: plain, no device text passed through.
QVariantList notices(const ScreenInputs& in) {
    QVariantList out;
    for (const auto& [device, word] : in.lobby.deviceStatus()) {
        if (word == "PAPER_OUT" || word == "JAM" || word == "COVER_OPEN") {
            QVariantMap m;
            m["zh"] = QStringLiteral("%1 号取号机暂停使用，请到其他取号机或咨询大堂经理").arg(device);
            m["en"] = QStringLiteral("Ticket machine %1 is out of service: please use another or ask the lobby manager").arg(device);
            out.push_back(m);
        }
    }
    std::set<int> faulty;  // a stuck or faulty window: the board tells the lobby it is being fixed
    for (const auto& n : forecast::boardNotices(in.lobby, in.active)) {
        faulty.insert(n.window);
        out.push_back(QVariantMap{{"zh", QString::fromStdString(n.zh)}, {"en", QString::fromStdString(n.en)}});
    }
    for (const lobby::Window* w : in.lobby.windows()) {
        if (w->state == lobby::WindowState::Paused && faulty.count(w->number) == 0) {
            QVariantMap m;
            const bool lunch = ui::WindowModel::pauseReasonFrom(w->pauseReason) == ui::WindowModel::Lunch;
            m["zh"] = QStringLiteral("%1 号窗口%2").arg(w->number).arg(lunch ? QStringLiteral("午休暂停") : QStringLiteral("暂停服务"));
            m["en"] = QStringLiteral("Window %1 is %2").arg(w->number).arg(lunch ? QStringLiteral("at lunch") : QStringLiteral("paused"));
            out.push_back(m);
        }
    }
    return out;
}

QVariantMap glance(const ScreenInputs& in) {
    QVariantMap g;
    const bool today = in.glance.businessDay() == lobby::businessDayOf(in.now, in.config);
    g["serviceLevel"] = today ? in.glance.serviceLevelPercent() : -1;
    g["calls"] = today ? in.glance.calls() : 0;
    int target = 0, limit = 0;
    for (const auto& c : in.lobby.categories()) {
        target = target == 0 ? c.config.targetMin : std::min(target, c.config.targetMin);
        limit = std::max(limit, c.config.limitMin);
    }
    g["targetMin"] = target;
    QVariantList buckets;
    double top = std::max(limit, 10);
    if (today) {
        for (const auto& b : in.glance.buckets()) {
            QVariantMap m;
            m["timeText"] = hhmm(b.start, in.config.utcOffsetMinutes);
            m["calls"] = b.calls;
            m["meanWaitMin"] = static_cast<double>(b.meanWaitMs()) / 60'000.0;
            m["maxWaitMin"] = static_cast<double>(b.maxWaitMs) / 60'000.0;
            top = std::max(top, static_cast<double>(b.maxWaitMs) / 60'000.0);
            buckets.push_back(m);
        }
    }
    g["buckets"] = buckets;
    g["scaleMin"] = top;
    return g;
}

// Resident memory (kB) and open file descriptors of this process, for the status line: an operator (and the
// long-run test) can see that neither grows over months.
std::pair<long, int> processFootprint() {
    long rss = -1;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:")) rss = line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    int fds = static_cast<int>(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
    return {rss, fds - 1};  // less the descriptor the listing itself holds
}

}  // namespace

ui::LobbyStatus::Figures screenFigures(const ScreenInputs& in) {
    ui::LobbyStatus::Figures f;
    const lobby::LobbyTotals t = in.lobby.totals();
    f.clockText = hhmm(in.now, in.config.utcOffsetMinutes);
    f.businessDay = QString::fromStdString(lobby::businessDayOf(in.now, in.config));
    f.issued = t.issued;
    f.waiting = t.waiting;
    f.serving = t.serving + t.called;
    f.served = t.finished;
    f.noShow = t.noShow;
    lobby::TimeMs longest = 0;
    for (const auto& c : in.lobby.categories()) longest = std::max(longest, c.longestWaitMs);
    f.longestWaitMin = static_cast<int>(longest / 60'000);
    QString text;
    for (const auto& [name, port] : in.ports.ports())
        text += (text.isEmpty() ? "" : "  ") + name + (port.up ? QStringLiteral(" ✓") : QStringLiteral(" ✗"));
    f.linksUp = in.ports.allUp();
    f.linksText = text.isEmpty() ? QStringLiteral("no ports configured") : text;
    f.logged = static_cast<qint64>(in.ingest.counters().events);
    f.forecastServing = in.forecastServing;
    f.windows = windowRows(in);
    f.categories = categoryRows(in);
    f.alerts = alertRows(in);
    for (const auto& c : in.calls) {
        const kiosk::Announcement a = kiosk::callAnnouncement(c.ticket, c.window);
        f.calls.push_back({QString::fromStdString(c.ticket), c.window, QString::fromStdString(a.displayZh),
                           QString::fromStdString(a.displayEn), hhmm(c.at, in.config.utcOffsetMinutes), c.at});
    }
    f.notices = notices(in);
    f.ports = portRows(in);
    f.glance = glance(in);
    return f;
}

std::vector<ui::IncidentRow> incidentRows(const std::vector<store::Incident>& day, int utcOffsetMinutes) {
    std::vector<ui::IncidentRow> out;
    out.reserve(day.size());
    for (auto it = day.rbegin(); it != day.rend(); ++it)
        out.push_back({it->id, hhmm(it->raisedAt, utcOffsetMinutes), QString::fromStdString(it->kind),
                       QString::fromStdString(it->severity), QString::fromStdString(it->subject),
                       QString::fromStdString(it->messageZh), QString::fromStdString(it->messageEn),
                       QString::fromStdString(it->state), hhmm(it->stateAt, utcOffsetMinutes)});
    return out;
}

QString statusLine(const ScreenInputs& in, const StatusExtras& extras) {
    const std::string local = lobby::formatLocalTime(in.now, in.config.utcOffsetMinutes);  // YYYY-MM-DDTHH:MM:SS
    const lobby::LobbyTotals t = in.lobby.totals();
    std::uint64_t frames = 0, bad = 0;
    int devices = 0, online = 0;
    for (const auto& [name, ps] : in.ingest.ports()) {
        const auto& s = ps->decoder.stats();
        frames += s.frames;
        bad += s.checksumErrors + s.malformed + s.overlong;
        for (const auto& h : ps->sessions.health()) {
            ++devices;
            if (h.online(in.now)) ++online;
        }
    }
    QString links;
    for (const auto& [name, port] : in.ports.ports()) links += QStringLiteral(" %1:%2").arg(name, port.up ? "up" : "down");
    links += QStringLiteral(" devices %1/%2").arg(online).arg(devices);
    const auto& c = in.ingest.counters();
    QString line = QStringLiteral("%1 frames %2 (bad %3, resent %4) | issued %5 waiting %6 serving %7 done %8 no-show %9 | logged %10")
                       .arg(QString::fromStdString(local.substr(0, 10) + " " + local.substr(11, 5)))
                       .arg(frames)
                       .arg(bad)
                       .arg(c.duplicates)
                       .arg(t.issued)
                       .arg(t.waiting)
                       .arg(t.serving + t.called)
                       .arg(t.finished)
                       .arg(t.noShow)
                       .arg(c.events);
    QString waits;
    for (const auto& cf : in.forecast.categories)
        if (cf.waitIfIssuedNowMs)
            waits += QStringLiteral(" %1~%2m").arg(QString::fromStdString(cf.category)).arg((*cf.waitIfIssuedNowMs + 30'000) / 60'000);
    if (!waits.isEmpty()) line += QStringLiteral(" | new ticket waits") + waits;
    if (extras.openAlerts > 0) line += QStringLiteral(" | alerts %1").arg(extras.openAlerts);
    if (extras.logFailingSince >= 0)
        line += QStringLiteral(" | LOG FAILING since %1 (%2 refused batches so far)")
                    .arg(hhmm(extras.logFailingSince, in.config.utcOffsetMinutes))
                    .arg(c.failedCommits);
    if (extras.logDamaged) line += QStringLiteral(" | LOG DAMAGED");
    if (!extras.clockDoubt.empty()) line += QStringLiteral(" | CLOCK IMPLAUSIBLE: ") + QString::fromStdString(extras.clockDoubt);
    auto [rssKb, fds] = processFootprint();
    return line + QStringLiteral(" |") + links + QStringLiteral(" | rss %1 kB fds %2").arg(rssKb).arg(fds);
}

}  // namespace lw::app

