// The central link in the kiosk: the thread started, its status read each tick, the lag incident kept.
#include "app/KioskCentral.h"

#include "central/CentralConfig.h"
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::app {

KioskCentral::KioskCentral(const kiosk::KioskConfig& config, const QString& logPath, const kiosk::Clock& clock,
                           KioskIncidents& incidents)
    : config_(config), incidents_(incidents) {
    if (!config.central.enabled()) return;
    std::string password;
    try {
        if (!config.central.passwordFile.empty())
            password = central::readPasswordFile(config.central.passwordFile, "[central] password_file");
    } catch (const std::exception& e) {
        // Checked when the config was read; a file changed since then leaves the link without a password (it will say).
        std::fprintf(stderr, "lobbywatch: central: %s\n", e.what());
    }
    link_ = std::make_unique<central::CentralLink>(logPath, config, password, clock);
}

KioskCentral::~KioskCentral() = default;

void KioskCentral::start() {
    if (link_) link_->start();
}

void KioskCentral::tick(lobby::TimeMs now) {
    if (!link_) return;
    if (startedAt_ == 0) startedAt_ = now;
    const central::LinkStatus s = link_->status();
    // Behind: the oldest row not shipped is older than max_lag_min; or the central database has not been reached
    // since the kiosk started that long ago (how far behind is then unknown).
    const bool unknown = s.rowsBehind < 0;
    const bool behind = unknown ? central::lagging(startedAt_, now, config_.central.maxLagMin)
                                : central::lagging(s.oldestUnshippedAt, now, config_.central.maxLagMin);
    if (behind && !lagIncident_) {
        const std::string n = unknown ? std::string("?") : std::to_string(s.rowsBehind);
        const std::string minutes = std::to_string(config_.central.maxLagMin);
        incidents_.raise("central_behind", "warning", "central:" + config_.branch.id,
                         "向总行数据库上传滞后超过 " + minutes + " 分钟（未上传 " + n + " 行）：请检查网络或联系总行科技部",
                         "Shipping to the central database is more than " + minutes + " min behind (" + n +
                             " rows waiting): check the network or call head office IT",
                         lagIncident_);
    } else if (!behind && lagIncident_) {
        incidents_.clear(lagIncident_);
    }
}

std::optional<ui::PortRow> KioskCentral::row(lobby::TimeMs) const {
    if (!link_) return std::nullopt;
    const central::LinkStatus s = link_->status();
    ui::PortRow r;
    r.port = QStringLiteral("总行 central");
    r.up = s.state == central::LinkStatus::State::Up;
    const std::string last = s.lastShippedAt > 0
        ? lobby::formatLocalTime(s.lastShippedAt, config_.lobby.utcOffsetMinutes).substr(11, 8) : std::string("—");
    const std::string behind = s.rowsBehind < 0 ? std::string("?") : std::to_string(s.rowsBehind);
    std::string reason = std::string(central::stateName(s.state)) + " · last shipped " + last + " · " + behind + " rows behind";
    if (!s.error.empty()) reason += " · " + s.error.substr(0, 160);
    r.reason = QString::fromStdString(reason);
    r.frames = s.shippedTotal;
    return r;
}

std::string KioskCentral::statusWord() const {
    if (!link_) return {};
    const central::LinkStatus s = link_->status();
    return std::string(" | central:") + central::stateName(s.state) + " behind " +
           (s.rowsBehind < 0 ? std::string("?") : std::to_string(s.rowsBehind));
}

}  // namespace lw::app
