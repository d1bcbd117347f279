// The webhook in the kiosk: messages into the outbox through the log's writer, the sender woken, its state shown.
#include "app/KioskNotify.h"

#include "app/KioskIncidents.h"
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::app {

namespace {

// One outbox row per robot that wants the note's class (but `notTo`).
std::vector<store::QueuedNotification> rowsFor(const notify::NotifyConfig& config, const std::vector<notify::Note>& notes,
                                               lobby::TimeMs now, const std::string& notTo = {}) {
    std::vector<store::QueuedNotification> rows;
    for (const auto& note : notes)
        for (const auto& t : config.targets) {
            if (!t.wants(note.what) || t.name == notTo) continue;
            store::QueuedNotification n;
            n.target = t.name;
            n.what = note.what;
            n.subject = note.subject;
            n.body = note.text();
            n.createdAt = now;
            n.nextAt = now;
            rows.push_back(std::move(n));
        }
    return rows;
}

}  // namespace

KioskNotify::KioskNotify(const kiosk::KioskConfig& config, store::LogWriter& writer, const kiosk::Clock& clock)
    : config_(config), writer_(writer), bulletin_(config.branch.name, config.security.escalateAfterMin) {
    if (config.notify.enabled()) sender_ = std::make_unique<notify::WebhookSender>(config.notify, writer, clock);
}

KioskNotify::~KioskNotify() { stop(); }

void KioskNotify::start() {
    if (sender_) sender_->start();
}

void KioskNotify::stop() {
    if (sender_) sender_->stop();
}

void KioskNotify::wake() {
    if (sender_) sender_->wake();
}

void KioskNotify::boardChanged(const alerts::BoardChanges& changes, lobby::TimeMs now) {
    if (!sender_) return;
    queue(bulletin_.fromBoard(changes, now), now);
}

void KioskNotify::boardCarried(const alerts::BoardChanges& carried, lobby::TimeMs now) {
    if (!sender_) return;
    (void)bulletin_.fromBoard(carried, now);  // remembered for its next steps; its notes are not queued again
}

void KioskNotify::incidentRaised(const std::string& kind, const std::string& severity, const std::string& subject,
                                 const std::string& messageZh, const std::string& messageEn, lobby::TimeMs now) {
    if (!sender_) return;
    // A robot that cannot be reached is told to the others only (it would hear of itself once back, too late).
    const std::string notTo = kind == "notify_down" && subject.rfind("notify:", 0) == 0 ? subject.substr(7) : std::string();
    queue(bulletin_.fromIncident(kind, severity, subject, messageZh, messageEn, now), now, notTo);
}

void KioskNotify::watch(KioskIncidents& incidents, lobby::TimeMs now) {
    if (!sender_) return;
    const notify::SenderStatus s = sender_->status();
    for (const auto& t : config_.notify.targets) {
        auto& slot = downIncidents_[t.name];
        const auto failing = s.failingSince.find(t.name);
        if (failing == s.failingSince.end()) {
            incidents.clear(slot);
            continue;
        }
        if (slot || now - failing->second < t.alarmAfterMin * 60'000LL) continue;
        const std::string since = lobby::formatLocalTime(failing->second, config_.lobby.utcOffsetMinutes).substr(11, 5);
        const std::string last = s.lastFailure.rfind(t.name + ": ", 0) == 0 ? s.lastFailure.substr(t.name.size() + 2) : "";
        incidents.raise("notify_down", "warning", "notify:" + t.name,
                        "通知机器人 " + t.name + " 自 " + since + " 起无法送达" + (last.empty() ? "" : "（" + last + "）") +
                            "，消息在等候重发。请检查网点网络，以及配置中该机器人的地址（url）是否仍然有效",
                        "The chat robot " + t.name + " has not been reachable since " + since +
                            (last.empty() ? "" : " (" + last + ")") + "; its messages wait to be sent again. Check "
                            "the branch network, and that the robot's address (url) in the config is still valid",
                        slot);
    }
}

void KioskNotify::queue(const std::vector<notify::Note>& notes, lobby::TimeMs now, const std::string& notTo) {
    auto rows = rowsFor(config_.notify, notes, now, notTo);
    if (rows.empty()) return;
    // Recorded first (in the order raised, behind the incident's own rows), then the sender is woken.
    notify::WebhookSender* sender = sender_.get();
    // One the outbox refuses (a full disk: and "the log cannot be written" is the alarm that must get out) is held
    // by the sender in memory, sent anyway, and recorded once the log takes writes.
    writer_.post([rows = std::move(rows), sender](store::EventStore& store) mutable {
        for (auto& r : rows)
            if (auto e = store.queueNotification(r)) {
                std::fprintf(stderr, "lobbywatch: notify: a message to %s could not be recorded (%s); sent from memory, "
                                     "recorded once the log takes writes\n", r.target.c_str(), e->c_str());
                sender->hold(std::move(r));
            }
        sender->wake();
    });
}

std::optional<ui::PortRow> KioskNotify::row() const {
    if (!sender_) return std::nullopt;
    const notify::SenderStatus s = sender_->status();
    const int offset = config_.lobby.utcOffsetMinutes;
    auto clock = [offset](lobby::TimeMs t) { return t > 0 ? lobby::formatLocalTime(t, offset).substr(11, 8) : std::string("—"); };
    ui::PortRow r;
    r.port = QStringLiteral("通知 webhook");
    // Up: nothing waits, or the last attempt delivered.
    r.up = s.running && (s.queued == 0 || s.lastSentAt >= s.lastFailureAt);
    std::string reason = "last sent " + clock(s.lastSentAt) + " · " + std::to_string(s.queued) + " queued";
    if (s.held > 0) reason += " (" + std::to_string(s.held) + " in memory: the log refuses writes)";
    if (s.givenUp > 0) reason += " · " + std::to_string(s.givenUp) + " given up";
    if (s.lastFailureAt > 0) reason += " · last failure " + clock(s.lastFailureAt) + " " + s.lastFailure.substr(0, 140);
    r.reason = QString::fromStdString(reason);
    r.frames = s.sent;
    r.bad = s.givenUp;
    return r;
}

std::string KioskNotify::statusWord() const {
    if (!sender_) return {};
    const notify::SenderStatus s = sender_->status();
    return " | notify:sent " + std::to_string(s.sent) + " queued " + std::to_string(s.queued);
}

std::optional<std::string> queueComplaintNotifications(store::EventStore& store, const kiosk::KioskConfig& config,
                                                       const complaint::Complaint& before, const complaint::Complaint& after,
                                                       const std::string& action, lobby::TimeMs now) {
    if (!config.notify.enabled()) return std::nullopt;
    notify::Bulletin::ComplaintChange change;
    change.id = after.id;
    change.action = action;
    change.handoverFrom = after.handoverFrom;
    change.pendingOwner = after.pendingOwner;
    change.levelBefore = before.escalationLevel;
    change.levelAfter = after.escalationLevel;
    change.escalatedTo = after.escalatedTo;
    change.replyDueDay = after.agreedDay.empty() ? after.dueDay : after.agreedDay;
    const notify::Bulletin bulletin(config.branch.name, config.security.escalateAfterMin);
    for (auto& r : rowsFor(config.notify, bulletin.fromComplaint(change), now))
        if (auto e = store.queueNotification(r)) return e;
    return std::nullopt;
}

}  // namespace lw::app
