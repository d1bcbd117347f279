// Reading and writing the import/export CSV of lobby events (format in EventCsv.h).
#include "lobby/EventCsv.h"

#include "lobby/LocalTime.h"

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
    case EventKind::NoShow: return {Use::Required, Use::Optional, Use::Required};
    case EventKind::Abandoned: return {Use::Required, Use::Optional, Use::Optional};
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

// A letter and three digits, or four from systems that do not wrap at 999; never all zero.
bool isTicketLabel(const std::string& s) {
    return (s.size() == 4 || s.size() == 5) && s[0] >= 'A' && s[0] <= 'Z' && allDigits(s.substr(1)) &&
           s.find_first_not_of('0', 1) != std::string::npos;
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

// The value found is shown safe for a terminal and cut short; the reason (for grouping) leaves it out.
CsvError error(int line, Column column, const std::string& expectation, const std::string& value) {
    return CsvError{line, kColumnNames[static_cast<std::size_t>(column)],
                    expectation + ", found '" + printable(value, 80) + "'", expectation};
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return trim(s);
}

// 2000-01-01T00:00:00 local is this plus the UTC offset; earlier dates are not a queue history.
constexpr TimeMs kEarliest = 946'684'800'000;

}  // namespace

bool isUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        const auto c1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90))
            return false;
        i += n;
    }
    return true;
}

std::string CsvError::text(const std::string& file) const {
    return file + ":" + std::to_string(line) + ": column " + column + ": " + message;
}

EventCsvReader::EventCsvReader(std::istream& in, std::string fileName, int utcOffsetMinutes, CsvOptions options)
    : in_(in), file_(std::move(fileName)), utcOffsetMinutes_(utcOffsetMinutes), options_(std::move(options)),
      addressTaken_(255, false) {}

// One physical line without its end, kept only up to kMaxCsvLineBytes: a longer one is read past, not held.
EventCsvReader::LineRead EventCsvReader::readLine(std::string& text, std::uint64_t& bytes) {
    text.clear();
    bytes = 0;
    std::streambuf* buf = in_.rdbuf();
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return LineRead::End;
    ++line_;
    for (; c != std::char_traits<char>::eof() && c != '\n'; c = buf->sbumpc()) {
        if (++bytes <= kMaxCsvLineBytes + 1) text.push_back(static_cast<char>(c));
    }
    if (!text.empty() && text.back() == '\r') {
        text.pop_back();
        --bytes;
    }
    if (bytes > kMaxCsvLineBytes) {
        text.clear();
        return LineRead::TooLong;
    }
    if (line_ == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    return LineRead::Line;
}

// Splits one line into fields; a quoted field may hold the delimiter and doubled quotes, never a line end.
// Unquoted fields lose their surrounding spaces.
bool EventCsvReader::split(const std::string& text, char delimiter, std::vector<std::string>& fields,
                           std::string& problem) const {
    fields.clear();
    problem.clear();
    std::string field;
    bool quoted = false;     // inside a quoted field
    bool wasQuoted = false;  // the current field was quoted and has been closed
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
                wasQuoted = true;
            }
        } else if (c == delimiter) {
            fields.push_back(wasQuoted ? std::move(field) : trim(field));
            field.clear();
            wasQuoted = false;
        } else if (wasQuoted) {
            if (c == ' ') continue;
            problem = "text after the closing quote in column " + std::to_string(fields.size() + 1);
            return false;
        } else if (c == '"') {
            if (!trim(field).empty()) {
                problem = "a quote inside the unquoted field in column " + std::to_string(fields.size() + 1) +
                          " (quote the whole field and double the quote)";
                return false;
            }
            field.clear();
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted) {
        problem = "a quote opened in column " + std::to_string(fields.size() + 1) +
                  " is not closed on this line (no field of this format spans lines; the next line is read as a row)";
        return false;
    }
    fields.push_back(wasQuoted ? std::move(field) : trim(field));
    return true;
}

