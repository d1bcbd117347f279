// lobbywatch announce TICKET WINDOW [--wav FILE]: one call spoken (try the speakers) or written to a WAV file.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace lw::app {

void addAnnounceOptions(QCommandLineParser& cli);
bool isAnnounceCommand(const QStringList& args);
int announceCommand(const QCommandLineParser& cli, const QStringList& args);

}  // namespace lw::app
