// Complaint figures and the anonymised export.
#include "complaint/ComplaintReport.h"

#include "config/Json.h"

#include <cstdio>

namespace lw::complaint {

using config::jsonString;

std::optional<double> ComplaintTally::satisfactionRate() const {
    const int known = satisfied + notSatisfied;
    if (known == 0) return std::nullopt;
    return static_cast<double>(satisfied) / known;
}

namespace {

// Whether the customer was satisfied as last known: the follow-up's word, else the latest reply's.
std::optional<bool> lastSatisfaction(const Complaint& c) {
    if (!c.followUpDay.empty() && c.followUpSatisfied) return c.followUpSatisfied;
    return c.satisfied;
}

}  // namespace

ComplaintTally tally(const std::vector<Complaint>& complaints, const std::string& from, const std::string& to,
                     const Rules& rules, const WorkCalendar& calendar, const std::string& today) {
    ComplaintTally t;
    for (const auto& c : complaints) {
        const std::string day = c.complainedDay.empty() ? c.receivedDay : c.complainedDay;
        if (day < from || day > to) continue;
        ++t.count;
        ++t.byCause[c.cause];
        ++t.byChannel[c.channel];
        ++t.byClass[c.complexity];
        ++t.byState[c.state];
        for (const auto& k : clocksOf(c, rules, calendar, today)) {
            ClockTally& ct = t.clocks[k.name];
            if (k.state == ClockState::Met) ++ct.met;
            else if (k.state == ClockState::Missed) ++ct.missed;
            else ++ct.running;
            if (k.state == ClockState::Overdue) ++ct.overdue;
        }
        if (!c.bankAtFault) ++t.notInvestigated;
        else if (*c.bankAtFault) ++t.bankAtFault;
        else ++t.bankNotAtFault;
        if (!c.reply.empty()) {
            auto s = lastSatisfaction(c);
            if (!s) ++t.satisfactionUnknown;
            else if (*s) ++t.satisfied;
            else ++t.notSatisfied;
        }
        if (!c.followUpDay.empty()) ++t.followUpsDone;
        else if (!c.followUpPlanned.empty()) ++t.followUpsPlanned;
        if (c.escalationLevel > 0) ++t.escalated;
    }
    return t;
}

std::optional<double> per10000(int complaints, int served) {
    if (served <= 0) return std::nullopt;
    return 10000.0 * complaints / served;
}

namespace {

std::string jsonNumber(const std::optional<double>& v) {
    if (!v) return "null";
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", *v);
    return text;
}

std::string jsonCounts(const std::map<std::string, int>& m) {
    std::string out = "{";
    for (const auto& [k, n] : m) out += (out.size() > 1 ? "," : "") + jsonString(k) + ":" + std::to_string(n);
    return out + "}";
}

}  // namespace

std::string toJson(const ComplaintTally& t, int served, const std::string& from, const std::string& to,
                   const std::string& branchIdentifier, const std::string& branchName) {
    std::string clocks = "{";
    for (const auto& [name, c] : t.clocks)
        clocks += (clocks.size() > 1 ? "," : "") + jsonString(name) + ":{\"met\":" + std::to_string(c.met) +
                  ",\"missed\":" + std::to_string(c.missed) + ",\"running\":" + std::to_string(c.running) +
                  ",\"overdue\":" + std::to_string(c.overdue) + "}";
    clocks += "}";
    std::string jumps = "{";
    for (const auto& [window, n] : t.queueJumpsByWindow)
        jumps += (jumps.size() > 1 ? "," : "") + jsonString(std::to_string(window)) + ":" + std::to_string(n);
    jumps += "}";
    return "{\"branch\":" + jsonString(branchIdentifier) + ",\"branch_name\":" + jsonString(branchName) +
           ",\"from\":" + jsonString(from) + ",\"to\":" + jsonString(to) + ",\"count\":" + std::to_string(t.count) +
           ",\"served\":" + std::to_string(served) + ",\"per_10000\":" + jsonNumber(per10000(t.count, served)) +
           ",\"by_cause\":" + jsonCounts(t.byCause) + ",\"by_channel\":" + jsonCounts(t.byChannel) +
           ",\"by_class\":" + jsonCounts(t.byClass) + ",\"by_state\":" + jsonCounts(t.byState) + ",\"clocks\":" + clocks +
           ",\"responsibility\":{\"bank_at_fault\":" + std::to_string(t.bankAtFault) +
           ",\"not_at_fault\":" + std::to_string(t.bankNotAtFault) + ",\"not_investigated\":" + std::to_string(t.notInvestigated) +
           "},\"satisfaction\":{\"satisfied\":" + std::to_string(t.satisfied) + ",\"not_satisfied\":" +
           std::to_string(t.notSatisfied) + ",\"unknown\":" + std::to_string(t.satisfactionUnknown) +
           ",\"rate\":" + jsonNumber(t.satisfactionRate()) + "},\"follow_ups\":{\"done\":" + std::to_string(t.followUpsDone) +
           ",\"planned\":" + std::to_string(t.followUpsPlanned) + "},\"escalated\":" + std::to_string(t.escalated) +
           ",\"queue_jumps_by_window\":" + jumps + "}\n";
}

std::string anonymisedCsv(const std::vector<Complaint>& complaints, const std::string& branchIdentifier, const Rules& rules,
                          const WorkCalendar& calendar, const std::string& today) {
    // Only values from closed lists, dates and numbers go out: a field that is not one of those is left empty.
    auto yn = [](const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : ""; };
    auto cell = [](const std::string& s) {
        if (!s.empty() && std::string("=+-@").find(s[0]) != std::string::npos) return std::string("\"?\"");  // a formula
        for (char ch : s)
            if (ch == ',' || ch == '"' || static_cast<unsigned char>(ch) < 0x20) return std::string("\"") + "?" + "\"";
        return s;
    };
    std::string out = "branch,complaint,received_day,complained_day,channel,cause,class,state,escalation_level,bank_at_fault,"
                      "apology,satisfied,answered_on_spot,follow_up_day,answer_due,answer,agreed_due,agreed,reply_due,reply,"
                      "resolve_due,resolve\r\n";
    for (const auto& c : complaints) {
        out += cell(branchIdentifier) + "," + std::to_string(c.id) + "," + c.receivedDay + "," + c.complainedDay + "," +
               cell(c.channel) + "," + cell(c.cause) + "," + cell(c.complexity) + "," + cell(c.state) + "," +
               std::to_string(c.escalationLevel) + "," + yn(c.bankAtFault) + "," + (c.apology ? "yes" : "no") + "," +
               yn(lastSatisfaction(c)) + "," + (c.answeredOnSpot ? "yes" : "no") + "," + c.followUpDay;
        std::map<std::string, Clock> byName;
        for (const auto& k : clocksOf(c, rules, calendar, today)) byName[k.name] = k;
        for (const char* name : {"answer", "agreed", "reply", "resolve"}) {
            auto it = byName.find(name);
            out += it == byName.end() ? std::string(",,") : "," + it->second.dueDay + "," + toString(it->second.state);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace lw::complaint
