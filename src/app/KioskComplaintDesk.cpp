// The complaints page's side in the kiosk: rows, steps and the receipt (see KioskComplaintDesk.h).
#include "app/KioskComplaintDesk.h"

#include "app/KioskNotify.h"

#include "complaint/Clocks.h"
#include "lobby/LocalTime.h"
#include "ui/ScreenModels.h"

#include <algorithm>

namespace lw::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QVariantMap refusal(const QString& zh, const QString& en) { return {{"ok", false}, {"whyZh", zh}, {"whyEn", en}}; }

struct Words {
    const char* code;
    const char* zh;
    const char* en;
};

const Words kStateWords[] = {
    {"received", "已受理", "received"},        {"agreed", "已约期", "date agreed"},
    {"handed_over", "移交待接收", "handed over, not yet accepted"}, {"accepted", "已接收", "accepted"},
    {"investigated", "已调查", "investigated"}, {"replied", "已答复", "replied"},
    {"resolved", "已处理", "resolved"},         {"followed_up", "已回访", "followed up"},
    {"closed", "已结案", "closed"},             {"reopened", "重新处理", "reopened"},
};

const Words kClockWords[] = {
    {"answer", "当日答复", "answer today"},
    {"agreed", "约期答复", "reply on the agreed date"},
    {"reply", "答复客户", "reply"},
    {"resolve", "处理完毕", "resolution"},
};

template <std::size_t N>
const Words* find(const Words (&table)[N], const std::string& code) {
    for (const auto& w : table)
        if (code == w.code) return &w;
    return nullptr;
}

int levelOf(complaint::ClockState s) {
    switch (s) {
    case complaint::ClockState::DueSoon: return ui::Level::Warning;
    case complaint::ClockState::DueToday:
    case complaint::ClockState::Overdue:
    case complaint::ClockState::Missed: return ui::Level::Alarm;
    default: return ui::Level::Ok;
    }
}

bool sameStep(const complaint::Step& a, const complaint::Step& b) {
    return a.action == b.action && a.by == b.by && a.text == b.text && a.to == b.to && a.date == b.date && a.yes == b.yes &&
           a.responsible == b.responsible && a.remedy == b.remedy && a.apology == b.apology;
}

std::string replyBy(const complaint::Complaint& c) { return c.agreedDay.empty() ? c.dueDay : c.agreedDay; }

}  // namespace

std::vector<ui::ComplaintRow> complaintRows(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                                            const std::string& today) {
    std::vector<ui::ComplaintRow> rows;
    if (who.name.empty()) return rows;
    for (const auto& c : store.complaints("0000-00-00", "9999-99-99", true)) {
        if (!complaint::mayHandle(c, who.name, who.role)) continue;
        ui::ComplaintRow r;
        r.id = c.id;
        r.version = static_cast<int>(store.complaintSteps(c.id).size());
        r.state = q(c.state);
        const Words* w = find(kStateWords, c.state);
        r.stateZh = w ? QString::fromUtf8(w->zh) : q(c.state);
        r.stateEn = w ? QString::fromUtf8(w->en) : q(c.state);
        r.channel = q(c.channel);
        r.cause = q(c.cause);
        r.complexity = q(c.complexity);
        r.summary = q(c.summary);
        r.owner = q(c.owner);
        r.pendingOwner = q(c.pendingOwner);
        r.ticket = q(c.ticket);
        r.receivedDay = q(c.receivedDay);
        r.complainedDay = q(c.complainedDay);
        r.replyBy = q(replyBy(c));
        r.escalationLevel = c.escalationLevel;
        r.escalatedTo = q(c.escalatedTo);
        for (const auto& k : complaint::clocksOf(c, config.complaints.rules, config.complaints.calendar, today)) {
            const Words* cw = find(kClockWords, k.name);
            r.clocks.push_back(QVariantMap{{"name", q(k.name)},
                                           {"zh", cw ? QString::fromUtf8(cw->zh) : q(k.name)},
                                           {"en", cw ? QString::fromUtf8(cw->en) : q(k.name)},
                                           {"dueDay", q(k.dueDay)},
                                           {"state", QString::fromLatin1(complaint::toString(k.state))},
                                           {"level", levelOf(k.state)}});
            if (k.running()) r.level = std::max(r.level, levelOf(k.state));
        }
        for (const auto& s : complaint::possibleSteps(c, who.name, who.role)) r.steps.push_back(q(s));
        rows.push_back(std::move(r));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const ui::ComplaintRow& a, const ui::ComplaintRow& b) {
        if (a.level != b.level) return a.level > b.level;
        return a.id < b.id;
    });
    return rows;
}

