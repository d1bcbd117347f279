// Complaints at the kiosk: recorded from the manager's screen; those due shown as cards with an incident each.
#include "app/KioskComplaints.h"

#include "complaint/Clocks.h"
#include "report/Complaints.h"
#include "complaint/TicketTimeline.h"
#include "lobby/LocalTime.h"

#include <set>

namespace lw::app {

void ComplaintWatch::check(lobby::TimeMs now) {
    const std::string today = lobby::businessDayOf(now, config_.lobby);
    std::vector<forecast::Alert> cards, infoCards;
    std::set<std::string> stillDue;
    for (const auto& c : store_.complaints("0000-00-00", "9999-99-99", true)) {
        const std::string id = std::to_string(c.id);
        std::vector<complaint::Clock> quiet;  // running, not yet near their due day: one card for them all
        for (const auto& k : complaint::clocksOf(c, config_.complaints.rules, config_.complaints.calendar, today)) {
            if (!k.running()) continue;
            if (k.state == complaint::ClockState::Running) {
                quiet.push_back(k);
                continue;
            }
            forecast::Alert a;
            a.key = "complaint|" + id + "|" + k.name;
            a.kind = "complaint_due";
            a.subject = "complaint:" + id;
            a.severity = k.state == complaint::ClockState::DueSoon ? forecast::Severity::Warning : forecast::Severity::Alarm;
            a.raisedAt = now;
            a.messageZh = complaint::clockMessageZh(c, k);
            a.messageEn = complaint::clockMessageEn(c, k);
            a.actionZh = "请 " + c.owner + " 在“管理 → 待处理投诉”中处理第 " + id + " 号投诉并登记";
            a.actionEn = "Ask " + c.owner + " to act on complaint " + id + " and record it (Manage → Open complaints)";
            stillDue.insert(id + "|" + k.name);
            incidents_.raise("complaint_due", forecast::toString(a.severity), a.subject, a.messageZh, a.messageEn,
                             open_[id + "|" + k.name]);
            cards.push_back(std::move(a));
        }
        // The recipient of a hand-over or an escalation is told on the panel until it is accepted / while it lasts.
        if (!c.pendingOwner.empty() || c.escalationLevel > 0) {
            forecast::Alert n;
            n.key = "complaint|" + id + (c.pendingOwner.empty() ? "|escalated" : "|handover");
            n.kind = "complaint_notice";
            n.subject = "complaint:" + id;
            n.severity = forecast::Severity::Warning;
            n.raisedAt = now;
            const std::string to = c.pendingOwner.empty() ? c.escalatedTo : c.pendingOwner;
            n.messageZh = c.pendingOwner.empty() ? "投诉 " + id + " 已升级（第 " + std::to_string(c.escalationLevel) + " 级）至 " + to
                                                 : "投诉 " + id + " 由 " + c.handoverFrom + " 移交给 " + to + "，待接收";
            n.messageEn = c.pendingOwner.empty() ? "Complaint " + id + " escalated (level " + std::to_string(c.escalationLevel) + ") to " + to
                                                 : "Complaint " + id + " handed over by " + c.handoverFrom + " to " + to + ", waiting to be accepted";
            n.actionZh = "请 " + to + " 在“管理 → 待处理投诉”中处理";
            n.actionEn = "For " + to + " (Manage → Open complaints)";
            cards.push_back(std::move(n));
        }
        if (quiet.empty()) continue;
        forecast::Alert a;
        a.key = "complaint|" + id + "|running";
        a.kind = "complaint_running";
        a.subject = "complaint:" + id;
        a.severity = forecast::Severity::Info;
        a.raisedAt = now;
        a.messageZh = complaint::runningMessageZh(c, quiet);
        a.messageEn = complaint::runningMessageEn(c, quiet);
        a.actionZh = c.owner + " 负责（管理 → 待处理投诉）";
        a.actionEn = "Owned by " + c.owner + " (Manage → Open complaints)";
        infoCards.push_back(std::move(a));
    }
    for (auto it = open_.begin(); it != open_.end();) {
        if (stillDue.count(it->first)) {
            ++it;
            continue;
        }
        incidents_.clear(it->second);  // the clock stopped (or no longer due): the incident clears
        it = open_.erase(it);
    }
    cards_ = std::move(cards);
    infoCards_ = std::move(infoCards);
}

QVariantMap recordComplaint(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& who,
                            const QVariantMap& in, lobby::TimeMs now) {
    complaint::Intake intake;
    intake.at = now;
    intake.day = lobby::businessDayOf(now, config.lobby);
    intake.by = who;  // the first to hear it owns it
    intake.channel = in.value("channel").toString().toStdString();
    intake.cause = in.value("cause").toString().toStdString();
    intake.summary = in.value("summary").toString().toStdString();
    intake.contact = in.value("contact").toString().toStdString();
    intake.ticket = in.value("ticket").toString().toStdString();
    std::string problem;
    auto received = complaint::receive(intake, config.complaints.rules, config.complaints.calendar, problem);
    if (!received)
        return {{"ok", false}, {"whyZh", QStringLiteral("请补全：") + QString::fromStdString(problem)}, {"whyEn", QString::fromStdString(problem)}};
    complaint::Complaint c = *received;
    if (!c.ticket.empty()) {
        // A ticket never issued today is refused; a label issued twice (numbers wrap) is the latest issued by now.
        auto visit = complaint::visitAt(complaint::ticketVisits(store.eventsOfDay(c.ticketDay), c.ticket), now);
        if (!visit)
            return {{"ok", false},
                    {"whyZh", QStringLiteral("今天没有发出过 %1 号").arg(QString::fromStdString(c.ticket))},
                    {"whyEn", QStringLiteral("Ticket %1 was not issued today").arg(QString::fromStdString(c.ticket))}};
        c.ticketIssuedAt = visit->issuedAt;
    }
    // Save tapped twice: the complaint already stored, not a second one.
    for (const auto& earlier : store.complaints(c.receivedDay, c.receivedDay))
        if (complaint::isRepeat(earlier, c, 10 * 60'000))
            return {{"ok", true}, {"id", static_cast<qlonglong>(earlier.id)}, {"dueDay", QString::fromStdString(earlier.dueDay)},
                    {"repeat", true}};
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
