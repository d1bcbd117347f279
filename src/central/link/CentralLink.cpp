// The shipper thread's loop: ship, publish the status, sleep (longer after each failure), until stopped.
#include "central/link/CentralLink.h"

#include "central/link/Shipper.h"

#include <cstdio>

namespace lw::central {

CentralLink::CentralLink(QString logPath, kiosk::KioskConfig config, std::string password, const kiosk::Clock& clock)
    : logPath_(std::move(logPath)), config_(std::move(config)), password_(std::move(password)), clock_(clock) {}

CentralLink::~CentralLink() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void CentralLink::start() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        status_.state = LinkStatus::State::Connecting;
        status_.rowsBehind = -1;
    }
    thread_ = std::thread([this] { run(); });
}

LinkStatus CentralLink::status() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
}

void CentralLink::nudge() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

void CentralLink::run() {
    // The shipper's SQLite connections belong to this thread: made here, used and closed here.
    Shipper shipper(logPath_, config_, password_);
    shipper.shouldStop = [this] {
        std::lock_guard<std::mutex> lock(mutex_);
        return stop_;
    };
    int failures = 0;
    std::string lastError;
    while (true) {
        const PassResult r = shipper.shipOnce(clock_.now());
        int waitS = config_.central.shipEverySeconds;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            status_.shippedTotal += r.shipped;
            if (r.ok) {
                status_.state = LinkStatus::State::Up;
                status_.rowsBehind = r.rowsBehind;
                status_.oldestUnshippedAt = r.oldestUnshippedAt;
                if (r.rowsBehind == 0) status_.lastShippedAt = clock_.now();
                status_.error.clear();
                failures = 0;
            } else {
                status_.state = r.connectionLost ? LinkStatus::State::Down : LinkStatus::State::Refused;
                status_.rowsBehind = r.rowsBehind;
                status_.oldestUnshippedAt = r.oldestUnshippedAt;
                status_.error = r.error;
                waitS = retryDelaySeconds(++failures, config_.central.retryMaxSeconds);
            }
        }
        if (!r.ok && r.error != lastError)
            std::fprintf(stderr, "lobbywatch: central: %s (trying again in %d s)\n", r.error.c_str(), waitS);
        if (r.ok && !lastError.empty()) std::fprintf(stderr, "lobbywatch: central: link up again, %lld rows shipped\n", r.shipped);
        lastError = r.ok ? std::string() : r.error;
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::seconds(waitS), [this] { return stop_ || nudged_; });
        nudged_ = false;
        if (stop_) return;
    }
}

}  // namespace lw::central