complaint::Step stepFromFields(const std::string& action, const QVariantMap& f) {
    complaint::Step s;
    s.action = action;
    s.text = f.value("text").toString().trimmed().toStdString();
    s.to = f.value("to").toString().trimmed().toStdString();
    s.date = f.value("date").toString().trimmed().toStdString();
    const QString yes = action == "investigate" ? f.value("bankAtFault").toString() : f.value("satisfied").toString();
    if (yes == "yes") s.yes = true;
    else if (yes == "no") s.yes = false;
    if (action == "investigate") {
        s.responsible = f.value("responsible").toString().trimmed().toStdString();
        s.remedy = f.value("remedy").toString().trimmed().toStdString();
        s.apology = f.value("apology").toBool();
    }
    return s;
}

QVariantMap takeComplaintStep(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                              std::int64_t id, int version, const std::string& action, const QVariantMap& fields,
                              lobby::TimeMs now) {
    if (who.name.empty()) return refusal(QStringLiteral("请先登录"), QStringLiteral("Sign in first"));
    complaint::Step s = stepFromFields(action, fields);
    s.at = now;
    s.day = lobby::businessDayOf(now, config.lobby);
    s.by = who.name;
    s.role = who.role;
    s.osUser = "kiosk";
    if (action == "hand_over" && !s.to.empty()) {
        const auto staff = store.staff();
        if (std::none_of(staff.begin(), staff.end(), [&](const auto& m) { return m.name == s.to; }))
            return refusal(QStringLiteral("%1 不是本网点员工").arg(q(s.to)), QStringLiteral("%1 is not a member of staff").arg(q(s.to)));
    }
    std::string refused, changedBy;
    bool repeat = false;
    std::vector<complaint::Notice> notices;
    complaint::Complaint after;
    auto e = store.atomically([&]() -> std::optional<std::string> {
        auto c = store.complaint(id);
        if (!c) return refused = "no complaint " + std::to_string(id);
        const auto steps = store.complaintSteps(id);
        if (static_cast<int>(steps.size()) != version) {
            // Save tapped twice: the step it would record is the last one recorded.
            if (static_cast<int>(steps.size()) == version + 1 && sameStep(steps.back(), s)) {
                repeat = true;
                after = *c;
                return std::nullopt;
            }
            changedBy = steps.empty() ? std::string("?") : steps.back().by;
            return refused = "complaint " + std::to_string(id) + " changed meanwhile (" + changedBy + "); look at it again";
        }
        const complaint::Complaint before = *c;
        complaint::Outcome o = complaint::apply(*c, s, config.complaints.rules, config.complaints.calendar);
        if (!o.ok()) return refused = o.error;
        notices = o.notices;
        after = *c;
        if (!store.updateComplaint(*c)) return std::string("the complaint was not updated");
        if (auto stepError = store.recordComplaintStep(id, s)) return stepError;
        // A hand-over or an escalation told to the robots: its messages go in with the step, or neither does.
        if (auto notifyError = queueComplaintNotifications(store, config, before, *c, action, now)) return notifyError;
        return store.recordAction({now, who.name, "complaint_" + action, "complaint:" + std::to_string(id), "kiosk"});
    });
    if (!changedBy.empty())
        return refusal(QStringLiteral("投诉 %1 已被 %2 更新，请重新查看").arg(id).arg(q(changedBy)), q(refused));
    if (!refused.empty()) return refusal(QStringLiteral("未保存：") + q(refused), QStringLiteral("Not saved: ") + q(refused));
    if (e) return refusal(QStringLiteral("无法保存：") + q(*e), QStringLiteral("Cannot store it: ") + q(*e));
    QStringList zh, en;
    for (const auto& n : notices) {
        zh << q(n.messageZh);
        en << q(n.messageEn);
    }
    return {{"ok", true}, {"repeat", repeat}, {"state", q(after.state)}, {"noticesZh", zh}, {"noticesEn", en}};
}

QVariantMap complaintReceipt(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                             std::int64_t id) {
    auto c = store.complaint(id);
    if (!c || who.name.empty() || !complaint::mayHandle(*c, who.name, who.role))
        return refusal(QStringLiteral("没有可查看的投诉 %1").arg(id), QStringLiteral("No complaint %1 you may see").arg(id));
    return {{"ok", true},
            {"id", static_cast<qlonglong>(c->id)},
            {"receivedDay", q(c->receivedDay)},
            {"owner", q(c->owner)},
            {"replyBy", q(replyBy(*c))},
            {"hotline", q(config.branch.complaintHotline)},
            {"servicePhone", q(config.branch.servicePhone)},
            {"branch", q(config.branch.name)}};
}

}  // namespace lw::app
