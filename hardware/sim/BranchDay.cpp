// The discrete-event simulation of one branch day: arrivals, dispensers, queues, windows, faults, heartbeats.
#include "sim/BranchDay.h"

#include "sim/Dice.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <queue>

namespace lw::sim {

using namespace lw::protocol;

const char* toString(Outcome outcome) {
    switch (outcome) {
        case Outcome::Served: return "served";
        case Outcome::TransferredThenServed: return "transferred_then_served";
        case Outcome::NoShow: return "no_show";
        case Outcome::LeftWithoutTicket: return "left_without_ticket";
        case Outcome::AbandonedAtClose: return "abandoned_at_close";
        case Outcome::WaitingAtStop: return "waiting_at_stop";
        case Outcome::InServiceAtStop: return "in_service_at_stop";
    }
    return "?";
}

namespace {

constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;

TimeMs ms(double seconds) { return static_cast<TimeMs>(seconds * 1000.0 + 0.5); }

enum class Step {
    Arrival, Issue, PaperLow, PaperOut, Refill, WindowOpen, PauseStart, PauseEnd, WindowClose,
    Recall, NoShow, Start, Finish, StuckBegins,
};

struct Event {
    TimeMs time = 0;
    std::uint64_t order = 0;  // ties at the same millisecond keep the order they were scheduled in
    Step step = Step::Arrival;
    int subject = 0;          // customer index, window index or dispenser address, by step
    int detail = 0;           // pause index, fault index
};

struct Later {
    bool operator()(const Event& x, const Event& y) const {
        return x.time != y.time ? x.time > y.time : x.order > y.order;
    }
};

enum class WindowState { Closed, Idle, Busy, Paused };

struct WindowRun {
    const WindowProfile* profile = nullptr;
    WindowState state = WindowState::Closed;
    int customer = -1;  // the one being called or served
    int pendingPause = -1;     // a pause waiting for the current customer to finish
    bool pendingClose = false;
    bool closedForDay = false;
    TimeMs stuckFor = 0;       // the next service takes this long (a failed transaction), when > 0
};

struct DispenserRun {
    bool paperOut = false;
    std::deque<int> line;  // customers waiting for paper
};

class Day {
public:
    Day(const BranchProfile& profile, const DayPlan& plan)
        : p_(profile), plan_(plan), dice_(plan.seed) {}

    DayResult run() {
        for (const auto& w : p_.windows) windows_.push_back(WindowRun{&w});
        scheduleWindows();
        scheduleFaults();
        generateArrivals();
        while (!events_.empty() && events_.top().time < plan_.stopAt) {
            const Event e = events_.top();
            events_.pop();
            handle(e);
        }
        finishDay(events_.empty());
        addHeartbeats();
        std::stable_sort(out_.transmissions.begin(), out_.transmissions.end(),
                         [](const Transmission& a, const Transmission& b) { return a.time < b.time; });
        return std::move(out_);
    }

private:
    const BranchProfile& p_;
    DayPlan plan_;
    Dice dice_;
    DayResult out_;
    std::priority_queue<Event, std::vector<Event>, Later> events_;
    std::uint64_t order_ = 0;
    std::vector<WindowRun> windows_;
    std::map<int, DispenserRun> dispensers_;
    std::map<char, std::deque<int>> queues_;
    std::map<char, int> lastNumber_;
    TimeMs lastClose_ = 0;

    TimeMs at(int minuteOfDay) const {
        return std::max(plan_.startAt, plan_.localMidnight + minuteOfDay * kMinute);
    }
    void schedule(TimeMs time, Step step, int subject, int detail = 0) {
        events_.push(Event{std::max(time, plan_.startAt), order_++, step, subject, detail});
    }
    void emit(TimeMs time, int address, Message message) {
        out_.transmissions.push_back(Transmission{time, address, std::move(message)});
    }
    Customer& customer(int index) { return out_.customers[static_cast<std::size_t>(index)]; }
    WindowRun& window(int index) { return windows_[static_cast<std::size_t>(index)]; }
    int windowNumber(int index) const { return windows_[static_cast<std::size_t>(index)].profile->number; }
    int keypad(int index) const { return 10 + windowNumber(index); }

    void scheduleWindows() {
        for (int i = 0; i < static_cast<int>(windows_.size()); ++i) {
            const WindowProfile& w = *window(i).profile;
            schedule(at(w.openMin), Step::WindowOpen, i);
            for (int k = 0; k < static_cast<int>(w.pauses.size()); ++k) {
                schedule(at(w.pauses[static_cast<std::size_t>(k)].fromMin), Step::PauseStart, i, k);
                schedule(at(w.pauses[static_cast<std::size_t>(k)].toMin), Step::PauseEnd, i, k);
            }
            schedule(at(w.closeMin), Step::WindowClose, i);
        }
    }

