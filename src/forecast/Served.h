// The forecast the lobby is told: every estimator run on the same lobby, the Selection choosing per category.
#pragma once

#include "forecast/Forecast.h"
#include "forecast/Selection.h"

#include <memory>

namespace lw::forecast {

// "A montecarlo 0.8 min · B baseline (learning)": who serves each category and its mean error today, for the
// manager's screen.
std::string servingLine(const std::vector<SelectionStatus>& status);

class ServedForecast {
public:
    // The Monte Carlo (given `monteCarlo`, or made from the history) and the simple estimators with the same history.
    explicit ServedForecast(const History& history = {}, SelectionSettings settings = {}, int utcOffsetMinutes = 480,
                            std::unique_ptr<Estimator> monteCarlo = nullptr);
    // A new day's history: the estimators are made again, the errors learned so far are kept.
    void relearn(const History& history, std::unique_ptr<Estimator> monteCarlo = nullptr);

    // The whole lobby (the kiosk, once a second): each ticket's expected wait and interval are the served
    // estimator's; the probabilities (the alerts) stay the Monte Carlo's. A ticket seen for the first time has
    // every estimator's figure remembered, to be scored at its call.
    Forecast forecast(const lobby::Lobby& lobby, TimeMs now);
    // One ticket (the audit, at its issue): the same choice, reading only this ticket from each estimator.
    std::optional<ServedWait> forecastTicket(const lobby::Lobby& lobby, TimeMs now, const std::string& label);
    // Called (first call: the realised wait is scored), abandoned or no-show (forgotten).
    void observe(const lobby::LobbyEvent& event);

    const Selection& selection() const { return selection_; }
    const Estimator& monteCarlo() const { return *monteCarlo_; }

private:
    History history_;
    Selection selection_;
    std::vector<std::unique_ptr<Estimator>> estimators_;  // in the order of the selection's candidates
    std::unique_ptr<Estimator> ownMonteCarlo_;            // when it is not a candidate
    const Estimator* monteCarlo_ = nullptr;               // its probabilities are the alerts'
};

}  // namespace lw::forecast
