// The live kiosk's wiring: ports -> Ingest -> group commit -> ACKs back on the same port; each second the clock,
// the lobby's tick, the forecast, the alert rules and board, the desk, the screens and the status line.
#include "app/Kiosk.h"

#include "kiosk/Announcement.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "app/ReportData.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QTranslator>

#include <cstdio>

namespace lw::app {

namespace {

// Thresholds a manager changed on the screen (kept in the log) stand over the config file's.
kiosk::KioskConfig withSavedThresholds(kiosk::KioskConfig config, store::EventStore& store) {
    if (auto saved = store.meta("thresholds")) kiosk::applySavedThresholds(config.lobby.categories, *saved);
    return config;
}

// The screens' reader of the log, opened once the log's own connection has let go of it (a log that cannot be
// written is read in exclusive mode, which would hold the reader off); the writer thread opens it again.
std::unique_ptr<store::EventStore> screensReader(store::EventStore& log) {
    log.releaseConnection();
    return log.readerHere();
}

serial::LinkSettings linkSettings(const kiosk::PortConfig& port) {
    serial::LinkSettings s;
    s.name = QString::fromStdString(port.name);
    s.device = QString::fromStdString(port.device);
    s.baud = port.baud;
    s.parity = port.parity == kiosk::Parity::Even  ? QSerialPort::EvenParity
               : port.parity == kiosk::Parity::Odd ? QSerialPort::OddParity
                                                   : QSerialPort::NoParity;
    return s;
}

}  // namespace

bool switchLanguage(QQmlEngine* engine, const QString& code) {
    static QTranslator translator;
    QCoreApplication::removeTranslator(&translator);
    if (code != QLatin1String("en")) {
        if (!translator.load(QStringLiteral(":/i18n/lobbywatch_%1.qm").arg(code))) return false;
        QCoreApplication::installTranslator(&translator);
    }
    if (engine) engine->retranslate();
    return true;
}

Kiosk::Kiosk(kiosk::KioskConfig config, std::unique_ptr<store::EventStore> store, const kiosk::Clock& clock,
             KioskOptions options)
    : config_(withSavedThresholds(std::move(config), *store)),
      writeProblemAtStart_(store->writeProblem()),
      store_(screensReader(*store)),
      writer_(std::make_unique<store::LogWriter>(std::move(store))),
      clock_(clock),
      options_(options),
      incidentLog_(*writer_, 10'000, [this]() {
          QMetaObject::invokeMethod(this, [this]() { incidents_.markDirty(); }, Qt::QueuedConnection);
      }),
      incidents_(incidentLog_, clock_),
      health_(*store_, config_.lobby, clock_, incidents_),
      lobby_(config_.lobby),
      ingest_(*store_, lobby_),
      forecast_(config_.lobby),
      watch_(config_.alerts),
      board_(config_.security.escalateAfterMin),
      complaints_(*store_, config_, incidents_),
      reports_(store_->path()),
      managerDesk_({*store_, incidents_, board_, lobby_, forecast_, config_, clock_, reports_, [this]() { publish(); },
                    [this]() {
                        complaintsChecked_.invalidate();
                        notify_.wake();  // a hand-over or escalation may have queued a message
                    }, writer_.get()},
                   desk_),
      ports_(clock_),
      notify_(config_, *writer_, clock_),
      central_(config_, store_->path(), clock_, incidents_) {
    incidents_.tellTo(&notify_);
    uptime_.start();
    incidents_.showOn(&board_);  // a port down is an alarm on the panel like any other
    status_.setBranchPhones(QString::fromStdString(config_.branch.complaintHotline), QString::fromStdString(config_.branch.servicePhone));
    connect(&ports_, &serial::SerialPorts::received, this, &Kiosk::onReceived);
    connect(&ports_, &serial::SerialPorts::portUp, this, [this](const QString& port) { incidents_.clear(portIncidents_[port]); });
    connect(&ports_, &serial::SerialPorts::portDown, this, [this](const QString& port, const QString& reason) {
        const std::string name = port.toStdString();
        incidents_.raise("link_down", "alarm", "port:" + name,
                         "串口 " + name + " 断开，取号机和呼叫器的数据收不到：" + reason.toStdString(),
                         "Port " + name + " is down; nothing from its dispensers and keypads arrives: " + reason.toStdString(),
                         portIncidents_[port]);
        auto it = ingest_.ports().find(name);
        if (it != ingest_.ports().end()) it->second->decoder.reset();  // a half frame from before the loss is gone
    });
    connect(&reports_, &ReportWorker::learned, this, [this](const forecast::History& history) {
        std::fprintf(stderr, "lobbywatch: the forecast learned from %d past day(s)\n", history.days);
        forecast_.relearn(history);  // the errors learned so far are kept
    });
    // The forecast of the wait for a ticket issued now goes to the dispensers with each new ticket.
    connect(&forecast_, &ForecastWorker::ready, this, [this]() {
        std::map<std::string, int> minutes;
        for (const auto& c : forecast_.latest().categories)
            if (c.waitIfIssuedNowMs) minutes[c.category] = static_cast<int>((*c.waitIfIssuedNowMs + 30'000) / 60'000);
        ingest_.setIssueEstimates(std::move(minutes));
    });
}

Kiosk::~Kiosk() {
    // The writer finishes what was posted (a batch in flight goes in, unacknowledged: its devices resend, and the
    // next start ACKs the resend without logging it again) while the parts its jobs use still exist; a port going
    // down as the links stop raises nothing after it.
    disconnect(&ports_, nullptr, this, nullptr);
    notify_.stop();
    writer_.reset();
}

void Kiosk::start() {
    health_.startClock();
    central_.start();
    notify_.start();
    lobby::TimeMs now = clock_.now();
    ingest_.setObserver([this](const lobby::LobbyEvent& e) { onApplied(e); });
    ingest_.setLiveLimits();  // bounded memory and NAK BUSY on a flooding line (replay and import take everything)
    std::size_t rebuilt = 0;
    std::vector<lobby::LobbyEvent> today = store_->eventsOfDay(lobby::businessDayOf(now, config_.lobby));
    for (const auto& e : today) {
        if (options_.rebuildUntilNow && e.time > now) break;
        if (!lobby_.apply(e).duplicate) {
            watch_.observe(e);
            noteCall(e);
            // The board shows the last calls after a restart too (not spoken again).
            if (e.kind == lobby::EventKind::Called || e.kind == lobby::EventKind::Recalled) {
                calls_.push_front(CallShown{e.ticket, e.window, e.time});
                if (calls_.size() > 8) calls_.pop_back();
            }
        }
        ++rebuilt;
    }
    if (options_.rebuildUntilNow) today.resize(rebuilt);
    // The forecast learns from past days at the first tick (with the day totals kept), and each night after.
    forecast_.change([today, now](lobby::Lobby& replica) {
        for (const auto& e : today) replica.apply(e);
        replica.tick(now);
    });
    ingest_.rememberLogged(today);
    // Incidents a previous run left open: taken up again by the same condition within 3 minutes, else cleared.
    incidents_.carryOver(store_->incidentsOfDay(lobby::businessDayOf(now, config_.lobby)), now + 180'000);
    lobby_.tick(now);
    if (!options_.logMovedAsideTo.empty()) health_.logMovedAside(options_.logMovedAsideTo);
    std::fprintf(stderr, "lobbywatch: event log %s; today %s: %zu events rebuilt\n", store_->path().toUtf8().constData(),
                 lobby::businessDayOf(now, config_.lobby).c_str(), rebuilt);
    if (!writeProblemAtStart_.empty()) health_.logNotWritable(writeProblemAtStart_);
    std::vector<serial::LinkSettings> links;
    for (const auto& port : config_.ports) links.push_back(linkSettings(port));
    ports_.open(links);
    // quick_check reads the whole file (about a second for three years); do it beside the running kiosk.
    health_.verifyInBackground(this);
    startPhonePage();
    nextStatusAt_ = now + options_.statusEverySimS * 1000LL;
    if (options_.quitAfterSimMin > 0) quitAt_ = now + options_.quitAfterSimMin * 60'000LL;
    connect(&second_, &QTimer::timeout, this, &Kiosk::everySecond);
    // Status and the quit check follow simulated time: tick often enough for a fast simulated clock.
    second_.start(std::max(50, static_cast<int>(1000.0 / std::max(1.0, clock_.speed()))));
    publish();
    managerDesk_.publish();
}

void Kiosk::onReceived(const QString& port, qint64 atMs, const QByteArray& bytes) {
    ingest_.receive(port.toStdString(), atMs, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    // The link reads on only while the kiosk keeps up (bounded memory on a flooding line).
    ports_.consumed(port, bytes.size());
    // Group commit: everything that arrived in this turn of the event loop goes in one transaction.
    if (!commitScheduled_) {
        commitScheduled_ = true;
        QMetaObject::invokeMethod(this, &Kiosk::commit, Qt::QueuedConnection);
    }
}

void Kiosk::watchDevices(lobby::TimeMs now) {
    for (const auto& [portName, ps] : ingest_.ports()) {
        for (const auto& h : ps->sessions.health()) {
            std::string key = portName + "/" + std::to_string(h.address);
            auto& slot = deviceIncidents_[key];
            if (!h.online(now)) {
                std::string what = (h.kind == protocol::DeviceKind::Dispenser ? "dispenser " : "keypad ") +
                                   std::to_string(h.address) + " on port " + portName;
                std::string zh = (h.kind == protocol::DeviceKind::Dispenser ? "取号机 " : "窗口呼叫器 ") +
                                 std::to_string(h.address) + "（串口 " + portName + "）90 秒无心跳，请检查设备与线缆";
                incidents_.raise("device_offline", "warning", "device:" + key, zh,
                                 "No heartbeat from " + what + " for 90 s: check the device and its cable", slot);
            } else {
                incidents_.clear(slot);
            }
        }
    }
}

void Kiosk::noteCall(const lobby::LobbyEvent& e) {
    if (e.kind != lobby::EventKind::Called) return;
    const lobby::Ticket* t = lobby_.ticket(e.ticket);
    if (!t || !t->issuedAt || !t->firstCalledAt || *t->firstCalledAt != e.time) return;  // only the first call
    auto c = lobby_.category(t->originalCategory);
    const lobby::TimeMs target = (c ? c->config.targetMin : 15) * 60'000LL;
    glance_.called(lobby_.businessDay(), *t->issuedAt, e.time, target, config_.lobby.utcOffsetMinutes);
}

void Kiosk::onApplied(const lobby::LobbyEvent& e) {
    forecast_.observe(e);
    watch_.observe(e);
    noteCall(e);
    if (e.kind != lobby::EventKind::Called && e.kind != lobby::EventKind::Recalled) return;
    calls_.push_front(CallShown{e.ticket, e.window, e.time});
    if (calls_.size() > 8) calls_.pop_back();
    if (options_.headless || !options_.announce) return;
    if (!voice_) voice_ = std::make_unique<voice::CallVoice>();
    voice_->say(kiosk::callAnnouncement(e.ticket, e.window));
}

void Kiosk::everySecond() {
    health_.checkClock();
    lobby::TimeMs now = clock_.now();
    managerDesk_.everySecond();
    // A business day closed: keep its report totals (some tens of ms, once a day), so reports need not read it again.
    if (const std::string today = lobby::businessDayOf(now, config_.lobby); totalsKeptThrough_ < report::addDays(today, -1)) {
        const std::string yesterday = report::addDays(today, -1);
        const std::string from = totalsKeptThrough_.empty() ? yesterday : report::addDays(totalsKeptThrough_, 1);
        writer_->post([lobbyConfig = config_.lobby, from, yesterday, today](store::EventStore& store) {
            keepDayTotals(store, lobbyConfig, from, yesterday, today);
        });
        totalsKeptThrough_ = yesterday;
        // The forecast learns the last four weeks on the reader thread (a month of events; the screens go on).
        reports_.learn(today, kHistoryDays, config_.lobby);
    }
    if (!complaintsChecked_.isValid() || complaintsChecked_.elapsed() >= 60'000) {
        complaintsChecked_.start();
        complaints_.check(now);
        managerDesk_.refreshComplaints();
    }
    // Incidents that waited for a log that refused writes: once the outage itself is on record (commit() does
    // that at the first batch that goes in), try them again each tick.
    if (incidentLog_.waiting() > 0 && !health_.logFailing()) incidentLog_.flush();
    // Bytes stamped a moment ago may still be on their way from a link's thread; ticking the model up to `now`
    // would make them look late (clock_back). One real second of slack is plenty, and only delays a rollover.
    const lobby::TimeMs tickTo = now - static_cast<lobby::TimeMs>(1000.0 * clock_.speed());
    lobby_.tick(tickTo);
    forecast_.change([tickTo](lobby::Lobby& replica) { replica.tick(tickTo); });
    watchDevices(now);
    notify_.watch(incidents_, now);  // a robot unreachable for long: an incident on the panel
    central_.tick(now);
    // Forecast, alerts and the screen: once a real second (the timer runs faster only for a fast simulated clock).
    if (!lastRefresh_.isValid() || lastRefresh_.elapsed() >= 1000) {
        lastRefresh_.start();
        QElapsedTimer took;
        took.start();
        forecast_.request(now);  // the result arrives in a moment; the rules use the latest one
        // The watch's changes on the board: new alerts get their incidents, then those nobody acknowledged in time
        // go to the branch head.
        const forecast::WatchChanges changes = watch_.evaluate(lobby_, forecast_.latest(), now);
        incidents_.apply(board_.apply(changes, now), board_, now);
        incidents_.apply(board_.escalate(now), board_, now);
        incidents_.closeLeftOpen(now);
        if (options_.headless) {
            const std::string local = lobby::formatLocalTime(clock_.now(), config_.lobby.utcOffsetMinutes).substr(11, 5);
            for (const auto& a : changes.raised) {
                std::printf("%s ALERT [%s] %s | %s | %s\n", local.c_str(), forecast::toString(a.severity), a.messageEn.c_str(),
                            a.actionEn.c_str(), a.actionZh.c_str());
                std::fflush(stdout);
            }
        }
        publish();
        refreshTimesMs_.push_back(static_cast<double>(took.nsecsElapsed()) / 1e6);
        if (refreshTimesMs_.size() > 120) refreshTimesMs_.pop_front();
    }
    if (options_.headless && now >= nextStatusAt_) {
        while (nextStatusAt_ <= now) nextStatusAt_ += options_.statusEverySimS * 1000LL;
        std::printf("%s\n", statusLine().toUtf8().constData());
        std::fflush(stdout);
    }
    if (quitAt_ > 0 && now >= quitAt_) {
        second_.stop();
        drainLog();
        emit finished();
    }
}

QString Kiosk::statusLine() const {
    const std::vector<forecast::Alert> active = watch_.active(), none;
    const ScreenInputs in{clock_.now(), config_.lobby, lobby_, ingest_, ports_, forecast_.latest(), forecast_.serving(),
                          active, board_, none, calls_, glance_};
    return app::statusLine(in, StatusExtras{board_.open(), health_.logFailingSince(), health_.logDamaged(), health_.clockDoubt()}) +
           QString::fromStdString(central_.statusWord() + notify_.statusWord());
}

void Kiosk::publish() {
    const lobby::TimeMs now = clock_.now();
    // The alert list: a log that cannot be written and a clock that cannot be trusted first, then complaints due,
    // then the lobby's alerts.
    std::vector<forecast::Alert> cards = health_.cards(now);
    cards.insert(cards.end(), complaints_.cards().begin(), complaints_.cards().end());
    const std::vector<forecast::Alert> active = watch_.active();
    const std::vector<forecast::Alert> boardCards = board_.cards(active);
    cards.insert(cards.end(), boardCards.begin(), boardCards.end());
    cards.insert(cards.end(), complaints_.infoCards().begin(), complaints_.infoCards().end());
    const ScreenInputs in{now, config_.lobby, lobby_, ingest_, ports_, forecast_.latest(), forecast_.serving(),
                          active, board_, cards, calls_, glance_};
    ui::LobbyStatus::Figures figures = screenFigures(in);
    if (auto link = central_.row(now)) figures.ports.push_back(*link);  // the central link on the device page
    showOnPhone(figures.alerts);  // the phone page shows the panel's cards
    if (auto robots = notify_.row()) figures.ports.push_back(*robots);  // and the webhook's
    status_.update(figures);
    // Today's incidents from the log: after each change (at most once a publish, i.e. a second), else every 5 s.
    if (!incidentsRead_.isValid() || incidents_.dirty() || incidentsRead_.elapsed() >= 5000) {
        incidentsRead_.start();
        incidents_.markRead();
        status_.setIncidents(incidentRows(store_->incidentsOfDay(lobby::businessDayOf(now, config_.lobby)),
                                          config_.lobby.utcOffsetMinutes));
    }
}

}  // namespace lw::app
