// The kiosk's group commit: a turn's frames in one transaction on the log's writer thread, the ACKs back on each
// port only once it is durable, and the drain before the kiosk stops on its own.
#include "app/Kiosk.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <cstdio>
#include <memory>

namespace lw::app {

void Kiosk::commit() {
    commitScheduled_ = false;
    if (ingest_.committing()) return;  // committed() starts the next one
    kiosk::Replies replies;
    auto batch = std::make_shared<store::Batch>();
    const bool any = ingest_.beginCommit(replies, *batch);
    for (auto& [port, bytes] : replies.bytesByPort)  // NAK BUSY: they promise nothing
        ports_.send(QString::fromStdString(port), QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
    if (!any) return;
    // The transaction and its fsync on the writer thread; the answer comes back to this one.
    writer_->post([this, batch](store::EventStore& store) {
        std::optional<std::string> error = store.append(*batch);
        QMetaObject::invokeMethod(this, [this, error]() { committed(error); }, Qt::QueuedConnection);
    });
}

void Kiosk::committed(const std::optional<std::string>& error) {
    kiosk::Replies replies;
    const std::uint64_t eventsBefore = ingest_.counters().events;
    const bool wasFailing = health_.logFailing();
    ingest_.finishCommit(error, replies);
    health_.afterCommit(error, ingest_.counters().events > eventsBefore, realNow());
    // The screens' reader may hold a snapshot of a log that could not be written: read it afresh.
    if (wasFailing && !health_.logFailing()) {
        store_->reopenReader();
        notify_.wake();  // the messages the outbox refused meanwhile go in now
    }
    // Anomalies go to the log one by one; stderr (the system journal) gets at most 30 a minute, so that a device
    // gone mad cannot flood it.
    if (std::uint64_t over = anomalyPrintBudget_.roll(realNow()))
        std::fprintf(stderr, "lobbywatch: %llu more anomalies in the last minute, not printed here (all are in the log's anomalies table)\n",
                     static_cast<unsigned long long>(over));
    for (const auto& anomaly : ingest_.takeAnomalies())
        if (anomalyPrintBudget_.take())
            std::fprintf(stderr, "lobbywatch: anomaly %s: %s\n", anomaly.kind.c_str(), anomaly.message.c_str());
    // The replies exist only for what the commit made durable: an ACK means "recorded".
    for (auto& [port, bytes] : replies.bytesByPort)
        ports_.send(QString::fromStdString(port), QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
    // What arrived meanwhile: the next group.
    if ((ingest_.pending() > 0 || ingest_.pendingFrames() > 0) && !commitScheduled_) {
        commitScheduled_ = true;
        QMetaObject::invokeMethod(this, &Kiosk::commit, Qt::QueuedConnection);
    }
}

void Kiosk::drainLog() {
    for (int round = 0; round < 3; ++round) {
        if (!ingest_.committing()) commit();
        if (!ingest_.committing()) return;
        writer_->run([](store::EventStore&) {});                  // the commit in flight is done ...
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);  // ... and answered here
    }
}

}  // namespace lw::app
