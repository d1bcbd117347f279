// Roles, PIN rules and the keypad's lockout and idle sign-out.
#include "auth/Access.h"

#include <algorithm>

namespace lw::auth {

const char* toString(Role role) {
    switch (role) {
    case Role::Manager: return "manager";
    case Role::Head: return "head";
    case Role::Officer: return "officer";
    }
    return "?";
}

std::optional<Role> roleFrom(const std::string& word) {
    if (word == "manager") return Role::Manager;
    if (word == "head") return Role::Head;
    if (word == "officer") return Role::Officer;
    return std::nullopt;
}

const char* toString(Action action) {
    switch (action) {
    case Action::Acknowledge: return "acknowledge";
    case Action::Resolve: return "resolve";
    case Action::ChangeThresholds: return "change_thresholds";
    case Action::ViewReports: return "view_reports";
    case Action::ViewContacts: return "view_contacts";
    }
    return "?";
}

bool allowed(Role role, Action action) {
    if (role == Role::Head) return true;
    switch (action) {
    case Action::Acknowledge:
    case Action::Resolve: return true;
    case Action::ChangeThresholds: return role == Role::Manager;
    case Action::ViewReports: return false;
    case Action::ViewContacts: return role == Role::Officer;
    }
    return false;
}

std::optional<std::string> checkNewPin(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 8) return std::string("a PIN has 4 to 8 digits");
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::string("a PIN has digits only");
    if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; }))
        return std::string("a PIN of one digit repeated is too easy to guess");
    bool up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    if (up || down) return std::string("a PIN of consecutive digits (1234, 9876) is too easy to guess");
    return std::nullopt;
}

Keypad::Keypad(KeypadSettings settings) : settings_(settings) {}

Keypad::Outcome Keypad::attempt(const std::string& name, Role role, bool pinRight, TimeMs now) {
    if (locked(now)) return Outcome::StillLocked;
    if (pinRight) {
        wrongInARow_ = 0;
        who_ = SignedIn{name, role, now, now};
        return Outcome::SignedIn;
    }
    if (++wrongInARow_ >= settings_.maxTries) {
        wrongInARow_ = 0;  // a fresh set of tries once the lock ends
        lockedUntil_ = now + settings_.lockoutMs;
        who_.reset();
        return Outcome::LockedNow;
    }
    return Outcome::WrongPin;
}

Keypad::Outcome Keypad::attemptElsewhere(bool pinRight, TimeMs now) {
    if (locked(now)) return Outcome::StillLocked;
    if (pinRight) {
        wrongInARow_ = 0;
        return Outcome::SignedIn;
    }
    if (++wrongInARow_ >= settings_.maxTries) {
        wrongInARow_ = 0;
        lockedUntil_ = now + settings_.lockoutMs;
        return Outcome::LockedNow;
    }
    return Outcome::WrongPin;
}

void Keypad::touch(TimeMs now) {
    if (who_ && now - who_->lastTouch < settings_.idleMs) who_->lastTouch = std::max(who_->lastTouch, now);
}

bool Keypad::expire(TimeMs now) {
    if (who_ && now - who_->lastTouch >= settings_.idleMs) {
        who_.reset();
        return true;
    }
    return false;
}

bool Keypad::may(Action action, TimeMs now) const {
    return who_ && now - who_->lastTouch < settings_.idleMs && allowed(who_->role, action);
}

}  // namespace lw::auth
