// Encoding frames to bytes and decoding byte chunks of any size back into frames, with counters.
#pragma once

#include "protocol/Message.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lw::protocol {

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of the bytes between '$' and '*'.
std::uint16_t crc16(std::string_view bytes);

// The whole line for a frame: "$LW1,<addr>,<seq>,<TYPE>[,<field>...]*<CRC>\r\n".
// Throws std::invalid_argument when a field is out of range (address, window, ticket, text too long).
std::string encodeFrame(const Frame& frame);

enum class DecodeErrorKind {
    Checksum,   // the CRC did not match (or was not 4 hex digits)
    Overlong,   // no line end within kMaxFrameLength bytes
    Malformed,  // right CRC, but the version, address, sequence or fields are not valid
    Truncated,  // a new '$' arrived before the line end
};

struct DecodeError {
    DecodeErrorKind kind;
    std::string detail;  // a person-readable reason ("field 2 'A04x' is not a ticket")
    std::string raw;     // the offending bytes (up to kMaxFrameLength), for the log
};

// One decoder per byte stream. Bytes outside a frame are counted as garbage and skipped.
struct DecoderStats {
    std::uint64_t frames = 0;
    std::uint64_t checksumErrors = 0;
    std::uint64_t overlong = 0;
    std::uint64_t malformed = 0;   // includes truncated frames
    std::uint64_t garbageBytes = 0;
    std::uint64_t bytes = 0;
};

struct DecodedFrame {
    Frame frame;
    std::string raw;  // the frame's bytes without the line end
};

using DecodeResult = std::variant<DecodedFrame, DecodeError>;

class FrameDecoder {
public:
    // Feed any chunk of bytes; appends to `out` every frame or error completed by this chunk.
    void feed(std::string_view bytes, std::vector<DecodeResult>& out);
    // Drop any partial frame (the port was closed and reopened).
    void reset();
    const DecoderStats& stats() const { return stats_; }

private:
    std::string buffer_;   // the frame being collected, starting with '$'; never above kMaxFrameLength
    bool inFrame_ = false;
    bool skippingOverlong_ = false;
    DecoderStats stats_;
};

// Decodes one complete line (without the line end). Used by FrameDecoder and by tools.
DecodeResult decodeLine(std::string_view line);

}  // namespace lw::protocol
