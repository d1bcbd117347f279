// Complaints as text for the command line.
#include "app/cli/ComplaintText.h"

#include "complaint/Clocks.h"
#include "lobby/LocalTime.h"
#include "complaint/QueueOrder.h"
#include "complaint/TicketTimeline.h"

#include <algorithm>
#include <cstdio>

namespace lw::app {

std::string oneLine(const std::string& text) {
    std::string out;
    for (char ch : text) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u == 0x7f) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02x", u);
            out += esc;
        } else {
            out += ch;
        }
    }
    return out;
}

namespace {

std::string clocksText(const ComplaintView& view, const complaint::Complaint& c) {
    std::string out;
    for (const auto& k : complaint::clocksOf(c, view.config.complaints.rules, view.config.complaints.calendar, view.today))
        out += (out.empty() ? "" : " ") + k.name + ":" + complaint::toString(k.state) + "@" + k.dueDay;
    return out;
}

std::string hhmmss(lobby::TimeMs t, const ComplaintView& view) {
    return lobby::formatLocalTime(t, view.config.lobby.utcOffsetMinutes).substr(11, 8);
}

}  // namespace

std::string listLine(const ComplaintView& view, const complaint::Complaint& c) {
    char head[64];
    std::snprintf(head, sizeof head, "%4lld  ", static_cast<long long>(c.id));
    std::string line = head + c.receivedDay + "  " + c.channel + "  " + c.cause + "  " + c.complexity + "  owner " +
                       oneLine(c.owner) + "  " + c.state;
    if (c.escalationLevel) line += " (level " + std::to_string(c.escalationLevel) + ")";
    if (!c.pendingOwner.empty()) line += " -> " + oneLine(c.pendingOwner);
    line += "  due " + c.dueDay + " " + complaint::toString(complaint::dueState(c, view.today, view.config.complaints.calendar));
    line += "  [" + clocksText(view, c) + "]";
    if (view.contacts && !c.contact.empty()) line += "  contact: " + oneLine(c.contact);
    return line;
}

std::string showText(const ComplaintView& view, const complaint::Complaint& c, const std::vector<complaint::Step>& steps,
                     const std::vector<lobby::LobbyEvent>& ticketDayEvents, const std::vector<store::Incident>& ticketDayIncidents) {
    std::string out = "complaint " + std::to_string(c.id) + ": " + c.channel + ", " + c.cause + ", " + c.complexity +
                      ", received " + c.receivedDay + " by " + oneLine(c.receivedBy) + ", complained on " + c.complainedDay +
                      ", owner " + oneLine(c.owner) + ", due " + c.dueDay + ", " + c.state + " (" +
                      complaint::toString(complaint::dueState(c, view.today, view.config.complaints.calendar)) + ")\n" +
                      c.summary + "\n";
    out += "clocks: " + clocksText(view, c) + "\n";
    if (!c.contact.empty()) out += "contact: " + (view.contacts ? oneLine(c.contact) : std::string("(hidden; --include-contacts)")) + "\n";
    if (!c.pendingOwner.empty()) out += "handed over by " + oneLine(c.handoverFrom) + " to " + oneLine(c.pendingOwner) + ", waiting to be accepted: " + c.handoverWhy + "\n";
    if (!c.agreedDay.empty()) out += "agreed date: " + c.agreedDay + " (agreed " + c.agreedOn + ")\n";
    if (!c.investigation.empty())
        out += "investigation: " + c.investigation + "; bank at fault: " + (c.bankAtFault == true ? "yes (" + oneLine(c.responsible) + ")" : "no") +
               (c.apology ? "; apology given" : "") + (c.remedy.empty() ? "" : "; remedy: " + c.remedy) + "\n";
    if (!c.reply.empty())
        out += std::string("reply: ") + c.reply + (c.answeredOnSpot ? " (on the spot)" : "") +
               (c.satisfied ? (*c.satisfied ? " (satisfied)" : " (not satisfied)") : "") + "\n";
    if (!c.resolution.empty()) out += "resolution: " + c.resolution + " (" + c.resolvedDay + ")\n";
    if (!c.followUpPlanned.empty()) out += "follow-up planned: " + c.followUpPlanned + "\n";
    if (!c.followUpDay.empty()) out += "followed up " + c.followUpDay + ": " + c.followUpOutcome + "\n";
    if (c.escalationLevel) out += "escalation level " + std::to_string(c.escalationLevel) + " to " + oneLine(c.escalatedTo) + "\n";
    for (const auto& s : steps)
        out += "  " + lobby::formatLocalTime(s.at, view.config.lobby.utcOffsetMinutes) + " " + s.action + " by " + oneLine(s.by) +
               " (" + auth::toString(s.role) + ", " + oneLine(s.osUser) + ")" + (s.to.empty() ? "" : " to " + oneLine(s.to)) +
               (s.date.empty() ? "" : " " + s.date) + (s.text.empty() ? "" : ": " + s.text) + "\n";
    if (!c.ticket.empty()) {
        // The ticket's own visit that day (a label issued twice is two visits), and the alerts raised about it.
        auto visits = complaint::ticketVisits(ticketDayEvents, c.ticket);
        std::optional<complaint::TicketVisit> visit;
        for (const auto& v : visits)
            if (!c.ticketIssuedAt || v.issuedAt == c.ticketIssuedAt) {
                visit = v;
                if (c.ticketIssuedAt) break;
            }
        if (!c.ticketIssuedAt && visits.size() > 1) {
            out += "ticket " + c.ticket + " on " + c.ticketDay + ": issued " + std::to_string(visits.size()) +
                   " times that day; the complaint does not say which, so no timeline is shown\n";
            return out;
        }
        out += "ticket " + c.ticket + " on " + c.ticketDay + ":\n";
        if (!visit) return out + "  (no such ticket in the log)\n";
        lobby::TimeMs end = visit->events.empty() ? 0 : visit->events.back().time;
        for (const auto& v : visits)
            if (v.issuedAt > visit->issuedAt) {
                end = v.issuedAt - 1;
                break;
            }
        // Calls out of the queue's order that touched this ticket: it was called ahead of others, or others ahead of it.
        const auto jumps = complaint::queueJumps(ticketDayEvents);
        for (const auto& e : visit->events) {
            out += "  " + hhmmss(e.time, view) + " " + lobby::eventName(e.kind) + (e.window ? " window " + std::to_string(e.window) : "");
            for (const auto& j : jumps)
                if (e.kind == lobby::EventKind::Called && j.at == e.time && j.called == c.ticket)
                    out += " (out of turn: ahead of " + std::to_string(j.skippedCount) + " waiting, first " + j.skipped + ")";
            out += "\n";
        }
        for (const auto& j : jumps)
            if (std::find(j.skippedAll.begin(), j.skippedAll.end(), c.ticket) != j.skippedAll.end() && j.at >= visit->issuedAt && (visits.size() == 1 || j.at <= end))
                out += "  " + hhmmss(j.at, view) + " skipped: " + j.called + " called ahead of it at window " + std::to_string(j.window) + "\n";
        for (const auto& i : ticketDayIncidents)
            if (i.subject == "ticket:" + c.ticket && i.raisedAt >= visit->issuedAt && (visits.size() == 1 || i.raisedAt <= end))
                out += "  " + hhmmss(i.raisedAt, view) + " alert " + i.kind + ": " + i.messageEn + " (" + i.state + ")\n";
    }
    return out;
}

}  // namespace lw::app
