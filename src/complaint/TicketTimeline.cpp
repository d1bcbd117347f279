// A ticket label's visits in a day.
#include "complaint/TicketTimeline.h"

#include <algorithm>

namespace lw::complaint {

std::vector<TicketVisit> ticketVisits(const std::vector<lobby::LobbyEvent>& logged, const std::string& label) {
    // By time (an import logs a history in its own order), the log's order among events of the same moment.
    std::vector<lobby::LobbyEvent> dayEvents;
    for (const auto& e : logged)
        if (e.ticket == label) dayEvents.push_back(e);
    std::stable_sort(dayEvents.begin(), dayEvents.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    std::vector<TicketVisit> visits;
    for (const auto& e : dayEvents) {
        if (e.ticket != label) continue;
        if (e.kind == lobby::EventKind::Issued) {
            TicketVisit v;
            v.label = label;
            v.issuedAt = e.time;
            visits.push_back(std::move(v));
        }
        // Events of a label before its first issue that day (a ticket of the day before) belong to no visit.
        if (!visits.empty()) visits.back().events.push_back(e);
    }
    return visits;
}

std::optional<TicketVisit> visitAt(const std::vector<TicketVisit>& visits, lobby::TimeMs near) {
    std::optional<TicketVisit> best;
    for (const auto& v : visits)
        if (v.issuedAt <= near) best = v;
    return best;
}

namespace {

std::string windowZh(int w) { return std::to_string(w) + " 号窗口"; }
std::string windowEn(int w) { return "window " + std::to_string(w); }

TimelineLine lineOf(const lobby::LobbyEvent& e) {
    TimelineLine l;
    l.at = e.time;
    l.what = lobby::eventName(e.kind);
    l.window = e.window;
    using K = lobby::EventKind;
    switch (e.kind) {
    case K::Issued:
        l.zh = "取号（" + e.category + " 类" + (e.priority ? "，优先" : "") + "）";
        l.en = "issued (category " + e.category + (e.priority ? ", priority" : "") + ")";
        break;
    case K::Called: l.zh = "叫号至 " + windowZh(e.window); l.en = "called to " + windowEn(e.window); break;
    case K::Recalled: l.zh = windowZh(e.window) + " 重呼"; l.en = "recalled at " + windowEn(e.window); break;
    case K::Started: l.zh = windowZh(e.window) + " 开始办理"; l.en = "service started at " + windowEn(e.window); break;
    case K::Finished: l.zh = windowZh(e.window) + " 办理完毕"; l.en = "service finished at " + windowEn(e.window); break;
    case K::NoShow: l.zh = windowZh(e.window) + " 过号（客户未到）"; l.en = "no-show at " + windowEn(e.window); break;
    case K::Abandoned: l.zh = "未办理离开"; l.en = "left without service"; break;
    case K::Transferred:
        l.zh = windowZh(e.window) + " 转出" + (e.category.empty() ? "" : "至 " + e.category + " 类") +
               (e.toWindow ? "至 " + windowZh(e.toWindow) : "");
        l.en = "transferred by " + windowEn(e.window) + (e.category.empty() ? "" : " to category " + e.category) +
               (e.toWindow ? " to " + windowEn(e.toWindow) : "");
        break;
    default: l.zh = l.en = lobby::eventName(e.kind); break;
    }
    return l;
}

}  // namespace

std::vector<TimelineLine> timelineOf(const TicketVisit& visit, lobby::TimeMs until, const std::vector<QueueJump>& jumps,
                                     const std::vector<Requeue>& requeues) {
    std::vector<TimelineLine> out;
    const auto inVisit = [&](lobby::TimeMs t) { return t >= visit.issuedAt && (until == 0 || t <= until); };
    for (const auto& e : visit.events) out.push_back(lineOf(e));
    for (const auto& j : jumps) {
        if (!inVisit(j.at)) continue;
        if (j.called == visit.label) {
            out.push_back({j.at, "out_of_turn", j.window,
                           windowZh(j.window) + " 未按顺序叫号：先于 " + std::to_string(j.skippedCount) + " 位等候客户（最早 " + j.skipped + "）",
                           "called out of turn at " + windowEn(j.window) + ": ahead of " + std::to_string(j.skippedCount) +
                               " waiting (first " + j.skipped + ")"});
        } else if (std::find(j.skippedAll.begin(), j.skippedAll.end(), visit.label) != j.skippedAll.end()) {
            out.push_back({j.at, "skipped", j.window, "被跳过：" + j.called + " 在 " + windowZh(j.window) + "先被叫号",
                           "skipped: " + j.called + " called ahead of it at " + windowEn(j.window)});
        }
    }
    for (const auto& r : requeues)
        out.push_back({r.at, "requeued", 0, "经 " + r.by + " 决定重新排队" + (r.note.empty() ? "" : "：" + r.note),
                       "re-queued on " + r.by + "'s decision" + (r.note.empty() ? "" : ": " + r.note)});
    std::stable_sort(out.begin(), out.end(), [](const TimelineLine& a, const TimelineLine& b) { return a.at < b.at; });
    return out;
}

bool missedNumber(const TicketVisit& visit) {
    for (auto it = visit.events.rbegin(); it != visit.events.rend(); ++it) {
        if (it->kind == lobby::EventKind::NoShow) return true;
        if (it->kind != lobby::EventKind::Transferred) return false;
    }
    return false;
}

lobby::TimeMs visitEnd(const std::vector<TicketVisit>& visits, const TicketVisit& visit) {
    for (const auto& v : visits)
        if (v.issuedAt > visit.issuedAt) return v.issuedAt - 1;
    return 0;
}

}  // namespace lw::complaint