std::optional<CsvError> EventCsvReader::readHeader() {
    std::string text;
    std::uint64_t bytes = 0;
    LineRead got;
    while ((got = readLine(text, bytes)) == LineRead::Line && trim(text).empty()) {}
    const std::string expected = std::string("expected a header naming the columns ") + kEventCsvHeader +
                                 " (any case and order, separated by , ; or tab; time and event at least; other "
                                 "names mapped with --columns)";
    if (got == LineRead::End) return CsvError{1, "header", expected + ", found an empty file", "empty file"};
    if (got == LineRead::TooLong)
        return CsvError{line_, "header", expected + ", found a line of " + std::to_string(bytes) + " bytes",
                        "header too long"};
    if (options_.requireUtf8 && !isUtf8(text))
        return CsvError{line_, "header", "the header is not UTF-8 text (give the file's encoding with --encoding)",
                        "not UTF-8"};
    // The delimiter is the one of , ; tab that gives a header with both time and event.
    std::vector<std::string> fields;
    std::string problem;
    std::vector<std::string> best;
    for (char d : {',', ';', '\t'}) {
        if (!split(text, d, fields, problem)) continue;
        std::vector<int> columnOf(kColumns, -1);
        std::vector<std::string> ignored;
        std::string duplicate;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            std::string name = lower(fields[i]);
            for (const auto& [from, to] : options_.columnNames)
                if (lower(trim(from)) == name) name = lower(trim(to));
            const auto* it = std::find_if(kColumnNames.begin(), kColumnNames.end(),
                                          [&](const char* n) { return name == n; });
            if (it == kColumnNames.end()) {
                if (!fields[i].empty()) ignored.push_back(fields[i]);
                continue;
            }
            const auto column = static_cast<std::size_t>(it - kColumnNames.begin());
            if (columnOf[column] >= 0) duplicate = *it;
            columnOf[column] = static_cast<int>(i);
        }
        if (columnOf[kTime] < 0 || columnOf[kEvent] < 0) {
            if (fields.size() > best.size()) best = fields;
            continue;
        }
        if (!duplicate.empty())
            return CsvError{line_, "header", "the column " + duplicate + " is named twice in '" + text + "'",
                            "a column named twice"};
        delimiter_ = d;
        columnOf_ = std::move(columnOf);
        fieldCount_ = fields.size();
        while (fieldCount_ > 0 && fields[fieldCount_ - 1].empty()) --fieldCount_;  // "a;b;c;": three columns
        ignored_ = std::move(ignored);
        return std::nullopt;
    }
    return CsvError{line_, "header", expected + ", found '" + printable(text) + "'", "header not recognised"};
}

int EventCsvReader::deviceAddress(const std::string& name) {
    const auto known = addressOfName_.find(name);
    if (known != addressOfName_.end()) return known->second;
    // "D1", "dispenser 12": the number at the end when it is free; else the highest free address.
    std::size_t digitsFrom = name.size();
    while (digitsFrom > 0 && name[digitsFrom - 1] >= '0' && name[digitsFrom - 1] <= '9') --digitsFrom;
    int address = -1;
    if (digitsFrom < name.size() && name.size() - digitsFrom <= 3) {
        const int n = std::stoi(name.substr(digitsFrom));
        if (n >= 1 && n <= 254 && !addressTaken_[static_cast<std::size_t>(n)]) address = n;
    }
    for (int a = 254; address < 0 && a >= 1; --a)
        if (!addressTaken_[static_cast<std::size_t>(a)]) address = a;
    if (address < 0) return -1;
    addressTaken_[static_cast<std::size_t>(address)] = true;
    addressOfName_[name] = address;
    deviceNames_.emplace_back(name, address);
    return address;
}

