// lobbywatch backup --to DIR | restore BACKUP  (with --db FILE or --config FILE)
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addBackupOptions(QCommandLineParser& cli);
bool isBackupCommand(const QStringList& args);
int backupCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);

}  // namespace lw::app
