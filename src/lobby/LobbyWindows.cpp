// The lobby model's windows: opening, seating a ticket, finishing a service, the end of a wait.
#include "lobby/LobbyState.h"

#include <algorithm>

namespace lw::lobby {

void Lobby::State::stopIdle(Window& w, TimeMs now) {
    if (w.idleSince) {
        w.idleMsClosed += now > *w.idleSince ? now - *w.idleSince : 0;
        w.idleSince.reset();
    }
}

void Lobby::State::startIdleIfFree(Window& w, TimeMs now) {
    if (w.state == WindowState::Open && w.ticket.empty() && !w.idleSince) w.idleSince = now;
}

void Lobby::State::open(WindowRecord& rec, TimeMs now) {
    Window& w = rec.window;
    w.state = WindowState::Open;
    w.pauseReason.clear();
    w.pausedSince.reset();
    startIdleIfFree(w, now);
}

// A call at a closed or paused window means the clerk is taking customers: the window is taken as open.
// Other ticket events at a closed window (a finish after closing) are recorded but leave it closed.
void Lobby::State::requireOpen(WindowRecord* rec, const LobbyEvent& e, TimeMs now, bool isCall) {
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

void Lobby::State::unseat(int number, const std::string& label, TimeMs now) {
    auto it = windows.find(number);
    if (it == windows.end()) return;
    Window& w = it->second.window;
    if (w.ticket != label) return;
    w.ticket.clear();
    w.ticketSince.reset();
    startIdleIfFree(w, now);
}

// Seats a ticket at a window; whoever is still at it is closed first (no-show if only called, else finished).
void Lobby::State::seat(WindowRecord* rec, Ticket& t, TimeMs now) {
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

void Lobby::State::finish(TicketRecord& rec, WindowRecord* win, TimeMs now) {
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
void Lobby::State::endWait(Ticket& t, TimeMs now) {
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

}  // namespace lw::lobby
