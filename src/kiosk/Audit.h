// Auditing estimates: what the kiosk forecast for each ticket at its issue, what happened, when it first alerted.
#pragma once

#include "forecast/Forecast.h"
#include "forecast/Served.h"
#include "lobby/Lobby.h"
#include "forecast/Watch.h"

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace lw::kiosk {

// Fed every applied event (Ingest::setObserver), in order; the lobby it reads is the one the events go to.
class Audit {
public:
    // The forecast learns as the days go by, as the kiosk does: each business day starts with what the days
    // before it taught (a first day uses the cold-start priors).
    explicit Audit(const lobby::Lobby& lobby, forecast::WatchSettings settings = {});
    void observe(const lobby::LobbyEvent& event);
    // ticket,category,issued_at,predicted_wait_s,actual_wait_s,first_alert_at,outcome,predicted_low_s,
    // predicted_high_s,served_by: the figure served (the estimator with the lowest recent error, as on the kiosk)
    void write(std::ostream& out) const;
    std::size_t tickets() const { return records_.size(); }

private:
    struct Record {
        std::string ticket;
        std::string category;
        lobby::TimeMs issuedAt = 0;
        std::optional<lobby::TimeMs> predictedMs;  // nullopt: no estimate could be made
        lobby::TimeMs lowMs = 0, highMs = 0;       // its 80% interval
        std::string servedBy;
        std::optional<lobby::TimeMs> firstCallAt;
        std::optional<lobby::TimeMs> firstAlertAt;
        std::string outcome = "open";
    };
    void evaluateAlerts(lobby::TimeMs now);

    const lobby::Lobby& lobby_;
    forecast::ServedForecast served_;
    forecast::HistoryBuilder history_;
    std::string day_;  // the business day the estimator was made for
    forecast::Watch watch_;
    std::vector<Record> records_;
    std::map<std::string, std::size_t> current_;  // label -> its latest record
    lobby::TimeMs nextEvaluation_ = 0;
};

}  // namespace lw::kiosk
