// The shipper's own thread: a pass every [central] ship_every_s while the link is up, backing off (5 s, 10 s, ...
// up to retry_max_s) while it is down. The kiosk never waits on it: it reads status() when it likes.
#pragma once

#include "clock/Clock.h"
#include "kiosk/KioskConfig.h"
#include "central/Shipping.h"

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace lw::central {

class CentralLink {
public:
    CentralLink(QString logPath, kiosk::KioskConfig config, std::string password, const kiosk::Clock& clock);
    ~CentralLink();  // stops the thread (a pass in progress ends at its next batch or its connect timeout)
    CentralLink(const CentralLink&) = delete;
    CentralLink& operator=(const CentralLink&) = delete;

    void start();
    LinkStatus status() const;
    // Ship soon (e.g. after a business day closed and its totals were kept).
    void nudge();

private:
    void run();

    QString logPath_;
    kiosk::KioskConfig config_;
    std::string password_;
    const kiosk::Clock& clock_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false, nudged_ = false;
    LinkStatus status_;
    std::thread thread_;
};

}  // namespace lw::central
