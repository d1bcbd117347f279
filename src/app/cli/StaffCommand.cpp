// lobbywatch staff add|remove|list: who may sign in on the manager's screen (PIN hashes only).
#include "app/cli/StaffCommand.h"

#include "app/cli/CommandSupport.h"
#include "auth/Access.h"
#include "lobby/LocalTime.h"
#include "kiosk/PinHash.h"

#include <QDateTime>

#include <algorithm>
#include <cstdio>

namespace lw::app {

using namespace command;

int staffCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config) {
    int exitCode = 0;
    const QString verb = args.value(1);
    if (!((verb == "list" && args.size() == 2) || ((verb == "add" || verb == "remove") && args.size() == 3)))
        return fail(kExitUsage, "expected 'staff add NAME --role manager|head|officer', 'staff remove NAME' or 'staff list'");
    auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode, store::EventStore::Check::Full,
                           verb == "list" ? store::EventStore::Access::Read : store::EventStore::Access::Write);
    if (!store) return exitCode;
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    if (verb == "list") {
        for (const auto& m : store->staff())
            std::printf("%-8s %s (PIN set %s)\n", m.role.c_str(), m.name.c_str(),
                        lobby::formatLocalTime(m.changedAt, config.lobby.utcOffsetMinutes).substr(0, 16).c_str());
        return 0;
    }
    const std::string name = args[2].trimmed().toStdString();
    if (verb == "remove") {
        const auto all = store->staff();
        if (std::none_of(all.begin(), all.end(), [&](const auto& m) { return m.name == name; }))
            return fail(1, "no staff member named '" + name + "'");
        auto e = store->atomically([&]() -> std::optional<std::string> {
            if (!store->removeStaff(name)) return std::string("not removed");
            return store->recordAction({now, osUser(), "staff_removed", "staff:" + name, ""});
        });
        if (e) return fail(1, "cannot remove the staff member (nothing was changed): " + *e);
        std::printf("removed %s\n", name.c_str());
        return 0;
    }
    // Counted in characters (a Chinese name of 14 is 42 bytes); no control or invisible formatting character: a
    // right-to-left override shows the name as another on the keypad, the phone page and the chat robots' messages.
    const QList<uint> chars = args[2].trimmed().toUcs4();
    const bool hidden = std::any_of(chars.begin(), chars.end(), [](uint c) {
        const QChar::Category k = QChar::category(static_cast<char32_t>(c));
        return k == QChar::Other_Control || k == QChar::Other_Format;
    });
    if (chars.isEmpty() || chars.size() > 40 || hidden)
        return fail(kExitUsage, "staff add: a name is 1-40 characters, without control or invisible formatting characters "
                                "(such as a right-to-left override)");
    auto role = auth::roleFrom(cli.value("role").toStdString());
    if (!role) return fail(kExitUsage, "staff add: give --role manager, head or officer");
    std::string error;
    auto pin = readPin(error);
    if (!pin) return fail(kExitUsage, "staff add: " + error);
    if (auto why = auth::checkNewPin(*pin)) return fail(kExitUsage, "staff add: " + *why + "; nothing changed");
    bool existed = false;
    for (const auto& m : store->staff()) existed = existed || m.name == name;
    kiosk::PinHash h = kiosk::hashPin(*pin);
    store::StaffMember m{name, auth::toString(*role), h.algorithm, h.iterations, h.salt, h.hash, now};
    auto e = store->atomically([&]() -> std::optional<std::string> {
        if (auto refused = store->putStaff(m)) return refused;
        return store->recordAction({now, osUser(), existed ? "staff_changed" : "staff_added", "staff:" + name, auth::toString(*role)});
    });
    if (e) return fail(1, "cannot store the staff member (nothing was changed): " + *e);
    std::printf("%s %s as %s\n", existed ? "changed" : "added", name.c_str(), auth::toString(*role));
    return 0;
}

}  // namespace lw::app
