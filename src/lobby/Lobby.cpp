// The lobby model's transitions: every event kind, the monotone clock, the business-day rollover.
#include "Lobby.h"

#include "LocalTime.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>
#include <utility>

namespace lw::lobby {

namespace {

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

Fingerprint fingerprintOf(const LobbyEvent& e) {
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

std::string categoryOfLabel(const std::string& label) {
    std::string code;
    for (char c : label) {
        if (c >= '0' && c <= '9') break;
        code += c;
    }
    return code.empty() ? std::string("?") : code;
}

std::string seconds(TimeMs ms) {
    return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
}

bool isTicketEvent(EventKind kind) {
    switch (kind) {
    case EventKind::WindowOpen:
    case EventKind::WindowPause:
    case EventKind::WindowClose:
    case EventKind::DeviceStatus: return false;
    default: return true;
    }
}

}  // namespace

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

    void raise(const char* kind, const std::string& ticket, int window, std::string message) {
        Anomaly a{clock.value_or(0), kind, ticket, window, std::move(message)};
        anomalies.push_back(a);
        ++totals.anomalies;
        if (result) result->anomalies.push_back(std::move(a));
    }

    CategoryRecord& ensureCategory(const std::string& code) {
        auto it = categories.find(code);
        if (it != categories.end()) return it->second;
        CategoryRecord rec;
        rec.config.code = code;
        categoryOrder.push_back(code);
        if (result) result->newCategories.push_back(code);
        return categories.emplace(code, std::move(rec)).first->second;
    }

    WindowRecord& ensureWindow(int number) {
        auto it = windows.find(number);
        if (it != windows.end()) return it->second;
        WindowRecord rec;
        rec.window.number = number;
        if (result) result->newWindows.push_back(number);
        return windows.emplace(number, std::move(rec)).first->second;
    }

    WindowRecord* windowFor(int number) { return number > 0 ? &ensureWindow(number) : nullptr; }

    TicketRecord* find(const std::string& label) {
        auto it = tickets.find(label);
        return it == tickets.end() ? nullptr : &it->second;
    }

    int* openCounter(TicketState s) {
        switch (s) {
        case TicketState::Waiting: return &totals.waiting;
        case TicketState::Called: return &totals.called;
        case TicketState::Serving: return &totals.serving;
        default: return nullptr;
        }
    }

    // Open states are counted as they are now; ends are counted as they happen.
    void setState(Ticket& t, TicketState next) {
        if (int* c = openCounter(t.state)) --*c;
        t.state = next;
        if (int* c = openCounter(next)) ++*c;
        if (next == TicketState::Finished) ++totals.finished;
        if (next == TicketState::NoShow) ++totals.noShow;
        if (next == TicketState::Abandoned) ++totals.abandoned;
    }

    TicketRecord& create(const std::string& label, const std::string& category, bool priority,
                         std::optional<TimeMs> issuedAt, TimeMs now) {
        TicketRecord& rec = tickets[label];
        rec = TicketRecord{};
        rec.seq = nextSeq++;
        rec.queueKey = issuedAt.value_or(now);
        Ticket& t = rec.ticket;
        t.label = label;
        t.category = category;
        t.originalCategory = category;
        t.priority = priority;
        t.issuedAt = issuedAt;
        t.state = TicketState::Waiting;
        ++totals.waiting;
        ensureCategory(category);
        return rec;
    }

    // A ticket that an event names but the model never saw issued: created, with an unknown issue time.
    TicketRecord& findOrCreateUnknown(const LobbyEvent& e, TimeMs now, bool& created) {
        created = false;
        if (TicketRecord* rec = find(e.ticket)) return *rec;
        created = true;
        raise("never_issued", e.ticket, e.window,
              "ticket " + e.ticket + " was never issued today (" + eventName(e.kind) +
                  " came first); created with an unknown issue time");
        return create(e.ticket, categoryOfLabel(e.ticket), e.priority, std::nullopt, now);
    }

    void enqueue(TicketRecord& rec) {
        const Ticket& t = rec.ticket;
        const QueueEntry entry{t.priority, rec.queueKey, rec.seq, &t};
        ensureCategory(t.category).queue.insert(entry);
        if (t.transferredToWindow > 0) ensureWindow(t.transferredToWindow).reserved.insert(entry);
        rec.queued = true;
    }

