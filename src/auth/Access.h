// Who may do what at the kiosk, and the PIN keypad's rules: lockout after wrong PINs, sign-out when idle.
// Plain C++: no Qt, no clock reads (time passed in). Checking a PIN against its salted hash is the shell's job
// (kiosk/PinHash); this decides what the answer means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lw::auth {

using TimeMs = std::int64_t;

// Lobby manager (大堂经理), branch head (网点负责人), the branch's complaint officer (投诉管理人).
enum class Role { Manager, Head, Officer };
const char* toString(Role role);  // "manager" | "head" | "officer"
std::optional<Role> roleFrom(const std::string& word);

// The privileged actions. The branch head may do everything; the complaint officer what a manager may at the
// keypad (acknowledge, resolve) and the customers' contacts in the complaint register, not thresholds or reports.
enum class Action {
    Acknowledge,       // an alert: "I have seen it, I am on it"
    Resolve,           // an alert, with a note of what was done
    ChangeThresholds,  // a category's target, warning and limit
    ViewReports,       // the Reports screen
    ViewContacts,      // customers' contact details in the complaint register
};
const char* toString(Action action);
bool allowed(Role role, Action action);

// A new PIN: 4 to 8 digits, not one digit repeated, not a run like 1234 or 9876. nullopt when acceptable, else
// why not (in words a manager understands).
std::optional<std::string> checkNewPin(const std::string& pin);

struct KeypadSettings {
    int maxTries = 5;                // wrong PINs in a row before the keypad locks
    TimeMs lockoutMs = 5 * 60'000;   // how long it stays locked
    TimeMs idleMs = 3 * 60'000;      // a signed-in manager is signed out after this long without a touch
};

struct SignedIn {
    std::string name;
    Role role = Role::Manager;
    TimeMs since = 0;
    TimeMs lastTouch = 0;
};

// The keypad on the manager's screen: one per screen, whoever types on it.
class Keypad {
public:
    explicit Keypad(KeypadSettings settings = {});

    enum class Outcome {
        SignedIn,    // the PIN was right
        WrongPin,    // wrong; triesLeft() more before the lock
        LockedNow,   // wrong, and that was the last try: locked until lockedUntil()
        StillLocked  // the keypad is locked; the PIN was not even looked at
    };
    // `pinRight`: the shell's verdict on the PIN typed for `name`. Call locked() first: while locked, the shell
    // should not spend time hashing (attempt() returns StillLocked whatever pinRight says).
    Outcome attempt(const std::string& name, Role role, bool pinRight, TimeMs now);
    // A PIN typed elsewhere (the phone page) for the same staff: it counts toward this keypad's lockout (a wrong
    // one here and there adds up) and a right one resets the count, but nobody is signed in on this screen and a
    // lock does not sign out who is (they are at the screen). Outcome::SignedIn means "the PIN was right".
    Outcome attemptElsewhere(bool pinRight, TimeMs now);
    bool locked(TimeMs now) const { return now < lockedUntil_; }
    TimeMs lockedUntil() const { return lockedUntil_; }
    int triesLeft() const { return settings_.maxTries - wrongInARow_; }

    // The signed-in manager, if any (nullopt once idle for idleMs: call expire() to end it).
    const std::optional<SignedIn>& who() const { return who_; }
    // A touch on the screen by the signed-in manager: keeps the session.
    void touch(TimeMs now);
    // Ends the session when idle too long; true when it ended now.
    bool expire(TimeMs now);
    void signOut() { who_.reset(); }
    // May the signed-in manager do this now? (false when nobody is signed in or the session idled out)
    bool may(Action action, TimeMs now) const;

private:
    KeypadSettings settings_;
    int wrongInARow_ = 0;
    TimeMs lockedUntil_ = 0;
    std::optional<SignedIn> who_;
};

}  // namespace lw::auth
