// Per-device sessions: resends, gaps, restarts and health, and the translation of frames to lobby events.
#include "intake/DeviceSessions.h"

#include <algorithm>
#include <type_traits>

namespace lw::intake {

using lobby::EventKind;
using lobby::LobbyEvent;
namespace p = protocol;

const char* toString(Verdict verdict) {
    switch (verdict) {
    case Verdict::NewEvent: return "new";
    case Verdict::Duplicate: return "duplicate";
    case Verdict::Heartbeat: return "heartbeat";
    case Verdict::Boot: return "boot";
    case Verdict::Unsupported: return "unsupported";
    case Verdict::WrongDirection: return "wrong_direction";
    }
    return "new";
}

std::optional<LobbyEvent> toLobbyEvent(const p::Frame& frame, TimeMs receivedAt, const std::string& port) {
    LobbyEvent e;
    e.time = receivedAt;
    e.source = lobby::EventSource{port, frame.address, frame.sequence};
    bool isEvent = std::visit(
        [&e](const auto& m) {
            using T = std::decay_t<decltype(m)>;
            auto atWindow = [&e](EventKind kind, const auto& message) {
                e.kind = kind;
                e.window = message.window;
                e.ticket = message.ticket.label();
            };
            if constexpr (std::is_same_v<T, p::TicketIssued>) {
                e.kind = EventKind::Issued;
                e.ticket = m.ticket.label();
                e.category = std::string(1, m.ticket.category);
                e.priority = m.priority;
            } else if constexpr (std::is_same_v<T, p::Call>) {
                atWindow(EventKind::Called, m);
            } else if constexpr (std::is_same_v<T, p::Recall>) {
                atWindow(EventKind::Recalled, m);
            } else if constexpr (std::is_same_v<T, p::NoShow>) {
                atWindow(EventKind::NoShow, m);
            } else if constexpr (std::is_same_v<T, p::ServiceStarted>) {
                atWindow(EventKind::Started, m);
            } else if constexpr (std::is_same_v<T, p::ServiceFinished>) {
                atWindow(EventKind::Finished, m);
            } else if constexpr (std::is_same_v<T, p::Transfer>) {
                atWindow(EventKind::Transferred, m);
                if (m.toCategory) e.category = std::string(1, *m.toCategory);
                e.toWindow = m.toWindow.value_or(0);
            } else if constexpr (std::is_same_v<T, p::WindowOpened>) {
                e.kind = EventKind::WindowOpen;
                e.window = m.window;
            } else if constexpr (std::is_same_v<T, p::WindowPaused>) {
                e.kind = EventKind::WindowPause;
                e.window = m.window;
                e.detail = p::toString(m.reason);
            } else if constexpr (std::is_same_v<T, p::WindowClosed>) {
                e.kind = EventKind::WindowClose;
                e.window = m.window;
            } else if constexpr (std::is_same_v<T, p::DispenserStatus>) {
                e.kind = EventKind::DeviceStatus;
                e.detail = p::toString(m.state);
            } else {
                return false;
            }
            return true;
        },
        frame.message);
    if (!isEvent) return std::nullopt;
    return e;
}

DeviceSessions::DeviceSessions(std::string port) : port_(std::move(port)) {}

void DeviceSessions::forget(Session& s) {
    s.recent.clear();
    s.lastSequence.reset();
}

Decision DeviceSessions::examine(TimeMs receivedAt, const std::string& businessDay, const p::DecodedFrame& decoded) {
    const p::Frame& frame = decoded.frame;
    Session& s = sessions_[frame.address];
    DeviceHealth& h = s.health;
    h.address = frame.address;
    if (h.frames == 0) h.firstFrameAt = receivedAt;
    h.lastFrameAt = std::max(h.lastFrameAt, receivedAt);
    ++h.frames;
    if (s.businessDay != businessDay) {
        // A new business day: yesterday's frames are no resends of today's (a device switched off overnight
        // starts again from seq 0 with the same first frames).
        if (!s.businessDay.empty()) forget(s);
        s.businessDay = businessDay;
    }

    Decision d;
    d.reply = p::Frame{frame.address, 0, p::Ack{frame.sequence}};

    if (const auto* boot = std::get_if<p::BootAnnounce>(&frame.message)) {
        h.kind = boot->kind;
        h.revision = boot->revision;
        // The same boot id again is this BOT resent (its ACK was lost): the boot's memory stays.
        if (!s.bootId || *s.bootId != boot->bootId) {
            if (h.frames > 1) ++h.restarts;
            forget(s);
            s.bootId = boot->bootId;
            h.uptimeS.reset();  // the old boot's uptime says nothing about this one
        }
        s.lastSequence = frame.sequence;
        d.verdict = Verdict::Boot;
        return d;
    }
    if (const auto* hb = std::get_if<p::Heartbeat>(&frame.message)) {
        h.kind = hb->kind;
        if (h.uptimeS && hb->uptimeS < *h.uptimeS) {
            // Uptime went down: the device restarted without announcing it (a revision-1 device). Everything it
            // sent before this heartbeat was acknowledged (stop-and-wait), so nothing earlier can come again.
            ++h.restarts;
            forget(s);
            s.bootId.reset();
        }
        h.uptimeS = hb->uptimeS;
        s.lastSequence = frame.sequence;
        d.verdict = Verdict::Heartbeat;
        return d;
    }
    if (std::holds_alternative<p::UnknownMessage>(frame.message)) {
        ++h.refused;
        d.verdict = Verdict::Unsupported;
        d.reply.message = p::Nak{frame.sequence, p::NakReason::Unsupported};
        return d;
    }
    if (!p::isDeviceMessage(frame.message)) {
        ++h.refused;
        d.verdict = Verdict::WrongDirection;
        d.reply.message = p::Nak{frame.sequence, p::NakReason::BadField};
        return d;
    }
    if (!h.kind) {
        bool dispenser = std::holds_alternative<p::TicketIssued>(frame.message) ||
                         std::holds_alternative<p::DispenserStatus>(frame.message);
        h.kind = dispenser ? p::DeviceKind::Dispenser : p::DeviceKind::Keypad;
    }

    const int crc = frameCrcOf(decoded.raw);
    auto same = std::find_if(s.recent.begin(), s.recent.end(),
                             [&](const Remembered& r) { return r.sequence == frame.sequence; });
    auto identical = [&](const Remembered& r) { return r.raw.empty() ? r.crc == crc : r.raw == decoded.raw; };
    // Only the latest frame can come again: a device sends the next one only after this one's ACK.
    const bool latest = s.lastSequence && *s.lastSequence == frame.sequence;
    if (same != s.recent.end() && latest && identical(*same)) {
        ++h.resends;
        d.verdict = Verdict::Duplicate;
        d.originalPending = same->pending;
        return d;
    }
    if (same != s.recent.end()) {
        // A number it used before, with other bytes or after later frames: the device restarted and counts from
        // 0 again. Forget the old frame.
        d.sequenceReset = true;
        ++h.sequenceResets;
        s.recent.erase(same);
    } else if (s.lastSequence) {
        int expected = (*s.lastSequence + 1) % (p::kMaxSequence + 1);
        if (frame.sequence != expected && frame.sequence != *s.lastSequence) {
            d.gap = true;
            ++h.gaps;
        }
    }
    s.lastSequence = frame.sequence;
    s.recent.push_back(Remembered{frame.sequence, decoded.raw, crc, true});
    while (s.recent.size() > kResendMemory) s.recent.pop_front();

    d.verdict = Verdict::NewEvent;
    d.event = toLobbyEvent(frame, receivedAt, port_);
    if (d.event) d.event->source.frameCrc = crc;
    return d;
}

void DeviceSessions::remember(int address, int sequence, int frameCrc, const std::string& businessDay) {
    Session& s = sessions_[address];
    s.health.address = address;
    if (s.businessDay != businessDay) {
        forget(s);
        s.businessDay = businessDay;
    }
    s.recent.push_back(Remembered{sequence, std::string(), frameCrc, false});
    while (s.recent.size() > kResendMemory) s.recent.pop_front();
    s.lastSequence = sequence;
}

int frameCrcOf(const std::string& raw) {
    std::size_t star = raw.rfind('*');
    if (star == std::string::npos || star + 5 != raw.size()) return -1;
    int crc = 0;
    for (std::size_t i = star + 1; i < raw.size(); ++i) {
        char c = raw[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) return -1;
        crc = crc * 16 + v;
    }
    return crc;
}

void DeviceSessions::recorded(const p::DecodedFrame& decoded) {
    auto it = sessions_.find(decoded.frame.address);
    if (it == sessions_.end()) return;
    ++it->second.health.events;  // even when a restart announced meanwhile made the session forget the frame
    for (auto& r : it->second.recent) {
        if (r.sequence == decoded.frame.sequence && r.raw == decoded.raw && r.pending) {
            r.pending = false;
            return;
        }
    }
}

void DeviceSessions::notRecorded(const p::DecodedFrame& decoded) {
    auto it = sessions_.find(decoded.frame.address);
    if (it == sessions_.end()) return;
    auto& recent = it->second.recent;
    recent.erase(std::remove_if(recent.begin(), recent.end(),
                                [&](const Remembered& r) {
                                    return r.pending && r.sequence == decoded.frame.sequence && r.raw == decoded.raw;
                                }),
                 recent.end());
}

std::vector<DeviceHealth> DeviceSessions::health() const {
    std::vector<DeviceHealth> out;
    out.reserve(sessions_.size());
    for (const auto& [address, s] : sessions_) out.push_back(s.health);
    return out;
}

const DeviceHealth* DeviceSessions::device(int address) const {
    auto it = sessions_.find(address);
    return it == sessions_.end() ? nullptr : &it->second.health;
}

}  // namespace lw::intake
