// The forecast on its own thread. A Monte-Carlo roll-forward of a 300-ticket lobby takes ~0.1 s, which on the
// screens' thread would freeze them for six frames every second. The worker owns a replica of the lobby, fed the
// same events and ticks in the same order as the kiosk's; each result comes back to the owner's thread.
#pragma once

#include "forecast/Forecast.h"
#include "lobby/Lobby.h"
#include "forecast/Served.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace lw::app {

class ForecastWorker : public QObject {
    Q_OBJECT

public:
    ForecastWorker(const lobby::LobbyConfig& config, QObject* parent = nullptr);
    ~ForecastWorker() override;

    // A change to the replica, in the order given (queued to the worker's thread).
    void change(std::function<void(lobby::Lobby&)> change);
    // An event the kiosk's lobby applied: the replica applies it, and a first call scores each estimator.
    void observe(const lobby::LobbyEvent& event);
    // What the last four weeks teach (the errors learned so far are kept).
    void relearn(forecast::History history);
    // A forecast at `now`, unless the last one is still running (then this second shows the one before).
    void request(lobby::TimeMs now);

    const forecast::Forecast& latest() const { return latest_; }
    // Which estimator serves each category, for the manager's screen.
    const QString& serving() const { return serving_; }

signals:
    void ready();  // latest() has a new forecast

private:
    QThread thread_;
    QObject* context_ = nullptr;                        // lives on thread_
    std::unique_ptr<forecast::ServedForecast> served_;  // used on thread_ only
    std::unique_ptr<lobby::Lobby> replica_;             // touched on thread_ only
    bool running_ = false;
    forecast::Forecast latest_;
    QString serving_;
};

}  // namespace lw::app
