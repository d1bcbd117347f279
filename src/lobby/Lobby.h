// The lobby model: an exact picture of the business day (tickets, windows, categories) built by applying events.
#pragma once

#include "lobby/Anomaly.h"
#include "lobby/LobbyConfig.h"
#include "lobby/LobbyEvent.h"
#include "lobby/Ticket.h"
#include "lobby/Window.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lw::lobby {

// What one apply() or tick() did, for the shell to log and the import to report.
struct ApplyResult {
    bool duplicate = false;                   // an identical re-apply: nothing changed, nothing raised
    std::vector<Anomaly> anomalies;
    std::string closedDay;                    // set when this call rolled the business day over: the day closed
    std::vector<Ticket> closedTickets;        // the old day's open tickets, as the rollover closed them
    std::vector<int> closedWindows;           // the old day's windows that were still open or paused
    std::vector<int> newWindows;              // windows the config does not name, first seen now
    std::vector<std::string> newCategories;   // categories the config does not name, first seen now
};

// A category's figures, as of the model's clock.
struct CategoryStatus {
    CategoryConfig config;             // thresholds (defaults for a category the config does not name)
    bool configured = false;
    int waiting = 0;
    int priorityWaiting = 0;
    TimeMs longestWaitMs = 0;          // of the tickets waiting now (0 when none)
    std::vector<TimeMs> waitsLastHourMs;  // completed waits (issue to call) of tickets called in the last 60 min
    int issuedLastHour = 0;            // tickets issued in the last 60 min: the flow, even when the windows lag
    int issuedToday = 0;
    int calledToday = 0;
};

struct LobbyTotals {
    int issued = 0;        // issued events of the day (not tickets created by odd input)
    int waiting = 0;
    int called = 0;        // called, not yet started
    int serving = 0;
    int finished = 0;
    int noShow = 0;
    int abandoned = 0;
    int transfers = 0;     // transfer events of the day
    int anomalies = 0;
};

// Rules, where the issue left a choice:
// - A rollover closes the old day at the last time the model saw in it: waiting and called tickets become
//   Abandoned, tickets being served become Finished (their service is not counted: the day's figures are reset),
//   all get closedByRollover; windows are closed. Ticket numbers start again: A001 of the new day is a new ticket.
// - The model's clock never goes back. An event older than the last one seen is applied at the last seen time
//   ("clock_back"); a jump forward of more than clockJumpMs within a business day while anything is open is
//   a "clock_jump", and every open ticket is flagged clockSuspect. tick() behind the clock is ignored quietly.
// - An identical re-apply of an event already applied to a ticket (or the last one applied to a window)
//   changes nothing and raises nothing.
// - Service order of a window: waiting tickets transferred to it come first; then the first category of its list
//   with a waiting ticket that is not reserved for another window; within a category VIP tickets first, then by
//   issue time (a transferred ticket keeps its original issue time, so it goes ahead of later ones).
// - A call at a closed or paused window opens it ("window_not_open"); other ticket events at a closed window are
//   recorded ("window_closed") and leave it closed. A call at a window that still
//   has a called ticket makes that one a no-show ("implicit_no_show"); one still being served is finished
//   ("implicit_finish"). A finish without a start counts the service from the last call.
// Anomaly kinds: never_issued, issued_late (the issue of a ticket first seen through a call), reissued, no_ticket, no_window; calls: called_after_finish, called_again,
// called_elsewhere, called_while_serving, recall_before_call, wrong_window; starts: started_elsewhere,
// started_without_call, started_twice, started_after_end; ends: finished_elsewhere, finished_without_call,
// finished_twice, finished_after_end, no_show_elsewhere, no_show_without_call, no_show_while_serving,
// no_show_after_end, abandoned_while_serving, abandoned_after_end, transfer_after_end; windows: window_not_open,
// window_closed, implicit_no_show, implicit_finish; clock: clock_back, clock_jump.
class Lobby {
public:
    static constexpr TimeMs kDefaultClockJumpMs = 2 * 3600 * 1000;

    explicit Lobby(LobbyConfig config, TimeMs clockJumpMs = kDefaultClockJumpMs);
    ~Lobby();
    Lobby(const Lobby&) = delete;
    Lobby& operator=(const Lobby&) = delete;
    Lobby(Lobby&&) noexcept;
    Lobby& operator=(Lobby&&) noexcept;

    ApplyResult apply(const LobbyEvent& event);
    // Moves the clock on without an event (rolls the day over when `now` is in a later business day).
    ApplyResult tick(TimeMs now);

    const LobbyConfig& config() const;
    // Changes a category's target, warning and limit from now on (and after a rollover). False, nothing changed,
    // when the category is unknown or the minutes are not 1 <= target <= warning <= limit <= 600.
    bool setThresholds(const std::string& code, int targetMin, int warningMin, int limitMin);
    std::optional<TimeMs> now() const;  // the model's clock: the latest time seen; nullopt before the first
    std::string businessDay() const;    // "YYYY-MM-DD"; empty before the first event

    // Pointers and references handed out stay valid until a rollover (or, for a ticket, its label being issued
    // again); read them between apply() calls, do not keep them across days.
    const Ticket* ticket(const std::string& label) const;  // today's ticket, or nullptr
    std::vector<const Ticket*> waiting(const std::string& category) const;  // in service order
    const Ticket* nextFor(int window) const;  // the ticket this window would call next, or nullptr

    const Window* window(int number) const;
    std::vector<const Window*> windows() const;  // by number
    std::optional<CategoryStatus> category(const std::string& code) const;
    std::vector<CategoryStatus> categories() const;  // config order, then as they appeared
    LobbyTotals totals() const;
    const std::vector<Anomaly>& anomalies() const;  // today's
    // Last status word (OK, PAPER_LOW, ...) per device address, from device_status events.
    const std::map<int, std::string>& deviceStatus() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace lw::lobby