    void dequeue(TicketRecord& rec) {
        if (!rec.queued) return;
        const Ticket& t = rec.ticket;
        const QueueEntry entry{t.priority, rec.queueKey, rec.seq, &t};
        categories[t.category].queue.erase(entry);
        if (t.transferredToWindow > 0) windows[t.transferredToWindow].reserved.erase(entry);
        rec.queued = false;
    }

    // ---- windows ----

    static void stopIdle(Window& w, TimeMs now) {
        if (w.idleSince) {
            w.idleMsClosed += now > *w.idleSince ? now - *w.idleSince : 0;
            w.idleSince.reset();
        }
    }

    static void startIdleIfFree(Window& w, TimeMs now) {
        if (w.state == WindowState::Open && w.ticket.empty() && !w.idleSince) w.idleSince = now;
    }

    void open(WindowRecord& rec, TimeMs now) {
        Window& w = rec.window;
        w.state = WindowState::Open;
        w.pauseReason.clear();
        w.pausedSince.reset();
        startIdleIfFree(w, now);
    }

    // A call at a closed or paused window means the clerk is taking customers: the window is taken as open.
    // Other ticket events at a closed window (a finish after closing) are recorded but leave it closed.
    void requireOpen(WindowRecord* rec, const LobbyEvent& e, TimeMs now, bool isCall) {
        if (!rec) return;
        const WindowState s = rec->window.state;
        if (isCall && s != WindowState::Open) {
            raise("window_not_open", e.ticket, e.window,
                  "window " + std::to_string(e.window) + " was " + toString(s) + " when it called " + e.ticket +
                      "; taken as open");
            open(*rec, now);
        } else if (!isCall && s == WindowState::Closed) {
            raise("window_closed", e.ticket, e.window,
                  std::string(eventName(e.kind)) + " " + e.ticket + " at window " + std::to_string(e.window) +
                      ", which is closed; the window stays closed");
        }
    }

    void unseat(int number, const std::string& label, TimeMs now) {
        auto it = windows.find(number);
        if (it == windows.end()) return;
        Window& w = it->second.window;
        if (w.ticket != label) return;
        w.ticket.clear();
        w.ticketSince.reset();
        startIdleIfFree(w, now);
    }

    // Seats a ticket at a window; whoever is still at it is closed first (no-show if only called, else finished).
    void seat(WindowRecord* rec, Ticket& t, TimeMs now) {
        if (!rec) return;
        Window& w = rec->window;
        if (!w.ticket.empty() && w.ticket != t.label) {
            TicketRecord* prev = find(w.ticket);
            if (prev && prev->ticket.window == w.number && prev->ticket.state == TicketState::Called) {
                raise("implicit_no_show", prev->ticket.label, w.number,
                      "window " + std::to_string(w.number) + " called " + t.label + " while " + prev->ticket.label +
                          " was still called there; " + prev->ticket.label + " taken as a no-show");
                setState(prev->ticket, TicketState::NoShow);
                prev->ticket.endedAt = now;
            } else if (prev && prev->ticket.window == w.number && prev->ticket.state == TicketState::Serving) {
                raise("implicit_finish", prev->ticket.label, w.number,
                      "window " + std::to_string(w.number) + " took " + t.label + " while " + prev->ticket.label +
                          " was still being served there; " + prev->ticket.label + " taken as finished");
                finish(*prev, rec, now);
            }
        }
        stopIdle(w, now);
        if (w.ticket != t.label) w.ticketSince = now;
        w.ticket = t.label;
        t.window = w.number;
        if (!w.configured && std::find(w.serves.begin(), w.serves.end(), t.category) == w.serves.end()) {
            w.serves.push_back(t.category);
        }
    }

    void finish(TicketRecord& rec, WindowRecord* win, TimeMs now) {
        Ticket& t = rec.ticket;
        // A service is timed from its start, or from the last call when the keypad skipped the start; a ticket
        // finished from any other state has no known start and is counted but not timed.
        std::optional<TimeMs> start = t.startedAt;
        if (!start && t.state == TicketState::Called) start = t.lastCalledAt;
        if (win) {
            ++win->window.servedToday;
            if (start) {
                win->window.serviceTimesMs.push_back(now > *start ? now - *start : 0);
                win->window.serviceCategories.push_back(t.category);
            }
        }
        setState(t, TicketState::Finished);
        t.endedAt = now;
        unseat(t.window, t.label, now);
        if (win && win->window.number != t.window) unseat(win->window.number, t.label, now);
    }

