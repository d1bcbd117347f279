// Capture files: the bytes a port carried, each chunk with its receive time (see hardware/PROTOCOL.md).
#pragma once

#include "protocol/Message.h"

#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <string>

namespace lw::protocol {

enum class Direction { FromDevice, ToDevice };  // '<' received by the kiosk, '>' sent by the kiosk

struct CaptureRecord {
    TimeMs time = 0;
    Direction direction = Direction::FromDevice;
    std::string bytes;
};

// Header: "LWCAP 1", then "@ key=value" metadata lines (port, baud, utc_offset_min, source, ...),
// then one record per line: "<epoch_ms> <'<'|'>'> <escaped bytes>". Lines starting with '#' are comments.
class CaptureWriter {
public:
    CaptureWriter(std::ostream& out, const std::map<std::string, std::string>& metadata);
    void write(const CaptureRecord& record);

private:
    std::ostream& out_;
};

// Thrown with the line number and what is wrong with it.
struct CaptureError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class CaptureReader {
public:
    explicit CaptureReader(std::istream& in);  // reads the header; throws CaptureError
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    std::optional<CaptureRecord> next();        // nullopt at the end; throws CaptureError
    int lineNumber() const { return line_; }

private:
    std::istream& in_;
    std::map<std::string, std::string> metadata_;
    int line_ = 0;
    std::optional<std::string> pending_;
};

// "\r\n" and other bytes outside 0x20..0x7E become C escapes (\r, \n, \t, \\, \xHH).
std::string escapeBytes(std::string_view bytes);
std::optional<std::string> unescapeBytes(std::string_view text);

}  // namespace lw::protocol
