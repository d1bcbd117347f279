// The live kiosk's wiring: links -> Ingest -> group commit -> ACKs back on the same link; status each second.
#include "Kiosk.h"

#include "Announcement.h"
#include "LocalTime.h"
#include "PinHash.h"
#include "Report.h"
#include "ReportData.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTranslator>
#include <QDir>
#include <QFile>
#include <QMetaObject>
#include <QVariantMap>

#include <cstdio>
#include <set>

namespace {

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

namespace lw::app {

namespace {

// Thresholds a manager changed on the screen (kept in the log) stand over the config file's.
kiosk::KioskConfig withSavedThresholds(kiosk::KioskConfig config, store::EventStore& store) {
    if (auto saved = store.meta("thresholds")) kiosk::applySavedThresholds(config.lobby.categories, *saved);
    return config;
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
      store_(std::move(store)),
      incidents_(*store_),
      clock_(clock),
      options_(options),
      lobby_(config_.lobby),
      ingest_(*store_, lobby_),
      served_(std::make_unique<forecast::ServedForecast>(forecast::History{}, forecast::SelectionSettings{},
                                                         config_.lobby.utcOffsetMinutes)),
      replica_(std::make_unique<lobby::Lobby>(config_.lobby)),
      watch_(config_.alerts),
      keypad_(auth::KeypadSettings{config_.security.lockoutTries, config_.security.lockoutMin * 60'000LL,
                                   config_.security.idleLockMin * 60'000LL}) {
    uptime_.start();
    forecastContext_ = new QObject;
    forecastContext_->moveToThread(&forecastThread_);
    forecastThread_.setObjectName(QStringLiteral("forecast"));
    forecastThread_.start();
    desk_.setHandlers({
        [this](const QString& name, const QString& pin) { return signIn(name, pin); },
        [this]() { signOut("sign_out"); },
        [this]() { keypad_.touch(realNow()); },
        [this](const QString& key) { return acknowledge(key); },
        [this](const QString& key, const QString& note) { return resolve(key, note); },
        [this](const QString& category, int t, int w, int l) { return setThresholds(category, t, w, l); },
        [this](const QString& range) { return reportFor(range); },
        [this](const QVariantMap& complaint) { return recordComplaint(complaint); },
    });
}

Kiosk::~Kiosk() {
    if (verifier_.joinable()) verifier_.join();
    forecastThread_.quit();
    forecastThread_.wait();
    delete forecastContext_;
    for (auto& [name, l] : links_) {
        QMetaObject::invokeMethod(l->link, &serial::SerialLink::stop, Qt::BlockingQueuedConnection);
        l->thread.quit();
        l->thread.wait();
        delete l->link;
    }
}

void Kiosk::startClock() {
    if (!clock_.followsWall()) return;
    // Receive times stay monotone across starts too: the clock never starts before the log's last event (nor the
    // build date), whatever the wall clock says; checkClock() says so when the two are far apart.
    lobby::TimeMs floor = kiosk::buildTime();
    if (const std::string last = store_->lastBusinessDay(); !last.empty())
        for (const auto& e : store_->eventsOfDay(last)) floor = std::max(floor, e.time);
    clock_.notBefore(floor);
    checkClock();
}

void Kiosk::checkClock() {
    if (!clock_.followsWall()) return;
    const lobby::TimeMs wall = QDateTime::currentMSecsSinceEpoch();
    const kiosk::ClockFollow followed = clock_.follow(wall);
    const lobby::TimeMs now = clock_.now();
    if (followed.steppedForwardMs > 0)
        std::fprintf(stderr, "lobbywatch: the system clock stepped forward %lld s; following it (now %s, business day %s)\n",
                     static_cast<long long>(followed.steppedForwardMs / 1000),
                     lobby::formatLocalTime(now, config_.lobby.utcOffsetMinutes).c_str(),
                     lobby::businessDayOf(now, config_.lobby).c_str());
    const auto doubt = kiosk::doubtClock(wall, now, kiosk::buildTime(), config_.lobby.utcOffsetMinutes);
    if (doubt && !clockIncident_) {
        clockDoubt_ = doubt->en;
        clockDoubtZh_ = doubt->zh;
        raise("clock_implausible", "alarm", "clock", doubt->zh, doubt->en, clockIncident_);
        std::fprintf(stderr, "lobbywatch: clock implausible: %s\n", doubt->en.c_str());
    } else if (!doubt && clockIncident_) {
        clear(clockIncident_);
        clockDoubt_.clear();
        clockDoubtZh_.clear();
        std::fprintf(stderr, "lobbywatch: the system clock is plausible again\n");
    }
}

void Kiosk::start() {
    startClock();
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
    toReplica([today, now](lobby::Lobby& replica) {
        for (const auto& e : today) replica.apply(e);
        replica.tick(now);
    });
    ingest_.rememberLogged(today);
    lobby_.tick(now);
    if (!options_.logMovedAsideTo.empty()) {
        const std::string& aside = options_.logMovedAsideTo;
        raise("log_damaged", "alarm", "log", "事件日志损坏，已另存为 " + aside + " 并新建日志；请保留旧文件并联系技术支持",
              "The event log was damaged; it was kept as " + aside + " and a new log started. Keep the old file and call support",
              logDamagedIncident_);
    }
    std::fprintf(stderr, "lobbywatch: event log %s; today %s: %zu events rebuilt\n", store_->path().toUtf8().constData(),
                 lobby::businessDayOf(now, config_.lobby).c_str(), rebuilt);
    if (!store_->writeProblem().empty()) {
        // Said now, not at the first frame: LOG FAILING from the start, nothing acknowledged until it can be written.
        logFailingSince_ = now;
        logFailure_ = store_->writeProblem();
        std::fprintf(stderr, "lobbywatch: %s; running without acknowledging anything until it can be (LOG FAILING)\n",
                     logFailure_.c_str());
    }
    for (const auto& port : config_.ports) {
        auto l = std::make_unique<Link>();
        serial::LinkSettings s;
        s.name = QString::fromStdString(port.name);
        s.device = QString::fromStdString(port.device);
        s.baud = port.baud;
        s.parity = port.parity == kiosk::Parity::Even  ? QSerialPort::EvenParity
                   : port.parity == kiosk::Parity::Odd ? QSerialPort::OddParity
                                                       : QSerialPort::NoParity;
        l->link = new serial::SerialLink(s, clock_);
        l->link->moveToThread(&l->thread);
        connect(l->link, &serial::SerialLink::received, this, &Kiosk::onReceived);
        connect(l->link, &serial::SerialLink::linkUp, this, &Kiosk::onLinkUp);
        connect(l->link, &serial::SerialLink::linkDown, this, &Kiosk::onLinkDown);
        l->thread.setObjectName(QStringLiteral("serial %1").arg(s.name));
        l->thread.start();
        QMetaObject::invokeMethod(l->link, &serial::SerialLink::start, Qt::QueuedConnection);
        links_.emplace(s.name, std::move(l));
    }
    // quick_check reads the whole file (about a second for three years); do it beside the running kiosk.
    verifier_ = std::thread([this, path = store_->path()]() {
        std::string notChecked;
        std::string problem = store::EventStore::verify(path, &notChecked);
        QMetaObject::invokeMethod(this, [this, problem, notChecked]() {
            logProblem_ = problem;
            if (problem.empty() && !notChecked.empty())
                std::fprintf(stderr, "lobbywatch: event log not checked now (%s)\n", notChecked.c_str());
            else if (problem.empty()) std::fprintf(stderr, "lobbywatch: event log checked: ok\n");
            else {
                std::fprintf(stderr, "lobbywatch: THE EVENT LOG IS DAMAGED (%s); keep this file for analysis\n", problem.c_str());
                // It is in use and still takes new events; a mark makes the next start check it in full and
                // move it aside.
                QFile mark(QString::fromStdString(store::EventStore::damageMarkFor(store_->path().toStdString())));
                if (mark.open(QIODevice::WriteOnly)) mark.write(QByteArray::fromStdString(problem + "\n"));
                raise("log_damaged", "alarm", "log", "事件日志校验失败；下次启动时将另存旧日志并新建日志，请联系技术支持",
                      "The event log failed its check; it will be moved aside and a new one started at the next start. "
                      "Call support", logDamagedIncident_);
            }
        }, Qt::QueuedConnection);
    });
    nextStatusAt_ = now + options_.statusEverySimS * 1000LL;
    if (options_.quitAfterSimMin > 0) quitAt_ = now + options_.quitAfterSimMin * 60'000LL;
    connect(&second_, &QTimer::timeout, this, &Kiosk::everySecond);
    // Status and the quit check follow simulated time: tick often enough for a fast simulated clock.
    second_.start(std::max(50, static_cast<int>(1000.0 / std::max(1.0, clock_.speed()))));
    publish();
    publishDesk();
}

void Kiosk::onReceived(const QString& port, qint64 atMs, const QByteArray& bytes) {
    ingest_.receive(port.toStdString(), atMs, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    // The link reads on only while the kiosk keeps up (bounded memory on a flooding line).
    if (auto it = links_.find(port); it != links_.end()) it->second->link->consumed(bytes.size());
    // Group commit: everything that arrived in this turn of the event loop goes in one transaction.
    if (!commitScheduled_) {
        commitScheduled_ = true;
        QMetaObject::invokeMethod(this, &Kiosk::commit, Qt::QueuedConnection);
    }
}

void Kiosk::commit() {
    commitScheduled_ = false;
    kiosk::Replies replies;
    const std::uint64_t eventsBefore = ingest_.counters().events;
    auto error = ingest_.commit(replies);
    if (!error && logFailingSince_ >= 0 && ingest_.counters().events > eventsBefore) {
        // The log takes events again (space came back): the outage becomes an incident, raised when it began and
        // cleared now. Nothing was lost: the devices kept what was not acknowledged and resent it.
        lobby::TimeMs now = clock_.now();
        std::string from = lobby::formatLocalTime(logFailingSince_, config_.lobby.utcOffsetMinutes);
        std::string to = lobby::formatLocalTime(now, config_.lobby.utcOffsetMinutes);
        store::Incident i;
        i.raisedAt = logFailingSince_;
        i.kind = "log_write_failed";
        i.severity = "alarm";
        i.subject = "log";
        i.messageZh = "事件日志从 " + from + " 到 " + to + " 无法写入（" + logFailure_ + "）；期间未确认设备数据，设备已重发，无数据丢失";
        i.messageEn = "The event log could not be written from " + from + " to " + to + " (" + logFailure_ +
                      "); devices were not acknowledged meanwhile and resent, nothing was lost";
        // What was raised or done meanwhile (a device going offline, a manager resolving an alert) waited in
        // memory; it goes in now, after the outage's own incident.
        std::int64_t outage = incidents_.raise(i);
        incidents_.step(outage, "cleared", now);
        std::size_t left = incidents_.flush();
        std::fprintf(stderr, "lobbywatch: the event log is writable again (failing since %s)%s\n", from.c_str(),
                     left == 0 ? "" : "; some incidents still wait");
        if (incidents_.dropped() > 0)
            std::fprintf(stderr, "lobbywatch: %llu incident records did not fit in memory during the outage and are lost\n",
                         static_cast<unsigned long long>(incidents_.dropped()));
        logFailingSince_ = -1;
        logFailure_.clear();
    }
    if (error) {
        if (logFailingSince_ < 0) logFailingSince_ = clock_.now();
        logFailure_ = *error;
        const qint64 real = realNow();  // a duration: monotonic, whatever the wall clock does
        if (lastStoreComplaintMs_ < 0 || real - lastStoreComplaintMs_ > 60'000) {
            lastStoreComplaintMs_ = real;
            std::fprintf(stderr, "lobbywatch: cannot write the event log (%s); not acknowledging, devices will resend\n",
                         error->c_str());
        }
    }
    // Anomalies go to the log one by one; stderr (the system journal) gets at most 30 a minute, so that a device
    // gone mad cannot flood it.
    if (std::uint64_t over = anomalyPrintBudget_.roll(realNow()))
        std::fprintf(stderr, "lobbywatch: %llu more anomalies in the last minute, not printed here (all are in the log's anomalies table)\n",
                     static_cast<unsigned long long>(over));
    for (const auto& anomaly : ingest_.takeAnomalies())
        if (anomalyPrintBudget_.take())
            std::fprintf(stderr, "lobbywatch: anomaly %s: %s\n", anomaly.kind.c_str(), anomaly.message.c_str());
    for (auto& [port, bytes] : replies.bytesByPort) {
        auto it = links_.find(QString::fromStdString(port));
        if (it == links_.end() || bytes.empty()) continue;
        QByteArray out(bytes.data(), static_cast<qsizetype>(bytes.size()));
        QMetaObject::invokeMethod(it->second->link, "send", Qt::QueuedConnection, Q_ARG(QByteArray, out));
    }
}

void Kiosk::raise(const std::string& kind, const std::string& severity, const std::string& subject,
                  const std::string& zh, const std::string& en, std::optional<std::int64_t>& slot) {
    if (slot) return;  // one incident per condition
    store::Incident i;
    i.raisedAt = clock_.now();
    i.kind = kind;
    i.severity = severity;
    i.subject = subject;
    i.messageZh = zh;
    i.messageEn = en;
    slot = incidents_.raise(i);
    incidentsDirty_ = true;
    if (*slot < 0)
        std::fprintf(stderr, "lobbywatch: the log refuses writes; the incident '%s' (%s) waits in memory\n", en.c_str(),
                     subject.c_str());
}

void Kiosk::clear(std::optional<std::int64_t>& slot) {
    if (!slot) return;
    incidents_.step(*slot, "cleared", clock_.now());
    incidentsDirty_ = true;
    slot.reset();
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
                raise("device_offline", "warning", "device:" + key, zh,
                      "No heartbeat from " + what + " for 90 s: check the device and its cable", slot);
            } else {
                clear(slot);
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

void Kiosk::learnFromPastDays(const std::string& today) {
    // The forecast learns the branch's usual day (arrivals by quarter-hour, service times, patience, the windows'
    // lunches) from the last four weeks in the log; with none (a first day) it starts from the priors.
    forecast::HistoryBuilder builder(config_.lobby.utcOffsetMinutes);
    for (int back = kHistoryDays; back >= 1; --back)  // a day at a time: a month of events is never in memory at once
        for (const auto& e : store_->eventsOfDay(report::addDays(today, -back))) builder.observe(e);
    forecast::History history = builder.build();
    std::fprintf(stderr, "lobbywatch: the forecast learned from %d past day(s)\n", history.days);
    QMetaObject::invokeMethod(forecastContext_, [this, history = std::move(history)]() {
        served_->relearn(history);  // the errors learned so far are kept
    }, Qt::QueuedConnection);
}

void Kiosk::toReplica(std::function<void(lobby::Lobby&)> change) {
    QMetaObject::invokeMethod(forecastContext_, [this, change = std::move(change)]() { change(*replica_); },
                              Qt::QueuedConnection);
}

void Kiosk::requestForecast(lobby::TimeMs now) {
    if (forecastRunning_) return;  // the last one is still running: this second shows the one before
    forecastRunning_ = true;
    QMetaObject::invokeMethod(forecastContext_, [this, now]() {
        // The served figures: per category the estimator with the lowest recent error (the Monte Carlo's
        // probabilities stay for the alerts).
        forecast::Forecast f = served_->forecast(*replica_, now);
        QString serving = QString::fromStdString(forecast::servingLine(served_->selection().status(now)));
        QMetaObject::invokeMethod(this, [this, f = std::move(f), serving]() mutable {
            forecast_ = std::move(f);
            forecastServing_ = serving;
            forecastRunning_ = false;
            // The forecast of the wait for a ticket issued now goes to the dispensers with each new ticket.
            std::map<std::string, int> minutes;
            for (const auto& c : forecast_.categories)
                if (c.waitIfIssuedNowMs) minutes[c.category] = static_cast<int>((*c.waitIfIssuedNowMs + 30'000) / 60'000);
            ingest_.setIssueEstimates(std::move(minutes));
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Kiosk::onApplied(const lobby::LobbyEvent& e) {
    toReplica([this, e](lobby::Lobby& replica) {
        replica.apply(e);
        served_->observe(e);  // a first call scores what each estimator said for that ticket
    });
    watch_.observe(e);
    noteCall(e);
    if (e.kind != lobby::EventKind::Called && e.kind != lobby::EventKind::Recalled) return;
    calls_.push_front(CallShown{e.ticket, e.window, e.time});
    if (calls_.size() > 8) calls_.pop_back();
    if (options_.headless || !options_.announce) return;
    if (!voice_) voice_ = std::make_unique<voice::CallVoice>();
    voice_->say(kiosk::callAnnouncement(e.ticket, e.window));
}

void Kiosk::handleAlerts(const forecast::WatchChanges& changes, lobby::TimeMs now) {
    if (!changes.raised.empty() || !changes.cleared.empty()) incidentsDirty_ = true;
    auto say = [this](const char* what, const forecast::Alert& a) {
        if (!options_.headless) return;
        std::string local = lobby::formatLocalTime(clock_.now(), config_.lobby.utcOffsetMinutes).substr(11, 5);
        std::printf("%s %s [%s] %s | %s | %s\n", local.c_str(), what, forecast::toString(a.severity), a.messageEn.c_str(),
                    a.actionEn.c_str(), a.actionZh.c_str());
        std::fflush(stdout);
    };
    for (const auto& a : changes.raised) {
        store::Incident i;
        i.raisedAt = now;
        i.kind = a.kind;
        i.severity = forecast::toString(a.severity);
        i.subject = a.subject;
        i.messageZh = a.messageZh + "。" + a.actionZh;
        i.messageEn = a.messageEn + ". " + a.actionEn;
        alerts_[a.key] = OpenAlert{incidents_.raise(i), now, false, "", 0, false};
        say("ALERT", a);
    }
    for (const auto& a : changes.cleared) {
        auto it = alerts_.find(a.key);
        if (it == alerts_.end()) continue;
        // A resolved alert's incident is closed already; the condition ending now only frees its key.
        if (!it->second.resolved) incidents_.step(it->second.incident, "cleared", now);
        alerts_.erase(it);
    }
    // An alert no manager acknowledged goes to the branch head after escalate_after_min, once.
    const int escalateMin = config_.security.escalateAfterMin;
    for (auto& [key, open] : alerts_) {
        if (!open.escalated && open.acknowledgedBy.empty() && !open.resolved &&
            now - open.raisedAt >= escalateMin * 60'000LL) {
            incidents_.step(open.incident, "escalated", now, "", "not acknowledged within " + std::to_string(escalateMin) +
                            " min");
            open.escalated = true;
        }
    }
}

void Kiosk::onLinkUp(const QString& port) {
    auto& l = links_.at(port);
    if (!l->up && !l->reason.isEmpty()) ++l->reconnects;
    l->up = true;
    clear(l->incident);
    std::fprintf(stderr, "lobbywatch: port %s up\n", port.toUtf8().constData());
}

void Kiosk::onLinkDown(const QString& port, const QString& reason) {
    auto& l = links_.at(port);
    l->up = false;
    l->reason = reason;
    std::fprintf(stderr, "lobbywatch: port %s down: %s\n", port.toUtf8().constData(), reason.toUtf8().constData());
    std::string name = port.toStdString();
    raise("link_down", "alarm", "port:" + name,
          "串口 " + name + " 断开，取号机和呼叫器的数据收不到：" + reason.toStdString(),
          "Port " + name + " is down; nothing from its dispensers and keypads arrives: " + reason.toStdString(),
          l->incident);
    auto it = ingest_.ports().find(port.toStdString());
    if (it != ingest_.ports().end()) it->second->decoder.reset();  // a half frame from before the loss is gone
}

void Kiosk::record(const std::string& who, const std::string& action, const std::string& subject,
                   const std::string& detail) {
    incidents_.action({clock_.now(), who, action, subject, detail});
}

bool Kiosk::signIn(const QString& qname, const QString& qpin) {
    const std::string name = qname.toStdString();
    const auth::TimeMs t = realNow();
    if (keypad_.locked(t)) {
        publishDesk();  // says until when
        return false;
    }
    std::optional<store::StaffMember> member;
    for (auto& m : store_->staff())
        if (m.name == name) member = std::move(m);
    bool right = false;
    auth::Role role = auth::Role::Manager;
    if (member) {
        kiosk::PinHash stored{member->pinAlgorithm, member->pinIterations, member->pinSalt, member->pinHash};
        right = kiosk::pinMatches(qpin.toStdString(), stored);
        role = auth::roleFrom(member->role).value_or(auth::Role::Manager);
    }
    switch (keypad_.attempt(name, role, right, t)) {
    case auth::Keypad::Outcome::SignedIn:
        record(name, "sign_in", "", auth::toString(role));
        deskMessageZh_.clear();
        deskMessageEn_.clear();
        break;
    case auth::Keypad::Outcome::WrongPin:
        record(name, "sign_in_failed", "", std::to_string(keypad_.triesLeft()) + " tries left");
        deskMessageZh_ = QStringLiteral("PIN 错误，还可再试 %1 次").arg(keypad_.triesLeft());
        deskMessageEn_ = QStringLiteral("Wrong PIN: %1 more tries").arg(keypad_.triesLeft());
        break;
    case auth::Keypad::Outcome::LockedNow: {
        std::string minutes = std::to_string(config_.security.lockoutMin);
        record(name, "keypad_locked", "", std::to_string(config_.security.lockoutTries) + " wrong PINs in a row");
        // The branch head should know someone tried PINs; one incident per lock.
        lockoutIncident_.reset();
        raise("keypad_locked", "warning", "keypad",
              "管理屏连续 " + std::to_string(config_.security.lockoutTries) + " 次输错 PIN，键盘锁定 " + minutes + " 分钟（最后尝试的姓名：" + name + "）",
              std::to_string(config_.security.lockoutTries) + " wrong PINs in a row on the manager's screen; keypad locked for " +
                  minutes + " min (last name tried: " + name + ")",
              lockoutIncident_);
        break;
    }
    case auth::Keypad::Outcome::StillLocked: break;
    }
    publishDesk();
    return right && keypad_.who().has_value();
}

void Kiosk::signOut(const char* why) {
    if (!keypad_.who()) return;
    record(keypad_.who()->name, why, "", "");
    keypad_.signOut();
    publishDesk();
    publish();
}

bool Kiosk::acknowledgeOne(const std::string& key, const std::string& who, lobby::TimeMs now) {
    auto it = alerts_.find(key);
    if (it == alerts_.end() || it->second.resolved || !it->second.acknowledgedBy.empty()) return false;
    incidents_.step(it->second.incident, "acknowledged", now, who, "", store::StaffAction{now, who, "acknowledge", "", key});
    it->second.acknowledgedBy = who;
    it->second.acknowledgedAt = now;
    return true;
}

bool Kiosk::resolveOne(const std::string& key, const std::string& who, const std::string& note, lobby::TimeMs now) {
    auto it = alerts_.find(key);
    if (it == alerts_.end() || it->second.resolved) return false;
    incidents_.step(it->second.incident, "resolved", now, who, note, store::StaffAction{now, who, "resolve", "", note});
    it->second.resolved = true;
    return true;
}

bool Kiosk::signedInFor(auth::Action action) {
    const auth::TimeMs t = realNow();
    if (!keypad_.may(action, t)) {
        deskMessageZh_ = QStringLiteral("请先登录");
        deskMessageEn_ = QStringLiteral("Sign in first");
        publishDesk();
        return false;
    }
    keypad_.touch(t);
    return true;
}

bool Kiosk::forAlertOrGroup(const std::string& key, const std::function<bool(const std::string&)>& step) {
    bool any = false;
    // A card for many alerts (a whole category's waits) acts on each of them: each incident says who.
    auto group = alertGroups_.find(key);
    if (group != alertGroups_.end())
        for (const auto& member : group->second) any = step(member) || any;
    else any = step(key);
    if (!any) return false;
    incidentsDirty_ = true;
    publish();
    return true;
}

bool Kiosk::acknowledge(const QString& qkey) {
    if (!signedInFor(auth::Action::Acknowledge)) return false;
    const std::string who = keypad_.who()->name;
    const lobby::TimeMs now = clock_.now();
    return forAlertOrGroup(qkey.toStdString(), [&](const std::string& key) { return acknowledgeOne(key, who, now); });
}

bool Kiosk::resolve(const QString& qkey, const QString& qnote) {
    if (!signedInFor(auth::Action::Resolve)) return false;
    const std::string note = qnote.trimmed().left(200).toStdString();
    if (note.empty()) return false;
    const std::string who = keypad_.who()->name;
    const lobby::TimeMs now = clock_.now();
    return forAlertOrGroup(qkey.toStdString(), [&](const std::string& key) { return resolveOne(key, who, note, now); });
}

bool Kiosk::setThresholds(const QString& qcategory, int targetMin, int warningMin, int limitMin) {
    if (!signedInFor(auth::Action::ChangeThresholds)) return false;
    const std::string code = qcategory.toStdString();
    auto before = lobby_.category(code);
    if (!before || !lobby_.setThresholds(code, targetMin, warningMin, limitMin)) {
        deskMessageZh_ = QStringLiteral("阈值须满足 1 ≤ 目标 ≤ 预警 ≤ 上限 ≤ 600 分钟");
        deskMessageEn_ = QStringLiteral("Thresholds must be 1 ≤ target ≤ warning ≤ limit ≤ 600 min");
        publishDesk();
        return false;
    }
    toReplica([code, targetMin, warningMin, limitMin](lobby::Lobby& replica) {
        replica.setThresholds(code, targetMin, warningMin, limitMin);
    });
    config_.lobby.categories = lobby_.config().categories;
    // The kept thresholds and the action that changed them go in together (waiting in memory while the log fails).
    const auto& c = before->config;
    incidents_.setting("thresholds", kiosk::formatThresholds(config_.lobby.categories),
                       {clock_.now(), keypad_.who()->name, "change_thresholds", "category:" + code,
                        std::to_string(c.targetMin) + "/" + std::to_string(c.warningMin) + "/" + std::to_string(c.limitMin) +
                            " -> " + std::to_string(targetMin) + "/" + std::to_string(warningMin) + "/" + std::to_string(limitMin)});
    deskMessageZh_.clear();
    deskMessageEn_.clear();
    publishDesk();
    publish();
    return true;
}

void Kiosk::checkComplaints(lobby::TimeMs now) {
    const std::string today = lobby::businessDayOf(now, config_.lobby);
    const auto& calendar = config_.complaints.calendar;
    std::vector<forecast::Alert> cards;
    std::set<std::int64_t> stillDue;
    for (const auto& c : store_->complaints("0000-00-00", "9999-99-99", true)) {
        const report::Due due = report::dueState(c, today, calendar);
        if (due != report::Due::Soon && due != report::Due::Today && due != report::Due::Overdue) continue;
        stillDue.insert(c.id);
        forecast::Alert a;
        a.key = "complaint|" + std::to_string(c.id);
        a.kind = "complaint_due";
        a.subject = "complaint:" + std::to_string(c.id);
        a.severity = due == report::Due::Soon ? forecast::Severity::Warning : forecast::Severity::Alarm;
        a.raisedAt = now;
        const std::string id = std::to_string(c.id);
        const char* whenZh = due == report::Due::Overdue ? "已逾期" : due == report::Due::Today ? "今天到期" : "明天到期";
        const char* whenEn = due == report::Due::Overdue ? "is overdue" : due == report::Due::Today ? "is due today" : "is due next working day";
        a.messageZh = "投诉 " + id + "（" + c.cause + "，" + c.receivedBy + " 负责）" + whenZh + "，应于 " + c.dueDay + " 前答复";
        a.messageEn = "Complaint " + id + " (" + c.cause + ", owned by " + c.receivedBy + ") " + whenEn + ": answer by " + c.dueDay;
        a.actionZh = "请 " + c.receivedBy + " 答复客户并登记（lobbywatch complaint reply " + id + "）";
        a.actionEn = "Ask " + c.receivedBy + " to answer the customer and record it (lobbywatch complaint reply " + id + ")";
        auto& slot = complaintIncidents_[c.id];
        raise("complaint_due", forecast::toString(a.severity), a.subject, a.messageZh, a.messageEn, slot);
        cards.push_back(std::move(a));
    }
    for (auto it = complaintIncidents_.begin(); it != complaintIncidents_.end();) {
        if (stillDue.count(it->first)) {
            ++it;
            continue;
        }
        clear(it->second);  // answered (or no longer due): the incident clears
        it = complaintIncidents_.erase(it);
    }
    complaintCards_ = std::move(cards);
}

QVariantMap Kiosk::recordComplaint(const QVariantMap& in) {
    const auth::TimeMs t = realNow();
    if (!keypad_.may(auth::Action::Acknowledge, t))
        return {{"ok", false}, {"whyZh", QStringLiteral("请先登录")}, {"whyEn", QStringLiteral("Sign in first")}};
    keypad_.touch(t);
    const lobby::TimeMs now = clock_.now();
    report::Complaint c;
    c.receivedAt = now;
    c.receivedDay = lobby::businessDayOf(now, config_.lobby);
    c.receivedBy = keypad_.who()->name;  // the first to hear it owns it
    c.channel = in.value("channel").toString().toStdString();
    c.cause = in.value("cause").toString().toStdString();
    c.summary = in.value("summary").toString().trimmed().toStdString();
    c.contact = in.value("contact").toString().trimmed().toStdString();
    c.ticket = in.value("ticket").toString().trimmed().toUpper().toStdString();
    if (!c.ticket.empty()) c.ticketDay = c.receivedDay;
    c.dueDay = report::dueDayFor(c.receivedDay, config_.complaints.dueWorkingDays, config_.complaints.calendar).value_or(c.receivedDay);
    if (std::string why = report::validate(c); !why.empty())
        return {{"ok", false}, {"whyZh", QStringLiteral("请补全：") + QString::fromStdString(why)}, {"whyEn", QString::fromStdString(why)}};
    // The complaint and its complaint_received action: both stored, or neither.
    std::optional<std::int64_t> id;
    auto error = store_->atomically([&]() -> std::optional<std::string> {
        std::string why;
        id = store_->addComplaint(c, why);
        if (!id) return why;
        return store_->recordAction({now, c.receivedBy, "complaint_received", "complaint:" + std::to_string(*id), c.cause});
    });
    if (error)
        return {{"ok", false},
                {"whyZh", QStringLiteral("无法保存：") + QString::fromStdString(*error)},
                {"whyEn", QStringLiteral("Cannot store it: ") + QString::fromStdString(*error)}};
    complaintsChecked_.invalidate();  // a complaint due today shows at once
    return {{"ok", true}, {"id", static_cast<qlonglong>(*id)}, {"dueDay", QString::fromStdString(c.dueDay)}};
}

QVariantMap Kiosk::reportFor(const QString& range) {
    const auth::TimeMs t = realNow();
    if (!keypad_.may(auth::Action::ViewReports, t)) {
        return {{"ok", false},
                {"whyZh", QStringLiteral("报表需要网点负责人登录")},
                {"whyEn", QStringLiteral("Reports need the branch head signed in")}};
    }
    keypad_.touch(t);
    const std::string today = lobby::businessDayOf(clock_.now(), config_.lobby);
    std::string from, to = today;
    if (range == QLatin1String("month")) {
        from = today.substr(0, 8) + "01";
    } else if (range == QLatin1String("last_month")) {
        to = report::addDays(today.substr(0, 8) + "01", -1);
        from = to.substr(0, 8) + "01";
    } else {
        from = report::addDays(today, -6);
    }
    const int days = report::daysBetween(from, to);
    const std::string previousFrom = report::addDays(from, -days);
    QElapsedTimer took;
    took.start();
    const report::Report r = loadReport(*store_, config_.lobby, from, to, today, clock_.now()).report;
    record(keypad_.who()->name, "view_report", "", from + ".." + to);

    auto category = [](const report::CategoryFigures& c, const report::CategoryFigures* before) {
        return QVariantMap{{"code", QString::fromStdString(c.code)},
                           {"nameZh", QString::fromStdString(c.nameZh)},
                           {"nameEn", QString::fromStdString(c.nameEn)},
                           {"issued", c.issued},
                           {"served", c.served},
                           {"meanWaitMin", c.meanWaitS / 60},
                           {"p90WaitMin", c.p90WaitS / 60},
                           {"maxWaitMin", c.maxWaitS / 60},
                           {"withinTarget", c.withinTarget * 100},
                           {"noShowRate", c.noShowRate * 100},
                           {"abandonRate", c.abandonRate * 100},
                           {"prevIssued", before ? before->issued : 0},
                           {"prevMeanWaitMin", before ? before->meanWaitS / 60 : 0.0},
                           {"prevWithinTarget", before ? before->withinTarget * 100 : 0.0}};
    };
    auto previousOf = [&](const std::string& code) -> const report::CategoryFigures* {
        if (code == "*") return &r.previous.all;
        for (const auto& c : r.previous.categories)
            if (c.code == code) return &c;
        return nullptr;
    };
    QVariantList categories;
    for (const auto& c : r.current.categories) categories.push_back(category(c, previousOf(c.code)));
    categories.push_back(category(r.current.all, &r.previous.all));
    QVariantList windows;
    for (const auto& w : r.current.windows) {
        double paused = 0;
        for (const auto& [reason, s] : w.pausedS) paused += s;
        windows.push_back(QVariantMap{{"number", w.number},
                                      {"served", w.served},
                                      {"meanServiceMin", w.meanServiceS / 60},
                                      {"meanWalkS", w.meanWalkS},
                                      {"openH", w.openS / 3600},
                                      {"pausedH", paused / 3600},
                                      {"idleWaitingH", w.idleWhileWaitingS / 3600}});
    }
    QVariantList heat;
    for (int d = 0; d < 7; ++d) {
        QVariantList row;
        for (int h = 7; h <= 20; ++h)
            row.push_back(r.current.heat[d][h].tickets > 0 ? r.current.heat[d][h].meanWaitS / 60 : -1.0);
        heat.push_back(row);
    }
    QVariantList incidentRows;
    for (const auto& f : r.current.incidents)
        incidentRows.push_back(QVariantMap{{"kind", QString::fromStdString(f.kind)},
                                           {"count", f.count},
                                           {"neverAcknowledged", f.neverAcknowledged},
                                           {"escalated", f.escalated},
                                           {"meanAckMin", f.meanAckS / 60}});
    const auto& c = r.current.complaints;
    std::fprintf(stderr, "lobbywatch: report %s..%s for the screen in %lld ms\n", from.c_str(), to.c_str(),
                 static_cast<long long>(took.elapsed()));
    return {{"ok", true},
            {"from", QString::fromStdString(from)},
            {"to", QString::fromStdString(to)},
            {"previousFrom", QString::fromStdString(previousFrom)},
            {"categories", categories},
            {"windows", windows},
            {"heat", heat},
            {"incidents", incidentRows},
            {"complaints", QVariantMap{{"count", c.count},
                                       {"afterWaitAlert", c.afterWaitAlert},
                                       {"answeredOnTime", c.answeredOnTime},
                                       {"answeredLate", c.answeredLate},
                                       {"open", c.open}}}};
}

void Kiosk::publishDesk() {
    ui::Desk::State d;
    for (const auto& m : store_->staff())
        d.staff.push_back(QVariantMap{{"name", QString::fromStdString(m.name)}, {"role", QString::fromStdString(m.role)}});
    const auth::TimeMs t = realNow();
    if (keypad_.who()) {
        d.signedIn = true;
        d.who = QString::fromStdString(keypad_.who()->name);
        d.role = QString::fromLatin1(auth::toString(keypad_.who()->role));
    }
    d.keypadLocked = keypad_.locked(t);
    if (d.keypadLocked) {
        int minutes = static_cast<int>((keypad_.lockedUntil() - t + 59'999) / 60'000);
        d.messageZh = QStringLiteral("PIN 连续输错，键盘已锁定，约 %1 分钟后再试").arg(minutes);
        d.messageEn = QStringLiteral("Too many wrong PINs: locked, try again in about %1 min").arg(minutes);
    } else {
        d.messageZh = deskMessageZh_;
        d.messageEn = deskMessageEn_;
    }
    if (d.staff.isEmpty()) {
        d.messageZh = QStringLiteral("尚未设置管理人员：lobbywatch staff add 姓名 --role manager");
        d.messageEn = QStringLiteral("No staff yet: lobbywatch staff add NAME --role manager");
    }
    desk_.update(d);
}

void Kiosk::everySecond() {
    checkClock();
    lobby::TimeMs now = clock_.now();
    if (keypad_.who()) {
        std::string who = keypad_.who()->name;
        if (keypad_.expire(realNow())) {
            record(who, "idle_sign_out", "", std::to_string(config_.security.idleLockMin) + " min without a touch");
            publishDesk();
            publish();
        }
    }
    if (desk_.state().keypadLocked && !keypad_.locked(realNow())) publishDesk();
    // A business day closed: keep its report totals (some tens of ms, once a day), so reports need not read it again.
    if (const std::string today = lobby::businessDayOf(now, config_.lobby); totalsKeptThrough_ < report::addDays(today, -1)) {
        const std::string yesterday = report::addDays(today, -1);
        keepDayTotals(*store_, config_.lobby, totalsKeptThrough_.empty() ? yesterday : report::addDays(totalsKeptThrough_, 1),
                      yesterday, today);
        totalsKeptThrough_ = yesterday;
        learnFromPastDays(today);
    }
    if (!complaintsChecked_.isValid() || complaintsChecked_.elapsed() >= 60'000) {
        complaintsChecked_.start();
        checkComplaints(now);
    }
    // Incidents that waited for a log that refused writes: once the outage itself is on record (commit() does
    // that at the first batch that goes in), try them again each tick.
    if (incidents_.waiting() > 0 && logFailingSince_ < 0) incidents_.flush();
    // Bytes stamped a moment ago may still be on their way from a link's thread; ticking the model up to `now`
    // would make them look late (clock_back). One real second of slack is plenty, and only delays a rollover.
    const lobby::TimeMs tickTo = now - static_cast<lobby::TimeMs>(1000.0 * clock_.speed());
    lobby_.tick(tickTo);
    toReplica([tickTo](lobby::Lobby& replica) { replica.tick(tickTo); });
    watchDevices(now);
    // Forecast, alerts and the screen: once a real second (the timer runs faster only for a fast simulated clock).
    if (!lastRefresh_.isValid() || lastRefresh_.elapsed() >= 1000) {
        lastRefresh_.start();
        QElapsedTimer took;
        took.start();
        requestForecast(now);  // the result arrives in a moment; the rules use the latest one
        handleAlerts(watch_.evaluate(lobby_, forecast_, now), now);
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
        commit();
        emit finished();
    }
}

QString Kiosk::statusLine() const {
    lobby::TimeMs now = clock_.now();
    std::string local = lobby::formatLocalTime(now, config_.lobby.utcOffsetMinutes);  // YYYY-MM-DDTHH:MM:SS
    lobby::LobbyTotals t = lobby_.totals();
    std::uint64_t frames = 0, bad = 0;
    for (const auto& [name, ps] : ingest_.ports()) {
        const auto& s = ps->decoder.stats();
        frames += s.frames;
        bad += s.checksumErrors + s.malformed + s.overlong;
    }
    QString links;
    for (const auto& [name, l] : links_) links += QStringLiteral(" %1:%2").arg(name, l->up ? "up" : "down");
    int devices = 0, online = 0;
    for (const auto& [name, ps] : ingest_.ports()) {
        for (const auto& h : ps->sessions.health()) {
            ++devices;
            if (h.online(now)) ++online;
        }
    }
    links += QStringLiteral(" devices %1/%2").arg(online).arg(devices);
    const auto& c = ingest_.counters();
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
    for (const auto& cf : forecast_.categories) {
        if (cf.waitIfIssuedNowMs) waits += QStringLiteral(" %1~%2m").arg(QString::fromStdString(cf.category)).arg((*cf.waitIfIssuedNowMs + 30'000) / 60'000);
    }
    if (!waits.isEmpty()) line += QStringLiteral(" | new ticket waits") + waits;
    if (!alerts_.empty()) line += QStringLiteral(" | alerts %1").arg(alerts_.size());
    if (logFailingSince_ >= 0)
        line += QStringLiteral(" | LOG FAILING since %1 (%2 refused batches so far)")
                    .arg(QString::fromStdString(lobby::formatLocalTime(logFailingSince_, config_.lobby.utcOffsetMinutes).substr(11, 5)))
                    .arg(c.failedCommits);
    if (!logProblem_.empty()) line += QStringLiteral(" | LOG DAMAGED");
    if (!clockDoubt_.empty()) line += QStringLiteral(" | CLOCK IMPLAUSIBLE: ") + QString::fromStdString(clockDoubt_);
    auto [rssKb, fds] = processFootprint();
    return line + QStringLiteral(" |") + links + QStringLiteral(" | rss %1 kB fds %2").arg(rssKb).arg(fds);
}

void Kiosk::publish() {
    lobby::TimeMs now = clock_.now();
    lobby::LobbyTotals t = lobby_.totals();
    ui::LobbyStatus::Figures f;
    std::string local = lobby::formatLocalTime(now, config_.lobby.utcOffsetMinutes);
    f.clockText = QString::fromStdString(local.substr(11, 5));
    f.businessDay = QString::fromStdString(lobby::businessDayOf(now, config_.lobby));
    f.issued = t.issued;
    f.waiting = t.waiting;
    f.serving = t.serving + t.called;
    f.served = t.finished;
    f.noShow = t.noShow;
    lobby::TimeMs longest = 0;
    for (const auto& c : lobby_.categories()) longest = std::max(longest, c.longestWaitMs);
    f.longestWaitMin = static_cast<int>(longest / 60'000);
    bool allUp = !links_.empty();
    QString text;
    for (const auto& [name, l] : links_) {
        allUp = allUp && l->up;
        text += (text.isEmpty() ? "" : "  ") + name + (l->up ? QStringLiteral(" ✓") : QStringLiteral(" ✗"));
    }
    f.linksUp = allUp;
    f.linksText = text.isEmpty() ? QStringLiteral("no ports configured") : text;
    f.logged = static_cast<qint64>(ingest_.counters().events);
    f.forecastServing = forecastServing_;

    std::vector<forecast::Alert> active = watch_.active();
    std::map<std::string, int> levelOf;  // subject -> worst level among active alerts
    for (const auto& a : active) {
        int level = a.severity == forecast::Severity::Alarm ? 2 : a.severity == forecast::Severity::Warning ? 1 : 0;
        levelOf[a.subject] = std::max(levelOf[a.subject], level);
    }
    auto minutesOf = [](lobby::TimeMs ms) { return static_cast<int>((ms + 30'000) / 60'000); };
    for (const lobby::Window* w : lobby_.windows()) {
        QVariantMap m;
        m["number"] = w->number;
        m["state"] = QString::fromLatin1(lobby::toString(w->state));
        m["pauseReason"] = QString::fromStdString(w->pauseReason);
        m["ticket"] = QString::fromStdString(w->ticket);
        m["serviceMin"] = w->ticketSince ? minutesOf(now - *w->ticketSince) : -1;
        m["servedToday"] = w->servedToday;
        m["meanServiceMin"] = w->meanServiceMs() ? static_cast<double>(*w->meanServiceMs()) / 60'000.0 : -1.0;
        std::string subject = "window:" + std::to_string(w->number);
        m["level"] = levelOf.count(subject) ? levelOf[subject] : 0;
        QString word;
        for (const auto& a : active)
            if (a.subject == subject) {
                word = a.kind == "slow_window" ? QStringLiteral("slow") : a.kind == "idle_window" ? QStringLiteral("idle")
                       : a.kind == "no_shows" ? QStringLiteral("no_shows") : QStringLiteral("closed");
                break;
            }
        m["word"] = word;
        f.windows.push_back(m);
    }
    for (const auto& c : lobby_.categories()) {
        QVariantMap m;
        m["code"] = QString::fromStdString(c.config.code);
        m["nameZh"] = QString::fromStdString(c.config.nameZh);
        m["nameEn"] = QString::fromStdString(c.config.nameEn);
        m["waiting"] = c.waiting;
        m["longestWaitMin"] = minutesOf(c.longestWaitMs);
        const forecast::CategoryForecast* cf = forecast_.category(c.config.code);
        m["forecastMin"] = cf && cf->waitIfIssuedNowMs ? minutesOf(*cf->waitIfIssuedNowMs) : -1;
        m["targetMin"] = c.config.targetMin;
        m["warningMin"] = c.config.warningMin;
        m["limitMin"] = c.config.limitMin;
        m["level"] = c.longestWaitMs >= c.config.limitMin * 60'000LL ? 2 : c.longestWaitMs >= c.config.warningMin * 60'000LL ? 1 : 0;
        f.categories.push_back(m);
    }
    // The alert list: a log that cannot be written first, then the lobby's alerts.
    std::vector<forecast::Alert> shown;
    if (logFailingSince_ >= 0) {
        forecast::Alert a;
        a.kind = "log_write_failed";
        a.subject = "log";
        a.severity = forecast::Severity::Alarm;
        a.raisedAt = logFailingSince_;
        a.messageZh = "事件日志无法写入：" + logFailure_;
        a.messageEn = "The event log cannot be written: " + logFailure_;
        a.actionZh = "请联系技术支持释放磁盘空间；设备会保留并重发数据";
        a.actionEn = "Call support to free disk space; the devices keep and resend their data";
        shown.push_back(std::move(a));
    }
    if (!clockDoubt_.empty()) {
        forecast::Alert a;
        a.kind = "clock_implausible";
        a.subject = "clock";
        a.severity = forecast::Severity::Alarm;
        a.raisedAt = now;
        a.messageZh = clockDoubtZh_;
        a.messageEn = clockDoubt_;
        a.actionZh = "请校准系统时钟（检查 NTP）；在此之前本机时间不倒退，记录不受影响";
        a.actionEn = "Set the system clock (check NTP); meanwhile the kiosk's time does not go back and nothing is lost";
        shown.push_back(std::move(a));
    }
    // What a manager resolved is off the panel; many alerts of one kind in one category make one card.
    std::vector<forecast::Alert> open;
    for (const auto& a : active) {
        auto it = alerts_.find(a.key);
        if (it == alerts_.end() || !it->second.resolved) open.push_back(a);
    }
    std::vector<forecast::Alert> cards = forecast::groupAlerts(open, alertGroups_);
    shown.insert(shown.end(), complaintCards_.begin(), complaintCards_.end());
    shown.insert(shown.end(), cards.begin(), cards.end());
    for (const auto& a : shown) {
        // Acknowledged by: the manager who acknowledged it (for a card: all of it, else nobody yet).
        std::string by;
        auto group = alertGroups_.find(a.key);
        if (group != alertGroups_.end()) {
            for (std::size_t i = 0; i < group->second.size(); ++i) {
                auto it = alerts_.find(group->second[i]);
                std::string who = it != alerts_.end() ? it->second.acknowledgedBy : std::string();
                if (who.empty()) {
                    by.clear();
                    break;
                }
                if (i == 0) by = who;
            }
        } else if (auto it = alerts_.find(a.key); it != alerts_.end()) {
            by = it->second.acknowledgedBy;
        }
        QVariantMap m;
        m["key"] = QString::fromStdString(a.key);
        m["acknowledgedBy"] = QString::fromStdString(by);
        m["acknowledgedAtText"] = acknowledgedAtText(a.key, by);
        m["count"] = group != alertGroups_.end() ? static_cast<int>(group->second.size()) : 1;
        // Acknowledge and resolve apply to the lobby's alerts; a complaint is answered in the register.
        m["actionable"] = group != alertGroups_.end() || alerts_.count(a.key) > 0;
        m["severity"] = QString::fromLatin1(forecast::toString(a.severity));
        m["level"] = a.severity == forecast::Severity::Alarm ? 2 : a.severity == forecast::Severity::Warning ? 1 : 0;
        m["messageZh"] = QString::fromStdString(a.messageZh);
        m["messageEn"] = QString::fromStdString(a.messageEn);
        m["actionZh"] = QString::fromStdString(a.actionZh);
        m["actionEn"] = QString::fromStdString(a.actionEn);
        m["sinceText"] = QString::fromStdString(lobby::formatLocalTime(a.raisedAt, config_.lobby.utcOffsetMinutes).substr(11, 5));
        m["timeLeftMin"] = a.timeLeftMs ? minutesOf(*a.timeLeftMs) : -1;
        f.alerts.push_back(m);
    }
    for (const auto& c : calls_) {
        QVariantMap m;
        kiosk::Announcement a = kiosk::callAnnouncement(c.ticket, c.window);
        m["ticket"] = QString::fromStdString(c.ticket);
        m["window"] = c.window;
        m["textZh"] = QString::fromStdString(a.displayZh);
        m["textEn"] = QString::fromStdString(a.displayEn);
        m["timeText"] = QString::fromStdString(lobby::formatLocalTime(c.at, config_.lobby.utcOffsetMinutes).substr(11, 5));
        f.calls.push_back(m);
    }
    // Notices for customers: plain, no device text passed through.
    for (const auto& [device, word] : lobby_.deviceStatus()) {
        if (word == "PAPER_OUT" || word == "JAM" || word == "COVER_OPEN") {
            QVariantMap m;
            m["zh"] = QStringLiteral("%1 号取号机暂停使用，请到其他取号机或咨询大堂经理").arg(device);
            m["en"] = QStringLiteral("Ticket machine %1 is out of service: please use another or ask the lobby manager").arg(device);
            f.notices.push_back(m);
        }
    }
    for (const lobby::Window* w : lobby_.windows()) {
        if (w->state == lobby::WindowState::Paused) {
            QVariantMap m;
            bool lunch = w->pauseReason == "LUNCH";
            m["zh"] = QStringLiteral("%1 号窗口%2").arg(w->number).arg(lunch ? QStringLiteral("午休暂停") : QStringLiteral("暂停服务"));
            m["en"] = QStringLiteral("Window %1 is %2").arg(w->number).arg(lunch ? QStringLiteral("at lunch") : QStringLiteral("paused"));
            f.notices.push_back(m);
        }
    }
    // Device health: each port, then the devices heard on it.
    const auto& statusWords = lobby_.deviceStatus();
    for (const auto& [name, l] : links_) {
        QVariantMap p;
        p["port"] = name;
        p["up"] = l->up;
        p["reason"] = l->reason;
        p["reconnects"] = static_cast<qint64>(l->reconnects);
        QVariantList devices;
        auto it = ingest_.ports().find(name.toStdString());
        if (it != ingest_.ports().end()) {
            const auto& st = it->second->decoder.stats();
            p["frames"] = static_cast<qint64>(st.frames);
            p["bad"] = static_cast<qint64>(st.checksumErrors + st.malformed + st.overlong);
            for (const auto& h : it->second->sessions.health()) {
                QVariantMap d;
                d["address"] = h.address;
                d["kind"] = !h.kind ? QStringLiteral("?")
                            : *h.kind == protocol::DeviceKind::Dispenser ? QStringLiteral("dispenser") : QStringLiteral("keypad");
                d["online"] = h.online(now);
                d["lastText"] = h.frames > 0 ? QString::fromStdString(
                                                   lobby::formatLocalTime(h.lastFrameAt, config_.lobby.utcOffsetMinutes).substr(11, 8))
                                             : QStringLiteral("—");
                d["frames"] = static_cast<qint64>(h.frames);
                d["resends"] = static_cast<qint64>(h.resends);
                d["refused"] = static_cast<qint64>(h.refused);
                auto word = statusWords.find(h.address);
                d["status"] = word != statusWords.end() ? QString::fromStdString(word->second) : QString();
                devices.push_back(d);
            }
        } else {
            p["frames"] = 0;
            p["bad"] = 0;
        }
        p["devices"] = devices;
        f.ports.push_back(p);
    }
    // Today's incidents from the log: after each change (at most once a publish, i.e. a second), else every 5 s.
    if (!incidentsRead_.isValid() || incidentsDirty_ || incidentsRead_.elapsed() >= 5000) {
        incidentsRead_.start();
        incidentsDirty_ = false;
        incidentRows_.clear();
        auto day = store_->incidentsOfDay(lobby::businessDayOf(now, config_.lobby));
        for (auto it = day.rbegin(); it != day.rend(); ++it) {
            QVariantMap m;
            m["timeText"] = QString::fromStdString(lobby::formatLocalTime(it->raisedAt, config_.lobby.utcOffsetMinutes).substr(11, 5));
            m["kind"] = QString::fromStdString(it->kind);
            m["severity"] = QString::fromStdString(it->severity);
            m["subject"] = QString::fromStdString(it->subject);
            m["messageZh"] = QString::fromStdString(it->messageZh);
            m["messageEn"] = QString::fromStdString(it->messageEn);
            m["state"] = QString::fromStdString(it->state);
            m["stateText"] = QString::fromStdString(lobby::formatLocalTime(it->stateAt, config_.lobby.utcOffsetMinutes).substr(11, 5));
            incidentRows_.push_back(m);
        }
    }
    f.incidents = incidentRows_;
    // Today at a glance.
    {
        QVariantMap g;
        const bool today = glance_.businessDay() == lobby::businessDayOf(now, config_.lobby);
        g["serviceLevel"] = today ? glance_.serviceLevelPercent() : -1;
        g["calls"] = today ? glance_.calls() : 0;
        int target = 0, limit = 0;
        for (const auto& c : lobby_.categories()) {
            target = target == 0 ? c.config.targetMin : std::min(target, c.config.targetMin);
            limit = std::max(limit, c.config.limitMin);
        }
        g["targetMin"] = target;
        QVariantList buckets;
        double top = std::max(limit, 10);
        if (today) {
            for (const auto& b : glance_.buckets()) {
                QVariantMap m;
                m["timeText"] = QString::fromStdString(lobby::formatLocalTime(b.start, config_.lobby.utcOffsetMinutes).substr(11, 5));
                m["calls"] = b.calls;
                m["meanWaitMin"] = static_cast<double>(b.meanWaitMs()) / 60'000.0;
                m["maxWaitMin"] = static_cast<double>(b.maxWaitMs) / 60'000.0;
                top = std::max(top, static_cast<double>(b.maxWaitMs) / 60'000.0);
                buckets.push_back(m);
            }
        }
        g["buckets"] = buckets;
        g["scaleMin"] = top;
        f.glance = g;
    }
    status_.update(f);
}

// When the card `key` was acknowledged, "HH:MM" local time (the last of a group's alerts to be taken); empty when
// nobody has acknowledged it yet.
QString Kiosk::acknowledgedAtText(const std::string& key, const std::string& by) const {
    if (by.empty()) return {};
    lobby::TimeMs at = 0;
    auto group = alertGroups_.find(key);
    for (const std::string& k : group != alertGroups_.end() ? group->second : std::vector<std::string>{key})
        if (auto it = alerts_.find(k); it != alerts_.end()) at = std::max(at, it->second.acknowledgedAt);
    if (at == 0) return {};
    return QString::fromStdString(lobby::formatLocalTime(at, config_.lobby.utcOffsetMinutes).substr(11, 5));
}

}  // namespace lw::app
