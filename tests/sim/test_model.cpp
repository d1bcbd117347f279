// The traffic model on its own: determinism, customer mix, service times, queue discipline, pauses, faults.
#include "sim/BranchDay.h"
#include "config/Ini.h"
#include "sim/Profile.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace lw::sim;
using namespace lw::protocol;

namespace {

constexpr TimeMs kMinute = 60000;
// 2026-01-05 00:00 in China (UTC+8).
constexpr TimeMs kMidnight = 1767571200000LL - 480 * kMinute;

DayPlan wholeDay(std::uint64_t seed, int dayOffset = 0) {
    DayPlan plan;
    plan.localMidnight = kMidnight + dayOffset * 1440 * kMinute;
    plan.startAt = plan.localMidnight;
    plan.stopAt = plan.localMidnight + 1440 * kMinute;
    plan.seed = seed;
    return plan;
}

// Many windows that serve everything and no faults: a clean sample of the default customer mix.
BranchProfile plainBranch() {
    BranchProfile p = readProfile(lw::config::IniFile::parse("[window.1]\nserves = A\n", "plain.ini"));
    p.rates = {RateStep{8 * 60 + 30, 120.0}};
    p.lastTicketMin = 16 * 60 + 30;
    p.windows.clear();
    for (int w = 1; w <= 14; ++w) p.windows.push_back(WindowProfile{w, {'V', 'A', 'B'}, p.openMin, p.closeMin, {}});
    return p;
}

template <typename M>
std::vector<const M*> messagesOf(const DayResult& day, std::vector<TimeMs>* times = nullptr) {
    std::vector<const M*> found;
    for (const auto& t : day.transmissions)
        if (const auto* m = std::get_if<M>(&t.message)) {
            found.push_back(m);
            if (times) times->push_back(t.time);
        }
    return found;
}

int minuteOfDay(TimeMs t, TimeMs midnight) { return static_cast<int>((t - midnight) / kMinute); }

}  // namespace

TEST_CASE("the same seed gives the same day, another seed another day") {
    const BranchProfile city = loadProfile("city");
    const DayResult a = simulateDay(city, wholeDay(7));
    const DayResult b = simulateDay(city, wholeDay(7));
    const DayResult c = simulateDay(city, wholeDay(8));
    REQUIRE(a.transmissions.size() == b.transmissions.size());
    for (std::size_t i = 0; i < a.transmissions.size(); ++i) {
        REQUIRE(a.transmissions[i].time == b.transmissions[i].time);
        REQUIRE(a.transmissions[i].address == b.transmissions[i].address);
        REQUIRE(a.transmissions[i].message.index() == b.transmissions[i].message.index());
    }
    REQUIRE(a.customers.size() == b.customers.size());
    bool differs = a.customers.size() != c.customers.size();
    for (std::size_t i = 0; !differs && i < a.customers.size(); ++i) differs = a.customers[i].arrivedAt != c.customers[i].arrivedAt;
    CHECK(differs);
}

TEST_CASE("city profile has about 1,500 customers with two peaks and a lunch dip") {
    const BranchProfile city = loadProfile("city");
    const DayResult day = simulateDay(city, wholeDay(1));
    CHECK(day.customers.size() > 1350);
    CHECK(day.customers.size() < 1650);
    std::map<int, int> perHour;
    for (const auto& c : day.customers) ++perHour[minuteOfDay(c.arrivedAt, kMidnight) / 60];
    CHECK(perHour[10] > perHour[12] * 3 / 2);
    CHECK(perHour[15] > perHour[12] * 3 / 2);
}

TEST_CASE("category shares and service times follow the defaults over several days") {
    const BranchProfile p = plainBranch();
    std::map<char, int> count;
    std::map<char, double> serviceSum;
    int total = 0;
    for (int d = 0; d < 5; ++d) {
        const DayResult day = simulateDay(p, wholeDay(100 + static_cast<std::uint64_t>(d), d));
        for (const auto& c : day.customers) {
            ++total;
            ++count[c.category];
            if (c.transferredTo == '\0') serviceSum[c.category] += c.serviceS;
        }
    }
    REQUIRE(total > 4000);
    CHECK(static_cast<double>(count['A']) / total == Approx(0.70).margin(0.03));
    CHECK(static_cast<double>(count['B']) / total == Approx(0.20).margin(0.03));
    CHECK(static_cast<double>(count['V']) / total == Approx(0.10).margin(0.02));
    // Means with a few standard errors of slack: A n~3,000 (se ~1.4%), B n~900 (se ~3.3%), V n~450 (se ~3.8%).
    auto meanMin = [&](char c) { return serviceSum[c] / count[c] / 60.0; };
    CHECK(meanMin('A') == Approx(4.0).epsilon(0.06));
    CHECK(meanMin('B') == Approx(12.0).epsilon(0.12));
    CHECK(meanMin('V') == Approx(8.0).epsilon(0.12));
}

