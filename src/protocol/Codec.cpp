// Frame encoding and the chunk-fed frame decoder (see hardware/PROTOCOL.md for the grammar).
#include "protocol/Codec.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <stdexcept>
#include <type_traits>

namespace lw::protocol {

std::uint16_t crc16(std::string_view bytes) {
    std::uint16_t crc = 0xFFFF;
    for (char ch : bytes) {
        auto byte = static_cast<unsigned char>(ch);
        crc = static_cast<std::uint16_t>(crc ^ (byte << 8));
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021) : static_cast<std::uint16_t>(crc << 1);
        }
    }
    return crc;
}

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool isFieldByte(unsigned char c) {
    return c >= 0x20 && c <= 0x7E && c != '$' && c != ',' && c != '*' && c != '%';
}

void need(bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(what);
}

void appendInt(std::string& out, long long value) {
    char digits[24];
    int n = 0;
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0);
    while (n > 0) out.push_back(digits[--n]);
}

void appendTicket(std::string& out, const TicketId& t) {
    need(t.category >= 'A' && t.category <= 'Z', "ticket category must be a letter A-Z");
    need(t.number >= 1 && t.number <= kMaxTicketNumber, "ticket number must be 1..999");
    out.push_back(',');
    out.push_back(t.category);
    out.push_back(static_cast<char>('0' + t.number / 100));
    out.push_back(static_cast<char>('0' + t.number / 10 % 10));
    out.push_back(static_cast<char>('0' + t.number % 10));
}

void appendWindow(std::string& out, int window) {
    need(window >= 1 && window <= kMaxWindow, "window must be 1..99");
    out.push_back(',');
    appendInt(out, window);
}

void appendCount(std::string& out, int value, const char* what) {
    need(value >= 0 && value <= 999, what);
    out.push_back(',');
    appendInt(out, value);
}

void appendWord(std::string& out, const std::string& word) {
    out.push_back(',');
    for (char c : word) need(isFieldByte(static_cast<unsigned char>(c)) || c == '%', "field holds a byte that is not allowed");
    out += word;
}

void appendPercentEncoded(std::string& out, const std::string& text) {
    out.push_back(',');
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (isFieldByte(c)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
}

void appendBody(std::string& out, const Message& message) {
    std::visit(
        [&out](const auto& m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, TicketIssued>) {
                appendTicket(out, m.ticket);
                out += m.priority ? ",1" : ",0";
            } else if constexpr (std::is_same_v<T, Call> || std::is_same_v<T, Recall> || std::is_same_v<T, NoShow> ||
                                 std::is_same_v<T, ServiceStarted> || std::is_same_v<T, ServiceFinished>) {
                appendWindow(out, m.window);
                appendTicket(out, m.ticket);
            } else if constexpr (std::is_same_v<T, Transfer>) {
                need(m.toCategory.has_value() || m.toWindow.has_value(), "a transfer needs a category or a window");
                appendWindow(out, m.window);
                appendTicket(out, m.ticket);
                out.push_back(',');
                if (m.toCategory) {
                    need(*m.toCategory >= 'A' && *m.toCategory <= 'Z', "transfer category must be a letter A-Z");
                    out.push_back(*m.toCategory);
                }
                if (m.toWindow) {
                    appendWindow(out, *m.toWindow);
                } else {
                    out.push_back(',');
                }
            } else if constexpr (std::is_same_v<T, WindowOpened> || std::is_same_v<T, WindowClosed>) {
                appendWindow(out, m.window);
            } else if constexpr (std::is_same_v<T, WindowPaused>) {
                appendWindow(out, m.window);
                out.push_back(',');
                out += toString(m.reason);
            } else if constexpr (std::is_same_v<T, DispenserStatus>) {
                out.push_back(',');
                out += toString(m.state);
            } else if constexpr (std::is_same_v<T, Heartbeat>) {
                out += m.kind == DeviceKind::Dispenser ? ",D," : ",K,";
                appendInt(out, static_cast<long long>(m.uptimeS));
            } else if constexpr (std::is_same_v<T, BootAnnounce>) {
                need(m.revision >= 1 && m.revision <= 999, "protocol revision must be 1..999");
                out += m.kind == DeviceKind::Dispenser ? ",D," : ",K,";
                for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(m.bootId >> shift) & 0xF]);
                out.push_back(',');
                appendInt(out, m.revision);
            } else if constexpr (std::is_same_v<T, Ack>) {
                need(m.sequence >= 0 && m.sequence <= kMaxSequence, "acknowledged sequence must be 0..65535");
                out.push_back(',');
                appendInt(out, m.sequence);
            } else if constexpr (std::is_same_v<T, Nak>) {
                need(m.sequence >= 0 && m.sequence <= kMaxSequence, "refused sequence must be 0..65535");
                out.push_back(',');
                appendInt(out, m.sequence);
                out.push_back(',');
                out += toString(m.reason);
            } else if constexpr (std::is_same_v<T, WaitEstimate>) {
                appendTicket(out, m.ticket);
                appendCount(out, m.minutes, "estimate minutes must be 0..999");
                appendCount(out, m.ahead, "tickets ahead must be 0..999");
            } else if constexpr (std::is_same_v<T, NoEstimate>) {
                appendTicket(out, m.ticket);
                appendCount(out, m.ahead, "tickets ahead must be 0..999");
            } else if constexpr (std::is_same_v<T, LedText>) {
                need(m.text.size() <= kMaxLedTextBytes, "LED text is longer than 64 bytes");
                appendWindow(out, m.window);
                appendPercentEncoded(out, m.text);
            } else {
                static_assert(std::is_same_v<T, UnknownMessage>);
                for (const auto& field : m.fields) appendWord(out, field);
            }
        },
        message);
}

