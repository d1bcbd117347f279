// The lobby model's inner state: the records behind tickets, windows and categories, and the transitions
// (internal to lw_lobby; Lobby.cpp, LobbyTickets.cpp, LobbyWindows.cpp, LobbyDay.cpp and LobbyQueries.cpp).
#pragma once

#include "lobby/Lobby.h"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace lw::lobby {


constexpr TimeMs kHourMs = 3600 * 1000;

// Waiting order inside one queue: VIP first, then by (original) issue time, then by arrival in the model.
struct QueueEntry {
    bool priority;
    TimeMs key;
    std::uint64_t seq;
    const Ticket* ticket;
    bool operator<(const QueueEntry& other) const {
        if (priority != other.priority) return priority;
        if (key != other.key) return key < other.key;
        return seq < other.seq;
    }
};
using Queue = std::set<QueueEntry>;

// What makes two events "the same event" for idempotent re-apply.
struct Fingerprint {
    EventKind kind;
    TimeMs time;
    int window;
    int toWindow;
    bool priority;
    std::string category;
    std::string detail;
    bool operator==(const Fingerprint& o) const {
        return kind == o.kind && time == o.time && window == o.window && toWindow == o.toWindow &&
               priority == o.priority && category == o.category && detail == o.detail;
    }
};

inline Fingerprint fingerprintOf(const LobbyEvent& e) {
    return Fingerprint{e.kind, e.time, e.window, e.toWindow, e.priority, e.category, e.detail};
}

struct TicketRecord {
    Ticket ticket;
    std::uint64_t seq = 0;
    TimeMs queueKey = 0;   // issue time, or first seen when unknown
    bool queued = false;
    std::vector<Fingerprint> applied;
};

struct CategoryRecord {
    CategoryConfig config;
    bool configured = false;
    Queue queue;
    std::deque<std::pair<TimeMs, TimeMs>> recentWaits;  // (called at, wait), oldest first
    std::deque<TimeMs> recentIssues;                    // issue times of the last hour, oldest first
    int issued = 0;
    int called = 0;
};

struct WindowRecord {
    Window window;
    Queue reserved;  // waiting tickets transferred to this window
    std::vector<Fingerprint> applied;  // window open/pause/close events of the day
};

inline std::string categoryOfLabel(const std::string& label) {
    std::string code;
    for (char c : label) {
        if (c >= '0' && c <= '9') break;
        code += c;
    }
    return code.empty() ? std::string("?") : code;
}

inline std::string seconds(TimeMs ms) {
    return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
}

inline bool isTicketEvent(EventKind kind) {
    switch (kind) {
    case EventKind::WindowOpen:
    case EventKind::WindowPause:
    case EventKind::WindowClose:
    case EventKind::DeviceStatus: return false;
    default: return true;
    }
}


struct Lobby::State {
    LobbyConfig config;
    TimeMs clockJumpMs = 0;
    std::optional<TimeMs> clock;
    std::int64_t day = 0;
    std::string dayText;
    std::unordered_map<std::string, TicketRecord> tickets;
    std::unordered_map<std::string, CategoryRecord> categories;
    std::vector<std::string> categoryOrder;
    std::map<int, WindowRecord> windows;
    LobbyTotals totals;
    std::vector<Anomaly> anomalies;
    std::map<int, std::string> devices;
    std::uint64_t nextSeq = 0;
    ApplyResult* result = nullptr;  // the result being built by the current call

    // ---- bookkeeping ----

    void raise(const char* kind, const std::string& ticket, int window, std::string message);

    CategoryRecord& ensureCategory(const std::string& code);

    WindowRecord& ensureWindow(int number);

    WindowRecord* windowFor(int number);

    TicketRecord* find(const std::string& label);

    int* openCounter(TicketState s);

    // Open states are counted as they are now; ends are counted as they happen.
    void setState(Ticket& t, TicketState next);

    TicketRecord& create(const std::string& label, const std::string& category, bool priority,
                         std::optional<TimeMs> issuedAt, TimeMs now);

    // A ticket that an event names but the model never saw issued: created, with an unknown issue time.
    TicketRecord& findOrCreateUnknown(const LobbyEvent& e, TimeMs now, bool& created);

    void enqueue(TicketRecord& rec);

    void dequeue(TicketRecord& rec);

    // ---- windows ----

    static void stopIdle(Window& w, TimeMs now);

    static void startIdleIfFree(Window& w, TimeMs now);

    void open(WindowRecord& rec, TimeMs now);

    // A call at a closed or paused window means the clerk is taking customers: the window is taken as open.
    // Other ticket events at a closed window (a finish after closing) are recorded but leave it closed.
    void requireOpen(WindowRecord* rec, const LobbyEvent& e, TimeMs now, bool isCall);

    // What a window's keypad event (call, recall, start, finish, no-show) acts on: its window, taken as open for a
    // call (requireOpen), and its ticket, created if the model never saw it (findOrCreateUnknown).
    struct KeypadTarget {
        WindowRecord* window;
        TicketRecord& record;
        bool created;
    };
    KeypadTarget keypadTarget(const LobbyEvent& e, TimeMs now, bool isCall);

    void unseat(int number, const std::string& label, TimeMs now);

    // Seats a ticket at a window; whoever is still at it is closed first (no-show if only called, else finished).
    void seat(WindowRecord* rec, Ticket& t, TimeMs now);

    void finish(TicketRecord& rec, WindowRecord* win, TimeMs now);

    // The wait ends: recorded for the category's last-hour figures.
    void endWait(Ticket& t, TimeMs now);

    // ---- event kinds ----

    void issued(const LobbyEvent& e, TimeMs now);

    void called(const LobbyEvent& e, TimeMs now, bool isRecall);

    void started(const LobbyEvent& e, TimeMs now);

    void finished(const LobbyEvent& e, TimeMs now);

    void noShow(const LobbyEvent& e, TimeMs now);

    void abandoned(const LobbyEvent& e, TimeMs now);

    void transferred(const LobbyEvent& e, TimeMs now);

    bool windowEvent(const LobbyEvent& e, TimeMs now);

    // ---- clock and day ----

    bool anythingOpen() const;

    void startDay(TimeMs t);

    void rollover(TimeMs t);

    // Moves the clock to t (never back) and rolls the day over; returns the time the event is applied at.
    TimeMs advance(TimeMs t, bool fromEvent);
};

}  // namespace lw::lobby
