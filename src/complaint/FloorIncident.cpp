// A lobby incident opened by hand and its six-step routine (see FloorIncident.h).
#include "complaint/FloorIncident.h"

#include "complaint/Complaint.h"

#include <algorithm>

namespace lw::complaint {

const std::vector<std::string> kFloorKinds = {"disturbance",   "customer_unwell", "accident", "fraud_victim",
                                              "machine_fault", "cash_delay",      "other"};
const std::vector<std::string> kRoutineSteps = {"listen_calm", "apologise", "solve_or_propose", "act_fast", "report", "follow_up"};

namespace {

bool known(const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

bool freeText(const std::string& text, std::size_t most) {
    return !text.empty() && text.size() <= most &&
           std::none_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && ch != '\n'; });
}

struct Words {
    const char* code;
    const char* zh;
    const char* en;
};

const Words kKindWords[] = {
    {"disturbance", "客户闹事", "Disturbance"},          {"customer_unwell", "客户身体不适", "Customer unwell"},
    {"accident", "意外事故", "Accident"},                 {"fraud_victim", "疑似电信诈骗受害人", "Fraud victim"},
    {"machine_fault", "自助设备故障（ATM 等）", "ATM or machine fault"}, {"cash_delay", "现金调拨延误", "Cash delay"},
    {"other", "其他突发事件", "Other"},
};

const Words kStepWords[] = {
    {"listen_calm", "倾听并安抚", "Listen and calm"}, {"apologise", "致歉", "Apologise"},
    {"solve_or_propose", "解决或提出方案", "Solve or propose"}, {"act_fast", "迅速行动", "Act fast"},
    {"report", "报告", "Report"},                     {"follow_up", "跟进", "Follow up"},
};

template <std::size_t N>
std::string word(const Words (&table)[N], const std::string& code, bool zh) {
    for (const auto& w : table)
        if (code == w.code) return zh ? w.zh : w.en;
    return code;
}

}  // namespace

std::string incidentKind(const std::string& kind) { return "floor_" + kind; }

std::string floorKindOf(const std::string& incidentKind) {
    const std::string prefix = "floor_";
    if (incidentKind.compare(0, prefix.size(), prefix) != 0) return {};
    const std::string kind = incidentKind.substr(prefix.size());
    return known(kFloorKinds, kind) ? kind : std::string();
}

std::string checkOpening(const std::string& kind, const std::string& what, const std::string& by) {
    if (!known(kFloorKinds, kind)) return "kind: one of disturbance, customer_unwell, accident, fraud_victim, machine_fault, cash_delay, other";
    if (!freeText(what, 500)) return "what happened: 1 to 500 characters, no control characters";
    if (by.empty() || !isOneLine(by)) return "who: a staff member's name on one line";
    return {};
}

std::string tick(FloorIncident& incident, const RoutineTick& t) {
    if (incident.closed) return "incident " + std::to_string(incident.id) + " is closed";
    if (!known(kRoutineSteps, t.step)) return "no such step of the routine: " + t.step;
    if (t.by.empty() || !isOneLine(t.by)) return "who: a staff member's name on one line";
    if (!t.note.empty() && !freeText(t.note, 500)) return "the note: at most 500 characters, no control characters";
    for (const auto& done : incident.ticks)
        if (done.step == t.step) return stepEn(t.step) + " was ticked already by " + done.by;
    incident.ticks.push_back(t);
    return {};
}

std::string linkComplaint(FloorIncident& incident, std::int64_t complaintId) {
    if (complaintId <= 0) return "a complaint's number";
    if (std::find(incident.complaints.begin(), incident.complaints.end(), complaintId) != incident.complaints.end())
        return "complaint " + std::to_string(complaintId) + " is linked already";
    incident.complaints.push_back(complaintId);
    return {};
}

std::string close(FloorIncident& incident, TimeMs at, const std::string& by, const std::string& note) {
    if (incident.closed) return "incident " + std::to_string(incident.id) + " is closed";
    if (by.empty() || !isOneLine(by)) return "who: a staff member's name on one line";
    std::vector<std::string> missing;
    for (const auto& s : kRoutineSteps)
        if (std::none_of(incident.ticks.begin(), incident.ticks.end(), [&](const RoutineTick& t) { return t.step == s; }))
            missing.push_back(s);
    if (!missing.empty() && note.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + stepEn(m);
        return "not every step was ticked (" + list + "): say why in a note";
    }
    if (!note.empty() && !freeText(note, 500)) return "the note: at most 500 characters, no control characters";
    incident.closed = true;
    incident.closedAt = at;
    incident.closedBy = by;
    incident.closingNote = note;
    return {};
}

std::string kindZh(const std::string& kind) { return word(kKindWords, kind, true); }
std::string kindEn(const std::string& kind) { return word(kKindWords, kind, false); }
std::string stepZh(const std::string& step) { return word(kStepWords, step, true); }
std::string stepEn(const std::string& step) { return word(kStepWords, step, false); }

}  // namespace lw::complaint
