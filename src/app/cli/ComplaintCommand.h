// lobbywatch complaint ...: the complaint register on the command line, around the complaint core (src/complaint).
#pragma once

#include "KioskConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addComplaintOptions(QCommandLineParser& cli);
bool isComplaintCommand(const QStringList& args);
int complaintCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);

}  // namespace lw::app
