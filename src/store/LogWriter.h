// The event log's writer thread: the kiosk's writes (event batches, incidents, staff actions, kept totals) go
// through one store whose connection lives on its own thread, in the order they were posted, so that a commit's
// fsync or a slow disk never holds up the screens.
#pragma once

#include "store/EventStore.h"

#include <condition_variable>
#include <cstdint>
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
    // Runs `job` on the writer thread after everything posted before it, and waits until the writer has finished
    // it (backlog() then no longer counts it).
    void run(const Job& job);
    // Jobs posted and not finished.
    std::size_t backlog() const;

private:
    void loop();
    std::uint64_t enqueue(Job job);  // the job's number: the posted count after it

    std::unique_ptr<EventStore> store_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;      // a job posted, or stopping
    std::condition_variable finished_;  // a job finished
    std::deque<Job> jobs_;
    std::uint64_t posted_ = 0, done_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace lw::store
