// lobbywatch central init|migrate|add-branch|ship, and report --central: the link to the bank's central PostgreSQL.
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addCentralOptions(QCommandLineParser& cli);
bool isCentralCommand(const QStringList& args);
int centralCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);
// report --central URL [--branch ID ... | --region R] --from --to --format --out
int centralReportCommand(const QCommandLineParser& cli, const kiosk::KioskConfig& config);

}  // namespace lw::app
