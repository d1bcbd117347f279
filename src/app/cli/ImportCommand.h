// lobbywatch import EVENTS.csv --db FILE: an event history from another system into the log, whole or not at all.
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

namespace lw::app {

// Exit codes of the import (README, "Importing history").
constexpr int kImportDone = 0;      // every good row is in the log (new, or already there)
constexpr int kImportFailed = 1;    // the file or the log could not be read or written
constexpr int kImportRefused = 3;   // the file was refused (empty, not text, not UTF-8, header, too many bad rows)

// The import's own options, for the command line parser.
QList<QCommandLineOption> importOptions();
int importCommand(const QCommandLineParser& cli, const QString& file, const kiosk::KioskConfig& config);

}  // namespace lw::app