    // The wait ends: recorded for the category's last-hour figures.
    void endWait(Ticket& t, TimeMs now) {
        t.calledAt = now;
        if (!t.firstCalledAt) t.firstCalledAt = now;
        CategoryRecord& cat = ensureCategory(t.category);
        ++cat.called;
        if (t.issuedAt) {
            cat.recentWaits.emplace_back(now, now > *t.issuedAt ? now - *t.issuedAt : 0);
            while (!cat.recentWaits.empty() && cat.recentWaits.front().first < now - kHourMs) {
                cat.recentWaits.pop_front();
            }
        }
    }

    // ---- event kinds ----

    void issued(const LobbyEvent& e, TimeMs now) {
        if (TicketRecord* old = find(e.ticket)) {
            Ticket& t = old->ticket;
            if (!t.issuedAt && !t.closedByRollover) {
                // The ticket was seen first through a call (the dispenser's frame came late, e.g. resent after
                // line noise): this is its issue, not a new ticket. Its true issue time is unknown but not later
                // than when it was first seen.
                raise("issued_late", e.ticket, 0,
                      "the issue of " + e.ticket + " arrived after it was " + toString(t.state) +
                          "; its issue time is taken as when it was first seen");
                const bool requeue = old->queued;
                if (requeue) dequeue(*old);
                t.issuedAt = old->queueKey;
                t.priority = e.priority;
                if (requeue) enqueue(*old);
                ++totals.issued;
                ++ensureCategory(t.originalCategory.empty() ? t.category : t.originalCategory).issued;
                return;
            }
            if (t.isOpen()) {
                raise("reissued", e.ticket, 0,
                      "ticket " + e.ticket + " was issued again while the earlier one was still " +
                          toString(t.state) + "; the earlier one is closed as abandoned, the new one replaces it");
                dequeue(*old);
                unseat(t.window, t.label, now);
                setState(t, TicketState::Abandoned);
            } else {
                raise("reissued", e.ticket, 0,
                      "ticket " + e.ticket + " was issued a second time today (the earlier one is " +
                          toString(t.state) + "); the new one replaces it");
            }
        }
        const std::string category = e.category.empty() ? categoryOfLabel(e.ticket) : e.category;
        TicketRecord& rec = create(e.ticket, category, e.priority, now, now);
        enqueue(rec);
        ++totals.issued;
        CategoryRecord& cat = ensureCategory(category);
        ++cat.issued;
        cat.recentIssues.push_back(now);
        while (!cat.recentIssues.empty() && cat.recentIssues.front() < now - kHourMs) cat.recentIssues.pop_front();
    }

    void called(const LobbyEvent& e, TimeMs now, bool isRecall) {
        WindowRecord* win = windowFor(e.window);
        requireOpen(win, e, now, true);
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        auto at = [&e] { return " at window " + std::to_string(e.window); };  // only built for messages
        switch (t.state) {
        case TicketState::Waiting:
            if (isRecall && !created) {
                raise("recall_before_call", t.label, e.window,
                      t.label + " was recalled" + at() + " but never called; taken as called");
            }
            if (t.transferredToWindow > 0 && t.transferredToWindow != e.window) {
                raise("wrong_window", t.label, e.window,
                      t.label + " was transferred to window " + std::to_string(t.transferredToWindow) +
                          " but called" + at());
            }
            dequeue(rec);
            setState(t, TicketState::Called);
            endWait(t, now);
            break;
        case TicketState::Called:
            if (t.window != e.window) {
                raise("called_elsewhere", t.label, e.window,
                      t.label + " was called at window " + std::to_string(t.window) + " and again" + at() +
                          "; it moves to window " + std::to_string(e.window));
                unseat(t.window, t.label, now);
            }
            ++t.recalls;
            break;
        case TicketState::Serving:
            raise("called_while_serving", t.label, e.window,
                  t.label + " was called" + at() + " while being served at window " + std::to_string(t.window) +
                      "; ignored");
            return;
        case TicketState::Finished:
            raise("called_after_finish", t.label, e.window,
                  t.label + " was called" + at() + " after it had finished; ignored");
            return;
        case TicketState::NoShow:
        case TicketState::Abandoned:
            raise("called_again", t.label, e.window,
                  t.label + " was " + toString(t.state) + " and is called again" + at() + "; taken as called");
            if (t.calledAt) ++t.recalls;
            setState(t, TicketState::Called);
            t.endedAt.reset();
            if (!t.calledAt) endWait(t, now);
            break;
        }
        t.lastCalledAt = now;
        if (win) win->window.lastCallAt = now;
        seat(win, t, now);
    }

