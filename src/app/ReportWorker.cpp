// Reports for the screen built on their own thread, over their own read-only connection.
#include "ReportWorker.h"

#include "EventStore.h"
#include "ReportView.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace lw::app {

ReportWorker::ReportWorker(QString logPath, QObject* parent) : QObject(parent), path_(std::move(logPath)) {
    context_ = new QObject;
    context_->moveToThread(&thread_);
    thread_.setObjectName(QStringLiteral("reports"));
    thread_.start();
}

ReportWorker::~ReportWorker() {
    // The reader is closed on the thread that opened it (a Qt SQL connection belongs to its thread).
    QMetaObject::invokeMethod(context_, [this]() { reader_.reset(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    delete context_;
}

void ReportWorker::request(const QString& range, lobby::TimeMs now, lobby::LobbyConfig config) {
    QMetaObject::invokeMethod(context_, [this, range, now, config = std::move(config)]() {
        QVariantMap result;
        std::string period;
        if (!reader_) {
            auto opened = store::EventStore::open(path_, config, store::EventStore::Check::Deferred,
                                                  store::EventStore::Access::Read);
            if (!opened.store) {
                result = {{"ok", false},
                          {"whyZh", QStringLiteral("无法读取事件日志：") + QString::fromStdString(opened.error)},
                          {"whyEn", QStringLiteral("Cannot read the event log: ") + QString::fromStdString(opened.error)}};
            }
            reader_ = std::move(opened.store);
        }
        if (reader_) result = reportForScreen(*reader_, config, range, now, period);
        QMetaObject::invokeMethod(this, [this, range, result, period = QString::fromStdString(period)]() {
            emit ready(range, result, period);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

}  // namespace lw::app
