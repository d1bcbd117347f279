// The import CSV: good rows of every kind, every kind of bad row with its line, quoting, BOM, CRLF, the writer.
#include "lobby/EventCsv.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace lw::lobby;

namespace {
constexpr int kUtc8 = 480;

std::vector<CsvRow> read(const std::string& text) {
    std::istringstream in(text);
    return readEventCsv(in, "day.csv", kUtc8);
}

std::string withHeader(const std::string& rows) { return std::string(kEventCsvHeader) + "\n" + rows; }

TimeMs local(const char* text) { return *parseLocalTime(text, kUtc8); }

// The error of a one-row file, which is on line 2.
CsvError badRow(const std::string& row) {
    const auto rows = read(withHeader(row + "\n"));
    REQUIRE(rows.size() == 1);
    INFO(row);
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->line == 2);
    return *rows[0].error();
}
}  // namespace

TEST_CASE("good rows of every event kind", "[lobby][csv]") {
    const auto rows = read(withHeader("2026-01-05T09:03:12,issued,A001,A,,3,0\n"
                                      "2026-01-05T09:03:13,issued,V001,V,,,1\n"
                                      "2026-01-05T09:04:00,called,A001,,2,12,\n"
                                      "2026-01-05T09:04:30,recalled,A001,,2,12,\n"
                                      "2026-01-05T09:05:00,started,A001,,2,12,\n"
                                      "2026-01-05T09:09:00,finished,A001,,2,12,\n"
                                      "2026-01-05T09:10:00,no_show,V001,,1,,\n"
                                      "2026-01-05T09:11:00,abandoned,B007,,,,\n"
                                      "2026-01-05T09:12:00,transferred,A002,B@5,2,,\n"
                                      "2026-01-05T09:12:01,transferred,A003,@4,2,,\n"
                                      "2026-01-05T09:12:02,transferred,A004,C,,,\n"
                                      "2026-01-05T09:13:00,window_open,,,4,,\n"
                                      "2026-01-05T09:14:00,window_pause,,lunch,4,,\n"
                                      "2026-01-05T09:14:30,window_pause,,,4,,\n"
                                      "2026-01-05T09:15:00,window_close,,,4,,\n"
                                      "2026-01-05T09:16:00,device_status,,,PAPER_LOW,3,\n"));
    REQUIRE(rows.size() == 16);
    for (const CsvRow& row : rows) {
        INFO("line " << row.line << ": " << (row.error() ? row.error()->text("day.csv") : ""));
        REQUIRE(row.event());
    }
    const LobbyEvent& issued = *rows[0].event();
    CHECK(issued.kind == EventKind::Issued);
    CHECK(issued.time == local("2026-01-05T09:03:12"));
    CHECK(issued.ticket == "A001");
    CHECK(issued.category == "A");
    CHECK(issued.window == 0);
    CHECK_FALSE(issued.priority);
    CHECK(issued.source.port == "import:day.csv");
    CHECK(issued.source.sequence == 2);
    CHECK(issued.source.device == 3);
    CHECK(rows[1].event()->priority);
    CHECK(rows[2].event()->kind == EventKind::Called);
    CHECK(rows[2].event()->window == 2);
    CHECK(rows[2].event()->source.sequence == 4);
    CHECK(rows[3].event()->kind == EventKind::Recalled);
    CHECK(rows[4].event()->kind == EventKind::Started);
    CHECK(rows[5].event()->kind == EventKind::Finished);
    CHECK(rows[6].event()->kind == EventKind::NoShow);
    CHECK(rows[7].event()->kind == EventKind::Abandoned);
    const LobbyEvent& toB5 = *rows[8].event();
    CHECK(toB5.kind == EventKind::Transferred);
    CHECK(toB5.category == "B");
    CHECK(toB5.toWindow == 5);
    CHECK(toB5.window == 2);
    CHECK(rows[9].event()->category.empty());
    CHECK(rows[9].event()->toWindow == 4);
    CHECK(rows[10].event()->category == "C");
    CHECK(rows[10].event()->toWindow == 0);
    CHECK(rows[11].event()->kind == EventKind::WindowOpen);
    CHECK(rows[12].event()->detail == "LUNCH");
    CHECK(rows[13].event()->detail == "OTHER");
    CHECK(rows[14].event()->kind == EventKind::WindowClose);
    const LobbyEvent& status = *rows[15].event();
    CHECK(status.kind == EventKind::DeviceStatus);
    CHECK(status.detail == "PAPER_LOW");
    CHECK(status.window == 0);
    CHECK(status.source.device == 3);
}

