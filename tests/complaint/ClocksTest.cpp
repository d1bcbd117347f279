// The complaint's clocks across China's 2026 National Day (1-7 October off, Saturday 10 October worked): each
// clock's due day, and its state from the day it starts to after it is due, met or missed.
#include "complaint/Clocks.h"

#include <catch2/catch.hpp>

using namespace lw::complaint;

namespace {

WorkCalendar nationalDay() {
    WorkCalendar c;
    for (int d = 1; d <= 7; ++d) c.holidays.insert("2026-10-0" + std::to_string(d));
    c.workingWeekends.insert("2026-10-10");
    return c;
}

const Rules kRules;

// Received on Wednesday 30 September, the last working day before the holiday.
Complaint before(const std::string& complexity = "general") {
    Intake in;
    in.day = "2026-09-30";
    in.channel = "phone";
    in.cause = "long_wait";
    in.by = "王芳";
    in.summary = "节前排队太久";
    in.complexity = complexity;
    std::string error;
    auto c = receive(in, kRules, nationalDay(), error);
    REQUIRE(c);
    return *c;
}

Clock clock(const Complaint& c, const std::string& name, const std::string& today) {
    for (const auto& k : clocksOf(c, kRules, nationalDay(), today))
        if (k.name == name) return k;
    FAIL("no clock " << name);
    return {};
}

}  // namespace

TEST_CASE("the reply clock runs over the holiday and is due on the made-up working Saturday") {
    const Complaint c = before();
    CHECK(c.dueDay == "2026-10-10");  // 8, 9, 10 October
    Clock k = clock(c, "reply", "2026-09-30");
    CHECK(k.startDay == "2026-09-30");
    CHECK(k.dueDay == "2026-10-10");
    CHECK(k.state == ClockState::Running);  // a card from the first day, not only the day before
    CHECK(clock(c, "reply", "2026-10-01").state == ClockState::Running);  // holiday: 3 working days still to go
    CHECK(clock(c, "reply", "2026-10-08").state == ClockState::Running);
    CHECK(clock(c, "reply", "2026-10-09").state == ClockState::DueSoon);  // Friday; Saturday is worked
    CHECK(clock(c, "reply", "2026-10-10").state == ClockState::DueToday);
    CHECK(clock(c, "reply", "2026-10-11").state == ClockState::Overdue);
    Complaint replied = c;
    replied.replyDay = "2026-10-10";
    CHECK(clock(replied, "reply", "2026-10-20").state == ClockState::Met);
    replied.replyDay = "2026-10-12";
    CHECK(clock(replied, "reply", "2026-10-20").state == ClockState::Missed);
}

TEST_CASE("the reply clock by class: simple 1, complex 5 working days, across the holiday") {
    CHECK(before("simple").dueDay == "2026-10-08");
    CHECK(before("complex").dueDay == "2026-10-13");  // 8, 9, 10, 12, 13
    CHECK(clock(before("simple"), "reply", "2026-10-07").state == ClockState::DueSoon);  // a holiday, due the next working day
}

TEST_CASE("the answer clock: the same day; overdue on the holiday if not answered; met by a date agreed") {
    Complaint c = before();
    Clock k = clock(c, "answer", "2026-09-30");
    CHECK(k.dueDay == "2026-09-30");
    CHECK(k.state == ClockState::DueToday);
    CHECK(clock(c, "answer", "2026-10-01").state == ClockState::Overdue);
    c.answerDay = "2026-09-30";
    CHECK(clock(c, "answer", "2026-10-01").state == ClockState::Met);
    // Received on a holiday (a letter opened on 3 October): the same-day answer is the next working day's.
    Complaint holiday = before();
    holiday.receivedDay = "2026-10-03";
    CHECK(clock(holiday, "answer", "2026-10-03").dueDay == "2026-10-08");
    CHECK(clock(holiday, "answer", "2026-10-03").state == ClockState::DueSoon);  // the next working day
}

TEST_CASE("the agreed-date clock exists once a date is agreed, starts that day and stops at the reply") {
    Complaint c = before();
    CHECK(clocksOf(c, kRules, nationalDay(), "2026-09-30").size() == 3);  // answer, reply, resolve
    c.agreedOn = "2026-09-30";
    c.agreedDay = "2026-10-09";
    Clock k = clock(c, "agreed", "2026-09-30");
    CHECK(k.startDay == "2026-09-30");
    CHECK(k.state == ClockState::Running);
    CHECK(clock(c, "agreed", "2026-10-08").state == ClockState::DueSoon);
    CHECK(clock(c, "agreed", "2026-10-10").state == ClockState::Overdue);  // the made-up Saturday is after it
    c.replyDay = "2026-10-09";
    CHECK(clock(c, "agreed", "2026-10-10").state == ClockState::Met);
}

TEST_CASE("the resolve clock: 7 working days over the holiday and the made-up Saturday") {
    Complaint c = before();
    Clock k = clock(c, "resolve", "2026-09-30");
    CHECK(k.dueDay == "2026-10-15");  // 8, 9, 10, 12, 13, 14, 15
    CHECK(k.state == ClockState::Running);
    CHECK(clock(c, "resolve", "2026-10-14").state == ClockState::DueSoon);
    CHECK(clock(c, "resolve", "2026-10-15").state == ClockState::DueToday);
    CHECK(clock(c, "resolve", "2026-10-16").state == ClockState::Overdue);
    c.resolvedDay = "2026-10-15";
    CHECK(clock(c, "resolve", "2026-10-16").state == ClockState::Met);
}

TEST_CASE("clocks count from the customer's complaint date, not the day the letter arrived") {
    Intake in;
    in.day = "2026-10-08";
    in.complainedDay = "2026-09-29";  // written before the holiday
    in.channel = "letter";
    in.cause = "staff_attitude";
    in.by = "李";
    in.summary = "柜员态度差";
    std::string error;
    auto c = receive(in, kRules, nationalDay(), error);
    REQUIRE(c);
    CHECK(c->dueDay == "2026-10-09");  // 30 September, 8 and 9 October: due the day after it arrives
    CHECK(clock(*c, "reply", "2026-10-08").state == ClockState::DueSoon);
    CHECK(clock(*c, "resolve", "2026-10-08").dueDay == "2026-10-14");  // 30 Sep, 8, 9, 10 (Sat), 12, 13, 14
}

TEST_CASE("a closed complaint whose reply never came has missed its clock (never 'answered on time')") {
    Complaint c = before();
    c.state = "closed";
    CHECK(clock(c, "reply", "2026-10-01").state == ClockState::Missed);
    CHECK(dueState(c, "2026-10-12", nationalDay()) == Due::Overdue);  // the old figure said "answered"
}
