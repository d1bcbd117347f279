// Running the kiosk: the screens (or --headless), the clock, the log opened (a damaged one moved aside), the
// screenshots (--screenshot FILE.png or DIR), until stopped (SIGINT/SIGTERM) or --quit-after-sim-min.
#pragma once

#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace lw::app {

// Returns the exit code. `application` is a QGuiApplication unless `headless`.
int runKiosk(QCoreApplication& application, const QCommandLineParser& cli, const kiosk::KioskConfig& config, bool headless);

}  // namespace lw::app