TEST_CASE("every kind of bad row names its line, its column and what was expected", "[lobby][csv]") {
    struct Case {
        const char* row;
        const char* column;
        const char* says;
    };
    const Case cases[] = {
        {"05/01/2026 09:03:12,issued,A001,A,,,0", "time", "expected a local time like 2026-01-05T09:03:12"},
        {"2026-02-30T09:03:12,issued,A001,A,,,0", "time", "found '2026-02-30T09:03:12'"},
        {"2026-01-05T09:03:12,issue,A001,A,,,0", "event", "found 'issue'"},
        {"2026-01-05T09:03:12,issued,A01,A,,,0", "ticket", "expected a ticket label like A042"},
        {"2026-01-05T09:03:12,issued,a001,A,,,0", "ticket", "found 'a001'"},
        {"2026-01-05T09:03:12,issued,A000,A,,,0", "ticket", "found 'A000'"},
        {"2026-01-05T09:03:12,issued,,A,,,0", "ticket", "expected a value for issued, found none"},
        {"2026-01-05T09:03:12,issued,A001,,,,0", "category", "expected a value for issued"},
        {"2026-01-05T09:03:12,issued,A001,AB,,,0", "category", "expected a category letter A-Z, found 'AB'"},
        {"2026-01-05T09:03:12,issued,A001,A,2,,0", "window", "expected it empty for issued, found '2'"},
        {"2026-01-05T09:03:12,called,A001,,,,", "window", "expected a value for called"},
        {"2026-01-05T09:03:12,window_open,,A,2,,", "category", "expected it empty for window_open"},
        {"2026-01-05T09:03:12,called,A001,,100,,", "window", "expected a window number 1..99, found '100'"},
        {"2026-01-05T09:03:12,called,A001,,0,,", "window", "found '0'"},
        {"2026-01-05T09:03:12,called,A001,,-1,,", "window", "found '-1'"},
        {"2026-01-05T09:03:12,called,A001,,2,255,", "device", "expected a device address 0..254 or a name, found '255'"},
        {"2026-01-05T09:03:12,issued,A001,A,,,2", "priority", "expected 0, 1 or empty, found '2'"},
        {"2026-01-05T09:03:12,issued,A001,A,,,yes", "priority", "found 'yes'"},
        {"2026-01-05T09:03:12,transferred,A001,,2,,", "category", "expected a value for transferred"},
        {"2026-01-05T09:03:12,transferred,A001,B@,2,,", "category", "expected the new category and/or window"},
        {"2026-01-05T09:03:12,transferred,A001,B@100,2,,", "category", "found 'B@100'"},
        {"2026-01-05T09:03:12,transferred,A001,bb,2,,", "category", "found 'bb'"},
        {"2026-01-05T09:03:12,window_pause,,NAP,3,,", "category", "expected the pause reason LUNCH, BREAK"},
        {"2026-01-05T09:03:12,window_open,A001,,3,,", "ticket", "expected it empty for window_open"},
        {"2026-01-05T09:03:12,window_open,,,,,", "window", "expected a value for window_open"},
        {"2026-01-05T09:03:12,device_status,,,BROKEN,3,", "window", "expected the device status OK, PAPER_LOW"},
        {"2026-01-05T09:03:12,device_status,,,,3,", "window", "expected a value for device_status"},
        {"2026-01-05T09:03:12,issued,A001,A,,", "row", "expected 7 fields as in the header"},
        {"2026-01-05T09:03:12,issued,A001,A,,,0,extra", "row", "found 8"},
        {"2026-01-05T09:03:12,issued,\"A,01\",A,,,0", "ticket", "found 'A,01'"},
        {"2026-01-05T09:03:12,issued,A0\"01,A,,,0", "row", "a quote inside the unquoted field in column 3"},
        {"2026-01-05T09:03:12,issued,\"A001\"x,A,,,0", "row", "text after the closing quote in column 3"},
    };
    for (const Case& c : cases) {
        const CsvError e = badRow(c.row);
        INFO(c.row << " -> " << e.text("day.csv"));
        CHECK(e.column == c.column);
        CHECK(e.message.find(c.says) != std::string::npos);
    }
    const CsvError e = badRow("2026-01-05T09:03:12,called,A001,,100,,");
    CHECK(e.text("day.csv") == "day.csv:2: column window: expected a window number 1..99, found '100'");
}

