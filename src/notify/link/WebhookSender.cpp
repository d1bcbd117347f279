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
    // Messages the outbox refused (a full disk), by a negative id: sent from here, recorded once the log takes them.
    struct Held {
        store::QueuedNotification row;
        std::vector<store::NotificationAttempt> attempts;
        bool final() const { return row.sentAt || row.givenUpAt; }
    };
    std::map<std::int64_t, Held> held;
    std::int64_t nextHeldId = -1;
    std::uint64_t heldDropped = 0;
    std::map<std::string, TimeMs> failingSince;  // by robot: the first failed attempt since its last delivery
    // Held ids the writer recorded, until pending() has them off `held` (under mutex: stop() reads it too, when an
    // answer may never arrive).
    std::set<std::int64_t> recordedByWriter;
    store::NotificationCounts lastCounts;  // as last read from the log
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
        // The held messages not in flight go to the log first (no attempt starts on them until the answer is back:
        // attempts start only in pending()), so that those recorded and still to be sent come back as pending rows.
        std::vector<Held> toRecord;
        for (auto it = held.rbegin(); it != held.rend(); ++it)  // oldest first (ids count down)
            if (!inFlight.count(it->first)) toRecord.push_back(it->second);
        writer.post([this, toRecord = std::move(toRecord)](store::EventStore& store) mutable {
            std::vector<std::int64_t> recorded;
            for (auto& h : toRecord) {
                const std::int64_t heldId = h.row.id;
                if (store.recordHeldNotification(h.row, h.attempts)) break;  // the log refuses still: the next look
                recorded.push_back(heldId);
                std::lock_guard<std::mutex> lock(mutex);
                recordedByWriter.insert(heldId);
            }
            // The writer's store holds no connection while the log cannot be written: nothing to read then.
            std::vector<store::QueuedNotification> rows;
            std::optional<store::NotificationCounts> counts;
            if (store.writeProblem().empty()) {
                rows = store.pendingNotifications(200);
                counts = store.notificationCounts();
            }
            QMetaObject::invokeMethod(this, [this, rows = std::move(rows), counts, recorded] { pending(rows, counts, recorded); },
                                      Qt::QueuedConnection);
        });
    }

    void pending(const std::vector<store::QueuedNotification>& rows, const std::optional<store::NotificationCounts>& read,
                 const std::vector<std::int64_t>& recorded) {
        reading = false;
        if (stopping) return;
        for (std::int64_t id : recorded) held.erase(id);
        {
            std::lock_guard<std::mutex> lock(mutex);
            for (std::int64_t id : recorded) recordedByWriter.erase(id);
        }
        if (!recorded.empty() && held.empty())
            std::fprintf(stderr, "lobbywatch: notify: the messages kept in memory are in the log now\n");
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (read) lastCounts = *read;
            const store::NotificationCounts& counts = lastCounts;
            status.queued = counts.queued;
            status.sent = counts.sent;
            status.givenUp = counts.givenUp;
            status.lastSentAt = std::max(status.lastSentAt, counts.lastSentAt);
            status.lastFailureAt = std::max(status.lastFailureAt, counts.lastFailureAt);
            if (status.lastFailureAt == counts.lastFailureAt) status.lastFailure = counts.lastFailure;
            status.held = 0;
            for (const auto& [id, h] : held) {
                status.held += h.final() ? 0 : 1;
                status.queued += h.final() ? 0 : 1;
                status.sent += h.row.sentAt ? 1 : 0;
                status.givenUp += h.row.givenUpAt ? 1 : 0;
            }
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
        for (auto it = held.rbegin(); it != held.rend(); ++it) {
            const Held& h = it->second;
            if (h.final() || inFlight.count(it->first)) continue;
            if (h.row.nextAt <= now) send(h.row, now);
            else if (soonest == 0 || h.row.nextAt < soonest) soonest = h.row.nextAt;
        }
        if (readAgain) {
            readAgain = false;
            look();
            return;
        }
        // The next look: at the earliest attempt due (real ms = kiosk ms / speed), and at least every 10 s anyway.
        int waitMs = 10'000;
        if (soonest > 0) waitMs = static_cast<int>(std::clamp<double>(static_cast<double>(soonest - now) / clock.speed(), 20.0, 10'000.0));
        // Held messages go in as soon as the log takes writes: it is asked every 2 s meanwhile.
        if (!held.empty()) waitMs = std::min(waitMs, 2000);
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
            if (v.delivered) failingSince.erase(row.target);
            else failingSince.emplace(row.target, at);  // kept from the first failure on
            {
                std::lock_guard<std::mutex> lock(mutex);
                status.failingSince = failingSince;
            }
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
        if (row.id < 0) heldOutcome(row.id, {at, delivered, error, nextAt, gaveUp});
        else keep(row.id, {at, delivered, error, nextAt, gaveUp});
    }

    // A held message's attempt: kept with it until it goes into the log.
    void heldOutcome(std::int64_t id, const Outcome& o) {
        inFlight.erase(id);
        if (auto it = held.find(id); it != held.end()) {
            store::QueuedNotification& r = it->second.row;
            ++r.attempts;
            r.lastAttemptAt = o.at;
            r.lastError = o.error;
            r.nextAt = o.nextAt;
            if (o.delivered) r.sentAt = o.at;
            else if (o.gaveUp) r.givenUpAt = o.at;
            it->second.attempts.push_back({o.at, o.delivered ? "delivered" : o.gaveUp ? "given_up" : "failed", o.error});
        }
        QMetaObject::invokeMethod(this, [this] {
            if (!stopping) look();
        }, Qt::QueuedConnection);
    }

    void hold(store::QueuedNotification row) {
        if (stopping) return;
        if (held.size() >= kHeldMax) {
            if (heldDropped++ == 0)
                std::fprintf(stderr, "lobbywatch: notify: more than %zu messages wait for the log; a message to %s is "
                                     "dropped, unsent (and any more until the log takes writes)\n", kHeldMax,
                             row.target.c_str());
            return;
        }
        heldDropped = 0;
        row.id = nextHeldId--;
        held[row.id] = Held{std::move(row), {}};
        look();
    }

    // At stop: the held messages into the log as they stand, if it takes them now (else they are lost with the
    // process: said). On the calling thread, the worker's thread having ended.
    void recordHeldAtStop() {
        if (held.empty()) return;
        std::size_t lost = 0;
        std::set<std::int64_t> done;
        {
            std::lock_guard<std::mutex> lock(mutex);
            done = recordedByWriter;  // by a look whose answer never came back
        }
        writer.run([this, &lost, &done](store::EventStore& store) {
            for (auto it = held.rbegin(); it != held.rend(); ++it)
                if (!done.count(it->first) && store.recordHeldNotification(it->second.row, it->second.attempts)) ++lost;
        });
        held.clear();
        if (lost > 0)
            std::fprintf(stderr, "lobbywatch: notify: %zu messages the log refused are lost as the kiosk stops\n", lost);
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
    worker_->recordHeldAtStop();
    std::lock_guard<std::mutex> lock(worker_->mutex);
    worker_->status.running = false;
}

void WebhookSender::wake() {
    if (!thread_.load()) return;
    QMetaObject::invokeMethod(worker_.get(), [w = worker_.get()] {
        if (w->network) w->look();
    }, Qt::QueuedConnection);
}

void WebhookSender::hold(store::QueuedNotification message) {
    if (!thread_.load()) return;
    QMetaObject::invokeMethod(worker_.get(), [w = worker_.get(), m = std::move(message)]() mutable {
        if (w->network) w->hold(std::move(m));
    }, Qt::QueuedConnection);
}

SenderStatus WebhookSender::status() const {
    std::lock_guard<std::mutex> lock(worker_->mutex);
    return worker_->status;
}

}  // namespace lw::notify