    void started(const LobbyEvent& e, TimeMs now) {
        WindowRecord* win = windowFor(e.window);
        requireOpen(win, e, now, false);
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        auto at = [&e] { return " at window " + std::to_string(e.window); };  // only built for messages
        switch (t.state) {
        case TicketState::Waiting:
            if (!created) {
                raise("started_without_call", t.label, e.window,
                      "service of " + t.label + " started" + at() + " without a call; the call is taken as now");
            }
            dequeue(rec);
            endWait(t, now);
            break;
        case TicketState::Called:
            if (t.window != e.window) {
                raise("started_elsewhere", t.label, e.window,
                      t.label + " was called at window " + std::to_string(t.window) + " but started" + at());
                unseat(t.window, t.label, now);
            }
            break;
        case TicketState::Serving:
            raise("started_twice", t.label, e.window, t.label + " started again" + at() + "; ignored");
            return;
        default:
            raise("started_after_end", t.label, e.window,
                  t.label + " started" + at() + " after it was " + toString(t.state) + "; ignored");
            return;
        }
        setState(t, TicketState::Serving);
        t.startedAt = now;
        seat(win, t, now);
    }

    void finished(const LobbyEvent& e, TimeMs now) {
        WindowRecord* win = windowFor(e.window);
        requireOpen(win, e, now, false);
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        auto at = [&e] { return " at window " + std::to_string(e.window); };  // only built for messages
        switch (t.state) {
        case TicketState::Waiting:
            if (!created) {
                raise("finished_without_call", t.label, e.window,
                      t.label + " finished" + at() + " without a call; its wait ends now, its service is not timed");
            }
            dequeue(rec);
            endWait(t, now);
            t.window = e.window;
            break;
        case TicketState::Called:
        case TicketState::Serving:
            if (t.window != e.window) {
                raise("finished_elsewhere", t.label, e.window,
                      t.label + " was at window " + std::to_string(t.window) + " but finished" + at() +
                          "; counted for window " + std::to_string(e.window));
            }
            break;
        case TicketState::Finished:
            raise("finished_twice", t.label, e.window, t.label + " finished again" + at() + "; ignored");
            return;
        case TicketState::NoShow:
        case TicketState::Abandoned:
            raise("finished_after_end", t.label, e.window,
                  t.label + " was " + toString(t.state) + " but finished" + at() + "; taken as finished");
            t.window = e.window;
            break;
        }
        finish(rec, win, now);
    }

    void noShow(const LobbyEvent& e, TimeMs now) {
        WindowRecord* win = windowFor(e.window);
        requireOpen(win, e, now, false);
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        auto at = [&e] { return " at window " + std::to_string(e.window); };  // only built for messages
        switch (t.state) {
        case TicketState::Waiting:
            if (!created) {
                raise("no_show_without_call", t.label, e.window,
                      t.label + " was marked a no-show" + at() + " without a call");
            }
            dequeue(rec);
            break;
        case TicketState::Called:
            if (t.window != e.window) {
                raise("no_show_elsewhere", t.label, e.window,
                      t.label + " was called at window " + std::to_string(t.window) + " but marked a no-show" + at());
            }
            break;
        case TicketState::Serving:
            raise("no_show_while_serving", t.label, e.window,
                  t.label + " was marked a no-show" + at() + " while being served; ignored");
            return;
        default:
            raise("no_show_after_end", t.label, e.window,
                  t.label + " was marked a no-show" + at() + " after it was " + toString(t.state) + "; ignored");
            return;
        }
        setState(t, TicketState::NoShow);
        t.endedAt = now;
        unseat(t.window, t.label, now);
    }

