// lobbywatch complaint ...: the complaint register on the command line, around the complaint core (src/complaint).
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addComplaintOptions(QCommandLineParser& cli);
bool isComplaintCommand(const QStringList& args);
int complaintCommand(const QCommandLineParser& cli, const QStringList& args, const kiosk::KioskConfig& config);
// `complaint form|notice|receipt ...`: it writes a PDF, so the application must be a GUI one (fonts).
bool complaintPrintsPaper(int argc, char** argv);

}  // namespace lw::app
