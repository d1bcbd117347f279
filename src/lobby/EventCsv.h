// The import/export CSV of lobby events: a row-by-row reader with line-numbered errors, and a writer.
//
// Format (one event per row, UTF-8, RFC 4180 quoting, LF or CRLF, an optional UTF-8 BOM):
//   time,event,ticket,category,window,device,priority
//   2026-01-05T09:03:12,issued,A001,A,,3,0
// What the reader accepts beyond what the writer writes (exports of other systems):
// - The header's names in any case and order, `,` `;` or tab between fields (found from the header); columns
//   other than these seven are ignored (and listed); only time and event are required, a missing column reads
//   as empty. Other names are mapped with CsvOptions::columnNames (the CLI's --columns).
// - time: local time "2026-01-05T09:03:12", "2026-01-05 09:03:12", "2026/1/5 9:03" (seconds optional), or
//   CsvOptions::timeFormat. Not before 2000-01-01 and not after CsvOptions::latest.
// - event: the words below in any case.
//   issued, called, recalled, started, finished, no_show, abandoned, transferred, window_open, window_pause,
//   window_close, device_status.
// - ticket: "A042" or "A1042" (one letter A-Z, three or four digits, not all zero). category: one letter A-Z.
// - window: 1..99. device: the device's bus address 0..254, a name ("D1": mapped to an address, see
//   deviceNames()), or empty (0). priority: 0, 1 or empty (0).
// - Columns that do not apply to an event must be empty. Which apply:
//     issued           ticket, category (required); device, priority
//     called, recalled, started, finished, no_show, abandoned
//                      ticket (required), window (required but for abandoned); device, priority;
//                      category may repeat the ticket's (checked against it: checkStatedCategory)
//     transferred      ticket, category (required); window (the one that sent it), device, priority.
//                      The spec has no column for the target window, so `category` carries it:
//                      "B" (to category B), "B@5" (to category B at window 5) or "@5" (window 5, same category).
//     window_open, window_close
//                      window (required); device
//     window_pause     window (required); category = the reason LUNCH|BREAK|FAULT|OTHER (any case; empty = OTHER)
//                      because the spec gives the reason no column; device
//     device_status    window = the status word OK|PAPER_LOW|PAPER_OUT|JAM|COVER_OPEN (required); device
// - A line is one row: no field of this format can hold a line break, so a quote not closed on its line is an
//   error for that line and the reading goes on at the next (it never swallows the rest of the file).
// - Lines longer than kMaxCsvLineBytes are an error each, read past without being kept (memory stays bounded).
// - Events read get source.port "import:<file>", source.device = the device column, source.sequence = the line.
#pragma once

#include "lobby/LobbyEvent.h"

#include <cstdint>
#include <istream>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lw::lobby {

class Lobby;

constexpr const char* kEventCsvHeader = "time,event,ticket,category,window,device,priority";
constexpr std::size_t kMaxCsvLineBytes = 64 * 1024;

// One bad row: which line (1 = the header), which column, and what was expected.
struct CsvError {
    int line = 0;
    std::string column;   // "window", ...; "header" or "row" when not about one column
    std::string message;  // "expected a window number 1..99, found 'x'"
    std::string reason;   // the message without the value found: rows with the same reason are grouped
    std::string text(const std::string& file) const;  // "<file>:<line>: column window: expected ..."
};

struct CsvRow {
    int line = 0;
    std::variant<LobbyEvent, CsvError> value;
    // A category given on a row whose event does not carry one (called, started, ...): what the export said the
    // ticket's category is. Empty when none.
    std::string statedCategory;
    const LobbyEvent* event() const { return std::get_if<LobbyEvent>(&value); }
    const CsvError* error() const { return std::get_if<CsvError>(&value); }
};