    void abandoned(const LobbyEvent& e, TimeMs now) {
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        switch (t.state) {
        case TicketState::Waiting:
            dequeue(rec);
            break;
        case TicketState::Called:
            break;
        case TicketState::Serving:
            raise("abandoned_while_serving", t.label, t.window,
                  t.label + " was abandoned while being served at window " + std::to_string(t.window) +
                      "; taken as abandoned");
            break;
        default:
            raise("abandoned_after_end", t.label, t.window,
                  t.label + " was abandoned after it was " + toString(t.state) + "; ignored");
            return;
        }
        setState(t, TicketState::Abandoned);
        t.endedAt = now;
        unseat(t.window, t.label, now);
    }

    void transferred(const LobbyEvent& e, TimeMs now) {
        bool created = false;
        TicketRecord& rec = findOrCreateUnknown(e, now, created);
        Ticket& t = rec.ticket;
        if (t.state == TicketState::Waiting) {
            dequeue(rec);
        } else if (!t.isOpen()) {
            raise("transfer_after_end", t.label, e.window,
                  t.label + " was transferred after it was " + toString(t.state) + "; it waits again");
        }
        unseat(t.window, t.label, now);
        if (e.window > 0) ensureWindow(e.window);
        if (!e.category.empty()) t.category = e.category;
        ensureCategory(t.category);
        t.transferredToWindow = e.toWindow > 0 ? e.toWindow : 0;
        if (t.transferredToWindow > 0) ensureWindow(t.transferredToWindow);
        t.calledAt.reset();
        t.startedAt.reset();
        t.endedAt.reset();
        t.window = 0;
        ++t.transfers;
        ++totals.transfers;
        setState(t, TicketState::Waiting);
        enqueue(rec);
    }

    bool windowEvent(const LobbyEvent& e, TimeMs now) {
        if (e.window <= 0) {
            raise("no_window", "", 0, std::string(eventName(e.kind)) + " without a window number; ignored");
            return false;
        }
        WindowRecord& rec = ensureWindow(e.window);
        Window& w = rec.window;
        rec.applied.push_back(fingerprintOf(e));
        switch (e.kind) {
        case EventKind::WindowOpen:
            if (w.state == WindowState::Open) return false;
            open(rec, now);
            return true;
        case EventKind::WindowPause: {
            const std::string reason = e.detail.empty() ? std::string("OTHER") : e.detail;
            if (w.state == WindowState::Paused && w.pauseReason == reason) return false;
            stopIdle(w, now);
            if (w.state != WindowState::Paused) w.pausedSince = now;  // a new reason is the same pause going on
            w.state = WindowState::Paused;
            w.pauseReason = reason;
            return true;
        }
        default:
            if (w.state == WindowState::Closed) return false;
            stopIdle(w, now);
            w.state = WindowState::Closed;
            w.pauseReason.clear();
            w.pausedSince.reset();
            return true;
        }
    }

    // ---- clock and day ----

    bool anythingOpen() const {
        if (totals.waiting + totals.called + totals.serving > 0) return true;
        for (const auto& [number, rec] : windows) {
            if (rec.window.state != WindowState::Closed) return true;
        }
        return false;
    }

    void startDay(TimeMs t) {
        day = businessDayNumber(t, config);
        dayText = businessDayOf(t, config);
    }

    void rollover(TimeMs t) {
        const TimeMs end = *clock;
        result->closedDay = dayText;
        std::vector<const TicketRecord*> openTickets;
        for (auto& [label, rec] : tickets) {
            if (rec.ticket.isOpen()) openTickets.push_back(&rec);
        }
        std::sort(openTickets.begin(), openTickets.end(), [](const TicketRecord* a, const TicketRecord* b) { return a->seq < b->seq; });
        for (const TicketRecord* rec : openTickets) {
            Ticket closed = rec->ticket;
            closed.state = closed.state == TicketState::Serving ? TicketState::Finished : TicketState::Abandoned;
            closed.endedAt = end;
            closed.closedByRollover = true;
            result->closedTickets.push_back(std::move(closed));
        }
        tickets.clear();
        totals = LobbyTotals{};
        anomalies.clear();
        for (auto& [code, cat] : categories) {
            cat.queue.clear();
            cat.recentWaits.clear();
            cat.recentIssues.clear();
            cat.issued = 0;
            cat.called = 0;
        }
        for (auto& [number, rec] : windows) {
            Window& w = rec.window;
            if (w.state != WindowState::Closed) result->closedWindows.push_back(number);
            Window fresh;
            fresh.number = w.number;
            fresh.serves = w.serves;
            fresh.configured = w.configured;
            w = std::move(fresh);
            rec.reserved.clear();
            rec.applied.clear();
        }
        startDay(t);
    }

