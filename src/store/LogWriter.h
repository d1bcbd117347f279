// The event log's writer thread: the kiosk's writes (event batches, incidents, staff actions, kept totals) go
// through one store whose connection lives on its own thread, in the order they were posted, so that a commit's
// fsync or a slow disk never holds up the screens.
#pragma once

#include "store/EventStore.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace lw::store {

class LogWriter {
public:
    using Job = std::function<void(EventStore&)>;
    // Takes `store` over: its connection is closed on the calling thread and opened again on the writer thread.
    explicit LogWriter(std::unique_ptr<EventStore> store);
    // Runs every job already posted, then closes the log on its thread.
    ~LogWriter();
    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    // Queues `job`; it runs on the writer thread after everything posted before it. A job reports back by itself
    // (a queued call to the thread that wants the answer).
    void post(Job job);
    // Runs `job` on the writer thread after everything posted before it, and waits for it.
    void run(const Job& job);
    // Jobs posted and not finished.
    std::size_t backlog() const;

private:
    void loop();

    std::unique_ptr<EventStore> store_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace lw::store
