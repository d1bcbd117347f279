// Working-day due dates across weekends, holidays and made-up working days.
#include "complaint/Complaint.h"

#include <catch2/catch.hpp>

using namespace lw::complaint;

namespace {

// China's 2026 National Day: 1-7 October off, Saturday 10 October worked instead (as the State Council sets it).
WorkCalendar china2026() {
    WorkCalendar c;
    for (int d = 1; d <= 7; ++d) c.holidays.insert("2026-10-0" + std::to_string(d));
    c.workingWeekends.insert("2026-10-10");
    return c;
}

}  // namespace

TEST_CASE("three working days skip the weekend") {
    WorkCalendar c;
    CHECK(*dueDayFor("2026-11-26", 3, c) == "2026-12-01");  // Thursday -> Tuesday
    CHECK(*dueDayFor("2026-11-23", 3, c) == "2026-11-26");  // Monday -> Thursday
    CHECK(*dueDayFor("2026-11-28", 0, c) == "2026-11-30");  // received on a Saturday: the same-day answer is Monday's
    CHECK(*dueDayFor("2026-11-28", 3, c) == "2026-12-03");
    CHECK(*dueDayFor("2026-11-26", 7, c) == "2026-12-07");
    CHECK_FALSE(dueDayFor("2026-11-26", 8, c));  // never later than 7
    CHECK_FALSE(dueDayFor("2026-11-26", -1, c));
}

TEST_CASE("holidays are skipped and a made-up working Saturday counts") {
    WorkCalendar c = china2026();
    CHECK_FALSE(c.isWorkingDay("2026-10-01"));
    CHECK(c.isWorkingDay("2026-10-10"));  // a Saturday, worked
    CHECK(*dueDayFor("2026-09-30", 3, c) == "2026-10-10");  // Wed 30 Sep: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked)
    CHECK(*dueDayFor("2026-09-30", 1, c) == "2026-10-08");
    CHECK(*dueDayFor("2026-10-09", 1, c) == "2026-10-10");  // the made-up Saturday
    CHECK(c.workingDaysBetween("2026-09-30", "2026-10-12") == 4);  // 8, 9, 10, 12
}

TEST_CASE("what is due: soon the working day before, today, overdue after; answered stops the clock") {
    WorkCalendar c;
    Complaint k;
    k.dueDay = "2026-12-01";  // a Tuesday
    CHECK(dueState(k, "2026-11-26", c) == Due::Ok);
    CHECK(dueState(k, "2026-11-30", c) == Due::Soon);  // Monday
    CHECK(dueState(k, "2026-11-28", c) == Due::Ok);    // Saturday: Monday and Tuesday still to go
    CHECK(dueState(k, "2026-12-01", c) == Due::Today);
    CHECK(dueState(k, "2026-12-02", c) == Due::Overdue);
    k.state = "reopened";  // a reply the customer rejected does not stop it
    k.reply = "已答复";
    CHECK(dueState(k, "2026-12-02", c) == Due::Overdue);
    k.state = "replied";
    k.replyDay = "2026-12-01";
    CHECK(dueState(k, "2026-12-09", c) == Due::Answered);
}

TEST_CASE("a new complaint names its channel, cause, owner and what it is about") {
    Complaint k;
    k.channel = "on_site";
    k.cause = "long_wait";
    k.receivedBy = "王芳";
    k.summary = "等了 50 分钟没人解释";
    CHECK(validate(k).empty());
    k.channel = "telegram";
    CHECK(validate(k).find("channel") == 0);
    k.channel = "regulator";
    k.cause = "rude";
    CHECK(validate(k).find("cause") == 0);
    k.cause = "other";
    k.receivedBy = "";
    CHECK(validate(k).find("received by") == 0);
    k.receivedBy = "李";
    k.summary = "bad\x07text";
    CHECK(validate(k).find("control") != std::string::npos);
    k.summary = "two\nlines are fine in a summary";
    CHECK(validate(k).empty());
    k.receivedBy = "李\n   2  2026-12-01  forged row";  // a newline in a name would forge a row in a listing
    CHECK(validate(k).find("one line") != std::string::npos);
}

TEST_CASE("a second save of the same complaint within the window is a repeat, anything different is not") {
    Complaint a;
    a.receivedAt = 1'000'000;
    a.receivedBy = "王芳";
    a.channel = "on_site";
    a.cause = "long_wait";
    a.summary = "等了 50 分钟";
    a.ticket = "A001";
    Complaint b = a;
    b.receivedAt += 2'000;  // Save tapped again two seconds later
    CHECK(isRepeat(a, b, 600'000));
    b.receivedAt = a.receivedAt + 700'000;
    CHECK_FALSE(isRepeat(a, b, 600'000));
    b = a;
    b.summary = "等了 55 分钟";
    CHECK_FALSE(isRepeat(a, b, 600'000));
    b = a;
    b.receivedBy = "李";
    CHECK_FALSE(isRepeat(a, b, 600'000));
}
