// Names of the protocol's messages and enumerations, and ticket labels.
#include "protocol/Message.h"

#include <cstdio>
#include <type_traits>

namespace lw::protocol {

std::string TicketId::label() const {
    char text[8];
    std::snprintf(text, sizeof text, "%c%03d", category, number);
    return text;
}

std::optional<TicketId> TicketId::parse(const std::string& label) {
    if (label.size() < 4 || label.size() > 4 || label[0] < 'A' || label[0] > 'Z') return std::nullopt;
    int number = 0;
    for (std::size_t i = 1; i < label.size(); ++i) {
        if (label[i] < '0' || label[i] > '9') return std::nullopt;
        number = number * 10 + (label[i] - '0');
    }
    if (number < 1 || number > kMaxTicketNumber) return std::nullopt;
    return TicketId{label[0], number};
}

std::string typeCode(const Message& message) {
    return std::visit(
        [](const auto& m) -> std::string {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, TicketIssued>) return "TKT";
            else if constexpr (std::is_same_v<T, Call>) return "CAL";
            else if constexpr (std::is_same_v<T, Recall>) return "RCL";
            else if constexpr (std::is_same_v<T, NoShow>) return "NSH";
            else if constexpr (std::is_same_v<T, ServiceStarted>) return "SRV";
            else if constexpr (std::is_same_v<T, ServiceFinished>) return "FIN";
            else if constexpr (std::is_same_v<T, Transfer>) return "TRF";
            else if constexpr (std::is_same_v<T, WindowOpened>) return "WOP";
            else if constexpr (std::is_same_v<T, WindowPaused>) return "WPS";
            else if constexpr (std::is_same_v<T, WindowClosed>) return "WCL";
            else if constexpr (std::is_same_v<T, DispenserStatus>) return "DST";
            else if constexpr (std::is_same_v<T, Heartbeat>) return "HBT";
            else if constexpr (std::is_same_v<T, BootAnnounce>) return "BOT";
            else if constexpr (std::is_same_v<T, Ack>) return "ACK";
            else if constexpr (std::is_same_v<T, Nak>) return "NAK";
            else if constexpr (std::is_same_v<T, WaitEstimate>) return "EST";
            else if constexpr (std::is_same_v<T, NoEstimate>) return "ESN";
            else if constexpr (std::is_same_v<T, LedText>) return "LED";
            else {
                static_assert(std::is_same_v<T, UnknownMessage>, "every message has a type code");
                return m.type;
            }
        },
        message);
}

bool isDeviceMessage(const Message& message) {
    return !(std::holds_alternative<Ack>(message) || std::holds_alternative<Nak>(message) ||
             std::holds_alternative<WaitEstimate>(message) || std::holds_alternative<NoEstimate>(message) ||
             std::holds_alternative<LedText>(message) || std::holds_alternative<UnknownMessage>(message));
}

const char* toString(PauseReason reason) {
    switch (reason) {
    case PauseReason::Lunch: return "LUNCH";
    case PauseReason::Break: return "BREAK";
    case PauseReason::Fault: return "FAULT";
    case PauseReason::Other: return "OTHER";
    }
    return "OTHER";
}

const char* toString(DispenserState state) {
    switch (state) {
    case DispenserState::Ok: return "OK";
    case DispenserState::PaperLow: return "PAPER_LOW";
    case DispenserState::PaperOut: return "PAPER_OUT";
    case DispenserState::Jam: return "JAM";
    case DispenserState::CoverOpen: return "COVER_OPEN";
    }
    return "OK";
}

const char* toString(NakReason reason) {
    switch (reason) {
    case NakReason::BadField: return "BADFIELD";
    case NakReason::Unsupported: return "UNSUPPORTED";
    case NakReason::Busy: return "BUSY";
    }
    return "BADFIELD";
}

std::optional<PauseReason> parsePauseReason(const std::string& word) {
    for (auto r : {PauseReason::Lunch, PauseReason::Break, PauseReason::Fault, PauseReason::Other})
        if (word == toString(r)) return r;
    return std::nullopt;
}

std::optional<DispenserState> parseDispenserState(const std::string& word) {
    for (auto s : {DispenserState::Ok, DispenserState::PaperLow, DispenserState::PaperOut, DispenserState::Jam,
                   DispenserState::CoverOpen})
        if (word == toString(s)) return s;
    return std::nullopt;
}

}  // namespace lw::protocol