TEST_CASE("every call ends once, priority tickets go first, categories are FIFO") {
    const BranchProfile p = loadProfile("payday");  // overloaded: queues are long, so the discipline shows
    const DayResult day = simulateDay(p, wholeDay(3));
    std::map<std::string, TimeMs> waiting;           // ticket label -> issued or transferred at
    std::map<std::string, char> waitingIn;           // the category it waits in
    std::map<std::string, bool> priority;
    std::map<int, std::string> atWindow;             // window -> ticket called there and not yet done
    int calls = 0, ends = 0;
    for (const auto& t : day.transmissions) {
        if (const auto* k = std::get_if<TicketIssued>(&t.message)) {
            waiting[k->ticket.label()] = t.time;
            waitingIn[k->ticket.label()] = k->ticket.category;
            priority[k->ticket.label()] = k->priority;
            CHECK(k->priority == (k->ticket.category == 'V'));
        } else if (const auto* m = std::get_if<Call>(&t.message)) {
            ++calls;
            const std::string label = m->ticket.label();
            REQUIRE(waiting.count(label) == 1);
            REQUIRE(atWindow[m->window].empty());
            const WindowProfile& w = p.windows[static_cast<std::size_t>(m->window - 1)];
            const char category = waitingIn[label];
            // No ticket of a category this window prefers was waiting, and none older in the same category.
            for (const auto& [other, since] : waiting) {
                if (other == label) continue;
                const char oc = waitingIn[other];
                for (char s : w.serves) {
                    if (s == category) break;
                    CHECK_FALSE(oc == s);
                }
                if (oc == category && priority[other] == priority[label]) CHECK(since >= waiting[label]);
            }
            waiting.erase(label);
            atWindow[m->window] = label;
        } else if (const auto* f = std::get_if<ServiceFinished>(&t.message)) {
            ++ends;
            CHECK(atWindow[f->window] == f->ticket.label());
            atWindow[f->window].clear();
        } else if (const auto* n = std::get_if<NoShow>(&t.message)) {
            ++ends;
            CHECK(atWindow[n->window] == n->ticket.label());
            atWindow[n->window].clear();
        } else if (const auto* x = std::get_if<Transfer>(&t.message)) {
            ++ends;
            CHECK(atWindow[x->window] == x->ticket.label());
            atWindow[x->window].clear();
            waiting[x->ticket.label()] = t.time;
            waitingIn[x->ticket.label()] = *x->toCategory;
        }
    }
    CHECK(calls > 1000);
    CHECK(ends == calls);
    CHECK(!messagesOf<Transfer>(day).empty());
    CHECK(!messagesOf<NoShow>(day).empty());
    CHECK(!messagesOf<Recall>(day).empty());
}

TEST_CASE("windows pause for lunch only after finishing their customer, and close at the end of the day") {
    const BranchProfile p = loadProfile("city");
    const DayResult day = simulateDay(p, wholeDay(1));
    std::map<int, bool> busy, paused, closed;
    std::map<int, int> lunches;
    for (const auto& t : day.transmissions) {
        const int minute = minuteOfDay(t.time, kMidnight);
        if (const auto* m = std::get_if<Call>(&t.message)) {
            CHECK_FALSE(paused[m->window]);
            CHECK_FALSE(closed[m->window]);
            busy[m->window] = true;
        } else if (const auto* f = std::get_if<ServiceFinished>(&t.message)) {
            busy[f->window] = false;
        } else if (const auto* n = std::get_if<NoShow>(&t.message)) {
            busy[n->window] = false;
        } else if (const auto* x = std::get_if<Transfer>(&t.message)) {
            busy[x->window] = false;
        } else if (const auto* w = std::get_if<WindowPaused>(&t.message)) {
            CHECK_FALSE(busy[w->window]);
            paused[w->window] = true;
            if (w->reason == PauseReason::Lunch) {
                ++lunches[w->window];
                CHECK(minute >= 11 * 60 + 30);
                CHECK(minute < 13 * 60 + 30);
            }
        } else if (const auto* o = std::get_if<WindowOpened>(&t.message)) {
            paused[o->window] = false;
        } else if (const auto* c = std::get_if<WindowClosed>(&t.message)) {
            CHECK_FALSE(busy[c->window]);
            closed[c->window] = true;
        }
    }
    for (int w = 1; w <= 8; ++w) {
        CHECK(lunches[w] == 1);
        CHECK(closed[w]);
    }
    for (const auto& c : day.customers) {
        CHECK(c.outcome != Outcome::WaitingAtStop);
        CHECK(c.outcome != Outcome::InServiceAtStop);
    }
}

