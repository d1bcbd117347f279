// The kiosk's incidents: raised once per condition, cleared, and the alert board's steps carried into the log.
#include "app/KioskIncidents.h"

#include "app/KioskNotify.h"
#include "forecast/Watch.h"

#include <cstdio>

namespace lw::app {

void KioskIncidents::raise(const std::string& kind, const std::string& severity, const std::string& subject,
                           const std::string& zh, const std::string& en, std::optional<std::int64_t>& slot) {
    if (slot) return;  // one incident per condition
    const std::optional<std::int64_t> carried = takeLeftOpen(kind, subject);
    store::Incident i;
    i.raisedAt = clock_.now();
    i.kind = kind;
    i.severity = severity;
    i.subject = subject;
    i.messageZh = zh;
    i.messageEn = en;
    slot = carried ? *carried : log_.raise(i);
    dirty_ = true;
    if (notify_ && !carried) notify_->incidentRaised(kind, severity, subject, zh, en, i.raisedAt);
    if (board_ && (kind == "link_down" || kind == "log_damaged" || kind == "notify_down")) {
        forecast::Alert a;
        a.kind = kind;
        a.subject = subject;
        a.key = kind + "|" + subject;
        a.severity = severity == "warning" ? forecast::Severity::Warning : forecast::Severity::Alarm;
        a.raisedAt = i.raisedAt;
        a.messageZh = zh;
        a.messageEn = en;
        a.actionZh = kind == "link_down"     ? "请检查该串口的线缆和转换器；恢复后请确认"
                     : kind == "notify_down" ? "请确认；消息送达后自动解除"
                                             : "请保留旧日志文件并联系技术支持";
        a.actionEn = kind == "link_down"     ? "Check the port's cable and adapter; acknowledge once it is back"
                     : kind == "notify_down" ? "Acknowledge it; it clears itself once a message gets through"
                                             : "Keep the old log file and call support";
        board_->hold(a, *slot, i.raisedAt);
        onBoard_[*slot] = a.key;
    }
}

void KioskIncidents::tell(const std::string& kind, const std::string& severity, const std::string& subject,
                          const std::string& zh, const std::string& en) {
    if (notify_) notify_->incidentRaised(kind, severity, subject, zh, en, clock_.now());
}

void KioskIncidents::clear(std::optional<std::int64_t>& slot) {
    if (!slot) return;
    log_.step(*slot, "cleared", clock_.now());
    dirty_ = true;
    if (auto it = onBoard_.find(*slot); it != onBoard_.end()) {
        if (board_) board_->release(it->second);
        onBoard_.erase(it);
    }
    slot.reset();
}

void KioskIncidents::apply(const alerts::BoardChanges& changes, alerts::AlertBoard& board, lobby::TimeMs now) {
    if (!changes.any()) return;
    dirty_ = true;
    alerts::BoardChanges told = changes;  // what the chat robots hear: not a situation carried over a restart
    told.raised.clear();
    alerts::BoardChanges carriedOver;     // ... which they know again, for its later steps
    for (const auto& a : changes.raised) {
        if (const std::optional<std::int64_t> carried = takeLeftOpen(a.kind, a.subject)) {
            // The same situation as before the restart: its incident goes on, with its figures as they are now
            // (the tickets that join or leave from here on are recorded as they do).
            board.attach(a.key, *carried);
            carriedOver.raised.push_back(a);
            log_.update(*carried, now, forecast::toString(a.severity), alerts::figuresOf(a), a.messageZh + "。" + a.actionZh,
                        a.messageEn + ". " + a.actionEn, {}, {});
            continue;
        }
        told.raised.push_back(a);
        store::Incident i;
        i.raisedAt = now;
        i.kind = a.kind;
        i.severity = forecast::toString(a.severity);
        i.subject = a.subject;
        i.messageZh = a.messageZh + "。" + a.actionZh;
        i.messageEn = a.messageEn + ". " + a.actionEn;
        const std::int64_t handle = log_.raise(i);
        board.attach(a.key, handle);
        if (!a.members.empty()) {  // a situation: its figures and the tickets it concerns from the start
            std::vector<std::string> tickets;
            for (const auto& m : a.members) tickets.push_back(m.ticket);
            log_.update(handle, now, i.severity, alerts::figuresOf(a), i.messageZh, i.messageEn, tickets, {});
        }
    }
    for (const auto& u : changes.updates)
        log_.update(u.incident, u.at, u.severity, u.figures, u.messageZh, u.messageEn, u.joined, u.left);
    for (const auto& s : changes.steps) {
        std::optional<store::StaffAction> action;
        if (!s.action.empty()) action = store::StaffAction{s.at, s.who, s.action, "", s.actionDetail};
        log_.step(s.incident, s.step, s.at, s.who, s.note, action);
    }
    if (notify_ && !carriedOver.raised.empty()) notify_->boardCarried(carriedOver, now);
    if (notify_) notify_->boardChanged(told, now);
}

void KioskIncidents::carryOver(const std::vector<store::Incident>& today, lobby::TimeMs until) {
    for (const auto& i : today)
        if (i.state != "cleared" && i.state != "resolved" && i.id > 0) leftOpen_[i.kind + "|" + i.subject] = i.id;
    carryUntil_ = until;
}

std::optional<std::int64_t> KioskIncidents::takeLeftOpen(const std::string& kind, const std::string& subject) {
    auto it = leftOpen_.find(kind + "|" + subject);
    if (it == leftOpen_.end()) return std::nullopt;
    const std::int64_t id = it->second;
    leftOpen_.erase(it);
    return id;
}

void KioskIncidents::closeLeftOpen(lobby::TimeMs now) {
    if (leftOpen_.empty() || now < carryUntil_) return;
    for (const auto& [key, id] : leftOpen_) log_.step(id, "cleared", now, "", "not raised again after the kiosk restarted");
    leftOpen_.clear();
    dirty_ = true;
}

void KioskIncidents::record(const std::string& who, const std::string& action, const std::string& subject,
                            const std::string& detail) {
    log_.action({clock_.now(), who, action, subject, detail});
}

}  // namespace lw::app