std::variant<LobbyEvent, CsvError> EventCsvReader::parseRow(const std::vector<std::string>& fileFields, int line,
                                                            std::string& statedCategory) {
    // Some exports end every row with a separator: empty fields past the header's are nothing.
    std::size_t given = fileFields.size();
    while (given > fieldCount_ && fileFields[given - 1].empty()) --given;
    if (given != fieldCount_) {
        return CsvError{line, "row",
                        "expected " + std::to_string(fieldCount_) + " fields as in the header, found " +
                            std::to_string(fileFields.size()),
                        "expected " + std::to_string(fieldCount_) + " fields as in the header"};
    }
    std::array<std::string, kColumns> f;
    for (std::size_t c = 0; c < kColumns; ++c)
        if (columnOf_[c] >= 0) f[c] = fileFields[static_cast<std::size_t>(columnOf_[c])];
    LobbyEvent e;
    e.source.port = "import:" + file_;
    e.source.sequence = line;

    const auto time = parseCsvTime(f[kTime], options_.timeFormat, utcOffsetMinutes_);
    if (!time) {
        return error(line, kTime,
                     options_.timeFormat.empty()
                         ? "expected a local time like 2026-01-05T09:03:12, 2026-01-05 09:03:12 or 2026/1/5 9:03 "
                           "(others with --time-format)"
                         : "expected a local time in the form " + options_.timeFormat,
                     f[kTime]);
    }
    e.time = *time;
    if (e.time < kEarliest - static_cast<TimeMs>(utcOffsetMinutes_) * 60'000)
        return error(line, kTime, "expected a date from 2000-01-01 on", f[kTime]);
    if (e.time > options_.latest)
        return error(line, kTime,
                     "expected a time no later than " + formatLocalTime(options_.latest, utcOffsetMinutes_) +
                         " (the end of tomorrow)",
                     f[kTime]);

    const auto kind = parseEventName(lower(f[kEvent]));
    if (!kind) {
        return error(line, kEvent,
                     "expected one of issued, called, recalled, started, finished, no_show, abandoned, transferred, "
                     "window_open, window_pause, window_close, device_status",
                     f[kEvent]);
    }
    e.kind = *kind;
    const std::string what = std::string(" for ") + eventName(e.kind);
    const Shape shape = shapeOf(e.kind);

    auto check = [&](Column column, Use use) -> std::optional<CsvError> {
        const std::string& v = f[static_cast<std::size_t>(column)];
        if (use == Use::Required && v.empty())
            return CsvError{line, kColumnNames[column], "expected a value" + what + ", found none",
                            "expected a value" + what};
        if (use == Use::Empty && !v.empty()) return error(line, column, "expected it empty" + what, v);
        return std::nullopt;
    };
    if (auto err = check(kTicket, shape.ticket)) return *err;
    if (auto err = check(kCategory, shape.category)) return *err;
    if (auto err = check(kWindow, shape.window)) return *err;

    if (!f[kTicket].empty()) {
        if (!isTicketLabel(f[kTicket]))
            return error(line, kTicket, "expected a ticket label like A042 or A1042 (a letter A-Z, 3 or 4 digits)",
                         f[kTicket]);
        e.ticket = f[kTicket];
    }

    const std::string& cat = f[kCategory];
    if (e.kind == EventKind::WindowPause) {
        const std::string reason = cat.empty() ? std::string("OTHER") : upper(cat);
        if (!isOneOf(reason, kPauseReasons))
            return error(line, kCategory, "expected the pause reason LUNCH, BREAK, FAULT or OTHER", cat);
        e.detail = reason;
    } else if (e.kind == EventKind::Transferred) {
        const std::size_t at = cat.find('@');
        const std::string code = cat.substr(0, at);
        const std::string to = at == std::string::npos ? std::string() : cat.substr(at + 1);
        const int toWindow = to.empty() ? 0 : parseInt(to, 1, 99);
        if ((!code.empty() && !isCategoryCode(code)) || toWindow < 0 || (at != std::string::npos && to.empty()) ||
            (code.empty() && toWindow == 0)) {
            return error(line, kCategory,
                         "expected the new category and/or window: B, B@5 or @5 (category A-Z, window 1..99)", cat);
        }
        e.category = code;
        e.toWindow = toWindow;
    } else if (!cat.empty()) {
        if (!isCategoryCode(cat)) return error(line, kCategory, "expected a category letter A-Z", cat);
        if (e.kind == EventKind::Issued) e.category = cat;
        else statedCategory = cat;  // a repeat of the ticket's: checked against it, not stored
    }

    const std::string& win = f[kWindow];
    if (e.kind == EventKind::DeviceStatus) {
        const std::string status = upper(win);
        if (!isOneOf(status, kDeviceStates))
            return error(line, kWindow,
                         "expected the device status OK, PAPER_LOW, PAPER_OUT, JAM or COVER_OPEN" + what, win);
        e.detail = status;
    } else if (!win.empty()) {
        e.window = parseInt(win, 1, 99);
        if (e.window < 0) return error(line, kWindow, "expected a window number 1..99", win);
    }

    const std::string& device = f[kDevice];
    if (allDigits(device)) {
        e.source.device = parseInt(device, 0, 254);
        if (e.source.device < 0) return error(line, kDevice, "expected a device address 0..254 or a name", device);
    } else if (!device.empty()) {
        if (device.size() > 40) return error(line, kDevice, "expected a device name of at most 40 bytes", device);
        e.source.device = deviceAddress(device);
        if (e.source.device < 0)
            return error(line, kDevice, "expected at most 254 devices (no address is left for this name)", device);
    }

    const std::string& prio = f[kPriority];
    if (!prio.empty() && prio != "0" && prio != "1") return error(line, kPriority, "expected 0, 1 or empty", prio);
    e.priority = prio == "1";
    return e;
}

bool EventCsvReader::next(CsvRow& row) {
    if (stopped_) return false;
    row.statedCategory.clear();
    if (!headerRead_) {
        headerRead_ = true;
        if (auto err = readHeader()) {
            stopped_ = true;
            row.line = err->line;
            row.value = std::move(*err);
            return true;
        }
    }
    std::string text;
    std::uint64_t bytes = 0;
    LineRead got;
    // A line of nothing but separators (spreadsheets save them after the data) is an empty line.
    const std::string blank = std::string(" \t") + delimiter_;
    while ((got = readLine(text, bytes)) == LineRead::Line && text.find_first_not_of(blank) == std::string::npos) {}
    if (got == LineRead::End) return false;
    row.line = line_;
    if (got == LineRead::TooLong) {
        row.value = CsvError{line_, "row",
                             "the line is " + std::to_string(bytes) + " bytes long, more than the " +
                                 std::to_string(kMaxCsvLineBytes / 1024) + " KB a row may have",
                             "a line longer than " + std::to_string(kMaxCsvLineBytes / 1024) + " KB"};
        return true;
    }
    if (text.find('\0') != std::string::npos) {
        row.value = CsvError{line_, "row", "a NUL byte: this is not a line of text", "a NUL byte (not text)"};
        return true;
    }
    if (options_.requireUtf8 && !isUtf8(text)) {
        row.value = CsvError{line_, "row",
                             "the line is not UTF-8 text: '" + printable(text, 60) +
                                 "' (give the file's encoding with --encoding gb18030 or gbk)",
                             "not UTF-8 text"};
        return true;
    }
    std::vector<std::string> fields;
    std::string problem;
    if (!split(text, delimiter_, fields, problem)) {
        row.value = CsvError{line_, "row", problem, problem.substr(0, problem.find(" in column"))};
        return true;
    }
    row.value = parseRow(fields, line_, row.statedCategory);
    return true;
}

std::vector<CsvRow> readEventCsv(std::istream& in, const std::string& fileName, int utcOffsetMinutes,
                                 const CsvOptions& options) {
    EventCsvReader reader(in, fileName, utcOffsetMinutes, options);
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
