// The complaint's state machine: every transition the rules allow, and the ones they refuse (wrong state, wrong
// person, missing particulars), with a refusal leaving the complaint exactly as it was.
#include "complaint/Lifecycle.h"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace lw::complaint;
using lw::auth::Role;

namespace {

const Rules kRules;
const WorkCalendar kCalendar;  // weekends only

// Received on Monday 2026-11-23 by 王芳, a lobby manager.
Complaint received() {
    Intake in;
    in.at = 1'000;
    in.day = "2026-11-23";
    in.channel = "on_site";
    in.cause = "long_wait";
    in.by = "王芳";
    in.summary = "等了 50 分钟";
    std::string error;
    auto c = receive(in, kRules, kCalendar, error);
    REQUIRE(c);
    c->id = 7;
    return *c;
}

Step step(const std::string& action, const std::string& by = "王芳", Role role = Role::Manager, const std::string& day = "2026-11-23") {
    Step s;
    s.action = action;
    s.by = by;
    s.role = role;
    s.day = day;
    s.at = 2'000;
    return s;
}

// Applies a step that must be allowed.
void ok(Complaint& c, const Step& s) {
    Outcome o = apply(c, s, kRules, kCalendar);
    INFO(s.action << ": " << o.error);
    REQUIRE(o.ok());
}

// Applies a step that must be refused, saying `why`, and checks nothing changed.
void refused(Complaint& c, const Step& s, const std::string& why) {
    const Complaint before = c;
    Outcome o = apply(c, s, kRules, kCalendar);
    INFO(s.action << " in " << before.state);
    REQUIRE_FALSE(o.ok());
    CHECK_THAT(o.error, Catch::Contains(why));
    CHECK(o.notices.empty());
    CHECK(c.state == before.state);
    CHECK(c.owner == before.owner);
    CHECK(c.reply == before.reply);
    CHECK(c.escalationLevel == before.escalationLevel);
}

Step investigate(const std::string& by = "王芳") {
    Step s = step("investigate", by);
    s.text = "叫号机故障 20 分钟";
    s.yes = true;
    s.responsible = "运营部";
    s.apology = true;
    s.remedy = "致歉，赠送礼品";
    return s;
}

Step reply(std::optional<bool> satisfied, const std::string& day = "2026-11-24") {
    Step s = step("reply", "王芳", Role::Manager, day);
    s.text = "已说明原因并致歉";
    s.yes = satisfied;
    return s;
}

}  // namespace

TEST_CASE("received: owned by whoever received it, the reply due by its class from the complaint date") {
    Complaint c = received();
    CHECK(c.state == "received");
    CHECK(c.owner == "王芳");
    CHECK(c.complainedDay == "2026-11-23");
    CHECK(c.dueDay == "2026-11-26");  // general: 3 working days
    Intake in;
    in.at = 1;
    in.day = "2026-11-30";
    in.channel = "letter";
    in.cause = "mis_selling";
    in.by = "李";
    in.summary = "理财产品风险未告知";
    in.complainedDay = "2026-11-26";  // the letter was written on Thursday, reached the branch on Monday
    in.complexity = "complex";
    std::string error;
    auto letter = receive(in, kRules, kCalendar, error);
    REQUIRE(letter);
    CHECK(letter->dueDay == "2026-12-03");  // 5 working days from Thursday 26 November
    in.complainedDay = "2026-12-01";        // after it was received: impossible
    CHECK_FALSE(receive(in, kRules, kCalendar, error));
    CHECK_THAT(error, Catch::Contains("complaint date"));
    in.complainedDay = "";
    in.complexity = "urgent";
    CHECK_FALSE(receive(in, kRules, kCalendar, error));
    CHECK_THAT(error, Catch::Contains("class"));
}

