// The sender's thread: the outbox read, due messages posted to their robots, each outcome recorded, the next look
// scheduled at the earliest attempt due (in the kiosk's time: a simulated day's retries run as fast as it does).
#include "notify/link/WebhookSender.h"

#include "notify/Message.h"

#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace lw::notify {

// Lives on the sender's thread (all its members are touched only there, but for status_ under mutex_).
struct WebhookSender::Worker : QObject {
    Worker(NotifyConfig c, store::LogWriter& w, const kiosk::Clock& k) : config(std::move(c)), writer(w), clock(k) {}

    NotifyConfig config;
    store::LogWriter& writer;
    const kiosk::Clock& clock;
    QNetworkAccessManager* network = nullptr;
    QTimer* next = nullptr;
    bool reading = false, readAgain = false, stopping = false;
    std::set<std::int64_t> inFlight;
    // Attempts made whose outcome the log refused (a full disk): not sent again (a delivered one would be delivered
    // twice) until their outcome is recorded, which is tried again at each look.
    struct Outcome {
        TimeMs at = 0;
        bool delivered = false;
        std::string error;
        TimeMs nextAt = 0;
        bool gaveUp = false;
    };
    std::map<std::int64_t, Outcome> unrecorded;
    mutable std::mutex mutex;
    SenderStatus status;
    std::string lastPrinted;

    void begin() {
        network = new QNetworkAccessManager(this);
        next = new QTimer(this);
        next->setSingleShot(true);
        QObject::connect(next, &QTimer::timeout, this, [this] { look(); });
        look();
    }

    // Reads the outbox on the writer thread; the rows come back here.
    void look() {
        if (stopping) return;
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        writer.post([this](store::EventStore& store) {
            auto rows = store.pendingNotifications(200);
            const auto counts = store.notificationCounts();
            QMetaObject::invokeMethod(this, [this, rows = std::move(rows), counts] { pending(rows, counts); },
                                      Qt::QueuedConnection);
        });
    }

