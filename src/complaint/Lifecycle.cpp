// The complaint's state machine: which step is allowed in which state, by whom, with what.
#include "complaint/Lifecycle.h"

#include <algorithm>

namespace lw::complaint {

const std::vector<std::string> kActions = {"answer",  "agree",   "hand_over",      "accept",    "decline", "investigate",
                                           "reply",   "resolve", "plan_follow_up", "follow_up", "close",   "escalate"};

namespace {

bool oneOf(const std::string& state, std::initializer_list<const char*> states) {
    return std::any_of(states.begin(), states.end(), [&](const char* s) { return state == s; });
}

// Free text: 1..2000 bytes, lines allowed, no other control characters.
std::string checkText(const std::string& text, const char* what) {
    if (text.empty()) return std::string(what) + ": required";
    if (text.size() > 2000) return std::string(what) + ": at most 2000 characters";
    if (std::any_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && ch != '\n'; }))
        return std::string(what) + ": no control characters";
    return {};
}

std::string levelZh(int level) {
    switch (level) {
    case 1: return "投诉管理人";
    case 2: return "网点负责人";
    default: return "上级行服务管理部门";
    }
}

std::string levelEn(int level) {
    switch (level) {
    case 1: return "the complaint officer";
    case 2: return "the branch head";
    default: return "the bank's service department";
    }
}

// One level up, with its recipient and time; refused above the service department.
std::string escalate(Complaint& c, const Step& s, const std::string& why, Outcome& out) {
    if (c.escalationLevel >= 3) return "already with the bank's service department (the highest level)";
    ++c.escalationLevel;
    c.escalatedTo = s.to.empty() ? levelRecipient(c.escalationLevel) : s.to;
    c.escalatedAt = s.at;
    const std::string id = std::to_string(c.id);
    out.notices.push_back({c.escalatedTo, "投诉 " + id + " 已升级至" + levelZh(c.escalationLevel) + "：" + why,
                           "Complaint " + id + " escalated to " + levelEn(c.escalationLevel) + ": " + why});
    return {};
}

// A reply or a follow-up the customer was not satisfied with: the complaint opens again, one level up.
std::string reopen(Complaint& c, const Step& s, Outcome& out) {
    c.state = "reopened";
    return escalate(c, s, "customer not satisfied / 客户不满意", out);
}

}  // namespace

const char* levelRecipient(int level) {
    switch (level) {
    case 1: return "officer";
    case 2: return "head";
    default: return "service_department";
    }
}

bool mayHandle(const Complaint& c, const std::string& name, auth::Role role) {
    if (role == auth::Role::Head || role == auth::Role::Officer) return true;
    return name == c.owner || (!c.pendingOwner.empty() && name == c.pendingOwner);
}

std::vector<std::string> possibleSteps(const Complaint& c, const std::string& name, auth::Role role) {
    std::vector<std::string> out;
    if (c.state == "closed") return out;
    if (c.state == "handed_over") {
        if (name == c.pendingOwner) out = {"accept", "decline"};
        if (mayHandle(c, name, role) && c.escalationLevel < 3) out.push_back("escalate");
        return out;
    }
    if (!mayHandle(c, name, role)) return out;
    const std::string& st = c.state;
    for (const auto& a : kActions) {
        bool ok = false;
        if (a == "answer") ok = st == "received";
        else if (a == "agree") ok = oneOf(st, {"received", "reopened"});
        else if (a == "hand_over" || a == "investigate") ok = oneOf(st, {"received", "agreed", "accepted", "investigated", "reopened"});
        else if (a == "reply") ok = st == "investigated";
        else if (a == "resolve") ok = st == "replied" && !c.reply.empty();
        else if (a == "plan_follow_up" || a == "follow_up") ok = st == "resolved";
        else if (a == "close") ok = st == "followed_up" && !c.reply.empty() && !c.resolution.empty();
        else if (a == "escalate") ok = c.escalationLevel < 3;
        if (ok) out.push_back(a);
    }
    return out;
}

