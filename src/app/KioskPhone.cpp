// The phone page wired to the kiosk: the server started on the configured address (retried while it cannot
// listen, with an incident saying so), its sign-in counted by the manager's keypad, its acknowledge and resolve
// taken on the alert board like a tap on the screen and recorded "via" the phone.
#include "app/Kiosk.h"
#include "app/ManagerDesk.h"

#include "kiosk/PinHash.h"
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::app {

void Kiosk::startPhonePage() {
    if (!config_.phone.enabled()) return;
    phone::PhoneHooks hooks;
    hooks.staff = [this]() {
        std::vector<std::string> names;
        for (const auto& m : store_->staff()) names.push_back(m.name);
        return names;
    };
    hooks.signIn = [this](const std::string& name, const std::string& pin, const std::string& where) {
        return managerDesk_.signInElsewhere(name, pin, where);
    };
    hooks.signedOut = [this](const std::string& who, const std::string& where) { managerDesk_.signedOutElsewhere(who, where); };
    hooks.acknowledge = [this](const std::string& key, const std::string& who, const std::string& where) {
        return managerDesk_.acknowledgeElsewhere(key, who, where);
    };
    hooks.resolve = [this](const std::string& key, const std::string& who, const std::string& note, const std::string& where) {
        return managerDesk_.resolveElsewhere(key, who, note, where);
    };
    hooks.lockedForMin = [this]() { return managerDesk_.lockedForMin(); };
    hooks.language = [this]() { return language_.code(); };
    hooks.kioskTime = [this]() {
        return QString::fromStdString(lobby::formatLocalTime(clock_.now(), config_.lobby.utcOffsetMinutes).substr(11));
    };
    hooks.presets = []() {  // the notes the kiosk's resolve offers
        std::vector<std::pair<QString, QString>> out;
        for (const QVariant& v : ui::Desk::presetNotes())
            out.emplace_back(v.toMap().value("zh").toString(), v.toMap().value("en").toString());
        return out;
    };
    phone_ = std::make_unique<phone::PhoneServer>(config_.phone, std::move(hooks));
    auto listen = [this]() {
        if (phone_->start()) {
            std::fprintf(stderr, "lobbywatch: the phone page is on %s\n", phone_->url().toUtf8().constData());
            incidents_.clear(phoneIncident_);
            phoneRetry_.stop();
            return;
        }
        const std::string why = phone_->why().toStdString();
        if (!phoneIncident_) std::fprintf(stderr, "lobbywatch: the phone page %s; trying again every 30 s\n", why.c_str());
        incidents_.raise("phone_page_down", "warning", "phone", "手机页面无法启动：" + why + "（每 30 秒重试）",
                         "The phone page is not reachable: " + why + " (tried again every 30 s)", phoneIncident_);
        if (!phoneRetry_.isActive()) phoneRetry_.start(30'000);
    };
    connect(&phoneRetry_, &QTimer::timeout, this, listen);
    listen();
}

void Kiosk::showOnPhone(const std::vector<ui::AlertRow>& cards) {
    if (!phone_) return;
    std::vector<phone::PhoneCard> out;
    out.reserve(cards.size());
    for (const auto& c : cards)
        out.push_back({c.key, c.severity, c.level, c.count, c.actionable, c.acknowledgedBy, c.acknowledgedText, c.sinceText,
                       c.timeLeftMin, c.messageZh, c.messageEn, c.actionZh, c.actionEn});
    phone_->setCards(std::move(out));
}

phone::SignInAnswer ManagerDesk::signInElsewhere(const std::string& name, const std::string& pin, const std::string& where) {
    const auth::TimeMs t = realNow();
    phone::SignInAnswer a;
    if (rules_.locked(t)) {  // not even hashed
        a.locked = true;
        a.lockedForMin = lockedForMin();
        return a;
    }
    std::optional<auth::Role> role;
    bool right = false;
    for (const auto& m : p_.store.staff()) {
        if (m.name != name) continue;
        kiosk::PinHash stored{m.pinAlgorithm, m.pinIterations, m.pinSalt, m.pinHash};
        right = kiosk::pinMatches(pin, stored);
        role = auth::roleFrom(m.role).value_or(auth::Role::Manager);
    }
    const auth::DeskOutcome o = rules_.signInElsewhere(name, role, right, t, where);
    carry(o);
    a.right = o.done;
    a.role = role.value_or(auth::Role::Manager);
    a.triesLeft = rules_.triesLeft();
    a.locked = rules_.locked(t);
    a.lockedForMin = lockedForMin();
    return a;
}

int ManagerDesk::lockedForMin() const {
    const auth::TimeMs t = realNow();
    if (!rules_.locked(t)) return 0;
    return static_cast<int>((rules_.lockedUntil() - t + 59'999) / 60'000);
}

namespace {

// The board's steps as taken on the phone: the staff action says so, and an acknowledgement's step too (a
// resolution's step keeps what was done as its note).
alerts::BoardChanges via(alerts::BoardChanges changes, const std::string& where) {
    for (auto& s : changes.steps) {
        if (s.action.empty()) continue;
        s.actionDetail += " (via " + where + ")";
        if (s.note.empty()) s.note = "via " + where;
    }
    return changes;
}

}  // namespace

phone::ActAnswer ManagerDesk::acknowledgeElsewhere(const std::string& key, const std::string& who, const std::string& where) {
    return applyBoard(via(p_.board.acknowledge(key, who, p_.clock.now()), where)) ? phone::ActAnswer::Done
                                                                                  : phone::ActAnswer::Unchanged;
}

phone::ActAnswer ManagerDesk::resolveElsewhere(const std::string& key, const std::string& who, const std::string& note,
                                               const std::string& where) {
    if (note.empty()) return phone::ActAnswer::Unchanged;
    return applyBoard(via(p_.board.resolve(key, who, note, p_.clock.now()), where)) ? phone::ActAnswer::Done
                                                                                    : phone::ActAnswer::Unchanged;
}

void ManagerDesk::signedOutElsewhere(const std::string& who, const std::string& where) {
    p_.incidents.record(who, "sign_out", "", "via " + where);
}

}  // namespace lw::app
