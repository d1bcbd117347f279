// The manager's desk as rules: signing in on the keypad, its lockout, idle sign-out, and who may do a privileged
// action now; what the keypad says after each try (both languages); which staff actions and incidents follow.
// Plain C++: no Qt, no clock reads (real, monotonic time passed in). The shell checks PINs and stores the rows.
#pragma once

#include "auth/Access.h"

#include <optional>
#include <string>
#include <vector>

namespace lw::auth {

// A row for the log's staff actions table (the time is the shell's: the kiosk's clock, not the keypad's).
struct DeskAction {
    std::string who, action, subject, detail;
};

// A keypad_locked incident to raise.
struct DeskIncident {
    std::string zh, en;
};

struct DeskOutcome {
    bool done = false;                     // signed in / allowed / changed
    std::vector<DeskAction> actions;       // to record, in order
    std::optional<DeskIncident> incident;  // to raise
    bool changed = false;                  // the desk's view changed (publish it)
};

// What the screen shows of the desk.
struct DeskView {
    bool signedIn = false;
    std::string who, role;
    bool keypadLocked = false;
    std::string messageZh, messageEn;
};

class DeskRules {
public:
    explicit DeskRules(KeypadSettings settings);

    // A PIN typed for `name`: `role` is the staff member's (nullopt: no such member), `pinRight` the shell's check.
    DeskOutcome signIn(const std::string& name, std::optional<Role> role, bool pinRight, TimeMs now);
    // A PIN typed for `name` on another device (`where`: "phone 192.168.1.31"), counted with the keypad's own tries
    // and locked by the same lock. Nobody is signed in on the screen: `done` says the PIN was right (the device keeps
    // its own session). The actions and the lock's incident say where it was typed; the screen's message stays.
    DeskOutcome signInElsewhere(const std::string& name, std::optional<Role> role, bool pinRight, TimeMs now,
                                const std::string& where);
    int triesLeft() const { return keypad_.triesLeft(); }
    TimeMs lockedUntil() const { return keypad_.lockedUntil(); }
    // `why`: "sign_out" (tapped) or another action word. Nothing when nobody is signed in.
    DeskOutcome signOut(const std::string& why);
    // The idle sign-out, checked each second.
    DeskOutcome expire(TimeMs now);
    // Is someone signed in who may do `action` now? If so it counts as a touch; if not the keypad says "sign in
    // first" (or, for reports, that they need the branch head) and the outcome is not done. `sayWhy` false: the
    // caller says why itself (a form's own answer), the keypad's message stays.
    DeskOutcome may(Action action, TimeMs now, bool sayWhy = true);
    void touch(TimeMs now) { keypad_.touch(now); }
    // Thresholds refused (out of order or range): says the rule.
    void refuseThresholds();
    void clearMessage();

    bool locked(TimeMs now) const { return keypad_.locked(now); }
    const std::optional<SignedIn>& who() const { return keypad_.who(); }
    // `hasStaff`: false says how to add the first member of staff.
    DeskView view(TimeMs now, bool hasStaff) const;

private:
    KeypadSettings settings_;
    Keypad keypad_;
    std::string messageZh_, messageEn_;
};

}  // namespace lw::auth
