// The messages that travel on a LobbyWatch serial line, as plain values (see hardware/PROTOCOL.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lw::protocol {

// Milliseconds since the Unix epoch, UTC. The core never reads a clock; time comes in.
using TimeMs = std::int64_t;

constexpr int kProtocolVersion = 1;
constexpr const char* kVersionToken = "LW1";
// Revisions of version 1 add messages without changing the frame: 2 added BOT (a device's power-up).
constexpr int kProtocolRevision = 2;
// Whole frame, from '$' up to and including the line end.
constexpr std::size_t kMaxFrameLength = 256;
constexpr int kMaxAddress = 254;        // 0 is the kiosk itself
constexpr int kMaxSequence = 65535;     // wraps to 0
constexpr int kMaxWindow = 99;
constexpr int kMaxTicketNumber = 999;   // dispensers wrap 999 -> 1
constexpr std::size_t kMaxLedTextBytes = 64;  // UTF-8 bytes before percent-encoding

// A ticket as printed: category letter and number, e.g. A042.
struct TicketId {
    char category = 'A';  // 'A'..'Z'
    int number = 0;       // 1..999
    std::string label() const;  // "A042"
    static std::optional<TicketId> parse(const std::string& label);
    friend bool operator==(const TicketId& a, const TicketId& b) {
        return a.category == b.category && a.number == b.number;
    }
    friend bool operator!=(const TicketId& a, const TicketId& b) { return !(a == b); }
};

enum class PauseReason { Lunch, Break, Fault, Other };
enum class DispenserState { Ok, PaperLow, PaperOut, Jam, CoverOpen };
enum class DeviceKind { Dispenser, Keypad };
enum class NakReason { BadField, Unsupported, Busy };

// ---- device -> kiosk ----
struct TicketIssued { TicketId ticket; bool priority = false; };              // TKT
struct Call { int window = 0; TicketId ticket; };                             // CAL
struct Recall { int window = 0; TicketId ticket; };                           // RCL
struct NoShow { int window = 0; TicketId ticket; };                           // NSH
struct ServiceStarted { int window = 0; TicketId ticket; };                   // SRV
struct ServiceFinished { int window = 0; TicketId ticket; };                  // FIN
// A ticket sent on: to another category, to a particular window, or both.
struct Transfer { int window = 0; TicketId ticket; std::optional<char> toCategory; std::optional<int> toWindow; };  // TRF
struct WindowOpened { int window = 0; };                                      // WOP
struct WindowPaused { int window = 0; PauseReason reason = PauseReason::Other; };  // WPS
struct WindowClosed { int window = 0; };                                      // WCL
struct DispenserStatus { DispenserState state = DispenserState::Ok; };        // DST
struct Heartbeat { DeviceKind kind = DeviceKind::Dispenser; std::uint32_t uptimeS = 0; };  // HBT
// The first frame after a power-up: a boot id drawn at random at each power-up, so that the kiosk can tell a
// restarted device (counting from seq 0 again, maybe with the same first frames) from one resending.
struct BootAnnounce { DeviceKind kind = DeviceKind::Dispenser; std::uint32_t bootId = 0; int revision = kProtocolRevision; };  // BOT

// ---- kiosk -> device ----
struct Ack { int sequence = 0; };                                             // ACK
struct Nak { int sequence = 0; NakReason reason = NakReason::BadField; };     // NAK
struct WaitEstimate { TicketId ticket; int minutes = 0; int ahead = 0; };     // EST
struct NoEstimate { TicketId ticket; int ahead = 0; };                        // ESN: no forecast available
struct LedText { int window = 0; std::string text; };                         // LED, UTF-8

// A well-formed frame whose message type this kiosk does not know. It is NAKed (Unsupported).
struct UnknownMessage { std::string type; std::vector<std::string> fields; };

using Message = std::variant<TicketIssued, Call, Recall, NoShow, ServiceStarted, ServiceFinished, Transfer,
                             WindowOpened, WindowPaused, WindowClosed, DispenserStatus, Heartbeat, BootAnnounce, Ack, Nak,
                             WaitEstimate, NoEstimate, LedText, UnknownMessage>;

struct Frame {
    int address = 0;   // device address on the bus (destination for kiosk -> device frames)
    int sequence = 0;  // per-device sequence number
    Message message;
};

// The three-letter type code of a message ("TKT", "CAL", ...).
std::string typeCode(const Message& message);
// True for the messages a device sends to the kiosk.
bool isDeviceMessage(const Message& message);

const char* toString(PauseReason reason);         // "LUNCH", "BREAK", "FAULT", "OTHER"
const char* toString(DispenserState state);       // "OK", "PAPER_LOW", "PAPER_OUT", "JAM", "COVER_OPEN"
const char* toString(NakReason reason);           // "BADFIELD", "UNSUPPORTED", "BUSY"
std::optional<PauseReason> parsePauseReason(const std::string& word);
std::optional<DispenserState> parseDispenserState(const std::string& word);

}  // namespace lw::protocol
