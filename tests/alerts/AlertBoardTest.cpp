// The alert board without a window: raise, clear, escalate, acknowledge and resolve, single alerts and cards.
#include "alerts/AlertBoard.h"

#include <catch2/catch.hpp>

using namespace lw;
using alerts::AlertBoard;
using alerts::BoardChanges;

namespace {

constexpr alerts::TimeMs kMin = 60'000;
constexpr alerts::TimeMs t0 = 1'767'600'000'000;

forecast::Alert alert(const std::string& kind, const std::string& subject) {
    forecast::Alert a;
    a.kind = kind;
    a.subject = subject;
    a.key = kind + "|" + subject;
    a.severity = forecast::Severity::Alarm;
    a.raisedAt = t0;
    return a;
}

forecast::WatchChanges raised(std::vector<forecast::Alert> alerts) {
    forecast::WatchChanges c;
    c.raised = std::move(alerts);
    return c;
}

forecast::WatchChanges cleared(std::vector<forecast::Alert> alerts) {
    forecast::WatchChanges c;
    c.cleared = std::move(alerts);
    return c;
}

// Opens each alert on the board with incident ids 100, 101, ... as the shell would.
void open(AlertBoard& board, const std::vector<forecast::Alert>& alerts, alerts::TimeMs now) {
    BoardChanges ch = board.apply(raised(alerts), now);
    REQUIRE(ch.raised.size() == alerts.size());
    std::int64_t id = 100;
    for (const auto& a : ch.raised) board.attach(a.key, id++);
}

std::vector<forecast::Alert> longWaits(const std::string& category, int n) {
    std::vector<forecast::Alert> out;
    for (int i = 0; i < n; ++i) out.push_back(alert("long_wait", "ticket:" + category + std::to_string(500 + i)));
    return out;
}

}  // namespace

TEST_CASE("alert board: a raised alert opens, its incident is attached, the condition ending clears it once") {
    AlertBoard board(10);
    auto a = alert("slow_window", "window:3");
    a.severity = forecast::Severity::Warning;  // an alarm would wait for an acknowledgement (below)
    BoardChanges ch = board.apply(raised({a}), t0);
    REQUIRE(ch.raised.size() == 1);
    CHECK(ch.steps.empty());
    board.attach(a.key, 42);
    CHECK(board.isOpen(a.key));
    CHECK(board.stateOf(a.key).actionable);

    ch = board.apply(cleared({a}), t0 + kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].incident == 42);
    CHECK(ch.steps[0].step == "cleared");
    CHECK(ch.steps[0].who.empty());
    CHECK_FALSE(board.isOpen(a.key));
    CHECK(board.apply(cleared({a}), t0 + 2 * kMin).steps.empty());  // cleared once
    CHECK_FALSE(board.stateOf(a.key).actionable);
}

TEST_CASE("alert board: acknowledge once, with who and when; an unknown key changes nothing") {
    AlertBoard board(10);
    const auto a = alert("slow_window", "window:3");
    open(board, {a}, t0);
    BoardChanges ch = board.acknowledge(a.key, "王芳", t0 + kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].step == "acknowledged");
    CHECK(ch.steps[0].who == "王芳");
    CHECK(ch.steps[0].action == "acknowledge");
    CHECK(ch.steps[0].incident == 100);
    CHECK(board.stateOf(a.key).acknowledgedBy == "王芳");
    CHECK(board.stateOf(a.key).acknowledgedAt == t0 + kMin);
    CHECK_FALSE(board.acknowledge(a.key, "李雷", t0 + 2 * kMin).any());  // the first stays
    CHECK(board.stateOf(a.key).acknowledgedBy == "王芳");
    CHECK_FALSE(board.acknowledge("nosuch|key", "王芳", t0).any());
}

TEST_CASE("alert board: resolve needs a note, takes the card off the panel until the condition ends, and the "
          "end then adds no 'cleared' step") {
    AlertBoard board(10);
    const auto a = alert("idle_window", "window:2");
    open(board, {a}, t0);
    CHECK_FALSE(board.resolve(a.key, "王芳", "", t0).any());
    BoardChanges ch = board.resolve(a.key, "王芳", "Opened another window", t0 + kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].step == "resolved");
    CHECK(ch.steps[0].note == "Opened another window");
    CHECK(ch.steps[0].action == "resolve");
    CHECK(board.cards({a}).empty());                                     // off the panel
    CHECK_FALSE(board.acknowledge(a.key, "王芳", t0 + 2 * kMin).any());  // nothing more to do on it
    CHECK_FALSE(board.resolve(a.key, "王芳", "again", t0 + 2 * kMin).any());
    CHECK(board.apply(cleared({a}), t0 + 3 * kMin).steps.empty());       // its incident is closed already
    // The same condition again later is a new alert.
    CHECK(board.apply(raised({a}), t0 + 4 * kMin).raised.size() == 1);
    CHECK(board.cards({a}).size() == 1);
}