// ---- parsing ----

struct Fields {
    std::string_view items[8];
    std::size_t count = 0;
    bool tooMany = false;
};

Fields splitFields(std::string_view body) {
    Fields f;
    std::size_t start = 0;
    while (true) {
        std::size_t comma = body.find(',', start);
        std::string_view item = body.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (f.count == std::size(f.items)) {
            f.tooMany = true;
            return f;
        }
        f.items[f.count++] = item;
        if (comma == std::string_view::npos) return f;
        start = comma + 1;
    }
}

// Strict decimal: digits only, no sign, no leading zero unless "0", bounded.
std::optional<long long> parseDecimal(std::string_view s, long long max) {
    if (s.empty() || s.size() > 10 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    long long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    if (v > max) return std::nullopt;
    return v;
}

// Exactly three digits, leading zeros allowed (ticket numbers are printed as 042).
std::optional<long long> parseDecimalWithZeros(std::string_view s) {
    if (s.size() != 3) return std::nullopt;
    long long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

struct ParseError {
    std::string detail;
};

std::string quoted(std::string_view s) {
    std::string out = "'";
    for (char ch : s.substr(0, 40)) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c <= 0x7E) {
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\x";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    if (s.size() > 40) out += "...";
    return out + "'";
}

std::string fieldError(std::size_t index, std::string_view value, const char* what) {
    return "field " + std::to_string(index) + " " + quoted(value) + " is not " + what;
}

int window(const Fields& f, std::size_t i) {
    auto v = parseDecimal(f.items[i], kMaxWindow);
    if (!v || *v < 1) throw ParseError{fieldError(i, f.items[i], "a window number 1..99")};
    return static_cast<int>(*v);
}

TicketId ticket(const Fields& f, std::size_t i) {
    std::string_view s = f.items[i];
    if (s.size() == 4 && s[0] >= 'A' && s[0] <= 'Z') {
        auto n = parseDecimalWithZeros(s.substr(1));
        if (n && *n >= 1) return TicketId{s[0], static_cast<int>(*n)};
    }
    throw ParseError{fieldError(i, s, "a ticket (letter A-Z and 3 digits, 001..999)")};
}

char category(const Fields& f, std::size_t i) {
    std::string_view s = f.items[i];
    if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z') return s[0];
    throw ParseError{fieldError(i, s, "a category letter A-Z")};
}

int count(const Fields& f, std::size_t i, const char* what) {
    auto v = parseDecimal(f.items[i], 999);
    if (!v) throw ParseError{fieldError(i, f.items[i], what)};
    return static_cast<int>(*v);
}

int sequence(const Fields& f, std::size_t i) {
    auto v = parseDecimal(f.items[i], kMaxSequence);
    if (!v) throw ParseError{fieldError(i, f.items[i], "a sequence number 0..65535")};
    return static_cast<int>(*v);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string percentDecoded(const Fields& f, std::size_t i) {
    std::string_view s = f.items[i];
    std::string out;
    out.reserve(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
        if (s[k] != '%') {
            out.push_back(s[k]);
            continue;
        }
        int hi = k + 2 < s.size() ? hexValue(s[k + 1]) : -1;
        int lo = k + 2 < s.size() ? hexValue(s[k + 2]) : -1;
        if (hi < 0 || lo < 0)
            throw ParseError{fieldError(i, s, "percent-encoded text (a % must be followed by two hex digits)")};
        out.push_back(static_cast<char>(hi * 16 + lo));
        k += 2;
    }
    if (out.size() > kMaxLedTextBytes) throw ParseError{fieldError(i, s, "LED text of at most 64 bytes")};
    return out;
}

void expectFields(const Fields& f, std::size_t n, std::string_view type) {
    if (f.count != n)
        throw ParseError{std::string(type) + " needs " + std::to_string(n - 1) + " field(s), got " +
                         std::to_string(f.count - 1)};
}

// f.items[0] is the type; message fields are numbered from 1 as in PROTOCOL.md.
Message parseMessage(const Fields& f) {
    std::string_view type = f.items[0];
    if (type == "TKT") {
        expectFields(f, 3, type);
        if (f.items[2] != "0" && f.items[2] != "1") throw ParseError{fieldError(2, f.items[2], "a priority flag 0 or 1")};
        return TicketIssued{ticket(f, 1), f.items[2] == "1"};
    }
    if (type == "CAL" || type == "RCL" || type == "NSH" || type == "SRV" || type == "FIN") {
        expectFields(f, 3, type);
        int w = window(f, 1);
        TicketId t = ticket(f, 2);
        if (type == "CAL") return Call{w, t};
        if (type == "RCL") return Recall{w, t};
        if (type == "NSH") return NoShow{w, t};
        if (type == "SRV") return ServiceStarted{w, t};
        return ServiceFinished{w, t};
    }
    if (type == "TRF") {
        expectFields(f, 5, type);
        Transfer m{window(f, 1), ticket(f, 2), std::nullopt, std::nullopt};
        if (!f.items[3].empty()) m.toCategory = category(f, 3);
        if (!f.items[4].empty()) m.toWindow = window(f, 4);
        if (!m.toCategory && !m.toWindow) throw ParseError{"TRF needs a new category (field 3) or a window (field 4)"};
        return m;
    }
    if (type == "WOP" || type == "WCL") {
        expectFields(f, 2, type);
        if (type == "WOP") return WindowOpened{window(f, 1)};
        return WindowClosed{window(f, 1)};
    }
    if (type == "WPS") {
        expectFields(f, 3, type);
        auto reason = parsePauseReason(std::string(f.items[2]));
        if (!reason) throw ParseError{fieldError(2, f.items[2], "a pause reason LUNCH|BREAK|FAULT|OTHER")};
        return WindowPaused{window(f, 1), *reason};
    }
    if (type == "DST") {
        expectFields(f, 2, type);
        auto state = parseDispenserState(std::string(f.items[1]));
        if (!state) throw ParseError{fieldError(1, f.items[1], "a status OK|PAPER_LOW|PAPER_OUT|JAM|COVER_OPEN")};
        return DispenserStatus{*state};
    }
    if (type == "HBT") {
        expectFields(f, 3, type);
        if (f.items[1] != "D" && f.items[1] != "K") throw ParseError{fieldError(1, f.items[1], "a device kind D or K")};
        auto uptime = parseDecimal(f.items[2], 4294967295LL);
        if (!uptime) throw ParseError{fieldError(2, f.items[2], "an uptime 0..4294967295 seconds")};
        return Heartbeat{f.items[1] == "D" ? DeviceKind::Dispenser : DeviceKind::Keypad, static_cast<std::uint32_t>(*uptime)};
    }
    if (type == "BOT") {
        expectFields(f, 4, type);
        if (f.items[1] != "D" && f.items[1] != "K") throw ParseError{fieldError(1, f.items[1], "a device kind D or K")};
        std::uint32_t id = 0;
        bool hex = f.items[2].size() == 8;
        for (char c : f.items[2]) {
            int h = hexValue(c);
            if (h < 0) hex = false;
            else id = id * 16 + static_cast<std::uint32_t>(h);
        }
        if (!hex) throw ParseError{fieldError(2, f.items[2], "a boot id of 8 hex digits")};
        auto revision = parseDecimal(f.items[3], 999);
        if (!revision || *revision < 1) throw ParseError{fieldError(3, f.items[3], "a protocol revision 1..999")};
        return BootAnnounce{f.items[1] == "D" ? DeviceKind::Dispenser : DeviceKind::Keypad, id, static_cast<int>(*revision)};
    }
    if (type == "ACK") {
        expectFields(f, 2, type);
        return Ack{sequence(f, 1)};
    }
    if (type == "NAK") {
        expectFields(f, 3, type);
        int seq = sequence(f, 1);
        if (f.items[2] == "BADFIELD") return Nak{seq, NakReason::BadField};
        if (f.items[2] == "UNSUPPORTED") return Nak{seq, NakReason::Unsupported};
        if (f.items[2] == "BUSY") return Nak{seq, NakReason::Busy};
        throw ParseError{fieldError(2, f.items[2], "a reason BADFIELD|UNSUPPORTED|BUSY")};
    }
    if (type == "EST") {
        expectFields(f, 4, type);
        return WaitEstimate{ticket(f, 1), count(f, 2, "minutes 0..999"), count(f, 3, "a count ahead 0..999")};
    }
    if (type == "ESN") {
        expectFields(f, 3, type);
        return NoEstimate{ticket(f, 1), count(f, 2, "a count ahead 0..999")};
    }
    if (type == "LED") {
        expectFields(f, 3, type);
        return LedText{window(f, 1), percentDecoded(f, 2)};
    }
    if (type.size() != 3 || !std::all_of(type.begin(), type.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        throw ParseError{"message type " + quoted(type) + " is not 3 capital letters"};
    UnknownMessage unknown{std::string(type), {}};
    for (std::size_t i = 1; i < f.count; ++i) unknown.fields.emplace_back(f.items[i]);
    return unknown;
}

}  // namespace

std::string encodeFrame(const Frame& frame) {
    need(frame.address >= 0 && frame.address <= kMaxAddress, "address must be 0..254");
    need(frame.sequence >= 0 && frame.sequence <= kMaxSequence, "sequence must be 0..65535");
    std::string type = typeCode(frame.message);
    need(type.size() == 3 && std::all_of(type.begin(), type.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
         "message type must be 3 capital letters");
    std::string out;
    out.reserve(64);
    out += "$LW1,";
    appendInt(out, frame.address);
    out.push_back(',');
    appendInt(out, frame.sequence);
    out.push_back(',');
    out += type;
    appendBody(out, frame.message);
    std::uint16_t crc = crc16(std::string_view(out).substr(1));
    out.push_back('*');
    out.push_back(kHex[(crc >> 12) & 0xF]);
    out.push_back(kHex[(crc >> 8) & 0xF]);
    out.push_back(kHex[(crc >> 4) & 0xF]);
    out.push_back(kHex[crc & 0xF]);
    out += "\r\n";
    if (out.size() > kMaxFrameLength) throw std::invalid_argument("frame is longer than 256 bytes");
    return out;
}

DecodeResult decodeLine(std::string_view line) {
    auto error = [line](DecodeErrorKind kind, std::string detail) {
        return DecodeResult{DecodeError{kind, std::move(detail), std::string(line.substr(0, kMaxFrameLength))}};
    };
    if (line.empty() || line[0] != '$') return error(DecodeErrorKind::Malformed, "frame does not start with '$'");
    std::size_t star = line.rfind('*');
    if (star == std::string_view::npos || star + 5 != line.size())
        return error(DecodeErrorKind::Checksum, "no '*' followed by 4 hex digits at the end of the frame");
    int crc = 0;
    for (std::size_t i = star + 1; i < line.size(); ++i) {
        int h = hexValue(line[i]);
        if (h < 0) return error(DecodeErrorKind::Checksum, "checksum " + quoted(line.substr(star + 1)) + " is not 4 hex digits");
        crc = crc * 16 + h;
    }
    std::string_view body = line.substr(1, star - 1);
    std::uint16_t computed = crc16(body);
    if (computed != crc) {
        char text[64];
        std::snprintf(text, sizeof text, "checksum %04X does not match the computed %04X", static_cast<unsigned>(crc),
                      static_cast<unsigned>(computed));
        return error(DecodeErrorKind::Checksum, text);
    }
    for (std::size_t i = 0; i < body.size(); ++i) {
        auto c = static_cast<unsigned char>(body[i]);
        if (!(isFieldByte(c) || c == ',' || c == '%'))
            return error(DecodeErrorKind::Malformed, "byte " + std::to_string(i + 1) + " " + quoted(body.substr(i, 1)) +
                                                         " is not allowed in a frame");
    }
    Fields all = splitFields(body);
    if (all.tooMany || all.count < 4) {
        if (all.tooMany) return error(DecodeErrorKind::Malformed, "too many fields");
        return error(DecodeErrorKind::Malformed, "a frame needs version, address, sequence and type");
    }
    if (all.items[0] != kVersionToken)
        return error(DecodeErrorKind::Malformed, "unsupported version " + quoted(all.items[0]) + " (this kiosk speaks LW1)");
    auto address = parseDecimal(all.items[1], kMaxAddress);
    if (!address) return error(DecodeErrorKind::Malformed, "address " + quoted(all.items[1]) + " is not 0..254");
    auto seq = parseDecimal(all.items[2], kMaxSequence);
    if (!seq) return error(DecodeErrorKind::Malformed, "sequence " + quoted(all.items[2]) + " is not 0..65535");
    Fields message;
    for (std::size_t i = 3; i < all.count; ++i) message.items[message.count++] = all.items[i];
    try {
        Frame frame{static_cast<int>(*address), static_cast<int>(*seq), parseMessage(message)};
        return DecodedFrame{std::move(frame), std::string(line)};
    } catch (const ParseError& e) {
        return error(DecodeErrorKind::Malformed, e.detail);
    }
}

void FrameDecoder::reset() {
    buffer_.clear();
    inFrame_ = false;
    skippingOverlong_ = false;
}

void FrameDecoder::feed(std::string_view bytes, std::vector<DecodeResult>& out) {
    stats_.bytes += bytes.size();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        char c = bytes[i];
        if (skippingOverlong_) {
            if (c == '\n') {
                skippingOverlong_ = false;
                continue;
            }
            if (c != '$') continue;
            skippingOverlong_ = false;
        }
        if (!inFrame_) {
            if (c == '$') {
                inFrame_ = true;
                buffer_.clear();
                buffer_.push_back(c);
                continue;
            }
            // Fast path: skip to the next '$'.
            std::size_t next = bytes.find('$', i);
            std::size_t skipped = (next == std::string_view::npos ? bytes.size() : next) - i;
            stats_.garbageBytes += skipped;
            i += skipped - 1;
            continue;
        }
        if (c == '$') {
            ++stats_.malformed;
            out.push_back(DecodeError{DecodeErrorKind::Truncated, "a new frame began before the line end", buffer_});
            buffer_.clear();
            buffer_.push_back(c);
            continue;
        }
        if (c == '\n') {
            std::string_view line(buffer_);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            DecodeResult result = decodeLine(line);
            if (std::holds_alternative<DecodedFrame>(result)) {
                ++stats_.frames;
            } else if (std::get<DecodeError>(result).kind == DecodeErrorKind::Checksum) {
                ++stats_.checksumErrors;
            } else {
                ++stats_.malformed;
            }
            out.push_back(std::move(result));
            inFrame_ = false;
            buffer_.clear();
            continue;
        }
        // A whole frame, '$' to line end, is at most kMaxFrameLength bytes; the buffer holds all but the '\n'.
        if (buffer_.size() + 1 > kMaxFrameLength - 1) {
            ++stats_.overlong;
            out.push_back(DecodeError{DecodeErrorKind::Overlong, "no line end within 256 bytes", buffer_});
            buffer_.clear();
            inFrame_ = false;
            skippingOverlong_ = true;
            continue;
        }
        buffer_.push_back(c);
    }
}

}  // namespace lw::protocol
