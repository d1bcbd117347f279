// Reports for the screen built on their own thread, over their own read-only connection.
#include "app/ReportWorker.h"

#include "store/EventStore.h"
#include "report/Report.h"
#include "app/ReportView.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <cstdio>

namespace lw::app {

ReportWorker::ReportWorker(QString logPath, QObject* parent) : QObject(parent), path_(std::move(logPath)) {
    context_ = new QObject;
    context_->moveToThread(&thread_);
    thread_.setObjectName(QStringLiteral("reports"));
    thread_.start();
}

bool ReportWorker::openReader(const lobby::LobbyConfig& config, std::string& error) {
    if (reader_) return true;
    auto opened = store::EventStore::open(path_, config, store::EventStore::Check::Deferred, store::EventStore::Access::Read);
    error = opened.error;
    reader_ = std::move(opened.store);
    return reader_ != nullptr;
}

void ReportWorker::learn(const std::string& today, int days, lobby::LobbyConfig config) {
    QMetaObject::invokeMethod(context_, [this, today, days, config = std::move(config)]() {
        // The branch's usual day (arrivals by quarter-hour, service times, patience, the windows' lunches) from the
        // last weeks in the log; with none (a first day) the forecast starts from its priors.
        forecast::HistoryBuilder builder(config.utcOffsetMinutes);
        std::string error;
        if (openReader(config, error)) {
            for (int back = days; back >= 1; --back)  // a day at a time: a month of events is never in memory at once
                for (const auto& e : reader_->eventsOfDay(report::addDays(today, -back))) builder.observe(e);
            reader_.reset();
        } else {
            std::fprintf(stderr, "lobbywatch: the forecast cannot read past days: %s\n", error.c_str());
        }
        forecast::History history = builder.build();
        QMetaObject::invokeMethod(this, [this, history = std::move(history)]() { emit learned(history); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

ReportWorker::~ReportWorker() {
    // The reader is closed on the thread that opened it (a Qt SQL connection belongs to its thread).
    QMetaObject::invokeMethod(context_, [this]() { reader_.reset(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    delete context_;
}

QVariantMap ReportWorker::build(const QString& range, lobby::TimeMs now, const lobby::LobbyConfig& config, std::string& period) {
    std::string error;
    if (openReader(config, error)) {
        QVariantMap result = reportForScreen(*reader_, config, range, now, period);
        reader_.reset();  // closed between jobs: its page cache is not kept for weeks for a read a night
        return result;
    }
    return {{"ok", false},
            {"whyZh", QStringLiteral("无法读取事件日志：") + QString::fromStdString(error)},
            {"whyEn", QStringLiteral("Cannot read the event log: ") + QString::fromStdString(error)}};
}

void ReportWorker::request(const QString& range, lobby::TimeMs now, lobby::LobbyConfig config) {
    QMetaObject::invokeMethod(context_, [this, range, now, config = std::move(config)]() {
        std::string period;
        const QVariantMap result = build(range, now, config, period);
        QMetaObject::invokeMethod(this, [this, range, result, period = QString::fromStdString(period)]() {
            emit ready(range, result, period);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ReportWorker::requestBesideRegion(const QString& range, lobby::TimeMs now, lobby::LobbyConfig config, RegionSource region) {
    QMetaObject::invokeMethod(context_, [this, range, now, config = std::move(config), region = std::move(region)]() {
        std::string period;
        QVariantMap result = build(range, now, config, period);
        result.insert("region", QVariantMap{{"pending", true}});
        QMetaObject::invokeMethod(this, [this, range, result, period = QString::fromStdString(period)]() {
            emit ready(range, result, period);
        }, Qt::QueuedConnection);
        if (!result.value("ok").toBool()) return;  // no branch report: nothing to set the region beside
        result.insert("region", regionBeside(region, result, now));
        QMetaObject::invokeMethod(this, [this, range, result]() { emit regionReady(range, result); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

}  // namespace lw::app
