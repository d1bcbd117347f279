// The lobby model's event kinds: issue, call, start, finish, no-show, abandon, transfer, window open/pause/close.
#include "lobby/LobbyState.h"

#include <algorithm>

namespace lw::lobby {

namespace {

// Where a keypad event happened, for its anomalies' messages (only built for a message).
std::string atWindow(const LobbyEvent& e) { return " at window " + std::to_string(e.window); }

}  // namespace

Lobby::State::KeypadTarget Lobby::State::keypadTarget(const LobbyEvent& e, TimeMs now, bool isCall) {
    WindowRecord* win = windowFor(e.window);
    requireOpen(win, e, now, isCall);
    bool created = false;
    TicketRecord& rec = findOrCreateUnknown(e, now, created);
    return {win, rec, created};
}

void Lobby::State::issued(const LobbyEvent& e, TimeMs now) {
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

void Lobby::State::called(const LobbyEvent& e, TimeMs now, bool isRecall) {
    auto [win, rec, created] = keypadTarget(e, now, true);
    Ticket& t = rec.ticket;
    switch (t.state) {
    case TicketState::Waiting:
        if (isRecall && !created) {
            raise("recall_before_call", t.label, e.window,
                  t.label + " was recalled" + atWindow(e) + " but never called; taken as called");
        }
        if (t.transferredToWindow > 0 && t.transferredToWindow != e.window) {
            raise("wrong_window", t.label, e.window,
                  t.label + " was transferred to window " + std::to_string(t.transferredToWindow) +
                      " but called" + atWindow(e));
        }
        dequeue(rec);
        setState(t, TicketState::Called);
        endWait(t, now);
        break;
    case TicketState::Called:
        if (t.window != e.window) {
            raise("called_elsewhere", t.label, e.window,
                  t.label + " was called at window " + std::to_string(t.window) + " and again" + atWindow(e) +
                      "; it moves to window " + std::to_string(e.window));
            unseat(t.window, t.label, now);
        }
        ++t.recalls;
        break;
    case TicketState::Serving:
        raise("called_while_serving", t.label, e.window,
              t.label + " was called" + atWindow(e) + " while being served at window " + std::to_string(t.window) +
                  "; ignored");
        return;
    case TicketState::Finished:
        raise("called_after_finish", t.label, e.window,
              t.label + " was called" + atWindow(e) + " after it had finished; ignored");
        return;
    case TicketState::NoShow:
    case TicketState::Abandoned:
        raise("called_again", t.label, e.window,
              t.label + " was " + toString(t.state) + " and is called again" + atWindow(e) + "; taken as called");
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

void Lobby::State::started(const LobbyEvent& e, TimeMs now) {
    auto [win, rec, created] = keypadTarget(e, now, false);
    Ticket& t = rec.ticket;
    switch (t.state) {
    case TicketState::Waiting:
        if (!created) {
            raise("started_without_call", t.label, e.window,
                  "service of " + t.label + " started" + atWindow(e) + " without a call; the call is taken as now");
        }
        dequeue(rec);
        endWait(t, now);
        break;
    case TicketState::Called:
        if (t.window != e.window) {
            raise("started_elsewhere", t.label, e.window,
                  t.label + " was called at window " + std::to_string(t.window) + " but started" + atWindow(e));
            unseat(t.window, t.label, now);
        }
        break;
    case TicketState::Serving:
        raise("started_twice", t.label, e.window, t.label + " started again" + atWindow(e) + "; ignored");
        return;
    default:
        raise("started_after_end", t.label, e.window,
              t.label + " started" + atWindow(e) + " after it was " + toString(t.state) + "; ignored");
        return;
    }
    setState(t, TicketState::Serving);
    t.startedAt = now;
    seat(win, t, now);
}

void Lobby::State::finished(const LobbyEvent& e, TimeMs now) {
    auto [win, rec, created] = keypadTarget(e, now, false);
    Ticket& t = rec.ticket;
    switch (t.state) {
    case TicketState::Waiting:
        if (!created) {
            raise("finished_without_call", t.label, e.window,
                  t.label + " finished" + atWindow(e) + " without a call; its wait ends now, its service is not timed");
        }
        dequeue(rec);
        endWait(t, now);
        t.window = e.window;
        break;
    case TicketState::Called:
    case TicketState::Serving:
        if (t.window != e.window) {
            raise("finished_elsewhere", t.label, e.window,
                  t.label + " was at window " + std::to_string(t.window) + " but finished" + atWindow(e) +
                      "; counted for window " + std::to_string(e.window));
        }
        break;
    case TicketState::Finished:
        raise("finished_twice", t.label, e.window, t.label + " finished again" + atWindow(e) + "; ignored");
        return;
    case TicketState::NoShow:
    case TicketState::Abandoned:
        raise("finished_after_end", t.label, e.window,
              t.label + " was " + toString(t.state) + " but finished" + atWindow(e) + "; taken as finished");
        t.window = e.window;
        break;
    }
    finish(rec, win, now);
}

void Lobby::State::noShow(const LobbyEvent& e, TimeMs now) {
    auto [win, rec, created] = keypadTarget(e, now, false);
    Ticket& t = rec.ticket;
    switch (t.state) {
    case TicketState::Waiting:
        if (!created) {
            raise("no_show_without_call", t.label, e.window,
                  t.label + " was marked a no-show" + atWindow(e) + " without a call");
        }
        dequeue(rec);
        break;
    case TicketState::Called:
        if (t.window != e.window) {
            raise("no_show_elsewhere", t.label, e.window,
                  t.label + " was called at window " + std::to_string(t.window) + " but marked a no-show" + atWindow(e));
        }
        break;
    case TicketState::Serving:
        raise("no_show_while_serving", t.label, e.window,
              t.label + " was marked a no-show" + atWindow(e) + " while being served; ignored");
        return;
    default:
        raise("no_show_after_end", t.label, e.window,
              t.label + " was marked a no-show" + atWindow(e) + " after it was " + toString(t.state) + "; ignored");
        return;
    }
    setState(t, TicketState::NoShow);
    t.endedAt = now;
    unseat(t.window, t.label, now);
}

void Lobby::State::abandoned(const LobbyEvent& e, TimeMs now) {
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

void Lobby::State::transferred(const LobbyEvent& e, TimeMs now) {
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

bool Lobby::State::windowEvent(const LobbyEvent& e, TimeMs now) {
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

}  // namespace lw::lobby