    // Moves the clock to t (never back) and rolls the day over; returns the time the event is applied at.
    TimeMs advance(TimeMs t, bool fromEvent) {
        if (!clock) {
            clock = t;
            startDay(t);
            return t;
        }
        TimeMs at = t;
        if (t < *clock) {
            if (fromEvent) {
                raise("clock_back", "", 0,
                      "event time " + formatLocalTime(t, config.utcOffsetMinutes) + " is " + seconds(*clock - t) +
                          " earlier than the last seen " + formatLocalTime(*clock, config.utcOffsetMinutes) +
                          "; applied at the last seen time");
            }
            at = *clock;
        }
        if (businessDayNumber(at, config) > day) {
            rollover(at);
        } else if (at - *clock > clockJumpMs && anythingOpen()) {
            raise("clock_jump", "", 0,
                  "the clock jumped forward " + seconds(at - *clock) + " from " +
                      formatLocalTime(*clock, config.utcOffsetMinutes) + " within the business day; "
                      "the open tickets' waits are flagged as doubtful");
            for (auto& [label, rec] : tickets) {
                if (rec.ticket.isOpen()) rec.ticket.clockSuspect = true;
            }
        }
        clock = at;
        return at;
    }
};

Lobby::Lobby(LobbyConfig config, TimeMs clockJumpMs) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.config = std::move(config);
    s.clockJumpMs = clockJumpMs;
    for (const CategoryConfig& c : s.config.categories) {
        CategoryRecord& rec = s.ensureCategory(c.code);
        rec.config = c;
        rec.configured = true;
    }
    for (const WindowConfig& w : s.config.windows) {
        WindowRecord& rec = s.ensureWindow(w.number);
        rec.window.serves = w.serves;
        rec.window.configured = true;
        for (const std::string& code : w.serves) s.ensureCategory(code);
    }
}

Lobby::~Lobby() = default;
Lobby::Lobby(Lobby&&) noexcept = default;
Lobby& Lobby::operator=(Lobby&&) noexcept = default;

ApplyResult Lobby::apply(const LobbyEvent& e) {
    State& s = *state_;
    ApplyResult result;
    const bool aboutTicket = isTicketEvent(e.kind);
    const Fingerprint fp = fingerprintOf(e);
    if (aboutTicket) {
        if (const TicketRecord* rec = s.find(e.ticket)) {
            if (std::find(rec->applied.begin(), rec->applied.end(), fp) != rec->applied.end()) {
                result.duplicate = true;
                return result;
            }
        }
    } else if (e.kind != EventKind::DeviceStatus) {
        auto it = s.windows.find(e.window);
        if (it != s.windows.end() &&
            std::find(it->second.applied.begin(), it->second.applied.end(), fp) != it->second.applied.end()) {
            result.duplicate = true;
            return result;
        }
    }
    s.result = &result;
    const TimeMs now = s.advance(e.time, true);
    if (aboutTicket && e.ticket.empty()) {
        s.raise("no_ticket", "", e.window, std::string(eventName(e.kind)) + " without a ticket label; ignored");
        s.result = nullptr;
        return result;
    }
    switch (e.kind) {
    case EventKind::Issued: s.issued(e, now); break;
    case EventKind::Called: s.called(e, now, false); break;
    case EventKind::Recalled: s.called(e, now, true); break;
    case EventKind::Started: s.started(e, now); break;
    case EventKind::Finished: s.finished(e, now); break;
    case EventKind::NoShow: s.noShow(e, now); break;
    case EventKind::Abandoned: s.abandoned(e, now); break;
    case EventKind::Transferred: s.transferred(e, now); break;
    case EventKind::WindowOpen:
    case EventKind::WindowPause:
    case EventKind::WindowClose: s.windowEvent(e, now); break;
    case EventKind::DeviceStatus: s.devices[e.source.device] = e.detail; break;
    }
    if (aboutTicket) {
        if (TicketRecord* rec = s.find(e.ticket)) rec->applied.push_back(fp);
    }
    s.result = nullptr;
    return result;
}