TEST_CASE("city faults: paper out, a stuck window, a silent keypad") {
    const BranchProfile p = loadProfile("city");
    const DayResult day = simulateDay(p, wholeDay(1));
    std::vector<DispenserState> states;
    std::vector<TimeMs> stateTimes;
    for (const auto& t : day.transmissions)
        if (const auto* m = std::get_if<DispenserStatus>(&t.message)) {
            CHECK(t.address == 1);
            states.push_back(m->state);
            stateTimes.push_back(t.time);
        }
    REQUIRE(states == std::vector<DispenserState>{DispenserState::PaperLow, DispenserState::PaperOut, DispenserState::Ok});
    CHECK(minuteOfDay(stateTimes[1], kMidnight) == 10 * 60 + 20);
    CHECK(minuteOfDay(stateTimes[2], kMidnight) == 10 * 60 + 35);
    // Nothing printed by dispenser 1 while it is out of paper; a line gets its tickets right after the refill.
    int afterRefill = 0;
    for (const auto& t : day.transmissions)
        if (std::holds_alternative<TicketIssued>(t.message) && t.address == 1) {
            CHECK((t.time < stateTimes[1] || t.time >= stateTimes[2]));
            if (t.time >= stateTimes[2] && t.time < stateTimes[2] + kMinute) ++afterRefill;
        }
    // Dispenser 2 keeps printing, so only those who chose dispenser 1 just before it ran out wait there.
    CHECK(afterRefill >= 0);

    bool stuck = false;
    for (const auto& c : day.customers)
        if (c.window == 5 && c.startedAt > 0 && c.finishedAt - c.startedAt == 30 * kMinute) stuck = true;
    CHECK(stuck);

    std::vector<TimeMs> beats;
    for (const auto& t : day.transmissions)
        if (std::holds_alternative<Heartbeat>(t.message) && t.address == 16) beats.push_back(t.time);
    REQUIRE(beats.size() > 100);
    int longGaps = 0;
    for (std::size_t i = 1; i < beats.size(); ++i) {
        const TimeMs gap = beats[i] - beats[i - 1];
        if (gap == 30000) continue;
        ++longGaps;
        CHECK(gap > 19 * kMinute);
        CHECK(minuteOfDay(beats[i - 1], kMidnight) == 10 * 60 + 59);
    }
    CHECK(longGaps == 1);
}

TEST_CASE("a paper-out with one dispenser: the line waits, a few give up without a ticket") {
    BranchProfile p = plainBranch();
    p.faults.push_back(Fault{FaultKind::PaperOut, 10 * 60, 40, 1, 5, 0, 0});
    int left = 0, lateTickets = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const DayResult day = simulateDay(p, wholeDay(seed));
        for (const auto& c : day.customers) {
            const int arrived = minuteOfDay(c.arrivedAt, kMidnight);
            if (arrived >= 10 * 60 && arrived < 10 * 60 + 40) {
                if (c.outcome == Outcome::LeftWithoutTicket) {
                    ++left;
                    CHECK(c.ticket.number == 0);
                } else {
                    ++lateTickets;
                    CHECK(minuteOfDay(c.issuedAt, kMidnight) >= 10 * 60 + 40);
                }
            }
        }
    }
    CHECK(left > 0);
    CHECK(lateTickets > left);
}

TEST_CASE("ticket numbers start at 1 per category and wrap from 999 to 1") {
    BranchProfile p = plainBranch();
    p.rates = {RateStep{8 * 60 + 30, 300.0}};
    const DayResult day = simulateDay(p, wholeDay(5));
    std::map<char, int> last;
    int wraps = 0;
    for (const auto* m : messagesOf<TicketIssued>(day)) {
        const int expected = last[m->ticket.category] == 999 ? 1 : last[m->ticket.category] + 1;
        if (expected == 1 && last[m->ticket.category] == 999) ++wraps;
        CHECK(m->ticket.number == expected);
        last[m->ticket.category] = m->ticket.number;
    }
    CHECK(wraps >= 1);
}

