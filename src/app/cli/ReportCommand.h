// lobbywatch report: the branch head's report of a range of business days as CSV, JSON or PDF.
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace lw::app {

// lobbywatch report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json|pdf --out FILE [--lang zh_CN|en]
// Returns the exit code.
int reportCommand(const QCommandLineParser& cli, const kiosk::KioskConfig& config);

}  // namespace lw::app