TEST_CASE("alert board: escalates an alert nobody acknowledged after escalate_after_min, once; not an "
          "acknowledged or resolved one") {
    AlertBoard board(10);
    const auto a = alert("slow_window", "window:1"), b = alert("slow_window", "window:2"), c = alert("slow_window", "window:3");
    open(board, {a, b, c}, t0);
    board.acknowledge(b.key, "王芳", t0 + kMin);
    board.resolve(c.key, "王芳", "note", t0 + kMin);
    CHECK_FALSE(board.escalate(t0 + 10 * kMin - 1).any());
    BoardChanges ch = board.escalate(t0 + 10 * kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].alertKey == a.key);
    CHECK(ch.steps[0].step == "escalated");
    CHECK(ch.steps[0].incident == 100);
    CHECK(ch.steps[0].note == "not acknowledged within 10 min");
    CHECK_FALSE(board.escalate(t0 + 30 * kMin).any());
}

TEST_CASE("alert board: more than three tickets of one category with one kind make one card; acknowledging or "
          "resolving the card steps every ticket's incident") {
    AlertBoard board(10);
    auto waits = longWaits("A", 5);
    auto other = alert("slow_window", "window:3");
    std::vector<forecast::Alert> active = waits;
    active.push_back(other);
    open(board, active, t0);
    const auto cards = board.cards(active);
    REQUIRE(cards.size() == 2);
    const std::string card = cards[0].key;
    CHECK(card == "group|long_wait|A");
    CHECK(board.stateOf(card).count == 5);
    CHECK(board.stateOf(card).actionable);
    CHECK(board.stateOf(card).acknowledgedBy.empty());

    // One member acknowledged on its own: the card is not acknowledged by anyone yet.
    board.acknowledge(waits[0].key, "李雷", t0 + kMin);
    CHECK(board.stateOf(card).acknowledgedBy.empty());
    BoardChanges ch = board.acknowledge(card, "王芳", t0 + 2 * kMin);
    CHECK(ch.steps.size() == 4);  // the other four
    for (const auto& s : ch.steps) CHECK(s.who == "王芳");
    CHECK(board.stateOf(card).acknowledgedBy == "李雷");  // the first member's
    CHECK(board.stateOf(card).acknowledgedAt == t0 + 2 * kMin);

    ch = board.resolve(card, "王芳", "Opened another window", t0 + 3 * kMin);
    CHECK(ch.steps.size() == 5);
    const auto after = board.cards(active);
    REQUIRE(after.size() == 1);
    CHECK(after[0].key == other.key);
}

TEST_CASE("alert board: three tickets of a category stay three cards") {
    AlertBoard board(10);
    auto waits = longWaits("B", 3);
    open(board, waits, t0);
    const auto cards = board.cards(waits);
    REQUIRE(cards.size() == 3);
    CHECK(board.stateOf(cards[0].key).count == 1);
    CHECK(board.stateOf("complaint|7").actionable == false);  // a card the board does not own
}

namespace {

forecast::Alert waits(std::vector<std::string> tickets, forecast::Severity severity) {
    forecast::Alert a = alert("waits", "category:A");
    a.severity = severity;
    for (const auto& t : tickets) {
        forecast::Member m;
        m.ticket = t;
        m.waitedMs = 22 * kMin;
        a.members.push_back(m);
    }
    a.longestWaitMs = 22 * kMin;
    a.messageEn = std::to_string(tickets.size()) + " customers";
    return a;
}

forecast::WatchChanges updated(std::vector<forecast::Alert> alerts) {
    forecast::WatchChanges c;
    c.updated = std::move(alerts);
    return c;
}

}  // namespace

TEST_CASE("alert board: a situation is one incident; its members join and leave, its figures follow, and it worsens "
          "once per level, asking for an acknowledgement again") {
    AlertBoard board(10);
    open(board, {waits({"A001", "A002"}, forecast::Severity::Warning)}, t0);
    CHECK(board.stateOf("waits|category:A").count == 2);
    REQUIRE_FALSE(board.acknowledge("waits|category:A", "王芳", t0 + kMin).steps.empty());

    BoardChanges ch = board.apply(updated({waits({"A002", "A003", "A004"}, forecast::Severity::Warning)}), t0 + 2 * kMin);
    CHECK(ch.raised.empty());
    CHECK(ch.steps.empty());  // same level: figures only
    REQUIRE(ch.updates.size() == 1);
    const auto& u = ch.updates[0];
    CHECK(u.incident == 100);
    CHECK(u.joined == std::vector<std::string>{"A003", "A004"});
    CHECK(u.left == std::vector<std::string>{"A001"});
    CHECK(u.severity == "warning");
    CHECK(u.figures == "members=3 past_limit=0 longest_wait_min=22");
    CHECK(board.stateOf("waits|category:A").count == 3);
    CHECK(board.stateOf("waits|category:A").acknowledgedBy == "王芳");

    // Worse: one "worsened" step, the acknowledgement no longer stands, the escalation clock starts again.
    ch = board.apply(updated({waits({"A002", "A003", "A004"}, forecast::Severity::Alarm)}), t0 + 3 * kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].step == "worsened");
    CHECK(ch.steps[0].note == "warning -> alarm");
    CHECK(board.stateOf("waits|category:A").acknowledgedBy.empty());
    CHECK(board.escalate(t0 + 12 * kMin).steps.empty());
    CHECK(board.escalate(t0 + 13 * kMin).steps.size() == 1);
    // Better, then worse again to the same level: no new step.
    board.apply(updated({waits({"A002"}, forecast::Severity::Warning)}), t0 + 14 * kMin);
    CHECK(board.apply(updated({waits({"A002", "A005"}, forecast::Severity::Alarm)}), t0 + 15 * kMin).steps.empty());
}

