// The lobby model: its construction, applying an event and the clock's tick, thresholds; the bookkeeping shared by the
// transitions (LobbyTickets.cpp, LobbyWindows.cpp, LobbyDay.cpp).
#include "lobby/LobbyState.h"

#include <algorithm>
#include <utility>

namespace lw::lobby {

void Lobby::State::raise(const char* kind, const std::string& ticket, int window, std::string message) {
    Anomaly a{clock.value_or(0), kind, ticket, window, std::move(message)};
    anomalies.push_back(a);
    ++totals.anomalies;
    if (result) result->anomalies.push_back(std::move(a));
}

CategoryRecord& Lobby::State::ensureCategory(const std::string& code) {
    auto it = categories.find(code);
    if (it != categories.end()) return it->second;
    CategoryRecord rec;
    rec.config.code = code;
    categoryOrder.push_back(code);
    if (result) result->newCategories.push_back(code);
    return categories.emplace(code, std::move(rec)).first->second;
}

WindowRecord& Lobby::State::ensureWindow(int number) {
    auto it = windows.find(number);
    if (it != windows.end()) return it->second;
    WindowRecord rec;
    rec.window.number = number;
    if (result) result->newWindows.push_back(number);
    return windows.emplace(number, std::move(rec)).first->second;
}

WindowRecord* Lobby::State::windowFor(int number) { return number > 0 ? &ensureWindow(number) : nullptr; }

TicketRecord* Lobby::State::find(const std::string& label) {
    auto it = tickets.find(label);
    return it == tickets.end() ? nullptr : &it->second;
}

int* Lobby::State::openCounter(TicketState s) {
    switch (s) {
    case TicketState::Waiting: return &totals.waiting;
    case TicketState::Called: return &totals.called;
    case TicketState::Serving: return &totals.serving;
    default: return nullptr;
    }
}

// Open states are counted as they are now; ends are counted as they happen.
void Lobby::State::setState(Ticket& t, TicketState next) {
    if (int* c = openCounter(t.state)) --*c;
    t.state = next;
    if (int* c = openCounter(next)) ++*c;
    if (next == TicketState::Finished) ++totals.finished;
    if (next == TicketState::NoShow) ++totals.noShow;
    if (next == TicketState::Abandoned) ++totals.abandoned;
}

TicketRecord& Lobby::State::create(const std::string& label, const std::string& category, bool priority,
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
TicketRecord& Lobby::State::findOrCreateUnknown(const LobbyEvent& e, TimeMs now, bool& created) {
    created = false;
    if (TicketRecord* rec = find(e.ticket)) return *rec;
    created = true;
    raise("never_issued", e.ticket, e.window,
          "ticket " + e.ticket + " was never issued today (" + eventName(e.kind) +
              " came first); created with an unknown issue time");
    return create(e.ticket, categoryOfLabel(e.ticket), e.priority, std::nullopt, now);
}

void Lobby::State::enqueue(TicketRecord& rec) {
    const Ticket& t = rec.ticket;
    const QueueEntry entry{t.priority, rec.queueKey, rec.seq, &t};
    ensureCategory(t.category).queue.insert(entry);
    if (t.transferredToWindow > 0) ensureWindow(t.transferredToWindow).reserved.insert(entry);
    rec.queued = true;
}

void Lobby::State::dequeue(TicketRecord& rec) {
    if (!rec.queued) return;
    const Ticket& t = rec.ticket;
    const QueueEntry entry{t.priority, rec.queueKey, rec.seq, &t};
    categories[t.category].queue.erase(entry);
    if (t.transferredToWindow > 0) windows[t.transferredToWindow].reserved.erase(entry);
    rec.queued = false;
}


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
}  // namespace lw::lobby