ApplyResult Lobby::tick(TimeMs now) {
    State& s = *state_;
    ApplyResult result;
    if (s.clock && now <= *s.clock) return result;
    s.result = &result;
    s.advance(now, false);
    s.result = nullptr;
    return result;
}

const LobbyConfig& Lobby::config() const { return state_->config; }

bool Lobby::setThresholds(const std::string& code, int targetMin, int warningMin, int limitMin) {
    if (targetMin < 1 || warningMin < targetMin || limitMin < warningMin || limitMin > 600) return false;
    auto it = state_->categories.find(code);
    if (it == state_->categories.end()) return false;
    auto apply = [&](CategoryConfig& c) {
        c.targetMin = targetMin;
        c.warningMin = warningMin;
        c.limitMin = limitMin;
    };
    apply(it->second.config);
    bool inConfig = false;
    for (auto& c : state_->config.categories)
        if (c.code == code) {
            apply(c);
            inConfig = true;
        }
    if (!inConfig) {
        CategoryConfig c = it->second.config;
        state_->config.categories.push_back(c);
    }
    return true;
}
std::optional<TimeMs> Lobby::now() const { return state_->clock; }
std::string Lobby::businessDay() const { return state_->dayText; }

const Ticket* Lobby::ticket(const std::string& label) const {
    auto it = state_->tickets.find(label);
    return it == state_->tickets.end() ? nullptr : &it->second.ticket;
}

std::vector<const Ticket*> Lobby::waiting(const std::string& category) const {
    std::vector<const Ticket*> out;
    auto it = state_->categories.find(category);
    if (it == state_->categories.end()) return out;
    out.reserve(it->second.queue.size());
    for (const QueueEntry& entry : it->second.queue) out.push_back(entry.ticket);
    return out;
}

const Ticket* Lobby::nextFor(int number) const {
    auto win = state_->windows.find(number);
    if (win == state_->windows.end()) return nullptr;
    if (!win->second.reserved.empty()) return win->second.reserved.begin()->ticket;
    for (const std::string& code : win->second.window.serves) {
        auto cat = state_->categories.find(code);
        if (cat == state_->categories.end()) continue;
        for (const QueueEntry& entry : cat->second.queue) {
            if (entry.ticket->transferredToWindow == 0) return entry.ticket;
        }
    }
    return nullptr;
}

const Window* Lobby::window(int number) const {
    auto it = state_->windows.find(number);
    return it == state_->windows.end() ? nullptr : &it->second.window;
}

std::vector<const Window*> Lobby::windows() const {
    std::vector<const Window*> out;
    for (const auto& [number, rec] : state_->windows) out.push_back(&rec.window);
    return out;
}

std::optional<CategoryStatus> Lobby::category(const std::string& code) const {
    auto it = state_->categories.find(code);
    if (it == state_->categories.end()) return std::nullopt;
    const CategoryRecord& rec = it->second;
    const TimeMs now = state_->clock.value_or(0);
    CategoryStatus status;
    status.config = rec.config;
    status.configured = rec.configured;
    status.waiting = static_cast<int>(rec.queue.size());
    status.issuedToday = rec.issued;
    status.calledToday = rec.called;
    for (const QueueEntry& entry : rec.queue) {
        if (entry.ticket->priority) ++status.priorityWaiting;
        if (auto wait = entry.ticket->waitMs(now)) status.longestWaitMs = std::max(status.longestWaitMs, *wait);
    }
    for (const auto& [calledAt, wait] : rec.recentWaits) {
        if (now - calledAt <= kHourMs) status.waitsLastHourMs.push_back(wait);
    }
    for (TimeMs issuedAt : rec.recentIssues)
        if (now - issuedAt <= kHourMs) ++status.issuedLastHour;
    return status;
}

std::vector<CategoryStatus> Lobby::categories() const {
    std::vector<CategoryStatus> out;
    for (const std::string& code : state_->categoryOrder) out.push_back(*category(code));
    return out;
}

LobbyTotals Lobby::totals() const { return state_->totals; }
const std::vector<Anomaly>& Lobby::anomalies() const { return state_->anomalies; }
const std::map<int, std::string>& Lobby::deviceStatus() const { return state_->devices; }

}  // namespace lw::lobby