TEST_CASE("alert board: an alarm that must be answered stays on the panel after its condition ended until a manager "
          "acknowledges it; resolving it asks what was done") {
    AlertBoard board(10);
    auto stuck = alert("slow_window", "window:3");
    stuck.messageEn = "Window 3 has been on A012 for 30 min: probably a stuck transaction";
    auto paper = alert("device", "device:1");
    auto breach = waits({"A001"}, forecast::Severity::Alarm);
    open(board, {stuck, paper, breach}, t0);

    BoardChanges ch = board.apply(cleared({stuck, paper, breach}), t0 + 20 * kMin);
    CHECK(ch.steps.size() == 3);  // each incident says its condition ended
    CHECK(board.awaitingAcknowledgement() == 2);  // the wait situation ended by itself: nothing to answer
    auto cards = board.cards({});
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].key == "device|device:1");
    CHECK(cards[1].key == "slow_window|window:3");
    CHECK_THAT(cards[1].messageEn, Catch::StartsWith("(Ended, to be acknowledged) Window 3"));
    CHECK(cards[1].severity == forecast::Severity::Alarm);
    CHECK(board.stateOf("slow_window|window:3").actionable);

    // Nobody answers: it escalates like any open alarm.
    auto esc = board.escalate(t0 + 25 * kMin);
    CHECK(esc.steps.size() == 2);
    CHECK(board.escalate(t0 + 30 * kMin).steps.empty());

    ch = board.acknowledge("slow_window|window:3", "王芳", t0 + 31 * kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].step == "acknowledged");
    CHECK(ch.steps[0].incident == 100);
    CHECK(ch.steps[0].who == "王芳");
    CHECK(board.cards({}).size() == 1);

    CHECK_FALSE(board.resolve("device|device:1", "王芳", "", t0 + 32 * kMin).any());  // what was done?
    ch = board.resolve("device|device:1", "王芳", "换了纸", t0 + 32 * kMin);
    REQUIRE(ch.steps.size() == 1);
    CHECK(ch.steps[0].step == "resolved");
    CHECK(ch.steps[0].note == "换了纸");
    CHECK(board.cards({}).empty());
    CHECK(board.awaitingAcknowledgement() == 0);
}

TEST_CASE("alert board: an alarm acknowledged before its condition ended goes when it ends") {
    AlertBoard board(10);
    auto stuck = alert("slow_window", "window:3");
    open(board, {stuck}, t0);
    board.acknowledge(stuck.key, "王芳", t0 + kMin);
    board.apply(cleared({stuck}), t0 + 5 * kMin);
    CHECK(board.cards({}).empty());
    CHECK(board.awaitingAcknowledgement() == 0);
}

TEST_CASE("alert board: an alarm the shell raised (the only port down) is a card like any other, first on the "
          "panel; ended unanswered, it stays until acknowledged") {
    AlertBoard board(10);
    forecast::Alert port = alert("link_down", "port:counter");
    port.messageEn = "Port counter is down";
    board.hold(port, 7, t0);
    open(board, {alert("slow_window", "window:3")}, t0);
    auto cards = board.cards({alert("slow_window", "window:3")});
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].key == "link_down|port:counter");  // never "no alerts" while the port is down
    CHECK(board.stateOf(cards[0].key).actionable);
    auto esc = board.escalate(t0 + 10 * kMin);
    CHECK(esc.steps.size() == 2);
    CHECK(esc.steps[0].incident == 7);

    board.release("link_down|port:counter");
    cards = board.cards({});
    REQUIRE(cards.size() == 1);
    CHECK_THAT(cards[0].messageEn, Catch::StartsWith("(Ended, to be acknowledged) Port counter is down"));
    auto ack = board.acknowledge("link_down|port:counter", "王芳", t0 + 11 * kMin);
    REQUIRE(ack.steps.size() == 1);
    CHECK(ack.steps[0].incident == 7);
    CHECK(board.cards({}).empty());

    // Acknowledged while down: gone when the port is back.
    board.hold(port, 8, t0 + 20 * kMin);
    board.acknowledge(port.key, "王芳", t0 + 21 * kMin);
    board.release(port.key);
    CHECK(board.cards({}).empty());
}
