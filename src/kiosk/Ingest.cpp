// The shared ingestion path: decode, decide, group-commit to the log, then apply and acknowledge.
#include "kiosk/Ingest.h"

#include "kiosk/Announcement.h"
#include "protocol/Capture.h"
#include "lobby/LocalTime.h"

#include <algorithm>

namespace lw::kiosk {

namespace p = protocol;

namespace {

const char* rejectKind(p::DecodeErrorKind kind) {
    switch (kind) {
    case p::DecodeErrorKind::Checksum: return "checksum";
    case p::DecodeErrorKind::Overlong: return "overlong";
    case p::DecodeErrorKind::Malformed: return "malformed";
    case p::DecodeErrorKind::Truncated: return "truncated";
    }
    return "malformed";
}

}  // namespace

std::string ledCallText(const protocol::TicketId& ticket, int window) {
    return callAnnouncement(ticket.label(), window).displayZh;
}

Ingest::Ingest(store::EventStore& store, lobby::Lobby& lobby)
    : ownLog_(std::make_unique<StoreEventLog>(store)), log_(*ownLog_), lobby_(lobby) {
    scratch_.reserve(256);
}

Ingest::Ingest(EventLog& log, lobby::Lobby& lobby) : log_(log), lobby_(lobby) {
    scratch_.reserve(256);
}

PortState& Ingest::port(const std::string& name) {
    auto it = ports_.find(name);
    if (it == ports_.end()) it = ports_.emplace(name, std::make_unique<PortState>(name)).first;
    return *it->second;
}

void Ingest::receive(const std::string& portName, TimeMs at, std::string_view bytes) {
    PortState& ps = port(portName);
    if (std::uint64_t over = ps.rejectBudget.roll(at)) {
        batch_.rejects.push_back(store::Reject{at, ps.name, "summary",
                                               std::to_string(over) + " more rejected frames in the previous minute, "
                                                                      "counted but not logged one by one",
                                               ""});
    }
    scratch_.clear();
    ps.decoder.feed(bytes, scratch_);
    const std::string& day = businessDayOf(at);
    for (auto& result : scratch_) {
        if (auto* error = std::get_if<p::DecodeError>(&result)) {
            ++counters_.decodeErrors;
            reject(ps, store::Reject{at, portName, rejectKind(error->kind), error->detail,
                                     p::escapeBytes(error->raw).substr(0, 300)});
            continue;
        }
        auto& decoded = std::get<p::DecodedFrame>(result);
        const auto& m = decoded.frame.message;
        const bool event = p::isDeviceMessage(m) && !std::holds_alternative<p::Heartbeat>(m) &&
                           !std::holds_alternative<p::BootAnnounce>(m);
        if (pending_.size() >= maxPendingFrames_ || (event && !eventAllowed(ps, decoded.frame.address, at))) {
            // Not examined: the frame's resend (after the device's 5 s) is judged afresh.
            refuseBusy(portName, decoded.frame);
            continue;
        }
        Pending pending{portName, std::move(decoded), {}, SIZE_MAX};
        pending.decision = ps.sessions.examine(at, day, pending.frame);
        switch (pending.decision.verdict) {
        case intake::Verdict::NewEvent:
            if (pending.decision.event) {
                pending.eventIndex = batch_.events.size();
                batch_.events.push_back(*pending.decision.event);
                const lobby::LobbyEvent& e = batch_.events.back();
                if (e.kind == lobby::EventKind::Issued) {
                    // The wait printed on the ticket goes into the log with the ticket, in the same transaction.
                    auto estimate = estimates_.find(e.category);
                    pending.estimateMin = estimate != estimates_.end() ? estimate->second : -1;
                    batch_.estimates.push_back({e.time, e.ticket, e.category, pending.estimateMin});
                }
                apply(e);
                if (e.kind == lobby::EventKind::Issued) {
                    for (const auto* t : lobby_.waiting(e.category)) {
                        if (t->label == e.ticket) break;
                        ++pending.ahead;
                    }
                }
            }
            break;
        case intake::Verdict::Unsupported:
        case intake::Verdict::WrongDirection:
            reject(ps, store::Reject{at, portName, intake::toString(pending.decision.verdict),
                                     "message type " + p::typeCode(pending.frame.frame.message),
                                     p::escapeBytes(pending.frame.raw).substr(0, 300)});
            break;
        case intake::Verdict::Duplicate:
        case intake::Verdict::Heartbeat:
        case intake::Verdict::Boot:
            break;
        }
        pending_.push_back(std::move(pending));
    }
}

bool Ingest::eventAllowed(PortState& ps, int address, TimeMs at) {
    if (eventsPerSecond_ <= 0.0) return true;
    auto [it, first] = ps.eventBudgets.try_emplace(address, PortState::EventBudget{eventBurst_, at});
    PortState::EventBudget& b = it->second;
    if (!first && at > b.at) {
        b.tokens = std::min(eventBurst_, b.tokens + static_cast<double>(at - b.at) / 1000.0 * eventsPerSecond_);
        b.at = at;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

void Ingest::refuseBusy(const std::string& portName, const p::Frame& frame) {
    ++counters_.busy;
    // Not examined at all: the device's session does not see the frame, so its resend is judged afresh.
    if (!p::isDeviceMessage(frame.message)) return;
    std::string& out = busyReplies_[portName];
    if (out.size() >= kMaxBusyReplyBytes) {
        ++counters_.busyRepliesDropped;
        return;
    }
    out += p::encodeFrame(p::Frame{frame.address, 0, p::Nak{frame.sequence, p::NakReason::Busy}});
}

void Ingest::sendBusyReplies(Replies& replies) {
    for (auto& [portName, bytes] : busyReplies_) replies.bytesByPort[portName] += bytes;
    busyReplies_.clear();
}

void Ingest::reject(PortState& ps, store::Reject r) {
    if (ps.rejectBudget.take()) batch_.rejects.push_back(std::move(r));
    else ++counters_.rejectsSummarised;
}

void Ingest::add(const lobby::LobbyEvent& event) {
    batch_.events.push_back(event);
    apply(event);
}

void Ingest::apply(const lobby::LobbyEvent& event) {
    lobby::ApplyResult result = lobby_.apply(event);
    if (observer_ && !result.duplicate) observer_(event);
    counters_.anomalies += result.anomalies.size();
    for (auto& a : result.anomalies) {
        batch_.anomalies.push_back(a);
        anomalies_.push_back(std::move(a));
    }
    for (int w : result.newWindows) counters_.newWindows.push_back(w);
    for (auto& c : result.newCategories) counters_.newCategories.push_back(std::move(c));
}

std::optional<std::string> Ingest::commit(Replies& replies) {
    store::Batch batch;
    if (!beginCommit(replies, batch)) return std::nullopt;
    return finishCommit(log_.append(batch), replies);
}

bool Ingest::beginCommit(Replies& replies, store::Batch& batch) {
    sendBusyReplies(replies);
    if (committing_ || (batch_.empty() && pending_.empty())) return false;
    batch = std::move(batch_);
    batch_ = store::Batch{};
    inFlight_ = std::move(pending_);
    pending_.clear();
    inFlightEvents_ = batch.events.size();
    committing_ = true;
    return true;
}

std::optional<std::string> Ingest::finishCommit(const std::optional<std::string>& failure, Replies& replies) {
    committing_ = false;
    if (failure) {
        ++counters_.failedCommits;
        lastError_ = *failure;
        // What arrived while the batch was being written goes with it: the lobby is rebuilt from the log below.
        for (auto& pnd : pending_) inFlight_.push_back(std::move(pnd));
        for (const auto& pnd : inFlight_) {
            if (pnd.decision.verdict == intake::Verdict::NewEvent) {
                port(pnd.port).sessions.notRecorded(pnd.frame);
                ++counters_.unackedForFailure;
            } else if (pnd.decision.verdict == intake::Verdict::Duplicate && pnd.decision.originalPending) {
                ++counters_.unackedForFailure;
            } else {
                // Heartbeats, refusals and resends of what is already logged do not depend on this batch.
                replies.bytesByPort[pnd.port] += p::encodeFrame(pnd.decision.reply);
            }
        }
        inFlight_.clear();
        pending_.clear();
        batch_ = store::Batch{};
        // The lobby already shows what the log refused. Put it back to what the log holds, so that the devices'
        // resends apply once (the event log is the truth; this costs a read of today's events, and full disks
        // are rare).
        lobby::TimeMs now = lobby_.now().value_or(0);
        lobby_ = lobby::Lobby(lobby_.config());
        rebuildToday(log_, lobby_, now);
        return failure;
    }
    ++counters_.commits;
    counters_.events += inFlightEvents_;
    for (const auto& pnd : inFlight_) {
        switch (pnd.decision.verdict) {
        case intake::Verdict::NewEvent: port(pnd.port).sessions.recorded(pnd.frame); break;
        case intake::Verdict::Duplicate: ++counters_.duplicates; break;
        case intake::Verdict::Heartbeat: ++counters_.heartbeats; break;
        case intake::Verdict::Boot: ++counters_.boots; break;
        case intake::Verdict::Unsupported:
        case intake::Verdict::WrongDirection: ++counters_.refused; break;
        }
        std::string& out = replies.bytesByPort[pnd.port];
        out += p::encodeFrame(pnd.decision.reply);
        // A dispenser prints the wait beside the new ticket: the forecast for a ticket issued now (EST), or, when
        // there is none (no window serves the category), "no estimate" (ESN) with the number of people ahead.
        if (pnd.decision.verdict == intake::Verdict::NewEvent) {
            if (const auto* issued = std::get_if<p::TicketIssued>(&pnd.frame.frame.message)) {
                const int ahead = pnd.ahead;
                // The estimate logged with the ticket (what the forecast said when it was received).
                const int minutes = pnd.estimateMin;
                if (minutes >= 0) {
                    out += p::encodeFrame(p::Frame{pnd.frame.frame.address, 0,
                                                   p::WaitEstimate{issued->ticket, std::clamp(minutes, 0, 999),
                                                                   std::min(ahead, 999)}});
                } else {
                    out += p::encodeFrame(p::Frame{pnd.frame.frame.address, 0, p::NoEstimate{issued->ticket, std::min(ahead, 999)}});
                }
            }
            // A call shows on the window's LED display, driven by the keypad that called.
            const p::TicketId* called = nullptr;
            int window = 0;
            if (const auto* c = std::get_if<p::Call>(&pnd.frame.frame.message)) {
                called = &c->ticket;
                window = c->window;
            } else if (const auto* r = std::get_if<p::Recall>(&pnd.frame.frame.message)) {
                called = &r->ticket;
                window = r->window;
            }
            if (called) out += p::encodeFrame(p::Frame{pnd.frame.frame.address, 0, p::LedText{window, ledCallText(*called, window)}});
        }
    }
    inFlight_.clear();
    return std::nullopt;
}

void Ingest::rememberLogged(const std::vector<lobby::LobbyEvent>& events) {
    for (const auto& e : events)
        if (e.source.frameCrc >= 0)
            port(e.source.port).sessions.remember(e.source.device, e.source.sequence, e.source.frameCrc, businessDayOf(e.time));
}

const std::string& Ingest::businessDayOf(TimeMs at) {
    const std::int64_t number = lobby::businessDayNumber(at, lobby_.config());
    if (number != dayNumber_) {
        dayNumber_ = number;
        day_ = lobby::businessDayOf(at, lobby_.config());
    }
    return day_;
}

std::vector<lobby::Anomaly> Ingest::takeAnomalies() {
    std::vector<lobby::Anomaly> out;
    out.swap(anomalies_);
    return out;
}

std::size_t rebuildToday(store::EventStore& store, lobby::Lobby& lobby, TimeMs now) {
    StoreEventLog log(store);
    return rebuildToday(log, lobby, now);
}

std::size_t rebuildToday(EventLog& log, lobby::Lobby& lobby, TimeMs now) {
    std::string today = lobby::businessDayOf(now, lobby.config());
    std::vector<lobby::LobbyEvent> events = log.eventsOfDay(today);
    for (const auto& e : events) lobby.apply(e);
    lobby.tick(now);
    return events.size();
}

}  // namespace lw::kiosk
