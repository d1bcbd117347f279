// The webhook's sender: its own thread with its own QNetworkAccessManager, so that a robot that is slow, down or
// unreachable never holds up the screens or the log's writer. It reads the outbox (messages recorded, not yet
// delivered or given up) through the writer thread, sends each when its attempt is due, and records each
// attempt's outcome there; the kiosk reads status() when it likes.
#pragma once

#include "clock/Clock.h"
#include "notify/NotifyConfig.h"
#include "store/LogWriter.h"
#include "store/Notifications.h"

#include <QObject>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>

class QNetworkAccessManager;
class QThread;
class QTimer;

namespace lw::notify {

// What the device page shows of the robots.
struct SenderStatus {
    bool running = false;
    std::int64_t queued = 0;      // recorded, neither delivered nor given up
    std::int64_t sent = 0;        // delivered (all time, from the log)
    std::int64_t givenUp = 0;
    std::int64_t lastSentAt = 0;  // 0: never
    std::int64_t lastFailureAt = 0;
    std::string lastFailure;      // "head: HTTP 500"
    std::int64_t held = 0;        // of those queued, kept in memory: the log refused them (a full disk)
    // Robots whose attempts have all failed since their last delivery: the first failure's time, by robot name.
    std::map<std::string, std::int64_t> failingSince;
};

class WebhookSender : public QObject {
    Q_OBJECT

public:
    // `writer` must outlive stop().
    WebhookSender(NotifyConfig config, store::LogWriter& writer, const kiosk::Clock& clock);
    ~WebhookSender() override;  // stop()s

    // Starts the thread; the outbox is read at once (a restart sends what an earlier run left unsent).
    void start();
    // Ends the thread; an attempt in flight is abandoned unrecorded (it is tried again at the next start). After
    // stop() nothing more is posted to the writer.
    void stop();
    // From any thread: something was queued; look at the outbox now.
    void wake();
    // From any thread: a message the outbox refused (a full disk). It is kept in memory (at most kHeldMax; beyond,
    // dropped and said), sent as the outbox's are (same retries), and recorded in the outbox with its attempts so
    // far once the log takes writes again (tried at each look, and at stop()), so that it is not sent twice.
    void hold(store::QueuedNotification message);
    static constexpr std::size_t kHeldMax = 200;
    SenderStatus status() const;

private:
    struct Worker;
    std::unique_ptr<Worker> worker_;
    std::atomic<QThread*> thread_{nullptr};
};

}  // namespace lw::notify
