// The forecast on its own thread, over a replica of the lobby.
#include "app/ForecastWorker.h"

#include "forecast/Selection.h"

#include <QMetaObject>

namespace lw::app {

ForecastWorker::ForecastWorker(const lobby::LobbyConfig& config, QObject* parent)
    : QObject(parent),
      served_(std::make_unique<forecast::ServedForecast>(forecast::History{}, forecast::SelectionSettings{},
                                                         config.utcOffsetMinutes)),
      replica_(std::make_unique<lobby::Lobby>(config)) {
    context_ = new QObject;
    context_->moveToThread(&thread_);
    thread_.setObjectName(QStringLiteral("forecast"));
    thread_.start();
}

ForecastWorker::~ForecastWorker() {
    thread_.quit();
    thread_.wait();
    delete context_;
}

void ForecastWorker::change(std::function<void(lobby::Lobby&)> change) {
    QMetaObject::invokeMethod(context_, [this, change = std::move(change)]() { change(*replica_); }, Qt::QueuedConnection);
}

void ForecastWorker::observe(const lobby::LobbyEvent& e) {
    QMetaObject::invokeMethod(context_, [this, e]() {
        replica_->apply(e);
        served_->observe(e);  // a first call scores what each estimator said for that ticket
    }, Qt::QueuedConnection);
}

void ForecastWorker::relearn(forecast::History history) {
    QMetaObject::invokeMethod(context_, [this, history = std::move(history)]() { served_->relearn(history); },
                              Qt::QueuedConnection);
}

void ForecastWorker::request(lobby::TimeMs now) {
    if (running_) return;
    running_ = true;
    QMetaObject::invokeMethod(context_, [this, now]() {
        // The served figures: per category the estimator with the lowest recent error (the Monte Carlo's
        // probabilities stay for the alerts).
        forecast::Forecast f = served_->forecast(*replica_, now);
        QString serving = QString::fromStdString(forecast::servingLine(served_->selection().status(now)));
        QMetaObject::invokeMethod(this, [this, f = std::move(f), serving]() mutable {
            latest_ = std::move(f);
            serving_ = serving;
            running_ = false;
            emit ready();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

}  // namespace lw::app