TEST_CASE("bad rows do not stop the good ones, and keep their own line numbers", "[lobby][csv]") {
    const auto rows = read(withHeader("2026-01-05T09:00:00,issued,A001,A,,,0\n"
                                      "garbage\n"
                                      "\n"
                                      "2026-01-05T09:01:00,called,A001,,2,,\n"
                                      "2026-01-05T09:02:00,called,A001,,x,,\n"));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].event());
    REQUIRE(rows[1].error());
    CHECK(rows[1].error()->line == 3);
    CHECK(rows[2].line == 5);  // the empty line 4 is skipped
    REQUIRE(rows[2].event());
    CHECK(rows[2].event()->source.sequence == 5);
    REQUIRE(rows[3].error());
    CHECK(rows[3].error()->line == 6);
    CHECK(rows[3].error()->column == "window");
}

TEST_CASE("a wrong header is one error and ends the reading", "[lobby][csv]") {
    const auto rows = read("time,what,ticket,category,window,device\n2026-01-05T09:00:00,issued,A001,A,,,0\n");
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->line == 1);
    CHECK(rows[0].error()->column == "header");
    CHECK(rows[0].error()->message.find("found 'time,what,ticket,category,window,device'") != std::string::npos);

    const auto empty = read("");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].error()->message.find("an empty file") != std::string::npos);
}

TEST_CASE("quoted fields, a BOM and CRLF line ends", "[lobby][csv]") {
    const std::string text = "\xEF\xBB\xBF" + std::string(kEventCsvHeader) +
                             "\r\n"
                             "\"2026-01-05T09:00:00\",\"issued\",\"A001\",\"A\",\"\",\"\",\"1\"\r\n"
                             "2026-01-05T09:01:00,window_pause,,\"Lunch\",3,,\r\n";
    const auto rows = read(text);
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].event());
    CHECK(rows[0].event()->ticket == "A001");
    CHECK(rows[0].event()->priority);
    REQUIRE(rows[1].event());
    CHECK(rows[1].event()->detail == "LUNCH");
    CHECK(rows[1].event()->window == 3);
    CHECK(rows[1].line == 3);

    // A quote not closed on its line is that line's error; the next line is a row of its own (no field of the
    // format can hold a line break, so a stray quote never swallows the rest of the file).
    const auto multi = read(withHeader("2026-01-05T09:00:00,issued,\"A0\n01\",A,,,0\n"
                                       "2026-01-05T09:01:00,issued,A002,A,,,0\n"
                                       "2026-01-05T09:02:00,issued,\"A003,A,,,0\n"
                                       "2026-01-05T09:03:00,issued,A004,A,,,0\n"));
    REQUIRE(multi.size() == 5);
    REQUIRE(multi[0].error());
    CHECK(multi[0].error()->line == 2);
    CHECK(multi[0].error()->message.find("not closed on this line") != std::string::npos);
    REQUIRE(multi[1].error());  // 01",A,,,0: a quote inside an unquoted field
    CHECK(multi[1].error()->line == 3);
    REQUIRE(multi[2].event());
    CHECK(multi[2].line == 4);
    REQUIRE(multi[3].error());
    CHECK(multi[3].error()->line == 5);
    CHECK(multi[3].error()->message.find("column 3 is not closed on this line") != std::string::npos);
    REQUIRE(multi[4].event());
    CHECK(multi[4].event()->ticket == "A004");
}