struct CsvOptions {
    // The file's column names -> ours (time, event, ...), compared without case: {"时间", "time"}.
    std::vector<std::pair<std::string, std::string>> columnNames;
    // A time format for dates the built-in forms do not read: yyyy (4 digits), MM dd HH mm ss (2 digits),
    // M d H m s (1 or 2 digits); any other character must be there as it is.
    std::string timeFormat;
    // Rows later than this are refused as implausible (the shell passes the end of tomorrow).
    TimeMs latest = std::numeric_limits<TimeMs>::max();
    // Refuse lines that are not UTF-8 (the shell turns other encodings into UTF-8 before the reader sees them).
    bool requireUtf8 = true;
};

class EventCsvReader {
public:
    // `fileName` names the source in events and messages; `utcOffsetMinutes` turns local times into TimeMs.
    EventCsvReader(std::istream& in, std::string fileName, int utcOffsetMinutes, CsvOptions options = {});

    // The next row, good or bad; false at the end. The first call reads the header: a header that is missing or
    // names no time and event column is one error row (column "header") and ends the reading. Empty lines are
    // skipped.
    bool next(CsvRow& row);

    // After the header: the field separator found, and the file's columns that were ignored.
    char delimiter() const { return delimiter_; }
    const std::vector<std::string>& ignoredColumns() const { return ignored_; }
    // Device names met so far and the address each was given, in order of first appearance.
    const std::vector<std::pair<std::string, int>>& deviceNames() const { return deviceNames_; }

private:
    enum class LineRead { End, Line, TooLong };
    LineRead readLine(std::string& text, std::uint64_t& bytes);
    bool split(const std::string& text, char delimiter, std::vector<std::string>& fields, std::string& problem) const;
    std::optional<CsvError> readHeader();
    std::variant<LobbyEvent, CsvError> parseRow(const std::vector<std::string>& fields, int line,
                                                std::string& statedCategory);
    int deviceAddress(const std::string& name);

    std::istream& in_;
    std::string file_;
    int utcOffsetMinutes_;
    CsvOptions options_;
    int line_ = 0;
    bool headerRead_ = false;
    bool stopped_ = false;
    char delimiter_ = ',';
    std::vector<int> columnOf_;  // per our column: the index of the file's field, or -1 when the file has none
    std::size_t fieldCount_ = 0;
    std::vector<std::string> ignored_;
    std::vector<std::pair<std::string, int>> deviceNames_;
    std::map<std::string, int> addressOfName_;
    std::vector<bool> addressTaken_;
};

// Reads a whole stream: every row in order.
std::vector<CsvRow> readEventCsv(std::istream& in, const std::string& fileName, int utcOffsetMinutes,
                                 const CsvOptions& options = {});

// A time in one of the reader's forms (or `format` when given), as TimeMs; nullopt when it is not one.
std::optional<TimeMs> parseCsvTime(const std::string& text, const std::string& format, int utcOffsetMinutes);

// A row's stated category against what the lobby knows of its ticket (today's, issued in it or transferred):
// an error naming both when they disagree; nothing when they agree or the lobby does not know the ticket.
std::optional<CsvError> checkStatedCategory(const CsvRow& row, const Lobby& lobby);

// What identifies an imported event whatever file it came from: its time, kind, ticket, category, windows,
// priority and detail, and which occurrence of that content it is (1 for the first). Not the device or line.
std::uint64_t importKey(const LobbyEvent& event, int occurrence);
std::uint64_t contentHash(const LobbyEvent& event);

// Text from a file made safe for a terminal: control characters and bytes that are not UTF-8 become \xNN,
// and the text is cut at `maxBytes` (with "...").
std::string printable(const std::string& text, std::size_t maxBytes = 200);

// Whether the bytes are well-formed UTF-8 (no overlong forms, no surrogates).
bool isUtf8(const std::string& text);

// One row for an event, without the line end; fields quoted only when they need it.
std::string formatEventCsvRow(const LobbyEvent& event, int utcOffsetMinutes);

class EventCsvWriter {
public:
    // Writes the header at once.
    EventCsvWriter(std::ostream& out, int utcOffsetMinutes);
    void write(const LobbyEvent& event);

private:
    std::ostream& out_;
    int utcOffsetMinutes_;
};

}  // namespace lw::lobby
