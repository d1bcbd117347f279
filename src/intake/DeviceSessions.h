// What the kiosk makes of each decoded frame on one port: a new lobby event, a resend, a heartbeat, a refusal.
#pragma once

#include "protocol/Codec.h"
#include "lobby/LobbyEvent.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::intake {

using lobby::TimeMs;

// A device is offline when nothing came from it for this long (it sends a heartbeat every 30 s).
constexpr TimeMs kOfflineAfterMs = 90'000;
// How many accepted frames per device are remembered to recognise a resend.
constexpr std::size_t kResendMemory = 32;

enum class Verdict {
    NewEvent,        // log `event`, then ACK (only after the log has it)
    Duplicate,       // a resend of a frame already recorded: ACK again, apply nothing
    Heartbeat,       // ACK, device health updated, nothing logged
    Boot,            // a power-up announcement (BOT): ACK, the device's resend memory starts afresh, nothing logged
    Unsupported,     // unknown message type: NAK UNSUPPORTED
    WrongDirection,  // a kiosk -> device message sent by a device: NAK BADFIELD
};

const char* toString(Verdict verdict);

struct Decision {
    Verdict verdict = Verdict::NewEvent;
    std::optional<lobby::LobbyEvent> event;  // set for NewEvent
    protocol::Frame reply;                   // the ACK or NAK to send (for NewEvent: once recorded)
    bool gap = false;            // the sequence jumped by more than 1 (frames were lost before this one)
    bool sequenceReset = false;  // same sequence as a recorded frame but other bytes: the device restarted
    bool originalPending = false;  // Duplicate of a frame whose logging is still under way: ACK only once it is
};

struct DeviceHealth {
    int address = 0;
    std::optional<protocol::DeviceKind> kind;  // known once it sent a heartbeat or a typed message
    TimeMs firstFrameAt = 0;
    TimeMs lastFrameAt = 0;
    std::uint64_t frames = 0;        // every well-formed frame from it
    std::uint64_t events = 0;        // recorded events
    std::uint64_t resends = 0;       // duplicates seen (the device did not get our ACK in time)
    std::uint64_t gaps = 0;
    std::uint64_t sequenceResets = 0;
    std::uint64_t restarts = 0;      // power-ups seen: a new boot id, or the heartbeat's uptime going down
    std::optional<int> revision;     // the protocol revision it announced at power-up (none: a revision-1 device)
    std::uint64_t refused = 0;       // NAKed frames
    std::optional<std::uint32_t> uptimeS;  // from its last heartbeat
    bool online(TimeMs now) const { return frames > 0 && now - lastFrameAt < kOfflineAfterMs; }
};

// The sessions of the devices on one port. Two phases for events, because an ACK promises "recorded":
// examine() decides; the shell logs the events; then recorded() (the log has them) or notRecorded() (it failed,
// no ACK goes out, the device will resend and the resend must count as new again).
//
// A frame is a resend only if it repeats, byte for byte, the device's latest frame (stop-and-wait: a device
// sends its next frame only once the last one was acknowledged) within the same boot and the same business
// day. The memory of a device starts afresh when it announces a power-up (BOT with a new boot id), when its
// heartbeat's uptime goes down (a revision-1 device that restarted), and when the business day changes, so a
// restarted dispenser whose first frames repeat yesterday's (seq 0, TKT V001) is logged, not taken for a resend.
class DeviceSessions {
public:
    explicit DeviceSessions(std::string port);

    // `businessDay` is the business day `receivedAt` falls in (YYYY-MM-DD); the core reads no clock.
    Decision examine(TimeMs receivedAt, const std::string& businessDay, const protocol::DecodedFrame& frame);
    void recorded(const protocol::DecodedFrame& frame);
    void notRecorded(const protocol::DecodedFrame& frame);
    // After a restart of the kiosk: a frame the log already holds (device, sequence, CRC, the business day it was
    // logged under), so that its resend is a duplicate. Call in log order: the last call per device is its latest.
    void remember(int address, int sequence, int frameCrc, const std::string& businessDay);

    const std::string& port() const { return port_; }
    std::vector<DeviceHealth> health() const;  // by address
    const DeviceHealth* device(int address) const;

private:
    struct Remembered {
        int sequence;
        std::string raw;  // empty for frames remembered from the log: then the CRC stands for the bytes
        int crc;
        bool pending;     // examined as new, not yet recorded
    };
    struct Session {
        DeviceHealth health;
        std::optional<int> lastSequence;  // of its latest frame, heartbeats and boots included
        std::deque<Remembered> recent;  // newest at the back, at most kResendMemory
        std::string businessDay;        // the day `recent` belongs to
        std::optional<std::uint32_t> bootId;  // from its last BOT (none: not announced since the kiosk started)
    };
    // The device restarted or the day changed: nothing before can be resent now.
    static void forget(Session& s);

    std::string port_;
    std::map<int, Session> sessions_;
};

// The lobby event a device message means, or nullopt for messages that are not lobby events (heartbeat,
// kiosk -> device messages, unknown types).
std::optional<lobby::LobbyEvent> toLobbyEvent(const protocol::Frame& frame, TimeMs receivedAt, const std::string& port);
// The CRC a frame's bytes end with ("...*8E13" -> 0x8E13), or -1.
int frameCrcOf(const std::string& raw);

}  // namespace lw::intake
