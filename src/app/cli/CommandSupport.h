// Steps the subcommands share: messages and exit codes, the config and the log opened, the PIN read, the estimates
// audit written, report totals kept afterwards.
#pragma once

#include "kiosk/Audit.h"
#include "store/EventStore.h"
#include "kiosk/KioskConfig.h"

#include <QCommandLineParser>
#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace lw::app {

// What every subcommand's own file uses (`using namespace command;`).
namespace command {

constexpr int kExitUsage = 2;

// Says `message` on stderr ("lobbywatch: ...") and returns `code` (the exit code).
int fail(int code, const std::string& message);
// The default event log: the user's data directory/lobbywatch.db.
QString defaultDatabase();
// The log at `path`, or nullptr with the reason said and `exitCode` set.
std::unique_ptr<store::EventStore> openStore(const QString& path, const lobby::LobbyConfig& config, int& exitCode,
                                            store::EventStore::Check check = store::EventStore::Check::Full,
                                            store::EventStore::Access access = store::EventStore::Access::Write);
// Reads --config if given, then applies the command line's overrides.
bool loadConfig(const QCommandLineParser& cli, kiosk::KioskConfig& config, int& exitCode);
// A business day written YYYY-MM-DD that exists in the calendar.
bool isDay(const QString& text);
// A PIN from standard input: on a terminal asked twice without echo, else the first line (scripts, tests).
std::optional<std::string> readPin(std::string& error);
// Who ran a command, for the audit rows: "os:NAME".
std::string osUser();

}  // namespace command

// Writes the audit to `path` and says so on stderr; false (with the reason on stderr) when it cannot.
bool writeAudit(const kiosk::Audit& audit, const QString& path);
// After an import or a replay: the report totals of the closed days in the log that lack them, so that the
// first report of a long range is as fast as the next.
void keepTotalsAfterWriting(store::EventStore& store, const kiosk::KioskConfig& config);

}  // namespace lw::app
