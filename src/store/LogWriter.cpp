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

void LogWriter::post(Job job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void LogWriter::run(const Job& job) {
    std::mutex m;
    std::condition_variable cv;
    bool finished = false;
    post([&](EventStore& store) {
        job(store);
        std::lock_guard<std::mutex> lock(m);
        finished = true;
        cv.notify_one();
    });
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return finished; });
}

std::size_t LogWriter::backlog() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return jobs_.size() + running_;
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
            running_ = 1;
        }
        job(*store_);
        std::lock_guard<std::mutex> lock(mutex_);
        running_ = 0;
    }
    store_.reset();  // the connection is closed on the thread that opened it
}

}  // namespace lw::store