TEST_CASE("--start moves the morning to the start time and --until cuts the day") {
    const BranchProfile p = loadProfile("small");
    DayPlan plan = wholeDay(2);
    plan.startAt = kMidnight + 11 * 60 * kMinute;
    plan.stopAt = kMidnight + 14 * 60 * kMinute;
    const DayResult day = simulateDay(p, plan);
    REQUIRE(!day.transmissions.empty());
    CHECK(day.transmissions.front().time == plan.startAt);
    CHECK(std::holds_alternative<WindowOpened>(day.transmissions.front().message));
    for (const auto& t : day.transmissions) CHECK((t.time >= plan.startAt && t.time < plan.stopAt));
    for (const auto& c : day.customers) CHECK(c.arrivedAt >= plan.startAt);
    bool cut = false;
    for (const auto& c : day.customers) cut = cut || c.outcome == Outcome::WaitingAtStop || c.outcome == Outcome::InServiceAtStop;
    CHECK(cut);
}

TEST_CASE("a burst brings its customers within its minutes, numbered in arrival order with the others") {
    BranchProfile p = plainBranch();
    const DayResult plain = simulateDay(p, wholeDay(3));
    p.bursts = {Burst{10 * 60 + 15, 40, 5}};
    const DayResult day = simulateDay(p, wholeDay(3));
    REQUIRE(day.customers.size() == plain.customers.size() + 40);
    int inBurst = 0, inBurstBefore = 0;
    for (std::size_t i = 0; i < day.customers.size(); ++i) {
        CHECK(day.customers[i].id == static_cast<int>(i) + 1);
        if (i > 0) CHECK(day.customers[i - 1].arrivedAt <= day.customers[i].arrivedAt);
        const int m = minuteOfDay(day.customers[i].arrivedAt, kMidnight);
        if (m >= 10 * 60 + 15 && m < 10 * 60 + 20) ++inBurst;
    }
    for (const auto& c : plain.customers) {
        const int m = minuteOfDay(c.arrivedAt, kMidnight);
        if (m >= 10 * 60 + 15 && m < 10 * 60 + 20) ++inBurstBefore;
    }
    CHECK(inBurst == inBurstBefore + 40);
    // A profile without bursts draws exactly as before: the same day for the same seed.
    p.bursts.clear();
    const DayResult again = simulateDay(p, wholeDay(3));
    REQUIRE(again.customers.size() == plain.customers.size());
    for (std::size_t i = 0; i < again.customers.size(); ++i) CHECK(again.customers[i].arrivedAt == plain.customers[i].arrivedAt);
}

TEST_CASE("balk_after_min: a customer whose ticket says a wait beyond their patience leaves within minutes") {
    // Four windows, about as many customers as they serve: queues that come and go, announced waits around the
    // customers' patience (some told more than they would have waited).
    BranchProfile p = plainBranch();
    p.windows.resize(4);
    p.rates = {RateStep{8 * 60 + 30, 55.0}};
    p.patienceMeanS = 20 * 60.0;
    const DayResult patient = simulateDay(p, wholeDay(5));
    p.balkAfterS = 3 * 60.0;
    const DayResult told = simulateDay(p, wholeDay(5));
    REQUIRE(told.customers.size() == patient.customers.size());
    int shortened = 0, left = 0, leftPatient = 0;
    for (std::size_t i = 0; i < told.customers.size(); ++i) {
        const Customer& a = patient.customers[i];
        const Customer& b = told.customers[i];
        if (b.outcome == Outcome::NoShow) ++left;
        if (a.outcome == Outcome::NoShow) ++leftPatient;
        if (b.issuedAt == 0) continue;
        CHECK(b.patienceS <= a.patienceS);  // never more patient for being told
        if (b.patienceS < a.patienceS) {
            ++shortened;
            CHECK(b.patienceS <= static_cast<double>(b.issuedAt - b.arrivedAt) / 1000.0 + 3 * 60.0 + 1e-6);
        }
    }
    INFO("patience shortened " << shortened << ", left " << left << " against " << leftPatient);
    CHECK(shortened > 20);
    CHECK(left > leftPatient);  // some who would have been served in time went on what the ticket said
}
