// The complaint figures: clocks met and missed, classes, responsibility, satisfaction, follow-ups, per 10,000
// served ("no data" when nobody was served, never 0); the anonymised export holds no names, contacts or free text.
#include "complaint/ComplaintReport.h"
#include "config/Json.h"

#include <catch2/catch.hpp>

using namespace lw::complaint;

namespace {

Complaint make(int id, const std::string& day, const std::string& cls = "general") {
    Intake in;
    in.day = day;
    in.channel = "on_site";
    in.cause = "long_wait";
    in.by = "王芳";
    in.summary = "王芳 没有解释, 客户 张三 13800000000";
    in.contact = "13800000000";
    in.complexity = cls;
    std::string error;
    auto c = receive(in, Rules{}, WorkCalendar{}, error);
    REQUIRE(c);
    c->id = id;
    return *c;
}

}  // namespace

TEST_CASE("complaint figures by clock, class, responsibility, satisfaction and follow-up") {
    std::vector<Complaint> all;
    Complaint onTime = make(1, "2026-11-23");  // Monday; reply due Thursday 26th, resolve due 2 December
    onTime.answerDay = "2026-11-23";
    onTime.reply = "ok";
    onTime.satisfied = true;
    onTime.replyDay = "2026-11-25";
    onTime.bankAtFault = true;
    onTime.resolvedDay = "2026-11-27";
    onTime.followUpDay = "2026-11-30";
    onTime.state = "followed_up";
    all.push_back(onTime);
    Complaint late = make(2, "2026-11-23", "simple");  // reply due Tuesday 24th
    late.answerDay = "2026-11-24";
    late.reply = "late";
    late.replyDay = "2026-11-25";
    late.bankAtFault = false;
    late.followUpPlanned = "2026-12-01";
    late.state = "replied";
    all.push_back(late);
    Complaint rejected = make(3, "2026-11-24");  // replied, not satisfied: reopened, still running
    rejected.answerDay = "2026-11-24";
    rejected.reply = "no";
    rejected.satisfied = false;
    rejected.state = "reopened";
    rejected.escalationLevel = 1;
    all.push_back(rejected);
    Complaint closedNoReply = make(4, "2026-11-24");  // closed without a reply (an earlier version allowed it)
    closedNoReply.state = "closed";
    all.push_back(closedNoReply);
    all.push_back(make(5, "2026-12-01"));  // outside the range
    const ComplaintTally t = tally(all, "2026-11-23", "2026-11-30", Rules{}, WorkCalendar{}, "2026-11-25");
    CHECK(t.count == 4);
    CHECK(t.byClass.at("general") == 3);
    CHECK(t.byClass.at("simple") == 1);
    CHECK(t.clocks.at("reply").met == 1);
    CHECK(t.clocks.at("reply").missed == 2);  // late, and closed with no reply
    CHECK(t.clocks.at("reply").running == 1);  // the rejected reply does not stop it
    CHECK(t.clocks.at("answer").met == 2);     // the same day (1, 3)
    CHECK(t.clocks.at("answer").missed == 2);  // the next day (2), never (4)
    CHECK(t.clocks.at("resolve").met == 1);
    CHECK(t.bankAtFault == 1);
    CHECK(t.bankNotAtFault == 1);
    CHECK(t.notInvestigated == 2);
    CHECK(t.satisfied == 1);
    CHECK(t.notSatisfied == 1);
    CHECK(t.satisfactionUnknown == 1);
    CHECK(*t.satisfactionRate() == Approx(0.5));
    CHECK(t.followUpsDone == 1);
    CHECK(t.followUpsPlanned == 1);
    CHECK(t.escalated == 1);
    CHECK_FALSE(tally({}, "2026-11-23", "2026-11-30", Rules{}, WorkCalendar{}, "2026-11-25").satisfactionRate());
}

TEST_CASE("complaints per 10,000 served: no data when nobody was served") {
    CHECK(*per10000(3, 6000) == Approx(5.0));
    CHECK_FALSE(per10000(3, 0));
    CHECK(*per10000(0, 100) == Approx(0.0));
}

TEST_CASE("the figures' JSON writes a string as the branch report and the chat robots do (newline, return, tab by name)") {
    const std::string name = "朝阳\t\"东\"\\支行\r\n\x01";
    const std::string json = toJson(tally({}, "2026-11-23", "2026-11-30", Rules{}, WorkCalendar{}, "2026-11-25"), 0,
                                    "2026-11-23", "2026-11-30", "110105-023", name);
    INFO(json);
    CHECK(json.find("\"branch_name\":\"朝阳\\t\\\"东\\\"\\\\支行\\r\\n\\u0001\"") != std::string::npos);
    CHECK(json.find(lw::config::jsonString(name)) != std::string::npos);
}

TEST_CASE("the anonymised export: the branch's identifier, closed-list values and dates, no names or contacts") {
    Complaint c = make(7, "2026-11-23");
    c.reply = "王芳 已致歉";
    c.satisfied = true;
    c.replyDay = "2026-11-24";
    c.responsible = "柜员 张三";
    c.owner = "赵敏";
    const std::string csv = anonymisedCsv({c}, "110105-023", Rules{}, WorkCalendar{}, "2026-11-25");
    CHECK(csv.find("110105-023,7,2026-11-23,2026-11-23,on_site,long_wait,general,received,0,") != std::string::npos);
    CHECK(csv.find(",2026-11-26,met,") != std::string::npos);  // reply: due Thursday, met
    for (const char* personal : {"王芳", "张三", "赵敏", "138000", "致歉", "解释"}) {
        INFO(personal);
        CHECK(csv.find(personal) == std::string::npos);
    }
    CHECK(anonymisedCsv({c}, "a,b", Rules{}, WorkCalendar{}, "2026-11-25").find("\"?\",7,") != std::string::npos);
    // A value a spreadsheet would run (a config's identifier "=cmd|..."): not written.
    const std::string formula = anonymisedCsv({c}, "=cmd|' /C calc'!A0", Rules{}, WorkCalendar{}, "2026-11-25");
    CHECK(formula.find("=cmd") == std::string::npos);
    CHECK(formula.find("\"?\",7,") != std::string::npos);
}
