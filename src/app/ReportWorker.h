// The kiosk's long reads of past days on their own thread, over their own read-only connection to the log (a WAL
// reader beside the kiosk's writer): reports for the screen, and the four weeks the forecast learns from each
// night. A month's report or a month of history never freezes a frame. Results come back by signal.
#pragma once

#include "lobby/LobbyConfig.h"
#include "forecast/Forecast.h"
#include "app/ReportRegion.h"
#include "lobby/LobbyEvent.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QVariantMap>

#include <memory>
#include <string>

namespace lw::store {
class EventStore;
}

namespace lw::app {

class ReportWorker : public QObject {
    Q_OBJECT

public:
    explicit ReportWorker(QString logPath, QObject* parent = nullptr);
    ~ReportWorker() override;

    // Builds the report for `range` ("week", "month", "last_month") as of `now` on the worker's thread; ready()
    // follows on this object's thread. Requests are answered in order.
    void request(const QString& range, lobby::TimeMs now, lobby::LobbyConfig config);
    // The same, then the region's figures over the same period from the central database: ready() with the
    // branch's report as soon as it is made (the page never waits on the network), then regionReady() with that
    // report and `region` = regionBeside()'s answer (figures, or the one-line reason they are unavailable).
    void requestBesideRegion(const QString& range, lobby::TimeMs now, lobby::LobbyConfig config, RegionSource region);

    // What the last `days` days before `today` teach the forecast; learned() follows on this object's thread.
    void learn(const std::string& today, int days, lobby::LobbyConfig config);

signals:
    void learned(const forecast::History& history);
    // `result` as reportForScreen() gives it (or {ok: false, whyZh, whyEn} when the log cannot be read); `period`
    // is "FROM..TO" for the audit row.
    void ready(const QString& range, const QVariantMap& result, const QString& period);
    void regionReady(const QString& range, const QVariantMap& result);

private:
    QVariantMap build(const QString& range, lobby::TimeMs now, const lobby::LobbyConfig& config, std::string& period);  // on thread_
    bool openReader(const lobby::LobbyConfig& config, std::string& error);  // on thread_
    QThread thread_;
    QObject* context_ = nullptr;                 // lives on thread_
    std::unique_ptr<store::EventStore> reader_;  // opened for each job and used on thread_ only
    QString path_;
};

}  // namespace lw::app