    void scheduleFaults() {
        for (int k = 0; k < static_cast<int>(p_.faults.size()); ++k) {
            const Fault& f = p_.faults[static_cast<std::size_t>(k)];
            if (f.kind == FaultKind::PaperOut) {
                if (f.paperLowLeadMin > 0) schedule(at(f.atMin - f.paperLowLeadMin), Step::PaperLow, f.dispenser);
                schedule(at(f.atMin), Step::PaperOut, f.dispenser);
                schedule(at(f.atMin + f.minutes), Step::Refill, f.dispenser);
            } else if (f.kind == FaultKind::StuckWindow) {
                for (int i = 0; i < static_cast<int>(windows_.size()); ++i)
                    if (windowNumber(i) == f.window) schedule(at(f.atMin), Step::StuckBegins, i, k);
            }
        }
    }

    double ratePerHour(TimeMs t) const {
        const double minute = static_cast<double>(t - plan_.localMidnight) / static_cast<double>(kMinute);
        if (minute >= p_.lastTicketMin) return 0.0;
        double rate = 0.0;
        for (const auto& s : p_.rates)
            if (minute >= s.fromMin) rate = s.perHour;
        return rate * p_.rateScale;
    }

    // Non-homogeneous Poisson arrivals by thinning: candidates at the peak rate, each kept with rate(t)/peak.
    void generateArrivals() {
        double peak = 0.0;
        for (const auto& s : p_.rates) peak = std::max(peak, s.perHour * p_.rateScale);
        if (peak <= 0.0) return;
        double shareTotal = 0.0;
        for (const auto& c : p_.categories) shareTotal += c.share;
        const TimeMs end = std::min(plan_.stopAt, plan_.localMidnight + p_.lastTicketMin * kMinute);
        const TimeMs begin = std::max(plan_.startAt, plan_.localMidnight + p_.openMin * kMinute);
        const std::size_t first = out_.customers.size();
        double t = static_cast<double>(begin);
        for (;;) {
            t += dice_.exponential(3600.0 * 1000.0 / peak);
            const TimeMs when = static_cast<TimeMs>(t);
            if (when >= end) break;
            if (!dice_.chance(ratePerHour(when) / peak)) continue;
            newCustomer(when, shareTotal);
        }
        // The bursts after the steady arrivals (a profile without them draws exactly as before), then every
        // customer in arrival order again, numbered as they came in.
        for (const auto& b : p_.bursts) {
            const TimeMs from = plan_.localMidnight + b.atMin * kMinute;
            for (int k = 0; k < b.customers; ++k) {
                const TimeMs when = from + static_cast<TimeMs>(dice_.unit() * static_cast<double>(b.minutes * kMinute));
                if (when >= begin && when < end) newCustomer(when, shareTotal);
            }
        }
        if (!p_.bursts.empty()) {
            std::stable_sort(out_.customers.begin() + static_cast<std::ptrdiff_t>(first), out_.customers.end(),
                             [](const Customer& a, const Customer& b) { return a.arrivedAt < b.arrivedAt; });
            for (std::size_t i = first; i < out_.customers.size(); ++i) out_.customers[i].id = static_cast<int>(i) + 1;
        }
        for (std::size_t i = first; i < out_.customers.size(); ++i)
            schedule(out_.customers[i].arrivedAt, Step::Arrival, static_cast<int>(i));
    }

    void newCustomer(TimeMs when, double shareTotal) {
        Customer c;
        c.id = static_cast<int>(out_.customers.size()) + 1;
        double pick = dice_.unit() * shareTotal;
        const CategoryProfile* chosen = &p_.categories.back();
        for (const auto& cat : p_.categories) {
            if (pick < cat.share && cat.share > 0.0) { chosen = &cat; break; }
            pick -= cat.share;
        }
        c.category = chosen->code;
        c.priority = chosen->priority;
        c.ticket = TicketId{chosen->code, 0};
        c.arrivedAt = when;
        c.patienceS = dice_.lognormal(p_.patienceMeanS, p_.patienceCv);
        c.serviceS = dice_.lognormal(chosen->serviceMeanS, chosen->serviceCv);
        out_.customers.push_back(c);
    }

