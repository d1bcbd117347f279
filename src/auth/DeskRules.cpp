// The manager's desk as rules: sign-in, lockout, idle sign-out, privileged actions, and what the keypad says.
#include "auth/DeskRules.h"

namespace lw::auth {

DeskRules::DeskRules(KeypadSettings settings) : settings_(settings), keypad_(settings) {}

DeskOutcome DeskRules::signIn(const std::string& name, std::optional<Role> role, bool pinRight, TimeMs now) {
    DeskOutcome out;
    out.changed = true;
    if (keypad_.locked(now)) return out;  // says until when
    const bool right = role.has_value() && pinRight;
    const int tries = settings_.maxTries;
    switch (keypad_.attempt(name, role.value_or(Role::Manager), right, now)) {
    case Keypad::Outcome::SignedIn:
        out.actions.push_back({name, "sign_in", "", toString(*role)});
        clearMessage();
        break;
    case Keypad::Outcome::WrongPin:
        out.actions.push_back({name, "sign_in_failed", "", std::to_string(keypad_.triesLeft()) + " tries left"});
        messageZh_ = "PIN 错误，还可再试 " + std::to_string(keypad_.triesLeft()) + " 次";
        messageEn_ = "Wrong PIN: " + std::to_string(keypad_.triesLeft()) + " more tries";
        break;
    case Keypad::Outcome::LockedNow: {
        const std::string minutes = std::to_string(settings_.lockoutMs / 60'000);
        out.actions.push_back({name, "keypad_locked", "", std::to_string(tries) + " wrong PINs in a row"});
        // The branch head should know someone tried PINs; one incident per lock.
        out.incident = DeskIncident{
            "管理屏连续 " + std::to_string(tries) + " 次输错 PIN，键盘锁定 " + minutes + " 分钟（最后尝试的姓名：" + name + "）",
            std::to_string(tries) + " wrong PINs in a row on the manager's screen; keypad locked for " + minutes +
                " min (last name tried: " + name + ")"};
        break;
    }
    case Keypad::Outcome::StillLocked: break;
    }
    out.done = right && keypad_.who().has_value();
    return out;
}

DeskOutcome DeskRules::signInElsewhere(const std::string& name, std::optional<Role> role, bool pinRight, TimeMs now,
                                       const std::string& where) {
    DeskOutcome out;
    if (keypad_.locked(now)) return out;
    const bool right = role.has_value() && pinRight;
    const int tries = settings_.maxTries;
    switch (keypad_.attemptElsewhere(right, now)) {
    case Keypad::Outcome::SignedIn:
        out.actions.push_back({name, "sign_in", "", std::string(toString(*role)) + " via " + where});
        out.done = true;
        break;
    case Keypad::Outcome::WrongPin:
        out.actions.push_back({name, "sign_in_failed", "", std::to_string(keypad_.triesLeft()) + " tries left, via " + where});
        break;
    case Keypad::Outcome::LockedNow: {
        const std::string minutes = std::to_string(settings_.lockoutMs / 60'000);
        out.actions.push_back({name, "keypad_locked", "", std::to_string(tries) + " wrong PINs in a row, the last via " + where});
        out.incident = DeskIncident{
            "连续 " + std::to_string(tries) + " 次输错 PIN（最后一次来自" + where + "），管理屏与手机登录锁定 " + minutes +
                " 分钟（最后尝试的姓名：" + name + "）",
            std::to_string(tries) + " wrong PINs in a row (the last via " + where + "); the manager's screen and the phone page are locked for " +
                minutes + " min (last name tried: " + name + ")"};
        out.changed = true;  // the screen shows the lock
        break;
    }
    case Keypad::Outcome::StillLocked: break;
    }
    return out;
}

DeskOutcome DeskRules::signOut(const std::string& why) {
    DeskOutcome out;
    if (!keypad_.who()) return out;
    out.actions.push_back({keypad_.who()->name, why, "", ""});
    keypad_.signOut();
    out.done = out.changed = true;
    return out;
}

DeskOutcome DeskRules::expire(TimeMs now) {
    DeskOutcome out;
    if (!keypad_.who()) return out;
    const std::string who = keypad_.who()->name;
    if (!keypad_.expire(now)) return out;
    out.actions.push_back({who, "idle_sign_out", "", std::to_string(settings_.idleMs / 60'000) + " min without a touch"});
    out.done = out.changed = true;
    return out;
}

DeskOutcome DeskRules::may(Action action, TimeMs now, bool sayWhy) {
    DeskOutcome out;
    if (!keypad_.may(action, now)) {
        if (!sayWhy) return out;
        if (action == Action::ViewReports) {
            messageZh_ = "报表需要网点负责人登录";
            messageEn_ = "Reports need the branch head signed in";
        } else {
            messageZh_ = "请先登录";
            messageEn_ = "Sign in first";
        }
        out.changed = true;
        return out;
    }
    keypad_.touch(now);
    out.done = true;
    return out;
}

void DeskRules::refuseThresholds() {
    messageZh_ = "阈值须满足 1 ≤ 目标 ≤ 预警 ≤ 上限 ≤ 600 分钟";
    messageEn_ = "Thresholds must be 1 ≤ target ≤ warning ≤ limit ≤ 600 min";
}

void DeskRules::clearMessage() {
    messageZh_.clear();
    messageEn_.clear();
}

DeskView DeskRules::view(TimeMs now, bool hasStaff) const {
    DeskView d;
    if (keypad_.who()) {
        d.signedIn = true;
        d.who = keypad_.who()->name;
        d.role = toString(keypad_.who()->role);
    }
    d.keypadLocked = keypad_.locked(now);
    if (d.keypadLocked) {
        const std::string minutes = std::to_string((keypad_.lockedUntil() - now + 59'999) / 60'000);
        d.messageZh = "PIN 连续输错，键盘已锁定，约 " + minutes + " 分钟后再试";
        d.messageEn = "Too many wrong PINs: locked, try again in about " + minutes + " min";
    } else {
        d.messageZh = messageZh_;
        d.messageEn = messageEn_;
    }
    if (!hasStaff) {
        d.messageZh = "尚未设置管理人员：lobbywatch staff add 姓名 --role manager";
        d.messageEn = "No staff yet: lobbywatch staff add NAME --role manager";
    }
    return d;
}

}  // namespace lw::auth
