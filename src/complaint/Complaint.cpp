// A complaint's record, its checks and its due day.
#include "complaint/Complaint.h"

#include <algorithm>
#include <cctype>

namespace lw::complaint {

const std::vector<std::string> kChannels = {"on_site", "comment_book", "letter", "email",     "fax",
                                            "phone",   "head_office",  "regulator"};
const std::vector<std::string> kCauses = {"long_wait", "staff_attitude",   "operation_error", "system_fault", "equipment",
                                          "policy",    "misunderstanding", "mis_selling",     "other"};
const std::vector<std::string> kClasses = {"simple", "general", "complex"};
const std::vector<std::string> kStates = {"received", "agreed",   "handed_over", "accepted", "investigated", "replied",
                                          "resolved", "followed_up", "closed",   "reopened"};

int Rules::replyDays(const std::string& complexity) const {
    if (complexity == "simple") return replySimple;
    if (complexity == "complex") return replyComplex;
    return replyGeneral;
}

bool isOpen(const Complaint& c) { return c.state != "closed"; }

namespace {

std::string trimmed(const std::string& s) {
    auto b = std::find_if(s.begin(), s.end(), [](unsigned char c) { return !std::isspace(c); });
    auto e = std::find_if(s.rbegin(), s.rend(), [](unsigned char c) { return !std::isspace(c); }).base();
    return b < e ? std::string(b, e) : std::string();
}

}  // namespace

bool isOneLine(const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
}

std::optional<Complaint> receive(const Intake& in, const Rules& rules, const WorkCalendar& calendar, std::string& error,
                                 int dueWorkingDays) {
    Complaint c;
    c.receivedAt = in.at;
    c.receivedDay = in.day;
    c.receivedBy = trimmed(in.by);  // the first to hear it owns it
    c.owner = c.receivedBy;
    c.complexity = in.complexity.empty() ? "general" : in.complexity;
    if (std::find(kClasses.begin(), kClasses.end(), c.complexity) == kClasses.end()) {
        error = "class: expected simple, general or complex";
        return std::nullopt;
    }
    c.complainedDay = in.complainedDay.empty() ? in.day : in.complainedDay;
    if (!isDay(c.complainedDay) || c.complainedDay > c.receivedDay) {
        error = "complaint date: the day the customer complained, YYYY-MM-DD, not after the day it was received";
        return std::nullopt;
    }
    c.channel = in.channel;
    c.cause = in.cause;
    c.summary = trimmed(in.summary);
    c.contact = trimmed(in.contact);
    c.ticket = trimmed(in.ticket);
    std::transform(c.ticket.begin(), c.ticket.end(), c.ticket.begin(), [](unsigned char ch) { return std::toupper(ch); });
    if (!c.ticket.empty()) {
        c.ticketDay = in.ticketDay.empty() ? in.day : in.ticketDay;
        if (!isDay(c.ticketDay)) {
            error = "ticket day: expected YYYY-MM-DD";
            return std::nullopt;
        }
    }
    auto due = dueDayFor(c.complainedDay, dueWorkingDays >= 0 ? dueWorkingDays : rules.replyDays(c.complexity), calendar);
    if (!due) {
        error = "due days: expected 0..7 working days (never more than 7)";
        return std::nullopt;
    }
    c.dueDay = *due;
    error = validate(c);
    if (!error.empty()) return std::nullopt;
    return c;
}

bool isRepeat(const Complaint& earlier, const Complaint& now, TimeMs withinMs) {
    return earlier.receivedBy == now.receivedBy && earlier.channel == now.channel && earlier.cause == now.cause &&
           earlier.summary == now.summary && earlier.contact == now.contact && earlier.ticket == now.ticket &&
           now.receivedAt >= earlier.receivedAt && now.receivedAt - earlier.receivedAt <= withinMs;
}

std::optional<std::string> dueDayFor(const std::string& receivedDay, int workingDays, const WorkCalendar& calendar) {
    if (workingDays < 0 || workingDays > 7) return std::nullopt;
    return calendar.addWorkingDays(receivedDay, workingDays);
}

Due dueState(const Complaint& c, const std::string& today, const WorkCalendar& calendar) {
    if (!c.replyDay.empty()) return Due::Answered;
    if (today > c.dueDay) return Due::Overdue;
    if (today == c.dueDay) return Due::Today;
    if (calendar.workingDaysBetween(today, c.dueDay) <= 1) return Due::Soon;
    return Due::Ok;
}

const char* toString(Due due) {
    switch (due) {
    case Due::Answered: return "answered";
    case Due::Ok: return "ok";
    case Due::Soon: return "due_soon";
    case Due::Today: return "due_today";
    case Due::Overdue: return "overdue";
    }
    return "?";
}

std::string validate(const Complaint& c) {
    auto in = [](const std::vector<std::string>& list, const std::string& v) {
        return std::find(list.begin(), list.end(), v) != list.end();
    };
    auto join = [](const std::vector<std::string>& list) {
        std::string s;
        for (const auto& x : list) s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    if (!in(kChannels, c.channel)) return "channel: expected one of " + join(kChannels);
    if (!in(kCauses, c.cause)) return "cause: expected one of " + join(kCauses);
    if (c.receivedBy.empty() || c.receivedBy.size() > 40) return "received by: the name of who received it (1-40 characters)";
    if (c.summary.empty() || c.summary.size() > 2000) return "summary: what it is about (1-2000 characters)";
    if (c.contact.size() > 200) return "contact: at most 200 characters";
    auto control = [](const std::string& s) {
        return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && ch != '\n'; });
    };
    // A name is one line: a newline in it would forge a row in a listing.
    if (!isOneLine(c.receivedBy) || !isOneLine(c.contact) || !isOneLine(c.ticket))
        return "received by, contact, ticket: one line each, no control characters";
    if (control(c.summary)) return "no control characters in the text";
    if (!c.ticket.empty() && (c.ticket.size() < 2 || c.ticket.size() > 8)) return "ticket: a label like A042";
    return {};
}

}  // namespace lw::complaint
