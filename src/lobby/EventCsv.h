// The import/export CSV of lobby events: a row-by-row reader with line-numbered errors, and a writer.
//
// Format (one event per row, UTF-8, RFC 4180 quoting, LF or CRLF, an optional UTF-8 BOM):
//   time,event,ticket,category,window,device,priority
//   2026-01-05T09:03:12,issued,A001,A,,3,0
// - time: local time with seconds, "YYYY-MM-DDTHH:MM:SS" (the branch's UTC offset is passed in; milliseconds
//   are not kept).
// - event: issued, called, recalled, started, finished, no_show, abandoned, transferred, window_open,
//   window_pause, window_close, device_status.
// - ticket: "A042" (one letter A-Z, three digits 001-999). category: one letter A-Z.
// - window: 1..99. device: the device's bus address 0..254, or empty (0). priority: 0, 1 or empty (0).
// - Columns that do not apply to an event must be empty. Which apply:
//     issued           ticket, category (required); device, priority
//     called, recalled, started, finished, no_show
//                      ticket, window (required); device, priority
//     abandoned        ticket (required); window, device, priority
//     transferred      ticket, category (required); window (the one that sent it), device, priority.
//                      The spec has no column for the target window, so `category` carries it:
//                      "B" (to category B), "B@5" (to category B at window 5) or "@5" (window 5, same category).
//     window_open, window_close
//                      window (required); device
//     window_pause     window (required); category = the reason LUNCH|BREAK|FAULT|OTHER (any case; empty = OTHER)
//                      because the spec gives the reason no column; device
//     device_status    window = the status word OK|PAPER_LOW|PAPER_OUT|JAM|COVER_OPEN (required); device
// - Events read get source.port "import:<file>", source.device = the device column, source.sequence = the line.
#pragma once

#include "LobbyEvent.h"

#include <istream>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace lw::lobby {

constexpr const char* kEventCsvHeader = "time,event,ticket,category,window,device,priority";

// One bad row: which line (1 = the header), which column, and what was expected.
struct CsvError {
    int line = 0;
    std::string column;   // "window", ...; "header" or "row" when not about one column
    std::string message;  // "expected a window number 1..99, found 'x'"
    std::string text(const std::string& file) const;  // "<file>:<line>: column window: expected ..."
};

struct CsvRow {
    int line = 0;  // where the row starts (a quoted field may span lines)
    std::variant<LobbyEvent, CsvError> value;
    const LobbyEvent* event() const { return std::get_if<LobbyEvent>(&value); }
    const CsvError* error() const { return std::get_if<CsvError>(&value); }
};

class EventCsvReader {
public:
    // `fileName` names the source in events and messages; `utcOffsetMinutes` turns local times into TimeMs.
    EventCsvReader(std::istream& in, std::string fileName, int utcOffsetMinutes);

    // The next row, good or bad; false at the end. The first call checks the header: a wrong header is one error
    // row (line 1) and ends the reading. Empty lines are skipped.
    bool next(CsvRow& row);

private:
    bool readRecord(std::vector<std::string>& fields, int& startLine, std::string& problem);
    std::variant<LobbyEvent, CsvError> parseRow(const std::vector<std::string>& fields, int line) const;

    std::istream& in_;
    std::string file_;
    int utcOffsetMinutes_;
    int line_ = 0;
    bool headerChecked_ = false;
    bool stopped_ = false;
};

// Reads a whole stream: every row in order.
std::vector<CsvRow> readEventCsv(std::istream& in, const std::string& fileName, int utcOffsetMinutes);

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
