// Steps the subcommands share.
#include "app/cli/CommandSupport.h"

#include "lobby/LocalTime.h"
#include "app/ReportData.h"

#include "config/Ini.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"

#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QElapsedTimer>

#include <cstdio>
#include <iostream>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>
#include <fstream>

namespace lw::app {

namespace command {

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", message.c_str());
    return code;
}

QString defaultDatabase() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/lobbywatch.db");
}

std::unique_ptr<store::EventStore> openStore(const QString& path, const lobby::LobbyConfig& config, int& exitCode,
                                            store::EventStore::Check check, store::EventStore::Access access) {
    auto opened = store::EventStore::open(path, config, check, access);
    if (!opened.store) {
        exitCode = fail(1, opened.error);
        return nullptr;
    }
    return std::move(opened.store);
}

bool loadConfig(const QCommandLineParser& cli, kiosk::KioskConfig& config, int& exitCode) {
    try {
        if (cli.isSet("config")) config = kiosk::loadKioskConfig(cli.value("config").toStdString());
        else config.lobby.categories = kiosk::defaultCategories();
    } catch (const lw::config::ConfigError& e) {
        exitCode = fail(kExitUsage, e.what());
        return false;
    }
    if (cli.isSet("utc-offset-min")) {
        bool ok = false;
        int offset = cli.value("utc-offset-min").toInt(&ok);
        if (!ok || offset < -720 || offset > 840) {
            exitCode = fail(kExitUsage, "--utc-offset-min: expected minutes -720..840");
            return false;
        }
        config.lobby.utcOffsetMinutes = offset;
    }
    if (cli.isSet("db")) config.database = cli.value("db").toStdString();
    if (config.database.empty()) config.database = defaultDatabase().toStdString();
    int baud = 9600;
    if (cli.isSet("baud")) {
        bool ok = false;
        baud = cli.value("baud").toInt(&ok);
        if (!ok || (baud != 9600 && baud != 19200 && baud != 38400 && baud != 57600 && baud != 115200)) {
            exitCode = fail(kExitUsage, "--baud: expected 9600, 19200, 38400, 57600 or 115200");
            return false;
        }
    }
    for (const QString& device : cli.values("port")) {
        kiosk::PortConfig p;
        // QSerialPort reads a name without a '/' as /dev/NAME, and a relative path as under /dev too.
        p.device = (device.contains('/') ? QFileInfo(device).absoluteFilePath() : device).toStdString();
        p.name = QFileInfo(device).fileName().toStdString();
        p.baud = baud;
        config.ports.push_back(p);
    }
    return true;
}

bool isDay(const QString& text) {
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return day.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid();
}

std::optional<std::string> readPin(std::string& error) {
    auto readLine = [](std::string& line) { return static_cast<bool>(std::getline(std::cin, line)); };
    if (!::isatty(STDIN_FILENO)) {
        std::string pin;
        if (!readLine(pin)) {
            error = "give the PIN on standard input";
            return std::nullopt;
        }
        if (!pin.empty() && pin.back() == '\r') pin.pop_back();
        return pin;
    }
    termios saved {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string first, second;
    std::fprintf(stderr, "PIN (4-8 digits): ");
    bool ok = readLine(first);
    std::fprintf(stderr, "\nThe same PIN again: ");
    ok = ok && readLine(second);
    std::fprintf(stderr, "\n");
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (!ok || first != second) {
        error = "the two PINs differ; nothing changed";
        return std::nullopt;
    }
    return first;
}

std::string osUser() {
    const passwd* pw = ::getpwuid(::geteuid());
    return std::string("os:") + (pw ? pw->pw_name : std::to_string(::geteuid()).c_str());
}

}  // namespace command

bool writeAudit(const kiosk::Audit& audit, const QString& path) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (out) audit.write(out);
    if (!out) {
        std::fprintf(stderr, "lobbywatch: cannot write the predictions to %s\n", path.toUtf8().constData());
        return false;
    }
    std::fprintf(stderr, "lobbywatch: %zu tickets' predictions written to %s\n", audit.tickets(), path.toUtf8().constData());
    return true;
}

void keepTotalsAfterWriting(store::EventStore& store, const kiosk::KioskConfig& config) {
    QElapsedTimer t;
    t.start();
    const std::string today = lobby::businessDayOf(QDateTime::currentMSecsSinceEpoch(), config.lobby);
    int days = keepDayTotals(store, config.lobby, store.firstBusinessDay(), store.lastBusinessDay(), today);
    if (days > 0)
        std::fprintf(stderr, "lobbywatch: report totals kept for %d days (%lld ms)\n", days, static_cast<long long>(t.elapsed()));
}

}  // namespace lw::app