    void handle(const Event& e) {
        switch (e.step) {
            case Step::Arrival: arrive(e.time, e.subject); break;
            case Step::Issue: issue(e.time, e.subject, e.detail); break;
            case Step::PaperLow: emit(e.time, e.subject, DispenserStatus{DispenserState::PaperLow}); break;
            case Step::PaperOut:
                dispensers_[e.subject].paperOut = true;
                emit(e.time, e.subject, DispenserStatus{DispenserState::PaperOut});
                break;
            case Step::Refill: refill(e.time, e.subject); break;
            case Step::WindowOpen: openWindow(e.time, e.subject); break;
            case Step::PauseStart: pauseStarts(e.time, e.subject, e.detail); break;
            case Step::PauseEnd: pauseEnds(e.time, e.subject, e.detail); break;
            case Step::WindowClose: closeWindow(e.time, e.subject); break;
            case Step::Recall: {
                Customer& c = customer(window(e.subject).customer);
                ++c.recalls;
                emit(e.time, keypad(e.subject), Recall{windowNumber(e.subject), c.ticket});
                break;
            }
            case Step::NoShow: {
                Customer& c = customer(window(e.subject).customer);
                c.outcome = Outcome::NoShow;
                emit(e.time, keypad(e.subject), NoShow{windowNumber(e.subject), c.ticket});
                customerDone(e.time, e.subject);
                break;
            }
            case Step::Start: startService(e.time, e.subject); break;
            case Step::Finish: finishService(e.time, e.subject); break;
            case Step::StuckBegins:
                window(e.subject).stuckFor = p_.faults[static_cast<std::size_t>(e.detail)].minutes * kMinute;
                break;
        }
    }

    void arrive(TimeMs t, int index) {
        int address = p_.dispensers == 2 ? 1 + dice_.index(2) : 1;
        if (dispensers_[address].paperOut && p_.dispensers == 2 && !dispensers_[3 - address].paperOut)
            address = 3 - address;
        DispenserRun& d = dispensers_[address];
        if (d.paperOut || !d.line.empty()) {
            d.line.push_back(index);
            return;
        }
        issue(t, index, address);
    }

    void issue(TimeMs t, int index, int address) {
        Customer& c = customer(index);
        int& last = lastNumber_[c.category];
        last = last >= kMaxTicketNumber ? 1 : last + 1;
        c.ticket = TicketId{c.category, last};
        c.issuedAt = t;
        emit(t, address, TicketIssued{c.ticket, c.priority});
        if (p_.balkAfterS > 0 && announcedWaitS(c.category) > c.patienceS)
            c.patienceS = std::min(c.patienceS, static_cast<double>(t - c.arrivedAt) / 1000.0 + p_.balkAfterS);
        enqueue(c.category, index);
        callWhereFree(t);
    }

    // The wait a ticket of `category` implies as it is printed: the people ahead times the category's mean
    // service, over the windows open for it (none open: as if one were).
    double announcedWaitS(char category) const {
        const auto q = queues_.find(category);
        const double ahead = q == queues_.end() ? 0.0 : static_cast<double>(q->second.size());
        int serving = 0;
        for (const auto& w : windows_)
            if (w.state != WindowState::Closed &&
                std::find(w.profile->serves.begin(), w.profile->serves.end(), category) != w.profile->serves.end())
                ++serving;
        const CategoryProfile* cat = p_.category(category);
        return ahead * (cat ? cat->serviceMeanS : 0.0) / std::max(1, serving);
    }

    void refill(TimeMs t, int address) {
        DispenserRun& d = dispensers_[address];
        d.paperOut = false;
        emit(t, address, DispenserStatus{DispenserState::Ok});
        // The line that formed prints its tickets one after another; those whose patience ran out have gone.
        TimeMs next = t;
        while (!d.line.empty()) {
            const int index = d.line.front();
            d.line.pop_front();
            Customer& c = customer(index);
            if (c.arrivedAt + ms(c.patienceS) < next) {
                c.outcome = Outcome::LeftWithoutTicket;
                continue;
            }
            schedule(next, Step::Issue, index, address);
            next += ms(p_.dispenserQueueGapS);
        }
    }

    void enqueue(char category, int index) {
        std::deque<int>& q = queues_[category];
        if (!customer(index).priority) {
            q.push_back(index);
            return;
        }
        auto it = std::find_if(q.begin(), q.end(), [&](int other) { return !customer(other).priority; });
        q.insert(it, index);
    }

    void callWhereFree(TimeMs t) {
        for (int i = 0; i < static_cast<int>(windows_.size()); ++i)
            if (window(i).state == WindowState::Idle) callNext(t, i);
    }

    void callNext(TimeMs t, int w) {
        for (char category : window(w).profile->serves) {
            std::deque<int>& q = queues_[category];
            if (q.empty()) continue;
            const int index = q.front();
            q.pop_front();
            call(t, w, index);
            return;
        }
    }

