// lobbywatch archive [--to DIR] [--keep-years N | --before YYYY-MM-DD]  (with --db FILE or --config FILE)
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addRetentionOptions(QCommandLineParser& cli);
bool isRetentionCommand(const QStringList& args);
int retentionCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);

}  // namespace lw::app