TEST_CASE("the writer's rows read back to the same events", "[lobby][csv]") {
    std::vector<LobbyEvent> events;
    auto add = [&](EventKind kind, const char* time, std::string ticket, std::string category, int window) {
        LobbyEvent e;
        e.kind = kind;
        e.time = local(time);
        e.ticket = std::move(ticket);
        e.category = std::move(category);
        e.window = window;
        events.push_back(e);
        return &events.back();
    };
    add(EventKind::Issued, "2026-01-05T09:00:00", "A001", "A", 0)->priority = true;
    add(EventKind::Issued, "2026-01-05T09:00:01", "B001", "B", 0);
    add(EventKind::Called, "2026-01-05T09:01:00", "A001", "", 2);
    add(EventKind::Transferred, "2026-01-05T09:02:00", "A001", "B", 2)->toWindow = 5;
    add(EventKind::Transferred, "2026-01-05T09:02:30", "B001", "", 2)->toWindow = 7;
    add(EventKind::WindowPause, "2026-01-05T09:03:00", "", "", 2)->detail = "FAULT";
    LobbyEvent* status = add(EventKind::DeviceStatus, "2026-01-05T09:04:00", "", "", 0);
    status->detail = "JAM";
    status->source.device = 9;
    add(EventKind::Abandoned, "2026-01-05T23:59:59", "B001", "", 0);

    std::ostringstream out;
    EventCsvWriter writer(out, kUtc8);
    for (const LobbyEvent& e : events) writer.write(e);
    std::istringstream in(out.str());
    const auto rows = readEventCsv(in, "export.csv", kUtc8);
    REQUIRE(rows.size() == events.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("row " << i << ": " << (rows[i].error() ? rows[i].error()->text("export.csv") : ""));
        REQUIRE(rows[i].event());
        const LobbyEvent& a = *rows[i].event();
        const LobbyEvent& b = events[i];
        CHECK(a.kind == b.kind);
        CHECK(a.time == b.time);
        CHECK(a.ticket == b.ticket);
        CHECK(a.category == b.category);
        CHECK(a.window == b.window);
        CHECK(a.toWindow == b.toWindow);
        CHECK(a.priority == b.priority);
        CHECK(a.detail == b.detail);
        CHECK(a.source.device == b.source.device);
        CHECK(a.source.sequence == static_cast<int>(i) + 2);
    }
    CHECK(out.str().rfind(std::string(kEventCsvHeader) + "\n2026-01-05T09:00:00,issued,A001,A,,,1\n", 0) == 0);

    // Fields that need it are quoted, quotes doubled.
    LobbyEvent odd;
    odd.kind = EventKind::WindowPause;
    odd.time = local("2026-01-05T09:00:00");
    odd.window = 3;
    odd.detail = "SAY \"HI\", OK";
    CHECK(formatEventCsvRow(odd, kUtc8) == "2026-01-05T09:00:00,window_pause,,\"SAY \"\"HI\"\", OK\",3,,");
}

TEST_CASE("event names and kinds map both ways", "[lobby][csv]") {
    int count = 0;
    for (int k = 0; k <= static_cast<int>(EventKind::DeviceStatus); ++k) {
        const auto kind = static_cast<EventKind>(k);
        const auto back = parseEventName(eventName(kind));
        REQUIRE(back);
        CHECK(*back == kind);
        ++count;
    }
    CHECK(count == 12);
    CHECK(std::string(eventName(EventKind::NoShow)) == "no_show");
    CHECK_FALSE(parseEventName("No_Show"));
    CHECK_FALSE(parseEventName(""));
}
