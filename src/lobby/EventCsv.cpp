// Reading and writing the import/export CSV of lobby events (format in EventCsv.h).
#include "EventCsv.h"

#include "LocalTime.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace lw::lobby {

namespace {

enum Column { kTime, kEvent, kTicket, kCategory, kWindow, kDevice, kPriority, kColumns };
constexpr std::array<const char*, kColumns> kColumnNames{"time", "event", "ticket", "category",
                                                         "window", "device", "priority"};

constexpr std::array<const char*, 4> kPauseReasons{"LUNCH", "BREAK", "FAULT", "OTHER"};
constexpr std::array<const char*, 5> kDeviceStates{"OK", "PAPER_LOW", "PAPER_OUT", "JAM", "COVER_OPEN"};

// What a row of each event kind may carry.
enum class Use { Empty, Optional, Required };
struct Shape {
    Use ticket, category, window;
};

Shape shapeOf(EventKind kind) {
    switch (kind) {
    case EventKind::Issued: return {Use::Required, Use::Required, Use::Empty};
    case EventKind::Called:
    case EventKind::Recalled:
    case EventKind::Started:
    case EventKind::Finished:
    case EventKind::NoShow: return {Use::Required, Use::Empty, Use::Required};
    case EventKind::Abandoned: return {Use::Required, Use::Empty, Use::Optional};
    case EventKind::Transferred: return {Use::Required, Use::Required, Use::Optional};
    case EventKind::WindowOpen:
    case EventKind::WindowClose: return {Use::Empty, Use::Empty, Use::Required};
    case EventKind::WindowPause: return {Use::Empty, Use::Optional, Use::Required};
    case EventKind::DeviceStatus: return {Use::Empty, Use::Empty, Use::Required};
    }
    return {Use::Empty, Use::Empty, Use::Empty};
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A small non-negative integer in [min, max], or -1.
int parseInt(const std::string& s, int min, int max) {
    if (!allDigits(s) || s.size() > 6) return -1;
    const int value = std::stoi(s);
    return value >= min && value <= max ? value : -1;
}

bool isTicketLabel(const std::string& s) {
    return s.size() == 4 && s[0] >= 'A' && s[0] <= 'Z' && allDigits(s.substr(1)) && s.substr(1) != "000";
}

bool isCategoryCode(const std::string& s) { return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z'; }

template <std::size_t N>
bool isOneOf(const std::string& word, const std::array<const char*, N>& words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return word == w; });
}

std::string quoteIfNeeded(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

CsvError error(int line, Column column, std::string message) {
    return CsvError{line, kColumnNames[static_cast<std::size_t>(column)], std::move(message)};
}

std::string found(const std::string& value) { return ", found '" + value + "'"; }

}  // namespace

std::string CsvError::text(const std::string& file) const {
    return file + ":" + std::to_string(line) + ": column " + column + ": " + message;
}

EventCsvReader::EventCsvReader(std::istream& in, std::string fileName, int utcOffsetMinutes)
    : in_(in), file_(std::move(fileName)), utcOffsetMinutes_(utcOffsetMinutes) {}

// Splits one record into fields; a quoted field may hold commas, doubled quotes and line ends (then the record
// continues on the next physical line). False at the end of the input.
bool EventCsvReader::readRecord(std::vector<std::string>& fields, int& startLine, std::string& problem) {
    fields.clear();
    problem.clear();
    std::string text;
    for (;;) {
        if (!std::getline(in_, text)) return false;
        ++line_;
        if (line_ == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        if (!text.empty()) break;
    }
    startLine = line_;
    std::string field;
    bool quoted = false;     // inside a quoted field
    bool wasQuoted = false;  // the current field was quoted and has been closed
    std::size_t i = 0;
    for (;;) {
        if (i == text.size()) {
            if (!quoted) break;
            // The quoted field goes on over the line end.
            std::string more;
            if (!std::getline(in_, more)) {
                problem = "a quoted field opened in column " + std::to_string(fields.size() + 1) +
                          " is not closed before the end of the file";
                return true;
            }
            ++line_;
            if (!more.empty() && more.back() == '\r') more.pop_back();
            field += '\n';
            text = std::move(more);
            i = 0;
            continue;
        }
        const char c = text[i++];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i < text.size() && text[i] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
                wasQuoted = true;
            }
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (wasQuoted) {
            problem = "text after the closing quote in column " + std::to_string(fields.size() + 1);
            return true;
        } else if (c == '"') {
            if (!field.empty()) {
                problem = "a quote inside the unquoted field in column " + std::to_string(fields.size() + 1) +
                          " (quote the whole field and double the quote)";
                return true;
            }
            quoted = true;
        } else {
            field += c;
        }
    }
    fields.push_back(std::move(field));
    return true;
}

std::variant<LobbyEvent, CsvError> EventCsvReader::parseRow(const std::vector<std::string>& f, int line) const {
    if (f.size() != kColumns) {
        return CsvError{line, "row",
                        "expected " + std::to_string(kColumns) + " columns (" + kEventCsvHeader + "), found " +
                            std::to_string(f.size())};
    }
    LobbyEvent e;
    e.source.port = "import:" + file_;
    e.source.sequence = line;

    const auto time = parseLocalTime(f[kTime], utcOffsetMinutes_);
    if (!time) return error(line, kTime, "expected a local time like 2026-01-05T09:03:12" + found(f[kTime]));
    e.time = *time;

    const auto kind = parseEventName(f[kEvent]);
    if (!kind) {
        return error(line, kEvent,
                     "expected one of issued, called, recalled, started, finished, no_show, abandoned, transferred, "
                     "window_open, window_pause, window_close, device_status" + found(f[kEvent]));
    }
    e.kind = *kind;
    const std::string what = std::string(" for ") + eventName(e.kind);
    const Shape shape = shapeOf(e.kind);

    auto check = [&](Column column, Use use) -> std::optional<CsvError> {
        const std::string& v = f[static_cast<std::size_t>(column)];
        if (use == Use::Required && v.empty()) return error(line, column, "expected a value" + what + ", found none");
        if (use == Use::Empty && !v.empty()) return error(line, column, "expected it empty" + what + found(v));
        return std::nullopt;
    };
    if (auto err = check(kTicket, shape.ticket)) return *err;
    if (auto err = check(kCategory, shape.category)) return *err;
    if (auto err = check(kWindow, shape.window)) return *err;

    if (!f[kTicket].empty()) {
        if (!isTicketLabel(f[kTicket])) {
            return error(line, kTicket, "expected a ticket label like A042 (a letter A-Z, 001-999)" + found(f[kTicket]));
        }
        e.ticket = f[kTicket];
    }

    const std::string& cat = f[kCategory];
    if (e.kind == EventKind::WindowPause) {
        const std::string reason = cat.empty() ? std::string("OTHER") : upper(cat);
        if (!isOneOf(reason, kPauseReasons)) {
            return error(line, kCategory, "expected the pause reason LUNCH, BREAK, FAULT or OTHER" + found(cat));
        }
        e.detail = reason;
    } else if (e.kind == EventKind::Transferred) {
        const std::size_t at = cat.find('@');
        const std::string code = cat.substr(0, at);
        const std::string to = at == std::string::npos ? std::string() : cat.substr(at + 1);
        const int toWindow = to.empty() ? 0 : parseInt(to, 1, 99);
        if ((!code.empty() && !isCategoryCode(code)) || toWindow < 0 || (at != std::string::npos && to.empty()) ||
            (code.empty() && toWindow == 0)) {
            return error(line, kCategory,
                         "expected the new category and/or window: B, B@5 or @5 (category A-Z, window 1..99)" +
                             found(cat));
        }
        e.category = code;
        e.toWindow = toWindow;
    } else if (!cat.empty()) {
        if (!isCategoryCode(cat)) return error(line, kCategory, "expected a category letter A-Z" + found(cat));
        e.category = cat;
    }

    const std::string& win = f[kWindow];
    if (e.kind == EventKind::DeviceStatus) {
        const std::string status = upper(win);
        if (!isOneOf(status, kDeviceStates)) {
            return error(line, kWindow,
                         "expected the device status OK, PAPER_LOW, PAPER_OUT, JAM or COVER_OPEN" + what + found(win));
        }
        e.detail = status;
    } else if (!win.empty()) {
        e.window = parseInt(win, 1, 99);
        if (e.window < 0) return error(line, kWindow, "expected a window number 1..99" + found(win));
    }

    if (!f[kDevice].empty()) {
        e.source.device = parseInt(f[kDevice], 0, 254);
        if (e.source.device < 0) return error(line, kDevice, "expected a device address 0..254" + found(f[kDevice]));
    }

    const std::string& prio = f[kPriority];
    if (!prio.empty() && prio != "0" && prio != "1") {
        return error(line, kPriority, "expected 0, 1 or empty" + found(prio));
    }
    e.priority = prio == "1";
    return e;
}

bool EventCsvReader::next(CsvRow& row) {
    if (stopped_) return false;
    std::vector<std::string> fields;
    std::string problem;
    int start = 0;
    if (!headerChecked_) {
        headerChecked_ = true;
        const bool any = readRecord(fields, start, problem);
        std::string header;
        for (std::size_t i = 0; i < fields.size(); ++i) header += (i ? "," : "") + fields[i];
        if (!any || !problem.empty() || header != kEventCsvHeader) {
            stopped_ = true;
            row.line = any ? start : 1;
            row.value = CsvError{row.line, "header",
                                 std::string("expected the header '") + kEventCsvHeader + "', found " +
                                     (any ? "'" + header + "'" : "an empty file")};
            return true;
        }
    }
    if (!readRecord(fields, start, problem)) return false;
    row.line = start;
    if (!problem.empty()) {
        row.value = CsvError{start, "row", problem};
    } else {
        row.value = parseRow(fields, start);
    }
    return true;
}

std::vector<CsvRow> readEventCsv(std::istream& in, const std::string& fileName, int utcOffsetMinutes) {
    EventCsvReader reader(in, fileName, utcOffsetMinutes);
    std::vector<CsvRow> rows;
    CsvRow row;
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

std::string formatEventCsvRow(const LobbyEvent& e, int utcOffsetMinutes) {
    std::array<std::string, kColumns> f;
    f[kTime] = formatLocalTime(e.time, utcOffsetMinutes);
    f[kEvent] = eventName(e.kind);
    f[kTicket] = e.ticket;
    switch (e.kind) {
    case EventKind::WindowPause: f[kCategory] = e.detail; break;
    case EventKind::Transferred:
        f[kCategory] = e.category + (e.toWindow > 0 ? "@" + std::to_string(e.toWindow) : std::string());
        break;
    default: f[kCategory] = e.category; break;
    }
    if (e.kind == EventKind::DeviceStatus) {
        f[kWindow] = e.detail;
    } else if (e.window > 0) {
        f[kWindow] = std::to_string(e.window);
    }
    if (e.source.device > 0) f[kDevice] = std::to_string(e.source.device);
    if (e.kind == EventKind::Issued || e.priority) f[kPriority] = e.priority ? "1" : "0";
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (i) out += ',';
        out += quoteIfNeeded(f[i]);
    }
    return out;
}

EventCsvWriter::EventCsvWriter(std::ostream& out, int utcOffsetMinutes)
    : out_(out), utcOffsetMinutes_(utcOffsetMinutes) {
    out_ << kEventCsvHeader << '\n';
}

void EventCsvWriter::write(const LobbyEvent& event) { out_ << formatEventCsvRow(event, utcOffsetMinutes_) << '\n'; }

}  // namespace lw::lobby
