// The writer thread: one connection to the log, its jobs in order.
#include "store/LogWriter.h"

namespace lw::store {

LogWriter::LogWriter(std::unique_ptr<EventStore> store) : store_(std::move(store)) {
    store_->releaseConnection();
    thread_ = std::thread([this] { loop(); });
}

LogWriter::~LogWriter() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t LogWriter::enqueue(Job job) {
    std::uint64_t number;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
        number = ++posted_;
    }
    wake_.notify_one();
    return number;
}

void LogWriter::post(Job job) { enqueue(std::move(job)); }

void LogWriter::run(const Job& job) {
    // Waits for the writer's own count, not for a flag the job sets: the job's end is only "finished" once the
    // writer has counted it.
    const std::uint64_t number = enqueue([&job](EventStore& store) { job(store); });
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [&] { return done_ >= number; });
}

std::size_t LogWriter::backlog() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::size_t>(posted_ - done_);
}

void LogWriter::loop() {
    store_->reconnectHere();
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) break;  // stopping, and everything posted has run
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job(*store_);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ++done_;
        }
        finished_.notify_all();
    }
    store_.reset();  // the connection is closed on the thread that opened it
}

}  // namespace lw::store