Outcome apply(Complaint& c, const Step& s, const Rules& rules, const WorkCalendar& calendar) {
    Outcome out;
    auto refuse = [&](std::string why) {
        out.error = std::move(why);
        out.notices.clear();
        return out;
    };
    if (std::find(kActions.begin(), kActions.end(), s.action) == kActions.end()) return refuse("no such step: " + s.action);
    if (s.by.empty() || !isOneLine(s.by)) return refuse("who: a staff member's name on one line");
    if (!isDay(s.day)) return refuse("the step's business day is not a date");
    if (c.state == "closed") return refuse("complaint " + std::to_string(c.id) + " is closed");
    const bool recipientOnly = s.action == "accept" || s.action == "decline";
    if (recipientOnly) {
        if (c.state != "handed_over") return refuse("there is no hand-over to " + s.action + " (state " + c.state + ")");
        if (s.by != c.pendingOwner) return refuse("only " + c.pendingOwner + ", to whom it was handed over, may " + s.action + " it");
    } else if (!mayHandle(c, s.by, s.role)) {
        return refuse(s.by + " may not act on complaint " + std::to_string(c.id) + ": it is " + c.owner +
                      "'s (the owner), the complaint officer's or the branch head's");
    }
    if (c.state == "handed_over" && !recipientOnly && s.action != "escalate")
        return refuse("complaint " + std::to_string(c.id) + " waits for " + c.pendingOwner + " to accept the hand-over");
    auto wrongState = [&]() {
        return refuse("cannot " + s.action + " complaint " + std::to_string(c.id) + " in state " + c.state);
    };
    Complaint next = c;
    std::string e;
    const std::string id = std::to_string(c.id);
    if (s.action == "answer") {
        if (c.state != "received") return wrongState();
        if (s.day != c.receivedDay) return refuse("an answer on the spot is given the day the complaint is received (" + c.receivedDay + "); reply instead");
        if (!(e = checkText(s.text, "the answer")).empty()) return refuse(e);
        next.answeredOnSpot = true;
        next.reply = s.text;
        next.satisfied = s.yes;
        next.repliedAt = s.at;
        next.answerDay = s.day;
        if (s.yes == false) {
            if (!(e = reopen(next, s, out)).empty()) return refuse(e);
        } else {
            next.state = "replied";
            next.replyDay = s.day;
        }
    } else if (s.action == "agree") {
        if (!oneOf(c.state, {"received", "reopened"})) return wrongState();
        if (!isDay(s.date)) return refuse("the agreed date: YYYY-MM-DD");
        const std::string from = c.state == "received" ? c.complainedDay : s.day;
        const std::string latest = calendar.addWorkingDays(from, rules.agreeMaxWorkingDays);
        if (s.date < s.day) return refuse("the agreed date " + s.date + " is in the past");
        if (s.date > latest)
            return refuse("the agreed date " + s.date + " is more than " + std::to_string(rules.agreeMaxWorkingDays) +
                          " working days after " + from + " (latest " + latest + ")");
        if (!calendar.isWorkingDay(s.date)) return refuse("the agreed date " + s.date + " is not a working day");
        next.agreedDay = s.date;
        next.agreedOn = s.day;
        if (next.answerDay.empty()) next.answerDay = s.day;
        next.state = "agreed";
    } else if (s.action == "hand_over") {
        if (!oneOf(c.state, {"received", "agreed", "accepted", "investigated", "reopened"})) return wrongState();
        if (s.to.empty() || !isOneLine(s.to) || s.to.size() > 40) return refuse("hand over to: the new owner's name on one line");
        if (s.to == c.owner) return refuse(s.to + " already owns complaint " + id);
        if (!(e = checkText(s.text, "why it is handed over")).empty()) return refuse(e);
        next.stateBeforeHandover = c.state;
        next.handoverFrom = c.owner;
        next.pendingOwner = s.to;
        next.handoverWhy = s.text;
        next.state = "handed_over";
        out.notices.push_back({s.to, "投诉 " + id + " 由 " + c.owner + " 移交给您，请接收：" + s.text,
                               "Complaint " + id + " handed over to you by " + c.owner + "; accept it: " + s.text});
    } else if (s.action == "accept") {
        next.owner = c.pendingOwner;
        next.state = "accepted";
        next.pendingOwner.clear();
        next.stateBeforeHandover.clear();
    } else if (s.action == "decline") {
        if (!(e = checkText(s.text, "why it is declined")).empty()) return refuse(e);
        next.state = c.stateBeforeHandover.empty() ? "received" : c.stateBeforeHandover;
        next.pendingOwner.clear();
        next.stateBeforeHandover.clear();
        out.notices.push_back({c.handoverFrom, "投诉 " + id + " 的移交被 " + s.by + " 拒绝：" + s.text,
                               "Complaint " + id + ": " + s.by + " declined the hand-over: " + s.text});
    } else if (s.action == "investigate") {
        if (!oneOf(c.state, {"received", "agreed", "accepted", "investigated", "reopened"})) return wrongState();
        if (!(e = checkText(s.text, "the investigation notes")).empty()) return refuse(e);
        if (!s.yes) return refuse("responsibility: say whether the bank was at fault (yes or no)");
        if (*s.yes && (s.responsible.empty() || !isOneLine(s.responsible)))
            return refuse("responsible: the person or department at fault, on one line");
        if (s.remedy.size() > 2000 || s.responsible.size() > 200) return refuse("responsible, remedy: too long");
        next.investigation = s.text;
        next.bankAtFault = s.yes;
        next.responsible = s.responsible;
        next.apology = s.apology;
        next.remedy = s.remedy;
        next.state = "investigated";
    } else if (s.action == "reply") {
        if (c.state != "investigated") return wrongState();
        if (!(e = checkText(s.text, "the reply")).empty()) return refuse(e);
        next.reply = s.text;
        next.satisfied = s.yes;
        next.repliedAt = s.at;
        if (next.answerDay.empty()) next.answerDay = s.day;
        if (s.yes == false) {
            if (!(e = reopen(next, s, out)).empty()) return refuse(e);
        } else {
            next.state = "replied";
            if (next.replyDay.empty()) next.replyDay = s.day;
        }
    } else if (s.action == "resolve") {
        if (c.state != "replied") return wrongState();
        if (c.reply.empty()) return refuse("resolving needs a reply to the customer first");
        if (!(e = checkText(s.text, "the resolution note")).empty()) return refuse(e);
        next.resolution = s.text;
        next.resolvedAt = s.at;
        next.resolvedDay = s.day;
        next.state = "resolved";
    } else if (s.action == "plan_follow_up") {
        if (c.state != "resolved") return wrongState();
        if (!isDay(s.date) || s.date < s.day) return refuse("the follow-up date: YYYY-MM-DD, today or later");
        next.followUpPlanned = s.date;
    } else if (s.action == "follow_up") {
        if (c.state != "resolved") return wrongState();
        if (!(e = checkText(s.text, "the follow-up's outcome")).empty()) return refuse(e);
        next.followUpDay = s.day;
        next.followUpOutcome = s.text;
        next.followUpSatisfied = s.yes;
        if (s.yes == false) {
            if (!(e = reopen(next, s, out)).empty()) return refuse(e);
        } else {
            next.state = "followed_up";
        }
    } else if (s.action == "close") {
        if (c.state != "followed_up") return wrongState();
        if (c.reply.empty() || c.resolution.empty()) return refuse("closing needs a reply and a resolution note");
        next.closedAt = s.at;
        next.state = "closed";
    } else if (s.action == "escalate") {
        if (!(e = checkText(s.text, "why it is escalated")).empty()) return refuse(e);
        if (!s.to.empty() && (!isOneLine(s.to) || s.to.size() > 40)) return refuse("escalate to: a name on one line");
        if (!(e = escalate(next, s, s.text, out)).empty()) return refuse(e);
    }
    c = std::move(next);
    return out;
}

}  // namespace lw::complaint
