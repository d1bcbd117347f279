// The manager's desk without a window: sign-in, wrong PINs, the lockout and its incident, idle sign-out, who may
// do what, and what the keypad says.
#include "auth/DeskRules.h"

#include <catch2/catch.hpp>

using namespace lw::auth;

namespace {

constexpr TimeMs kMin = 60'000;

DeskRules desk() { return DeskRules(KeypadSettings{5, 10 * kMin, 3 * kMin}); }

}  // namespace

TEST_CASE("desk: a right PIN signs in and is recorded; the view says who and the role") {
    DeskRules d = desk();
    DeskOutcome o = d.signIn("王芳", Role::Manager, true, 1000);
    CHECK(o.done);
    REQUIRE(o.actions.size() == 1);
    CHECK(o.actions[0].who == "王芳");
    CHECK(o.actions[0].action == "sign_in");
    CHECK(o.actions[0].detail == "manager");
    CHECK_FALSE(o.incident);
    DeskView v = d.view(2000, true);
    CHECK(v.signedIn);
    CHECK(v.who == "王芳");
    CHECK(v.role == "manager");
    CHECK(v.messageEn.empty());
}

TEST_CASE("desk: an unknown name never signs in, even with pinRight") {
    DeskRules d = desk();
    DeskOutcome o = d.signIn("nobody", std::nullopt, true, 1000);
    CHECK_FALSE(o.done);
    REQUIRE(o.actions.size() == 1);
    CHECK(o.actions[0].action == "sign_in_failed");
    CHECK_FALSE(d.view(1000, true).signedIn);
}

TEST_CASE("desk: wrong PINs say the tries left; the fifth locks the keypad with one incident; the right PIN then "
          "fails until the lockout ends") {
    DeskRules d = desk();
    for (int i = 1; i <= 4; ++i) {
        DeskOutcome o = d.signIn("王芳", Role::Manager, false, i * 1000);
        CHECK_FALSE(o.done);
        CHECK_FALSE(o.incident);
        CHECK(o.actions.at(0).detail == std::to_string(5 - i) + " tries left");
        CHECK(d.view(i * 1000, true).messageEn == "Wrong PIN: " + std::to_string(5 - i) + " more tries");
    }
    DeskOutcome locked = d.signIn("王芳", Role::Manager, false, 5000);
    REQUIRE(locked.incident);
    CHECK(locked.incident->en.find("5 wrong PINs in a row") != std::string::npos);
    CHECK(locked.incident->en.find("locked for 10 min") != std::string::npos);
    CHECK(locked.incident->en.find("王芳") != std::string::npos);
    CHECK(locked.actions.at(0).action == "keypad_locked");
    CHECK(d.locked(5000 + 10 * kMin - 1));
    DeskView v = d.view(5000, true);
    CHECK(v.keypadLocked);
    CHECK(v.messageEn == "Too many wrong PINs: locked, try again in about 10 min");

    DeskOutcome still = d.signIn("王芳", Role::Manager, true, 6000);
    CHECK_FALSE(still.done);
    CHECK(still.actions.empty());  // a locked keypad does not even look at the PIN
    CHECK_FALSE(still.incident);
    CHECK(d.signIn("王芳", Role::Manager, true, 5000 + 10 * kMin).done);
}

TEST_CASE("desk: idle sign-out after idle_lock_min without a touch; a touch keeps the session") {
    DeskRules d = desk();
    d.signIn("王芳", Role::Manager, true, 0);
    d.touch(2 * kMin);
    CHECK_FALSE(d.expire(4 * kMin).done);
    DeskOutcome o = d.expire(5 * kMin);
    CHECK(o.done);
    REQUIRE(o.actions.size() == 1);
    CHECK(o.actions[0].action == "idle_sign_out");
    CHECK(o.actions[0].detail == "3 min without a touch");
    CHECK_FALSE(d.who());
    CHECK_FALSE(d.expire(9 * kMin).done);  // once
}