TEST_CASE("answered on the spot: replied the same day; satisfied lets it be resolved, followed up and closed") {
    Complaint c = received();
    Step a = step("answer");
    a.text = "当场解释并致歉";
    a.yes = true;
    ok(c, a);
    CHECK(c.state == "replied");
    CHECK(c.answeredOnSpot);
    CHECK(c.answerDay == "2026-11-23");
    CHECK(c.replyDay == "2026-11-23");
    refused(c, step("close"), "cannot close");  // no resolution yet
    Step r = step("resolve");
    refused(c, r, "resolution note");  // a note is required
    r.text = "叫号机已修复";
    ok(c, r);
    CHECK(c.state == "resolved");
    Step plan = step("plan_follow_up");
    plan.date = "2026-11-20";
    refused(c, plan, "follow-up date");  // in the past
    plan.date = "2026-11-27";
    ok(c, plan);
    CHECK(c.followUpPlanned == "2026-11-27");
    refused(c, step("close"), "cannot close");  // not followed up yet
    Step f = step("follow_up", "王芳", Role::Manager, "2026-11-27");
    f.text = "客户表示满意";
    f.yes = true;
    ok(c, f);
    CHECK(c.state == "followed_up");
    ok(c, step("close"));
    CHECK(c.state == "closed");
    CHECK(c.closedAt == 2'000);
    refused(c, step("escalate"), "closed");
    refused(c, reply(true), "closed");
}

TEST_CASE("an answer on the spot only the day it was received") {
    Complaint c = received();
    Step a = step("answer", "王芳", Role::Manager, "2026-11-24");
    a.text = "x";
    refused(c, a, "on the spot");
}

TEST_CASE("a date agreed: at most 3 working days from the complaint date, a working day, not in the past") {
    Complaint c = received();
    Step a = step("agree");
    a.date = "2026-11-27";  // Friday: 4 working days after Monday
    refused(c, a, "more than 3 working days");
    a.date = "2026-11-22";
    refused(c, a, "in the past");
    a.date = "2026-11-26";
    ok(c, a);
    CHECK(c.state == "agreed");
    CHECK(c.agreedDay == "2026-11-26");
    CHECK(c.answerDay == "2026-11-23");
    refused(c, a, "cannot agree");  // agreed once
}

TEST_CASE("a hand-over names its new owner, who must accept it; until then nobody works on it; a decline goes back") {
    Complaint c = received();
    Step h = step("hand_over");
    h.to = "赵敏";
    refused(c, h, "why");
    h.text = "涉及理财产品，超出权限";
    h.to = "王芳";
    refused(c, h, "already owns");
    h.to = "赵敏";
    Complaint declined = c;
    Outcome o = apply(c, h, kRules, kCalendar);
    REQUIRE(o.ok());
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].to == "赵敏");  // the new owner is told
    CHECK(c.state == "handed_over");
    CHECK(c.owner == "王芳");  // still hers until accepted
    CHECK(c.pendingOwner == "赵敏");
    refused(c, investigate(), "waits for 赵敏");
    refused(c, step("accept", "王芳"), "only 赵敏");
    refused(c, step("accept", "钱", Role::Head), "only 赵敏");
    ok(c, step("accept", "赵敏", Role::Officer));
    CHECK(c.state == "accepted");
    CHECK(c.owner == "赵敏");
    CHECK(c.handoverFrom == "王芳");
    refused(c, step("accept", "赵敏", Role::Officer), "no hand-over");
    // The former owner, a manager, no longer may act on it.
    refused(c, investigate("王芳"), "may not act");
    // A declined hand-over: back where it was, with the same owner, and the one who handed it over told.
    ok(declined, h);
    Step d = step("decline", "赵敏", Role::Officer);
    refused(declined, d, "why");
    d.text = "不属于投诉，请按咨询处理";
    Outcome back = apply(declined, d, kRules, kCalendar);
    REQUIRE(back.ok());
    CHECK(declined.state == "received");
    CHECK(declined.owner == "王芳");
    CHECK(declined.pendingOwner.empty());
    REQUIRE(back.notices.size() == 1);
    CHECK(back.notices[0].to == "王芳");
}

TEST_CASE("investigated: notes and whether the bank was at fault, and who, are required") {
    Complaint c = received();
    Step s = investigate();
    s.yes.reset();
    refused(c, s, "responsibility");
    s.yes = true;
    s.responsible = "";
    refused(c, s, "responsible");
    s.responsible = "运营部\n张三";
    refused(c, s, "responsible");
    ok(c, investigate());
    CHECK(c.state == "investigated");
    CHECK(c.bankAtFault == true);
    CHECK(c.responsible == "运营部");
    CHECK(c.apology);
    CHECK(c.remedy == "致歉，赠送礼品");
    Step notAtFault = step("investigate");
    notAtFault.text = "客户误解政策";
    notAtFault.yes = false;
    ok(c, notAtFault);  // investigated again: the latest findings stand
    CHECK(c.bankAtFault == false);
}

TEST_CASE("replied: only after an investigation; not satisfied reopens it and escalates one level at a time") {
    Complaint c = received();
    refused(c, reply(true), "cannot reply");  // not investigated
    ok(c, investigate());
    Outcome o = apply(c, reply(false), kRules, kCalendar);
    REQUIRE(o.ok());
    CHECK(c.state == "reopened");
    CHECK(c.escalationLevel == 1);
    CHECK(c.escalatedTo == "officer");
    CHECK(c.replyDay.empty());  // a rejected reply does not stop the reply clock
    CHECK(c.answerDay == "2026-11-24");
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].to == "officer");
    refused(c, step("resolve"), "cannot resolve");
    ok(c, investigate());
    ok(c, reply(false, "2026-11-25"));
    CHECK(c.escalationLevel == 2);
    CHECK(c.escalatedTo == "head");
    ok(c, investigate());
    ok(c, reply(false, "2026-11-26"));
    CHECK(c.escalationLevel == 3);
    CHECK(c.escalatedTo == "service_department");
    ok(c, investigate());
    refused(c, reply(false, "2026-11-27"), "highest level");
    ok(c, reply(true, "2026-11-27"));
    CHECK(c.state == "replied");
    CHECK(c.replyDay == "2026-11-27");
    CHECK(c.satisfied == true);
}

