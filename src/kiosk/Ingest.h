// The one path every event takes, live, replayed or imported: bytes -> frames -> events -> log -> lobby.
#pragma once

#include "protocol/Codec.h"
#include "intake/DeviceSessions.h"
#include "kiosk/EventLog.h"
#include "store/EventStore.h"
#include "lobby/Lobby.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lw::kiosk {

using lobby::TimeMs;

// What went back to one port after a commit, in order.
struct Replies {
    std::map<std::string, std::string> bytesByPort;
};

struct IngestCounters {
    std::uint64_t events = 0;        // logged and applied
    std::uint64_t duplicates = 0;    // resends ACKed again
    std::uint64_t heartbeats = 0;
    std::uint64_t boots = 0;         // power-up announcements (BOT) ACKed
    std::uint64_t refused = 0;       // NAKed frames (unknown type, wrong direction)
    std::uint64_t decodeErrors = 0;  // checksum, overlong, malformed, truncated
    std::uint64_t commits = 0;
    std::uint64_t failedCommits = 0;     // the log refused a batch: nothing of it was ACKed
    std::uint64_t unackedForFailure = 0; // frames left unacknowledged because of failed commits
    std::uint64_t anomalies = 0;
    std::uint64_t rejectsSummarised = 0;  // rejects beyond the per-port budget: counted, not logged one by one
    std::uint64_t busy = 0;          // frames refused with NAK BUSY: kMaxPendingFrames were already waiting for the log
    std::uint64_t busyRepliesDropped = 0;  // NAK BUSY not even sent (kMaxBusyReplyBytes for this commit used up)
    std::vector<int> newWindows;               // windows the config does not name, as they first appeared
    std::vector<std::string> newCategories;    // categories the config does not name, as they first appeared
};

// At most `limit` of something a minute; what goes over is counted and reported once that minute has passed.
// Times are whatever clock the caller keeps (receive times, the wall clock), in ms.
class MinuteBudget {
public:
    explicit MinuteBudget(int limit) : limit_(limit) {}
    // Moves to the minute of `atMs`; returns how many went over in the minute that ended there (0 when none, or
    // when `atMs` is still in the same minute).
    std::uint64_t roll(std::int64_t atMs) {
        const std::int64_t minute = atMs / 60'000;
        if (minute == minute_) return 0;
        minute_ = minute;
        used_ = 0;
        return std::exchange(over_, 0);
    }
    // True when one more fits in this minute; otherwise it is counted as over.
    bool take() {
        if (used_ < limit_) {
            ++used_;
            return true;
        }
        ++over_;
        return false;
    }

private:
    int limit_;
    std::int64_t minute_ = -1;
    int used_ = 0;
    std::uint64_t over_ = 0;
};

struct PortState {
    std::string name;
    protocol::FrameDecoder decoder;
    intake::DeviceSessions sessions;
    // A port spewing garbage must not fill the disk: at most 60 rejects a minute are logged row by row; the rest
    // are counted and logged as one summary row once the minute has passed.
    MinuteBudget rejectBudget{60};
    struct EventBudget {
        double tokens = 0.0;
        TimeMs at = 0;
    };
    std::map<int, EventBudget> eventBudgets;  // by device address (Ingest::setLiveLimits)
    explicit PortState(const std::string& port) : name(port), sessions(port) {}
};

class Ingest {
public:
    // The live kiosk's limits (replay and import take everything; see setLiveLimits):
    // at most this many frames wait for one commit; a frame beyond it is not examined but refused with NAK BUSY
    // (the device resends after 5 s), so that a flooding line cannot grow memory or delay everyone's ACKs;
    static constexpr std::size_t kLiveMaxPendingFrames = 2000;
    // and at most this many event frames a second from one device, with bursts of kLiveEventBurst (its queue
    // after an outage): 5 a second is ten times a payday's busiest hour for a whole branch. Beyond it, NAK BUSY:
    // a device sending events faster is misbehaving, and each event it sends is kept in today's lobby. Per
    // device, so that one flooding device does not starve the others on its bus.
    static constexpr double kLiveEventsPerSecond = 5.0;
    static constexpr double kLiveEventBurst = 200.0;
    // The NAK BUSY replies of one commit stop at this many bytes per port (the rest is counted, not sent).
    static constexpr std::size_t kMaxBusyReplyBytes = 32 * 1024;
    void setLiveLimits(std::size_t maxPendingFrames = kLiveMaxPendingFrames, double eventsPerSecond = kLiveEventsPerSecond,
                       double eventBurst = kLiveEventBurst) {
        maxPendingFrames_ = maxPendingFrames;
        eventsPerSecond_ = eventsPerSecond;
        eventBurst_ = eventBurst;
    }

    // Both outlive the Ingest. The lobby should already hold what the log has for today (see rebuildToday).
    Ingest(EventLog& log, lobby::Lobby& lobby);
    // The same over the SQLite log on the calling thread.
    Ingest(store::EventStore& store, lobby::Lobby& lobby);

