// What the screens and the headless status line show, made from the kiosk's parts at one moment: the lobby, the
// forecast, the alert board's cards, the serial ports and the devices heard on them, the recent calls, today's glance.
#pragma once

#include "alerts/AlertBoard.h"
#include "lobby/DayGlance.h"
#include "store/EventStore.h"
#include "forecast/Forecast.h"
#include "kiosk/Ingest.h"
#include "lobby/Lobby.h"
#include "ui/LobbyStatus.h"
#include "serial/SerialPorts.h"
#include "forecast/Watch.h"

#include <QString>

#include <deque>
#include <string>
#include <vector>

namespace lw::app {

struct CallShown {
    std::string ticket;
    int window = 0;
    lobby::TimeMs at = 0;
};

struct ScreenInputs {
    lobby::TimeMs now = 0;
    const lobby::LobbyConfig& config;
    const lobby::Lobby& lobby;
    const kiosk::Ingest& ingest;
    const serial::SerialPorts& ports;
    const forecast::Forecast& forecast;
    QString forecastServing;
    const std::vector<forecast::Alert>& active;  // the watch's active alerts, most urgent first
    const alerts::AlertBoard& board;
    // The panel's cards in order: the log and the clock (the kiosk's own), complaints due, then the board's.
    const std::vector<forecast::Alert>& cards;
    const std::deque<CallShown>& calls;  // newest first
    const lobby::DayGlance& glance;
};

// Everything on the screens but today's incidents.
ui::LobbyStatus::Figures screenFigures(const ScreenInputs& in);
// Today's incidents for the screen, newest first.
std::vector<ui::IncidentRow> incidentRows(const std::vector<store::Incident>& day, int utcOffsetMinutes);

// The headless status line (and systemd's STATUS=): the lobby's counts, the log, the ports and the process.
struct StatusExtras {
    std::size_t openAlerts = 0;
    lobby::TimeMs logFailingSince = -1;
    bool logDamaged = false;
    std::string clockDoubt;
};
QString statusLine(const ScreenInputs& in, const StatusExtras& extras);

}  // namespace lw::app