TEST_CASE("escalated by hand level by level, with recipient and time, at any time before closing") {
    Complaint c = received();
    Step e = step("escalate");
    refused(c, e, "why");
    e.text = "客户要求见行长";
    e.to = "钱行长";
    e.at = 5'000;
    Outcome o = apply(c, e, kRules, kCalendar);
    REQUIRE(o.ok());
    CHECK(c.escalationLevel == 1);
    CHECK(c.escalatedTo == "钱行长");
    CHECK(c.escalatedAt == 5'000);
    CHECK(c.state == "received");  // its life goes on where it was
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].to == "钱行长");
    e.to.clear();
    ok(c, e);
    ok(c, e);
    CHECK(c.escalatedTo == "service_department");
    refused(c, e, "highest level");
}

TEST_CASE("who may act: the owner, the complaint officer, the branch head; another manager may not") {
    Complaint c = received();
    refused(c, investigate("李"), "may not act");
    Step byOfficer = investigate("赵敏");
    byOfficer.role = Role::Officer;
    ok(c, byOfficer);
    Step byHead = reply(true);
    byHead.by = "钱";
    byHead.role = Role::Head;
    ok(c, byHead);
    CHECK(mayHandle(c, "王芳", Role::Manager));
    CHECK_FALSE(mayHandle(c, "李", Role::Manager));
    CHECK(mayHandle(c, "李", Role::Officer));
}

TEST_CASE("a follow-up the customer is not satisfied with reopens it one level up; an unknown step is refused") {
    Complaint c = received();
    ok(c, investigate());
    ok(c, reply(std::nullopt));  // satisfaction not known yet (a reply by letter)
    CHECK(c.state == "replied");
    Step r = step("resolve");
    r.text = "已整改";
    ok(c, r);
    Step f = step("follow_up");
    f.text = "客户仍不满意";
    f.yes = false;
    ok(c, f);
    CHECK(c.state == "reopened");
    CHECK(c.escalationLevel == 1);
    refused(c, step("delete"), "no such step");
    Step forged = step("escalate", "李\n7 closed");
    forged.text = "x";
    refused(c, forged, "one line");
}

namespace {

// A step of `action` with every particular it needs, taken by `by` on the day the complaint was received.
Step complete(const std::string& action, const std::string& by, Role role) {
    Step s = action == "investigate" ? investigate(by) : step(action, by, role);
    s.role = role;
    if (action == "answer" || action == "reply" || action == "follow_up") { s.text = "已说明"; s.yes = true; }
    if (action == "hand_over") { s.to = by == "李强" ? "王芳" : "李强"; s.text = "超出权限"; }
    if (action == "decline" || action == "escalate") s.text = "原因";
    if (action == "resolve") s.text = "已处理";
    if (action == "agree" || action == "plan_follow_up") s.date = "2026-11-24";
    return s;
}

// possibleSteps() must name exactly the steps apply() takes (with their particulars), for this person.
void possibleMatchesApply(const Complaint& c, const std::string& by, Role role) {
    const auto possible = possibleSteps(c, by, role);
    for (const auto& action : kActions) {
        Complaint copy = c;
        Step s = complete(action, by, role);
        if (action == "hand_over" && s.to == c.owner) s.to = c.owner == "李强" ? "赵敏" : "李强";  // to someone else
        const bool applied = apply(copy, s, kRules, kCalendar).ok();
        const bool listed = std::find(possible.begin(), possible.end(), action) != possible.end();
        INFO(action << " by " << by << " in state " << c.state);
        CHECK(applied == listed);
    }
}

}  // namespace

TEST_CASE("the steps offered on the kiosk are exactly those the state machine takes, in every state, for each person") {
    Complaint c = received();
    auto everyone = [&]() {
        possibleMatchesApply(c, "王芳", Role::Manager);
        possibleMatchesApply(c, "李强", Role::Manager);
        possibleMatchesApply(c, "孙敏", Role::Officer);
        possibleMatchesApply(c, "Zhao Lei", Role::Head);
    };
    everyone();
    CHECK(possibleSteps(c, "李强", Role::Manager).empty());  // another manager sees nothing to do
    ok(c, complete("agree", "王芳", Role::Manager));
    everyone();
    ok(c, complete("hand_over", "王芳", Role::Manager));
    everyone();
    CHECK(possibleSteps(c, "李强", Role::Manager) == std::vector<std::string>{"accept", "decline", "escalate"});
    ok(c, complete("accept", "李强", Role::Manager));
    everyone();
    ok(c, complete("investigate", "李强", Role::Manager));
    everyone();
    ok(c, complete("reply", "李强", Role::Manager));
    everyone();
    ok(c, complete("resolve", "李强", Role::Manager));
    everyone();
    ok(c, complete("follow_up", "李强", Role::Manager));
    everyone();
    ok(c, complete("close", "李强", Role::Manager));
    everyone();
    CHECK(possibleSteps(c, "Zhao Lei", Role::Head).empty());
    Complaint top = received();
    for (int i = 0; i < 3; ++i) ok(top, complete("escalate", "王芳", Role::Manager));
    possibleMatchesApply(top, "王芳", Role::Manager);  // at the highest level: no escalation offered
}
