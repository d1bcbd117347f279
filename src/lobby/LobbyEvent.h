// What happens in a lobby, as one record: the unit that the model applies, the log stores and the import reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lw::lobby {

// Milliseconds since the Unix epoch, UTC, as received (the shell's clock); the core never reads a clock.
using TimeMs = std::int64_t;

// The names are the import CSV's `event` words (see README, "Import").
enum class EventKind {
    Issued,        // ticket, category, priority
    Called,        // ticket, window
    Recalled,      // ticket, window
    Started,       // ticket, window
    Finished,      // ticket, window
    NoShow,        // ticket, window
    Abandoned,     // ticket
    Transferred,   // ticket, window (that transferred it), category (the new one) and/or toWindow
    WindowOpen,    // window
    WindowPause,   // window, detail = LUNCH|BREAK|FAULT|OTHER
    WindowClose,   // window
    DeviceStatus,  // detail = OK|PAPER_LOW|PAPER_OUT|JAM|COVER_OPEN, source.device
};

const char* eventName(EventKind kind);                          // "issued", "no_show", ...
std::optional<EventKind> parseEventName(const std::string& name);

// Where an event came from. Live: the port's name, the device's bus address and its sequence number.
// Import: port "import:<file>", device 0, sequence = the CSV line number.
struct EventSource {
    std::string port;
    int device = 0;
    int sequence = -1;
    // The frame's CRC-16 (-1: not from a frame). With device and sequence it recognises a device's resend of a
    // logged frame after the kiosk restarted and forgot the frames it had seen.
    int frameCrc = -1;
};

struct LobbyEvent {
    TimeMs time = 0;
    EventKind kind = EventKind::Issued;
    std::string ticket;    // label as printed, "A042"; empty when not about a ticket
    std::string category;  // issued: the ticket's category; transferred: the new category (may be empty)
    int window = 0;        // 0 when not about a window
    int toWindow = 0;      // transferred: the window it was sent to (0 = any)
    bool priority = false;
    std::string detail;    // pause reason or device status word
    EventSource source;
};

}  // namespace lw::lobby