    void call(TimeMs t, int w, int index) {
        WindowRun& run = window(w);
        Customer& c = customer(index);
        run.state = WindowState::Busy;
        run.customer = index;
        c.calledAt = t;
        c.recalls = 0;
        c.window = windowNumber(w);
        emit(t, keypad(w), Call{windowNumber(w), c.ticket});
        const bool present = c.transferredTo != '\0' || c.arrivedAt + ms(c.patienceS) >= t;
        TimeMs next = t;
        if (!present) {
            const int recalls = dice_.chance(0.5) ? 2 : 1;
            for (int k = 0; k < recalls; ++k) {
                next += ms(p_.recallGapS * dice_.uniform(0.8, 1.2));
                schedule(next, Step::Recall, w);
            }
            schedule(next + ms(p_.recallGapS * dice_.uniform(0.8, 1.2)), Step::NoShow, w);
            return;
        }
        if (dice_.chance(p_.recallShare)) {
            next += ms(p_.recallGapS * dice_.uniform(0.8, 1.2));
            schedule(next, Step::Recall, w);
        }
        schedule(next + ms(dice_.uniform(p_.walkMinS, p_.walkMaxS)), Step::Start, w);
    }

    void startService(TimeMs t, int w) {
        WindowRun& run = window(w);
        Customer& c = customer(run.customer);
        c.startedAt = t;
        if (run.stuckFor > 0) {
            c.serviceS = static_cast<double>(run.stuckFor) / 1000.0;
            run.stuckFor = 0;
        }
        emit(t, keypad(w), ServiceStarted{windowNumber(w), c.ticket});
        schedule(t + ms(c.serviceS), Step::Finish, w);
    }

    void finishService(TimeMs t, int w) {
        WindowRun& run = window(w);
        const int index = run.customer;
        Customer& c = customer(index);
        const CategoryProfile* from = p_.category(c.category);
        if (c.transferredTo == '\0' && from && from->transferTo != '\0' && dice_.chance(p_.transferShare)) {
            c.transferredTo = from->transferTo;
            emit(t, keypad(w), Transfer{windowNumber(w), c.ticket, from->transferTo, std::nullopt});
            const CategoryProfile* to = p_.category(from->transferTo);
            c.serviceS = dice_.lognormal(to->serviceMeanS, to->serviceCv);
            c.calledAt = c.startedAt = 0;
            c.window = 0;
            c.recalls = 0;
            enqueue(from->transferTo, index);
        } else {
            c.finishedAt = t;
            c.outcome = c.transferredTo != '\0' ? Outcome::TransferredThenServed : Outcome::Served;
            emit(t, keypad(w), ServiceFinished{windowNumber(w), c.ticket});
        }
        customerDone(t, w);
    }

    // The window is free again: a pause or the closing that waited for this customer comes first.
    void customerDone(TimeMs t, int w) {
        WindowRun& run = window(w);
        run.customer = -1;
        run.state = WindowState::Idle;
        if (run.pendingClose) {
            run.pendingClose = false;
            shut(t, w);
        } else if (run.pendingPause >= 0) {
            const Pause& pause = run.profile->pauses[static_cast<std::size_t>(run.pendingPause)];
            run.pendingPause = -1;
            if (t < at(pause.toMin)) {
                run.state = WindowState::Paused;
                emit(t, keypad(w), WindowPaused{windowNumber(w), pause.reason});
            }
        }
        if (run.state == WindowState::Idle) callWhereFree(t);
    }

    void openWindow(TimeMs t, int w) {
        WindowRun& run = window(w);
        if (run.state != WindowState::Closed || run.closedForDay) return;
        run.state = WindowState::Idle;
        emit(t, keypad(w), WindowOpened{windowNumber(w)});
        callNext(t, w);
    }

    void pauseStarts(TimeMs t, int w, int pause) {
        WindowRun& run = window(w);
        if (run.state == WindowState::Busy) {
            run.pendingPause = pause;
        } else if (run.state == WindowState::Idle) {
            run.state = WindowState::Paused;
            emit(t, keypad(w), WindowPaused{windowNumber(w), run.profile->pauses[static_cast<std::size_t>(pause)].reason});
        }
    }

    void pauseEnds(TimeMs t, int w, int pause) {
        WindowRun& run = window(w);
        if (run.pendingPause == pause) run.pendingPause = -1;
        if (run.state != WindowState::Paused) return;
        run.state = WindowState::Idle;
        emit(t, keypad(w), WindowOpened{windowNumber(w)});
        callNext(t, w);
    }

