// lobbywatch replay CAPTURE --db FILE: a capture through decoder, model and log, as fast as it goes.
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace lw::app {

// Returns the exit code.
int replay(const QCommandLineParser& cli, const QString& file, kiosk::KioskConfig config);

}  // namespace lw::app
