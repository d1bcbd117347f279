// The complaint's clocks and what a card says about one.
#include "complaint/Clocks.h"

namespace lw::complaint {

const char* toString(ClockState state) {
    switch (state) {
    case ClockState::Running: return "running";
    case ClockState::DueSoon: return "due_soon";
    case ClockState::DueToday: return "due_today";
    case ClockState::Overdue: return "overdue";
    case ClockState::Met: return "met";
    case ClockState::Missed: return "missed";
    }
    return "?";
}

namespace {

Clock make(const char* name, const std::string& start, const std::string& due, const std::string& stopped, bool closed,
           const WorkCalendar& calendar, const std::string& today) {
    Clock k;
    k.name = name;
    k.startDay = start;
    k.dueDay = due;
    k.stoppedDay = stopped;
    if (!stopped.empty()) k.state = stopped <= due ? ClockState::Met : ClockState::Missed;
    else if (closed) k.state = ClockState::Missed;  // closed without the step this clock waits for
    else if (today > due) k.state = ClockState::Overdue;
    else if (today == due) k.state = ClockState::DueToday;
    else if (calendar.workingDaysBetween(today, due) <= 1) k.state = ClockState::DueSoon;
    else k.state = ClockState::Running;
    return k;
}

const char* whatZh(const std::string& name) {
    if (name == "answer") return "当日答复（当场答复或约期）";
    if (name == "agreed") return "按约定日期答复";
    if (name == "reply") return "答复客户";
    return "处理完毕";
}

const char* whatEn(const std::string& name) {
    if (name == "answer") return "an answer today (on the spot or a date agreed)";
    if (name == "agreed") return "the reply on the agreed date";
    if (name == "reply") return "the reply to the customer";
    return "its resolution";
}

}  // namespace

std::vector<Clock> clocksOf(const Complaint& c, const Rules& rules, const WorkCalendar& calendar, const std::string& today) {
    const std::string from = c.complainedDay.empty() ? c.receivedDay : c.complainedDay;
    const bool closed = c.state == "closed";
    std::vector<Clock> out;
    // An answer on the spot can only be given once the complaint has reached the branch: counted from that day.
    out.push_back(make("answer", c.receivedDay, calendar.addWorkingDays(c.receivedDay, rules.answerWorkingDays), c.answerDay,
                       closed, calendar, today));
    if (!c.agreedDay.empty()) out.push_back(make("agreed", c.agreedOn, c.agreedDay, c.replyDay, closed, calendar, today));
    const std::string replyDue = c.dueDay.empty() ? calendar.addWorkingDays(from, rules.replyDays(c.complexity)) : c.dueDay;
    out.push_back(make("reply", from, replyDue, c.replyDay, closed, calendar, today));
    out.push_back(make("resolve", from, calendar.addWorkingDays(from, rules.resolveWorkingDays), c.resolvedDay, closed, calendar, today));
    return out;
}

std::string clockMessageZh(const Complaint& c, const Clock& k) {
    const char* when = k.state == ClockState::Overdue ? "已逾期" : k.state == ClockState::DueToday ? "今天到期" :
                       k.state == ClockState::DueSoon ? "下一工作日到期" : "计时中";
    return "投诉 " + std::to_string(c.id) + "（" + c.owner + " 负责）" + whatZh(k.name) + " " + when + "，应于 " + k.dueDay + " 前完成";
}

std::string clockMessageEn(const Complaint& c, const Clock& k) {
    const char* when = k.state == ClockState::Overdue ? "is overdue" : k.state == ClockState::DueToday ? "is due today" :
                       k.state == ClockState::DueSoon ? "is due next working day" : "is running";
    return "Complaint " + std::to_string(c.id) + " (owned by " + c.owner + "): " + whatEn(k.name) + " " + when + ", due " + k.dueDay;
}

std::string runningMessageZh(const Complaint& c, const std::vector<Clock>& running) {
    std::string out = "投诉 " + std::to_string(c.id) + "（" + c.owner + " 负责）计时中：";
    for (std::size_t i = 0; i < running.size(); ++i)
        out += (i ? "，" : "") + std::string(whatZh(running[i].name)) + " " + running[i].dueDay + " 前";
    return out;
}

std::string runningMessageEn(const Complaint& c, const std::vector<Clock>& running) {
    std::string out = "Complaint " + std::to_string(c.id) + " (owned by " + c.owner + "), running: ";
    for (std::size_t i = 0; i < running.size(); ++i)
        out += (i ? ", " : "") + std::string(whatEn(running[i].name)) + " by " + running[i].dueDay;
    return out;
}

}  // namespace lw::complaint
