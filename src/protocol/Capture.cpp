// Capture files: writing and reading "LWCAP 1" files of timestamped serial bytes.
#include "protocol/Capture.h"

#include <istream>
#include <ostream>

namespace lw::protocol {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr const char* kMagic = "LWCAP 1";

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

CaptureError errorAt(int line, const std::string& what) {
    return CaptureError("capture line " + std::to_string(line) + ": " + what);
}

}  // namespace

std::string escapeBytes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 8);
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\r': out += "\\r"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c >= 0x20 && c <= 0x7E) {
                out.push_back(ch);
            } else {
                out += "\\x";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
            }
        }
    }
    return out;
}

std::optional<std::string> unescapeBytes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c > 0x7E) return std::nullopt;
        if (c != '\\') {
            out.push_back(text[i]);
            continue;
        }
        if (++i >= text.size()) return std::nullopt;
        switch (text[i]) {
        case '\\': out.push_back('\\'); break;
        case 'r': out.push_back('\r'); break;
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'x': {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hexValue(text[i + 1]);
            int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
            break;
        }
        default: return std::nullopt;
        }
    }
    return out;
}

CaptureWriter::CaptureWriter(std::ostream& out, const std::map<std::string, std::string>& metadata) : out_(out) {
    out_ << kMagic << '\n';
    for (const auto& [key, value] : metadata) out_ << "@ " << key << '=' << escapeBytes(value) << '\n';
}

void CaptureWriter::write(const CaptureRecord& record) {
    out_ << record.time << (record.direction == Direction::FromDevice ? " < " : " > ") << escapeBytes(record.bytes)
         << '\n';
}

CaptureReader::CaptureReader(std::istream& in) : in_(in) {
    std::string line;
    if (!std::getline(in_, line)) throw errorAt(1, "empty file, expected the header 'LWCAP 1'");
    line_ = 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line != kMagic) {
        if (line.rfind("LWCAP ", 0) == 0) throw errorAt(1, "capture version '" + line.substr(6) + "' is not supported (expected 1)");
        throw errorAt(1, "not a capture file (expected the header 'LWCAP 1')");
    }
    while (std::getline(in_, line)) {
        ++line_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (line[0] != '@') {
            pending_ = std::move(line);
            return;
        }
        std::size_t eq = line.find('=');
        if (line.size() < 3 || line[1] != ' ' || eq == std::string::npos || eq == 2)
            throw errorAt(line_, "metadata must read '@ key=value'");
        auto value = unescapeBytes(std::string_view(line).substr(eq + 1));
        if (!value) throw errorAt(line_, "metadata value has a bad escape");
        metadata_[line.substr(2, eq - 2)] = *value;
    }
}

std::optional<CaptureRecord> CaptureReader::next() {
    std::string line;
    while (true) {
        if (pending_) {
            line = std::move(*pending_);
            pending_.reset();
        } else {
            if (!std::getline(in_, line)) return std::nullopt;
            ++line_;
            if (!line.empty() && line.back() == '\r') line.pop_back();
        }
        if (line.empty() || line[0] == '#') continue;
        break;
    }
    if (line[0] == '@') throw errorAt(line_, "metadata must come before the first record");
    std::size_t space = line.find(' ');
    if (space == std::string::npos || space == 0 || space > 19)
        throw errorAt(line_, "expected '<epoch_ms> <'<'|'>'> <bytes>'");
    CaptureRecord record;
    TimeMs t = 0;
    for (std::size_t i = 0; i < space; ++i) {
        if (line[i] < '0' || line[i] > '9') throw errorAt(line_, "time '" + line.substr(0, space) + "' is not milliseconds since 1970");
        t = t * 10 + (line[i] - '0');
    }
    record.time = t;
    if (space + 2 > line.size() || (line[space + 1] != '<' && line[space + 1] != '>') ||
        (space + 2 < line.size() && line[space + 2] != ' '))
        throw errorAt(line_, "direction must be '<' (from devices) or '>' (to devices)");
    record.direction = line[space + 1] == '<' ? Direction::FromDevice : Direction::ToDevice;
    auto bytes = space + 3 <= line.size() ? unescapeBytes(std::string_view(line).substr(space + 3)) : std::optional<std::string>("");
    if (!bytes) throw errorAt(line_, "bad escape in the bytes (use \\\\ \\r \\n \\t \\xHH)");
    record.bytes = std::move(*bytes);
    return record;
}

}  // namespace lw::protocol
