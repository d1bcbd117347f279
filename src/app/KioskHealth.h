// The kiosk's own health: the event log (writable? sound?) and the wall clock (plausible?). Each trouble is an
// incident, a card at the top of the alert panel, and a word on the status line until it ends.
#pragma once

#include "clock/Clock.h"
#include "store/EventStore.h"
#include "app/KioskIncidents.h"
#include "lobby/LobbyConfig.h"
#include "forecast/Watch.h"

#include <QObject>

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lw::app {

class KioskHealth {
public:
    KioskHealth(store::EventStore& store, const lobby::LobbyConfig& config, const kiosk::Clock& clock, KioskIncidents& incidents)
        : store_(store), config_(config), clock_(clock), incidents_(incidents) {}
    ~KioskHealth();  // waits for the log's check

    // The live kiosk's clock: never before the log's last event (nor the build date), then checked.
    void startClock();
    // Each tick: follows the wall clock forward, never back; an implausible reading is an incident until right.
    void checkClock();

    // At start: the damaged log found was moved aside to `aside` (an incident says so).
    void logMovedAside(const std::string& aside);
    // At start: the log cannot be written (LOG FAILING from the start, nothing acknowledged until it can be).
    void logNotWritable(const std::string& why);
    // quick_check over the whole file on another thread; a damaged log is marked for the next start. The result
    // comes back to `context`'s thread.
    void verifyInBackground(QObject* context);
    // After each commit: `error` (the log refused the batch) or, when events went in after an outage, the outage
    // becomes an incident and what waited in memory goes in.
    void afterCommit(const std::optional<std::string>& error, bool eventsWentIn, std::int64_t realNowMs);

    bool logFailing() const { return logFailingSince_ >= 0; }
    lobby::TimeMs logFailingSince() const { return logFailingSince_; }
    bool logDamaged() const { return !logProblem_.empty(); }
    const std::string& clockDoubt() const { return clockDoubt_; }
    // The cards for the top of the alert panel: a log that cannot be written, a clock that cannot be trusted.
    std::vector<forecast::Alert> cards(lobby::TimeMs now) const;

private:
    void tellLogFailing();  // the outgoing webhook told: the log refuses writes

    store::EventStore& store_;
    const lobby::LobbyConfig& config_;
    const kiosk::Clock& clock_;
    KioskIncidents& incidents_;
    std::thread verifier_;
    std::string logProblem_;
    std::optional<std::int64_t> logDamagedIncident_;
    std::optional<std::int64_t> clockIncident_;
    std::string clockDoubt_, clockDoubtZh_;
    lobby::TimeMs logFailingSince_ = -1;  // the log refuses writes since then (-1: it does not)
    std::string logFailure_;
    std::int64_t lastStoreComplaintMs_ = -1;
};

}  // namespace lw::app
