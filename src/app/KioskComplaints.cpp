// Complaints at the kiosk: recorded from the manager's screen; those due shown as cards with an incident each.
#include "KioskComplaints.h"

#include "Complaints.h"
#include "LocalTime.h"

#include <set>

namespace lw::app {

void ComplaintWatch::check(lobby::TimeMs now) {
    const std::string today = lobby::businessDayOf(now, config_.lobby);
    const auto& calendar = config_.complaints.calendar;
    std::vector<forecast::Alert> cards;
    std::set<std::int64_t> stillDue;
    for (const auto& c : store_.complaints("0000-00-00", "9999-99-99", true)) {
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
        incidents_.raise("complaint_due", forecast::toString(a.severity), a.subject, a.messageZh, a.messageEn, open_[c.id]);
        cards.push_back(std::move(a));
    }
    for (auto it = open_.begin(); it != open_.end();) {
        if (stillDue.count(it->first)) {
            ++it;
            continue;
        }
        incidents_.clear(it->second);  // answered (or no longer due): the incident clears
        it = open_.erase(it);
    }
    cards_ = std::move(cards);
}

QVariantMap recordComplaint(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& who,
                            const QVariantMap& in, lobby::TimeMs now) {
    report::Complaint c;
    c.receivedAt = now;
    c.receivedDay = lobby::businessDayOf(now, config.lobby);
    c.receivedBy = who;  // the first to hear it owns it
    c.channel = in.value("channel").toString().toStdString();
    c.cause = in.value("cause").toString().toStdString();
    c.summary = in.value("summary").toString().trimmed().toStdString();
    c.contact = in.value("contact").toString().trimmed().toStdString();
    c.ticket = in.value("ticket").toString().trimmed().toUpper().toStdString();
    if (!c.ticket.empty()) c.ticketDay = c.receivedDay;
    c.dueDay = report::dueDayFor(c.receivedDay, config.complaints.dueWorkingDays, config.complaints.calendar).value_or(c.receivedDay);
    if (std::string why = report::validate(c); !why.empty())
        return {{"ok", false}, {"whyZh", QStringLiteral("请补全：") + QString::fromStdString(why)}, {"whyEn", QString::fromStdString(why)}};
    // The complaint and its complaint_received action: both stored, or neither.
    std::optional<std::int64_t> id;
    auto error = store.atomically([&]() -> std::optional<std::string> {
        std::string why;
        id = store.addComplaint(c, why);
        if (!id) return why;
        return store.recordAction({now, c.receivedBy, "complaint_received", "complaint:" + std::to_string(*id), c.cause});
    });
    if (error)
        return {{"ok", false},
                {"whyZh", QStringLiteral("无法保存：") + QString::fromStdString(*error)},
                {"whyEn", QStringLiteral("Cannot store it: ") + QString::fromStdString(*error)}};
    return {{"ok", true}, {"id", static_cast<qlonglong>(*id)}, {"dueDay", QString::fromStdString(c.dueDay)}};
}

}  // namespace lw::app