TEST_CASE("desk: a privileged action needs someone signed in who may do it; the keypad says so") {
    DeskRules d = desk();
    CHECK_FALSE(d.may(Action::Acknowledge, 0).done);
    CHECK(d.view(0, true).messageEn == "Sign in first");
    d.signIn("王芳", Role::Manager, true, 0);
    CHECK(d.view(0, true).messageEn.empty());
    CHECK(d.may(Action::Acknowledge, 1000).done);
    CHECK(d.may(Action::ChangeThresholds, 1000).done);
    CHECK_FALSE(d.may(Action::ViewReports, 1000).done);
    CHECK(d.view(1000, true).messageEn == "Reports need the branch head signed in");
    d.clearMessage();
    CHECK_FALSE(d.may(Action::ViewReports, 1000, false).done);  // the form says why itself
    CHECK(d.view(1000, true).messageEn.empty());
    // An action is a touch: the session lasts from it.
    CHECK(d.may(Action::Resolve, 2 * kMin).done);
    CHECK_FALSE(d.expire(4 * kMin).done);

    DeskOutcome out = d.signOut("sign_out");
    CHECK(out.actions.at(0).action == "sign_out");
    CHECK_FALSE(d.signOut("sign_out").done);  // nobody signed in: nothing recorded

    DeskRules head = desk();
    head.signIn("张行长", Role::Head, true, 0);
    CHECK(head.may(Action::ViewReports, 1000).done);
}

TEST_CASE("desk: thresholds refused say the rule; no staff says how to add one") {
    DeskRules d = desk();
    d.refuseThresholds();
    CHECK(d.view(0, true).messageEn == "Thresholds must be 1 ≤ target ≤ warning ≤ limit ≤ 600 min");
    CHECK(d.view(0, false).messageEn == "No staff yet: lobbywatch staff add NAME --role manager");
}

TEST_CASE("desk: PINs typed on the phone page count with the keypad's; the lock stops both; nobody signs in here") {
    DeskRules d = desk();
    // Two wrong on the screen, two wrong on a phone: one more anywhere locks.
    d.signIn("王芳", Role::Manager, false, 1000);
    d.signIn("王芳", Role::Manager, false, 2000);
    DeskOutcome o = d.signInElsewhere("王芳", Role::Manager, false, 3000, "phone 192.168.1.31");
    CHECK_FALSE(o.done);
    REQUIRE(o.actions.size() == 1);
    CHECK(o.actions[0].action == "sign_in_failed");
    CHECK(o.actions[0].detail == "2 tries left, via phone 192.168.1.31");
    d.signInElsewhere("王芳", Role::Manager, false, 4000, "phone 192.168.1.31");
    CHECK(d.triesLeft() == 1);
    o = d.signIn("王芳", Role::Manager, false, 5000);  // the fifth, at the screen
    REQUIRE(o.incident);
    CHECK(d.locked(5000));
    // Locked for the phone too, even with the right PIN; nothing is recorded for a try not even looked at.
    o = d.signInElsewhere("王芳", Role::Manager, true, 6000, "phone 192.168.1.31");
    CHECK_FALSE(o.done);
    CHECK(o.actions.empty());
    // After the lock a right PIN on the phone is right, and signs nobody in on the screen.
    o = d.signInElsewhere("王芳", Role::Manager, true, 5000 + 10 * kMin, "phone 192.168.1.31");
    CHECK(o.done);
    REQUIRE(o.actions.size() == 1);
    CHECK(o.actions[0].action == "sign_in");
    CHECK(o.actions[0].detail == "manager via phone 192.168.1.31");
    CHECK_FALSE(d.view(5000 + 10 * kMin, true).signedIn);
    CHECK(d.triesLeft() == 5);
}

TEST_CASE("desk: five wrong PINs on the phone lock the screen's keypad, with an incident saying where; the screen's "
          "session stays") {
    DeskRules d = desk();
    REQUIRE(d.signIn("Zhao Lei", Role::Head, true, 500).done);
    DeskOutcome o;
    for (int i = 0; i < 5; ++i) o = d.signInElsewhere("王芳", Role::Manager, false, 1000 + i, "phone 10.0.0.7");
    REQUIRE(o.incident);
    CHECK(o.incident->en.find("via phone 10.0.0.7") != std::string::npos);
    CHECK(o.actions.back().action == "keypad_locked");
    CHECK(d.view(2000, true).keypadLocked);
    CHECK(d.view(2000, true).who == "Zhao Lei");  // whoever is at the screen stays signed in
    // The screen's keypad is locked as well.
    CHECK_FALSE(d.signIn("Zhao Lei", Role::Head, true, 3000).done);
}

TEST_CASE("desk: an unknown name on the phone never passes, and counts as a wrong PIN") {
    DeskRules d = desk();
    DeskOutcome o = d.signInElsewhere("nobody", std::nullopt, true, 1000, "phone 10.0.0.7");
    CHECK_FALSE(o.done);
    CHECK(d.triesLeft() == 4);
}