    void closeWindow(TimeMs t, int w) {
        WindowRun& run = window(w);
        if (run.state == WindowState::Busy) run.pendingClose = true;
        else if (run.state != WindowState::Closed) shut(t, w);
    }

    void shut(TimeMs t, int w) {
        WindowRun& run = window(w);
        run.state = WindowState::Closed;
        run.closedForDay = true;
        run.pendingPause = -1;
        emit(t, keypad(w), WindowClosed{windowNumber(w)});
        lastClose_ = std::max(lastClose_, t);
    }

    void finishDay(bool dayComplete) {
        const TimeMs closeAt = std::max(lastClose_, at(p_.closeMin));
        for (auto& [category, q] : queues_) {
            for (int index : q) {
                Customer& c = customer(index);
                if (dayComplete) {
                    c.outcome = Outcome::AbandonedAtClose;
                    out_.abandonments.push_back(Abandonment{closeAt, c.ticket, c.id});
                } else {
                    c.outcome = Outcome::WaitingAtStop;
                }
            }
        }
        std::sort(out_.abandonments.begin(), out_.abandonments.end(),
                  [](const Abandonment& a, const Abandonment& b) { return a.customer < b.customer; });
        for (const auto& run : windows_)
            if (run.customer >= 0) customer(run.customer).outcome = Outcome::InServiceAtStop;
        for (auto& [address, d] : dispensers_)
            for (int index : d.line) customer(index).outcome = dayComplete ? Outcome::LeftWithoutTicket : Outcome::WaitingAtStop;
    }

    bool silent(int address, TimeMs t) const {
        for (const auto& f : p_.faults)
            if (f.kind == FaultKind::HeartbeatStop && f.device == address &&
                t >= plan_.localMidnight + f.atMin * kMinute && t < plan_.localMidnight + (f.atMin + f.minutes) * kMinute)
                return true;
        return false;
    }

    void addHeartbeats() {
        const TimeMs period = p_.heartbeatS * kSecond;
        const TimeMs from = at(p_.openMin);
        const TimeMs until = std::min(plan_.stopAt, plan_.localMidnight + p_.closeMin * kMinute);
        // Devices were switched on a quarter of an hour before opening; that is where uptime counts from.
        const TimeMs poweredOn = plan_.localMidnight + (p_.openMin - 15) * kMinute;
        std::vector<std::pair<int, DeviceKind>> devices;
        for (int d = 1; d <= p_.dispensers; ++d) devices.emplace_back(d, DeviceKind::Dispenser);
        for (int i = 0; i < static_cast<int>(windows_.size()); ++i) devices.emplace_back(keypad(i), DeviceKind::Keypad);
        for (const auto& [address, kind] : devices) {
            // Spread the devices over the period so their heartbeats do not all collide on one millisecond.
            for (TimeMs t = from + (address * 997) % period; t < until; t += period) {
                if (silent(address, t)) continue;
                emit(t, address, Heartbeat{kind, static_cast<std::uint32_t>((t - poweredOn) / kSecond)});
            }
        }
    }
};

}  // namespace

DayResult simulateDay(const BranchProfile& profile, const DayPlan& plan) { return Day(profile, plan).run(); }

std::int64_t daysFromCivil(int year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t days, int& year, int& month, int& day) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

bool parseDate(const std::string& text, std::int64_t& days) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    days = daysFromCivil(y, m, d);
    int y2 = 0, m2 = 0, d2 = 0;
    civilFromDays(days, y2, m2, d2);
    return y2 == y && m2 == m && d2 == d;  // rejects 2026-02-30
}

std::string localIsoTime(TimeMs time, int utcOffsetMin) {
    const TimeMs local = time + utcOffsetMin * kMinute;
    TimeMs days = local / (86400 * kSecond);
    if (local % (86400 * kSecond) < 0) --days;
    const TimeMs secondOfDay = (local - days * 86400 * kSecond) / kSecond;
    int y = 0, m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, static_cast<int>(secondOfDay / 3600),
                  static_cast<int>(secondOfDay / 60 % 60), static_cast<int>(secondOfDay % 60));
    return buffer;
}

DayPlan wholeDay(const BranchProfile& profile, std::int64_t localDay, std::uint64_t seed, int utcOffsetMin) {
    constexpr TimeMs kMinuteMs = 60'000;
    DayPlan plan;
    plan.localMidnight = localDay * 1440 * kMinuteMs - utcOffsetMin * kMinuteMs;
    plan.startAt = plan.localMidnight + profile.openMin * kMinuteMs;
    plan.stopAt = plan.localMidnight + 1440 * kMinuteMs;
    plan.seed = seed;
    return plan;
}

}  // namespace lw::sim