    void pending(const std::vector<store::QueuedNotification>& rows, const store::NotificationCounts& counts) {
        reading = false;
        if (stopping) return;
        {
            std::lock_guard<std::mutex> lock(mutex);
            status.queued = counts.queued;
            status.sent = counts.sent;
            status.givenUp = counts.givenUp;
            status.lastSentAt = counts.lastSentAt;
            status.lastFailureAt = counts.lastFailureAt;
            status.lastFailure = counts.lastFailure;
        }
        const TimeMs now = clock.now();
        TimeMs soonest = 0;
        for (const auto& row : rows) {
            if (inFlight.count(row.id)) continue;
            if (auto it = unrecorded.find(row.id); it != unrecorded.end()) {
                const Outcome o = it->second;
                unrecorded.erase(it);
                keep(row.id, o);
                continue;
            }
            if (row.nextAt <= now) send(row, now);
            else if (soonest == 0 || row.nextAt < soonest) soonest = row.nextAt;
        }
        if (readAgain) {
            readAgain = false;
            look();
            return;
        }
        // The next look: at the earliest attempt due (real ms = kiosk ms / speed), and at least every 10 s anyway.
        int waitMs = 10'000;
        if (soonest > 0) waitMs = static_cast<int>(std::clamp<double>(static_cast<double>(soonest - now) / clock.speed(), 20.0, 10'000.0));
        next->start(waitMs);
    }

    void send(const store::QueuedNotification& row, TimeMs now) {
        const Target* target = config.target(row.target);
        if (!target) {
            // A robot taken out of the config: its messages are given up, saying so.
            record(row, now, false, "robot '" + row.target + "' is no longer in the config", now, true);
            return;
        }
        if (now - row.createdAt >= target->retry.giveUpMin * 60'000LL) {
            // Older than the robot's give-up time (a kiosk switched off overnight): news no longer, not sent.
            record(row, now, false, "not sent: queued more than " + std::to_string(target->retry.giveUpMin) +
                                        " min ago", now, true);
            return;
        }
        const Request r = requestFor(*target, row.body, row.subject, row.what, now);
        QNetworkRequest request(QUrl(QString::fromStdString(r.url)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json; charset=utf-8"));
        request.setTransferTimeout(target->retry.timeoutS * 1000);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        inFlight.insert(row.id);
        QNetworkReply* reply = network->post(request, QByteArray::fromStdString(r.body));
        const RobotKind kind = target->kind;
        const RetryRules rules = target->retry;
        QObject::connect(reply, &QNetworkReply::finished, this, [this, reply, row, kind, rules] {
            reply->deleteLater();
            if (stopping) return;  // abandoned as the kiosk stops: tried again at the next start, not a failure
            const QVariant code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            const int http = code.isValid() ? code.toInt() : 0;
            const std::string body = reply->isOpen() ? reply->readAll().left(2000).toStdString() : std::string();
            std::string transport;
            if (http == 0)
                transport = reply->error() == QNetworkReply::OperationCanceledError
                                ? std::string("no answer within the timeout")
                                : reply->errorString().toStdString();
            const Verdict v = readReply(kind, http, body, transport);
            const TimeMs at = clock.now();
            const int attempts = row.attempts + 1;
            const bool gaveUp = !v.delivered && givenUp(attempts, row.createdAt, at, rules);
            record(row, at, v.delivered, v.error, at + retryDelayMs(attempts, rules), gaveUp);
        });
    }

    // The attempt into the log (writer thread), then the outbox looked at again.
    void record(const store::QueuedNotification& row, TimeMs at, bool delivered, const std::string& error, TimeMs nextAt,
                bool gaveUp) {
        inFlight.insert(row.id);
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (delivered) {
                status.lastSentAt = at;
            } else {
                status.lastFailureAt = at;
                status.lastFailure = row.target + ": " + error;
            }
        }
        if (!delivered && error != lastPrinted)
            std::fprintf(stderr, "lobbywatch: notify: %s: %s%s\n", row.target.c_str(), error.c_str(),
                         gaveUp ? " (given up)" : "");
        lastPrinted = delivered ? std::string() : error;
        keep(row.id, {at, delivered, error, nextAt, gaveUp});
    }

    void keep(std::int64_t id, const Outcome& o) {
        inFlight.insert(id);
        writer.post([this, id, o](store::EventStore& log) {
            const auto e = log.recordNotificationAttempt(id, o.at, o.delivered, o.error, o.nextAt, o.gaveUp);
            // Refused: kept to be recorded at the next look (a message already final is not "pending": done).
            const bool refused = e && e->find("is not pending") == std::string::npos;
            QMetaObject::invokeMethod(this, [this, id, o, refused, why = e.value_or(std::string())] {
                inFlight.erase(id);
                if (refused) {
                    if (unrecorded.empty())
                        std::fprintf(stderr, "lobbywatch: notify: an attempt's outcome was not recorded (%s); kept "
                                             "until the log takes it\n", why.c_str());
                    unrecorded[id] = o;
                }
                if (!stopping && !refused) look();
            }, Qt::QueuedConnection);
        });
    }
};

WebhookSender::WebhookSender(NotifyConfig config, store::LogWriter& writer, const kiosk::Clock& clock)
    : worker_(std::make_unique<Worker>(std::move(config), writer, clock)) {}

WebhookSender::~WebhookSender() { stop(); }

void WebhookSender::start() {
    if (thread_.load()) return;
    auto* thread = new QThread();
    thread->setObjectName(QStringLiteral("lobbywatch-notify"));
    worker_->moveToThread(thread);
    {
        std::lock_guard<std::mutex> lock(worker_->mutex);
        worker_->status.running = true;
    }
    thread->start();
    thread_ = thread;
    QMetaObject::invokeMethod(worker_.get(), [w = worker_.get()] { w->begin(); }, Qt::QueuedConnection);
}

void WebhookSender::stop() {
    QThread* thread = thread_.exchange(nullptr);
    if (!thread) return;
    // The worker's objects (network, timer, replies) go on its own thread, then the worker comes back to this one
    // (answers still on their way to it are dropped: stopping) and the thread ends.
    QThread* here = QThread::currentThread();
    QMetaObject::invokeMethod(worker_.get(), [w = worker_.get(), here] {
        w->stopping = true;
        delete w->network;
        w->network = nullptr;
        delete w->next;
        w->next = nullptr;
        w->moveToThread(here);
    }, Qt::BlockingQueuedConnection);
    thread->quit();
    thread->wait();
    delete thread;
    // Jobs the worker posted to the writer before it stopped run now, while it still exists (their answers go
    // to a worker that is stopping: dropped).
    worker_->writer.run([](store::EventStore&) {});
    std::lock_guard<std::mutex> lock(worker_->mutex);
    worker_->status.running = false;
}

void WebhookSender::wake() {
    if (!thread_.load()) return;
    QMetaObject::invokeMethod(worker_.get(), [w = worker_.get()] {
        if (w->network) w->look();
    }, Qt::QueuedConnection);
}

SenderStatus WebhookSender::status() const {
    std::lock_guard<std::mutex> lock(worker_->mutex);
    return worker_->status;
}

}  // namespace lw::notify
