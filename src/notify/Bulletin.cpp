// The lobby's happenings as the robots' messages: situations, escalations, complaints.
#include "notify/Bulletin.h"

#include <algorithm>
#include <cstdlib>

namespace lw::notify {

namespace {

std::string severityZh(const std::string& s) {
    return s == "alarm" ? "警报" : s == "warning" ? "预警" : "提示";
}
std::string severityEn(const std::string& s) {
    return s == "alarm" ? "ALARM" : s == "warning" ? "Warning" : "Info";
}

std::string minutes(TimeMs ms) { return std::to_string(std::max<TimeMs>(0, ms) / 60'000); }

// Without the full stops and spaces it ends with (whole characters: "。" is three bytes).
std::string trimmedEnd(std::string text) {
    for (bool more = true; more;) {
        more = false;
        for (const std::string mark : {"。", ".", " "}) {
            if (text.size() >= mark.size() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0) {
                text.resize(text.size() - mark.size());
                more = true;
            }
        }
    }
    return text;
}

}  // namespace

std::string placeZh(const std::string& subject) {
    const auto colon = subject.find(':');
    if (colon == std::string::npos) return subject == "branch" ? "全网点" : subject == "log" ? "事件日志" : subject;
    const std::string kind = subject.substr(0, colon), id = subject.substr(colon + 1);
    if (kind == "window") return id + "号窗口";
    if (kind == "category") return id + "类业务";
    if (kind == "device") return "设备 " + id;
    if (kind == "port") return "串口 " + id;
    if (kind == "central") return "总行数据库链路";
    if (kind == "complaint") return "投诉 " + id + " 号";
    if (kind == "notify") return "通知机器人 " + id;
    return subject;
}

std::string placeEn(const std::string& subject) {
    const auto colon = subject.find(':');
    if (colon == std::string::npos) return subject == "branch" ? "the whole branch" : subject == "log" ? "the event log" : subject;
    const std::string kind = subject.substr(0, colon), id = subject.substr(colon + 1);
    if (kind == "window") return "window " + id;
    if (kind == "category") return "category " + id;
    if (kind == "device") return "device " + id;
    if (kind == "port") return "port " + id;
    if (kind == "central") return "the central database link";
    if (kind == "complaint") return "complaint no. " + id;
    if (kind == "notify") return "chat robot " + id;
    return subject;
}

std::string Bulletin::prefixZh() const { return "【" + (branch_.empty() ? std::string("大堂监控") : branch_) + "】"; }
std::string Bulletin::prefixEn() const { return "[" + (branch_.empty() ? std::string("LobbyWatch") : branch_) + "] "; }

Note Bulletin::situation(const std::string& what, const std::string& key, const Seen& s, TimeMs now,
                         const std::string& headZh, const std::string& headEn) const {
    Note n;
    n.what = what;
    n.subject = key;
    // How long: a wait situation by its longest wait, anything else since it was raised.
    const bool waits = s.kind == "waits" && s.longestWaitMs > 0;
    const std::string forZh = waits ? "最长已等 " + minutes(s.longestWaitMs) + " 分钟" : "已持续 " + minutes(now - s.raisedAt) + " 分钟";
    const std::string forEn = waits ? "longest wait " + minutes(s.longestWaitMs) + " min" : "for " + minutes(now - s.raisedAt) + " min";
    n.textZh = prefixZh() + headZh + " " + placeZh(s.subject) + "：" + trimmedEnd(s.messageZh) + "（" + forZh + "）。";
    n.textEn = prefixEn() + headEn + " " + placeEn(s.subject) + ": " + trimmedEnd(s.messageEn) + " (" + forEn + ").";
    if (!s.actionZh.empty()) n.textZh += (s.actionZh.rfind("请", 0) == 0 ? "" : "请") + trimmedEnd(s.actionZh) + "。";
    if (!s.actionEn.empty()) n.textEn += " To do: " + trimmedEnd(s.actionEn) + ".";
    return n;
}

std::vector<Note> Bulletin::fromBoard(const alerts::BoardChanges& changes, TimeMs now) {
    std::vector<Note> out;
    for (const auto& a : changes.raised) {
        Seen s{a.kind, a.subject, forecast::toString(a.severity), a.messageZh, a.messageEn, a.actionZh, a.actionEn,
               a.raisedAt > 0 ? a.raisedAt : now, a.longestWaitMs};
        seen_[a.key] = s;
        out.push_back(situation(s.severity, a.key, s, now, severityZh(s.severity), severityEn(s.severity)));
    }
    for (const auto& u : changes.updates) {
        auto it = seen_.find(u.alertKey);
        if (it == seen_.end()) continue;
        // The update's message is "what。what helps" (as the incident keeps it): kept whole, the action apart.
        it->second.severity = u.severity;
        it->second.messageZh = u.messageZh;
        it->second.messageEn = u.messageEn;
        it->second.actionZh.clear();
        it->second.actionEn.clear();
        const auto at = u.figures.find("longest_wait_min=");
        if (at != std::string::npos) it->second.longestWaitMs = std::atoll(u.figures.c_str() + at + 17) * 60'000LL;
    }
    for (const auto& step : changes.steps) {
        auto it = seen_.find(step.alertKey);
        if (it == seen_.end()) continue;
        const Seen& s = it->second;
        if (step.step == "worsened") {
            out.push_back(situation(s.severity, step.alertKey, s, now, "升级为" + severityZh(s.severity),
                                    "Worse, now " + severityEn(s.severity) + ":"));
        } else if (step.step == "escalated") {
            const std::string m = std::to_string(escalateAfterMin_);
            out.push_back(situation("escalation", step.alertKey, s, now,
                                    severityZh(s.severity) + " " + m + " 分钟无人确认，已上报网点负责人",
                                    severityEn(s.severity) + " not acknowledged within " + m + " min, escalated to the branch head:"));
        }
    }
    return out;
}

std::vector<Note> Bulletin::fromIncident(const std::string& kind, const std::string& severity, const std::string& subject,
                                         const std::string& messageZh, const std::string& messageEn, TimeMs now) {
    Seen s{kind, subject, severity, messageZh, messageEn, {}, {}, now, 0};
    const std::string key = kind + "|" + subject;
    seen_[key] = s;
    return {situation(severity, key, s, now, severityZh(severity), severityEn(severity))};
}

std::vector<Note> Bulletin::fromComplaint(const ComplaintChange& c) const {
    std::vector<Note> out;
    const std::string id = std::to_string(c.id);
    const std::string dueZh = c.replyDueDay.empty() ? "" : "答复期限 " + c.replyDueDay + "。";
    const std::string dueEn = c.replyDueDay.empty() ? "" : " Reply due " + c.replyDueDay + ".";
    if (c.action == "hand_over" && !c.pendingOwner.empty()) {
        Note n;
        n.what = "handover";
        n.subject = "complaint:" + id;
        n.textZh = prefixZh() + "投诉 " + id + " 号由 " + c.handoverFrom + " 移交给 " + c.pendingOwner + "，待接收。" + dueZh +
                   "请在大堂机投诉页接收或退回。";
        n.textEn = prefixEn() + "Complaint no. " + id + " handed over by " + c.handoverFrom + " to " + c.pendingOwner +
                   ", waiting to be accepted." + dueEn + " To do: accept or decline it on the kiosk's complaints page.";
        out.push_back(n);
    }
    if (c.levelAfter > c.levelBefore) {
        const std::string to = c.escalatedTo;
        const std::string toZh = to == "officer" ? "投诉专员" : to == "head" ? "网点负责人" : to == "service_department" ? "总行服务管理部门" : to;
        const std::string toEn = to == "officer" ? "the complaint officer" : to == "head" ? "the branch head"
                               : to == "service_department" ? "the bank's service department" : to;
        Note n;
        n.what = "escalation";
        n.subject = "complaint:" + id;
        n.textZh = prefixZh() + "投诉 " + id + " 号已升级（第 " + std::to_string(c.levelAfter) + " 级）至" + toZh + "。" + dueZh +
                   "请在大堂机投诉页查看并跟进。";
        n.textEn = prefixEn() + "Complaint no. " + id + " escalated (level " + std::to_string(c.levelAfter) + ") to " + toEn +
                   "." + dueEn + " To do: look at it on the kiosk's complaints page and follow it up.";
        out.push_back(n);
    }
    return out;
}

}  // namespace lw::notify
