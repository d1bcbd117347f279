// The kiosk's side of the central link: starts the shipper thread when [central] is set, shows the link on the
// device page (a row beside the serial ports: up or down, last shipped, rows behind) and keeps an incident open
// while the log has been behind longer than [central] max_lag_min.
#pragma once

#include "central/link/CentralLink.h"
#include "app/KioskIncidents.h"
#include "ui/ScreenModels.h"

#include <memory>
#include <optional>

namespace lw::app {

class KioskCentral {
public:
    // Nothing runs when [central] has no url. `password`: read from [central] password_file by the caller.
    KioskCentral(const kiosk::KioskConfig& config, const QString& logPath, const kiosk::Clock& clock, KioskIncidents& incidents);
    ~KioskCentral();

    void start();
    // Each tick: the lag incident raised or cleared.
    void tick(lobby::TimeMs now);
    // The device page's row for the link (nullopt: no central link configured).
    std::optional<ui::PortRow> row(lobby::TimeMs now) const;
    // " | central:up behind 0" for the status line ("" without a link).
    std::string statusWord() const;

private:
    const kiosk::KioskConfig& config_;
    KioskIncidents& incidents_;
    std::unique_ptr<central::CentralLink> link_;
    std::optional<std::int64_t> lagIncident_;
    lobby::TimeMs startedAt_ = 0;
};

}  // namespace lw::app
