// lobbywatch staff add|remove|list: who may sign in on the manager's screen (PIN hashes only).
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace lw::app {

// lobbywatch staff add NAME --role manager|head | staff remove NAME | staff list  (all with --db FILE)
// Returns the exit code.
int staffCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);

}  // namespace lw::app
