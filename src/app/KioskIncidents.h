// The kiosk's incidents: one per condition (a slot holds the open one), raised and cleared at the kiosk's clock,
// and the alert board's steps carried into the log (waiting in memory while the log refuses writes).
#pragma once

#include "alerts/AlertBoard.h"
#include "clock/Clock.h"
#include "kiosk/IncidentLog.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::app {

class KioskNotify;

class KioskIncidents {
public:
    KioskIncidents(kiosk::IncidentLog& log, const kiosk::Clock& clock) : log_(log), clock_(clock) {}

    // The alert panel: a port down or a damaged log raised here is also a card on it (acknowledged, resolved,
    // kept after it ended until answered), so that the panel never says "no alerts" while one lasts.
    void showOn(alerts::AlertBoard* board) { board_ = board; }
    // The outgoing webhook is told of each incident raised here and each board change applied (after their rows).
    void tellTo(KioskNotify* notify) { notify_ = notify; }
    // Raises an incident unless `slot` holds one already (one incident per condition).
    void raise(const std::string& kind, const std::string& severity, const std::string& subject, const std::string& zh,
               const std::string& en, std::optional<std::int64_t>& slot);
    // The webhook told of an alarm that is no incident yet (the log refusing writes: its incident is written after).
    void tell(const std::string& kind, const std::string& severity, const std::string& subject, const std::string& zh,
              const std::string& en);
    // A "cleared" step on the slot's incident, and the slot freed.
    void clear(std::optional<std::int64_t>& slot);
    // The board's new alerts raised (their incidents attached to the board) and its steps taken, in order.
    void apply(const alerts::BoardChanges& changes, alerts::AlertBoard& board, lobby::TimeMs now);
    // Today's incidents a previous run left open (a crash, a restart, a power cut): a condition raised again within
    // `until` continues its incident (no second row, no second message to the chat robots); at `until` those not
    // raised again get a "cleared" step (closeLeftOpen), so that none stays open for ever.
    void carryOver(const std::vector<store::Incident>& today, lobby::TimeMs until);
    void closeLeftOpen(lobby::TimeMs now);
    // A staff action row.
    void record(const std::string& who, const std::string& action, const std::string& subject, const std::string& detail);

    kiosk::IncidentLog& log() { return log_; }
    // Something was raised or stepped since the screen's list was read.
    bool dirty() const { return dirty_; }
    void markDirty() { dirty_ = true; }
    void markRead() { dirty_ = false; }

private:
    kiosk::IncidentLog& log_;
    const kiosk::Clock& clock_;
    bool dirty_ = true;
    alerts::AlertBoard* board_ = nullptr;
    KioskNotify* notify_ = nullptr;
    std::map<std::int64_t, std::string> onBoard_;  // incident handle -> its card's key
    std::optional<std::int64_t> takeLeftOpen(const std::string& kind, const std::string& subject);
    std::map<std::string, std::int64_t> leftOpen_;  // "kind|subject" -> an incident a previous run left open
    lobby::TimeMs carryUntil_ = 0;
};

}  // namespace lw::app
