// Roles, PIN rules, lockout after wrong PINs and idle sign-out: the keypad's rules with time passed in.
#include "auth/Access.h"

#include <catch2/catch.hpp>

using namespace lw::auth;

TEST_CASE("a manager acknowledges and resolves; only the branch head sees reports and contacts") {
    CHECK(allowed(Role::Manager, Action::Acknowledge));
    CHECK(allowed(Role::Manager, Action::Resolve));
    CHECK(allowed(Role::Manager, Action::ChangeThresholds));
    CHECK_FALSE(allowed(Role::Manager, Action::ViewReports));
    CHECK_FALSE(allowed(Role::Manager, Action::ViewContacts));
    CHECK(allowed(Role::Head, Action::ViewReports));
    CHECK(allowed(Role::Head, Action::ViewContacts));
    CHECK(roleFrom("head") == Role::Head);
    CHECK(roleFrom("manager") == Role::Manager);
    CHECK_FALSE(roleFrom("admin"));
    // The complaint officer: contacts in the complaint register, alerts like a manager; no thresholds, no reports.
    CHECK(roleFrom("officer") == Role::Officer);
    CHECK(std::string(toString(Role::Officer)) == "officer");
    CHECK(allowed(Role::Officer, Action::ViewContacts));
    CHECK(allowed(Role::Officer, Action::Acknowledge));
    CHECK_FALSE(allowed(Role::Officer, Action::ChangeThresholds));
    CHECK_FALSE(allowed(Role::Officer, Action::ViewReports));
}

TEST_CASE("a new PIN is 4-8 digits and not trivially guessable") {
    CHECK_FALSE(checkNewPin("2580"));
    CHECK_FALSE(checkNewPin("73914682"));
    CHECK(checkNewPin("123"));
    CHECK(checkNewPin("123456789"));
    CHECK(checkNewPin("12a4"));
    CHECK(checkNewPin("0000"));
    CHECK(checkNewPin("1234"));
    CHECK(checkNewPin("98765"));
    CHECK(checkNewPin(""));
}

TEST_CASE("five wrong PINs in a row lock the keypad for the lockout time, then five more tries") {
    Keypad k({5, 300'000, 180'000});
    TimeMs t = 1'000'000;
    for (int i = 0; i < 4; ++i) {
        CHECK(k.attempt("wang", Role::Manager, false, t + i) == Keypad::Outcome::WrongPin);
        CHECK(k.triesLeft() == 4 - i);
    }
    CHECK(k.attempt("wang", Role::Manager, false, t + 10) == Keypad::Outcome::LockedNow);
    CHECK(k.locked(t + 10));
    CHECK(k.lockedUntil() == t + 10 + 300'000);
    // The right PIN while locked does not sign in.
    CHECK(k.attempt("wang", Role::Manager, true, t + 299'000) == Keypad::Outcome::StillLocked);
    CHECK_FALSE(k.who());
    CHECK(k.locked(t + 300'009));
    CHECK_FALSE(k.locked(t + 300'010));
    CHECK(k.triesLeft() == 5);
    CHECK(k.attempt("wang", Role::Manager, true, t + 300'010) == Keypad::Outcome::SignedIn);
    REQUIRE(k.who());
    CHECK(k.who()->name == "wang");
}

TEST_CASE("a right PIN resets the count of wrong ones") {
    Keypad k;
    for (int i = 0; i < 4; ++i) k.attempt("li", Role::Manager, false, i);
    CHECK(k.attempt("li", Role::Manager, true, 10) == Keypad::Outcome::SignedIn);
    k.signOut();
    for (int i = 0; i < 4; ++i) CHECK(k.attempt("li", Role::Manager, false, 20 + i) == Keypad::Outcome::WrongPin);
    CHECK_FALSE(k.locked(30));
}

TEST_CASE("an idle session ends; touches keep it; nothing is allowed once idle") {
    Keypad k({5, 300'000, 180'000});
    k.attempt("zhao", Role::Head, true, 0);
    CHECK(k.may(Action::ViewReports, 179'999));
    k.touch(170'000);
    CHECK_FALSE(k.expire(300'000));
    CHECK(k.may(Action::Resolve, 349'999));
    CHECK_FALSE(k.may(Action::Resolve, 350'000));  // idle: no action even before expire() ran
    k.touch(360'000);                               // a touch after the idle time does not revive it
    CHECK(k.expire(360'000));
    CHECK_FALSE(k.who());
    CHECK_FALSE(k.may(Action::Acknowledge, 360'001));
}

TEST_CASE("a manager signed in may not open the reports") {
    Keypad k;
    k.attempt("wang", Role::Manager, true, 0);
    CHECK(k.may(Action::Acknowledge, 1));
    CHECK_FALSE(k.may(Action::ViewReports, 1));
}
