// The import CSV's field-level pieces: the time forms, the key that makes an import idempotent, the check of a
// repeated category against the lobby, and making file text safe for a terminal.
#include "lobby/EventCsv.h"

#include "lobby/Lobby.h"
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::lobby {

namespace {

// Reads `count` digits at `i` (min..max of them when the token allows one or two), advancing `i`.
bool number(const std::string& text, std::size_t& i, std::size_t minDigits, std::size_t maxDigits, int& value) {
    std::size_t n = 0;
    value = 0;
    while (n < maxDigits && i < text.size() && text[i] >= '0' && text[i] <= '9') {
        value = value * 10 + (text[i] - '0');
        ++i;
        ++n;
    }
    return n >= minDigits;
}

struct Parts {
    int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
};

// Matches `text` against `format` (yyyy, MM, dd, HH, mm, ss: that many digits; M, d, H, m, s: one or two; a
// space: one or more spaces; anything else: itself).
bool matchFormat(const std::string& text, const std::string& format, Parts& p) {
    std::size_t i = 0;
    std::size_t f = 0;
    while (f < format.size()) {
        const char c = format[f];
        std::size_t run = 1;
        while (f + run < format.size() && format[f + run] == c) ++run;
        int* target = nullptr;
        switch (c) {
        case 'y': target = &p.year; break;
        case 'M': target = &p.month; break;
        case 'd': target = &p.day; break;
        case 'H': target = &p.hour; break;
        case 'm': target = &p.minute; break;
        case 's': target = &p.second; break;
        default: break;
        }
        if (target) {
            const std::size_t minDigits = c == 'y' ? run : run >= 2 ? 2 : 1;
            const std::size_t maxDigits = c == 'y' ? run : 2;
            if (!number(text, i, minDigits, maxDigits, *target)) return false;
            f += run;
        } else if (c == ' ') {
            if (i >= text.size() || text[i] != ' ') return false;
            while (i < text.size() && text[i] == ' ') ++i;
            ++f;
        } else {
            if (i >= text.size() || text[i] != c) return false;
            ++i;
            ++f;
        }
    }
    return i == text.size();
}

constexpr const char* kBuiltInFormats[] = {
    "yyyy-M-dTH:mm:ss", "yyyy-M-d H:mm:ss", "yyyy-M-dTH:mm", "yyyy-M-d H:mm",
    "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",    "yyyy/M/dTH:mm:ss",
};

void fnv(std::uint64_t& h, const std::string& s) {
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        h ^= c;
        h *= 1099511628211ULL;
    }
    h ^= 0x1f;  // a separator no field holds, so "AB","C" and "A","BC" differ
    h *= 1099511628211ULL;
}

}  // namespace

std::optional<TimeMs> parseCsvTime(const std::string& text, const std::string& format, int utcOffsetMinutes) {
    Parts p;
    bool matched = false;
    if (!format.empty()) {
        matched = matchFormat(text, format, p);
    } else {
        for (const char* f : kBuiltInFormats) {
            p = Parts{};
            if (matchFormat(text, f, p)) {
                matched = true;
                break;
            }
        }
    }
    if (!matched || p.year < 0 || p.month < 0 || p.day < 0) return std::nullopt;
    if (!isValidDate(p.year, p.month, p.day) || p.hour > 23 || p.minute > 59 || p.second > 59) return std::nullopt;
    const std::int64_t seconds = daysFromCivil(p.year, p.month, p.day) * 86'400 + p.hour * 3600 + p.minute * 60 + p.second;
    return seconds * 1000 - static_cast<std::int64_t>(utcOffsetMinutes) * 60'000;
}

std::optional<CsvError> checkStatedCategory(const CsvRow& row, const Lobby& lobby) {
    const LobbyEvent* e = row.event();
    if (e == nullptr || row.statedCategory.empty() || e->ticket.empty()) return std::nullopt;
    // The lobby knows the tickets of its current business day only; a row of another day cannot be checked here.
    if (lobby.businessDay() != businessDayOf(e->time, lobby.config())) return std::nullopt;
    const Ticket* t = lobby.ticket(e->ticket);
    if (t == nullptr || row.statedCategory == t->category || row.statedCategory == t->originalCategory) return std::nullopt;
    std::string known = "category " + t->originalCategory;
    if (t->category != t->originalCategory) known += " (transferred to " + t->category + ")";
    return CsvError{row.line, "category",
                    "the row says category " + row.statedCategory + " but ticket " + e->ticket + " was issued in " +
                        known,
                    "the category disagrees with the ticket's"};
}

std::uint64_t contentHash(const LobbyEvent& e) {
    std::uint64_t h = 14695981039346656037ULL;
    fnv(h, std::to_string(e.time));
    fnv(h, eventName(e.kind));
    fnv(h, e.ticket);
    fnv(h, e.category);
    fnv(h, std::to_string(e.window));
    fnv(h, std::to_string(e.toWindow));
    fnv(h, e.priority ? "1" : "0");
    fnv(h, e.detail);
    return h;
}

std::uint64_t importKey(const LobbyEvent& event, int occurrence) {
    std::uint64_t h = contentHash(event);
    fnv(h, std::to_string(occurrence));
    return h;
}

std::string printable(const std::string& text, std::size_t maxBytes) {
    std::string out;
    auto escape = [&out](unsigned char c) {
        char buf[5];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (out.size() >= maxBytes) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) escape(c);
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        // A whole UTF-8 sequence (no overlongs, no surrogates), and not a C1 control (U+0080..U+009F).
        std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        bool ok = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok && n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) ok = false;  // C1
        if (!ok) {
            escape(c);
            ++i;
            continue;
        }
        out.append(text, i, n);
        i += n;
    }
    return out;
}

}  // namespace lw::lobby