    // Bytes received on `port` at `at`. Decodes, examines, and applies new events to the lobby at once (the
    // screens need not wait for the disk); nothing is logged or acknowledged until commit().
    void receive(const std::string& port, TimeMs at, std::string_view bytes);
    // Events not from a device (the CSV import): logged and applied with the next commit, never acknowledged.
    void add(const lobby::LobbyEvent& event);
    // One transaction for everything received since the last commit. On success the ACKs (and, for a new ticket,
    // the wait estimate) are returned for sending. On failure nothing is acknowledged (devices resend), the lobby
    // is rebuilt from the log (so the resends apply once), and the error is returned.
    std::optional<std::string> commit(Replies& replies);
    // The same commit in two halves, for a log written on another thread (the live kiosk). beginCommit() adds the
    // NAK BUSY replies to `replies` and hands out everything received since the last commit as `batch` (false:
    // nothing to write); finishCommit(), with what writing that batch gave, acknowledges it (success) or not
    // (failure, as commit()). What arrives in between waits for the next commit; on a failure it is refused with
    // the batch, since the lobby is rebuilt from the log. One commit at a time.
    bool beginCommit(Replies& replies, store::Batch& batch);
    std::optional<std::string> finishCommit(const std::optional<std::string>& failure, Replies& replies);
    bool committing() const { return committing_; }
    std::size_t pending() const { return batch_.events.size() + batch_.rejects.size(); }
    std::size_t pendingFrames() const { return pending_.size(); }
    // The wait a ticket issued now would have, per category, in minutes, from the latest forecast. A category
    // missing here gets "no estimate" (ESN) on its new tickets, never a made-up number.
    void setIssueEstimates(std::map<std::string, int> minutesByCategory) { estimates_ = std::move(minutesByCategory); }

    const IngestCounters& counters() const { return counters_; }
    const std::string& lastError() const { return lastError_; }
    const std::map<std::string, std::unique_ptr<PortState>>& ports() const { return ports_; }
    // Called with every event as it is applied to the lobby (the alert rules count no-shows from them).
    void setObserver(std::function<void(const lobby::LobbyEvent&)> observer) { observer_ = std::move(observer); }
    // After a restart: the log's events of today tell the device sessions which frames are already recorded,
    // so that a device resending one whose ACK was lost in the restart gets an ACK, not a second log entry.
    void rememberLogged(const std::vector<lobby::LobbyEvent>& events);
    // Called with each anomaly the lobby raised (for the shell's log).
    std::vector<lobby::Anomaly> takeAnomalies();

private:
    PortState& port(const std::string& name);
    void apply(const lobby::LobbyEvent& event);
    // The business day of a receive time (the device sessions forget resends at its change), cached by day number.
    const std::string& businessDayOf(TimeMs at);
    std::int64_t dayNumber_ = INT64_MIN;
    std::string day_;

    struct Pending {
        std::string port;
        protocol::DecodedFrame frame;
        intake::Decision decision;
        std::size_t eventIndex = SIZE_MAX;  // into batch_.events when it is a new event
        int estimateMin = -1;               // a new ticket: the wait logged with it (-1: none), sent back as EST
        int ahead = 0;                      // a new ticket: the people ahead of it when it was issued
    };

    std::unique_ptr<EventLog> ownLog_;  // the adapter when made over an EventStore
    EventLog& log_;
    lobby::Lobby& lobby_;
    std::map<std::string, std::unique_ptr<PortState>> ports_;
    store::Batch batch_;
    std::vector<Pending> pending_;
    std::vector<Pending> inFlight_;  // the frames of the commit being written
    std::size_t inFlightEvents_ = 0;
    bool committing_ = false;
    std::size_t maxPendingFrames_ = SIZE_MAX;
    double eventsPerSecond_ = 0.0;  // 0: no limit
    double eventBurst_ = 0.0;
    bool eventAllowed(PortState& ps, int address, TimeMs at);
    std::map<std::string, std::string> busyReplies_;  // NAK BUSY by port, sent with the next commit's replies
    void refuseBusy(const std::string& port, const protocol::Frame& frame);
    void sendBusyReplies(Replies& replies);
    std::vector<protocol::DecodeResult> scratch_;
    IngestCounters counters_;
    std::string lastError_;
    std::map<std::string, int> estimates_;
    std::function<void(const lobby::LobbyEvent&)> observer_;
    std::vector<lobby::Anomaly> anomalies_;

    void reject(PortState& ps, store::Reject r);
};

// What a window's LED display shows when it calls a ticket: "请 A042 号到 3 号窗口" (within the 64 bytes an LED
// frame carries).
std::string ledCallText(const protocol::TicketId& ticket, int window);

// Reads today's events from the log into the lobby (the kiosk's start). Returns how many were applied.
std::size_t rebuildToday(EventLog& log, lobby::Lobby& lobby, TimeMs now);
std::size_t rebuildToday(store::EventStore& store, lobby::Lobby& lobby, TimeMs now);

}  // namespace lw::kiosk
