// The command line: its description, options and positional arguments, for every subcommand.
#pragma once

#include <QCommandLineParser>

namespace lw::app {

void describeCommandLine(QCommandLineParser& cli);

}  // namespace lw::app
