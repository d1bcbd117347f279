// The import CSV as other systems write it: header forms, delimiters, dates, long lines, stray quotes, device
// names, a repeated category, non-UTF-8 text; the import key; text made safe for a terminal.
#include "lobby/EventCsv.h"
#include "lobby/Lobby.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace lw::lobby;

namespace {
constexpr int kUtc8 = 480;

std::vector<CsvRow> read(const std::string& text, const CsvOptions& options = {}) {
    std::istringstream in(text);
    return readEventCsv(in, "export.csv", kUtc8, options);
}

TimeMs local(const char* text) { return *parseLocalTime(text, kUtc8); }

std::string errorsOf(const std::vector<CsvRow>& rows) {
    std::string out;
    for (const auto& r : rows)
        if (r.error()) out += r.error()->text("export.csv") + "\n";
    return out;
}
}  // namespace

TEST_CASE("header names in any case and order, ; or tab between fields, missing and extra columns", "[lobby][csv][export]") {
    for (const char* sep : {",", ";", "\t"}) {
        std::string text = std::string("\xEF\xBB\xBF") + "Ticket;TIME;Event;Category;Window;Operator\r\n"
                                                        "A001;2026-01-05T09:00:00;ISSUED;A;;Wang\r\n"
                                                        "A001;2026-01-05T09:01:00;Called;;3;Wang\r\n";
        for (auto& c : text)
            if (c == ';') c = sep[0];
        std::istringstream in(text);
        EventCsvReader reader(in, "export.csv", kUtc8);
        std::vector<CsvRow> rows;
        CsvRow row;
        while (reader.next(row)) rows.push_back(row);
        INFO("separator '" << sep << "': " << errorsOf(rows));
        REQUIRE(rows.size() == 2);
        REQUIRE(rows[0].event());
        CHECK(rows[0].event()->kind == EventKind::Issued);
        CHECK(rows[0].event()->ticket == "A001");
        CHECK(rows[0].event()->time == local("2026-01-05T09:00:00"));
        REQUIRE(rows[1].event());
        CHECK(rows[1].event()->window == 3);
        CHECK(rows[1].line == 3);
        CHECK(reader.delimiter() == sep[0]);
        CHECK(reader.ignoredColumns() == std::vector<std::string>{"Operator"});
    }
}

TEST_CASE("Chinese column names are a clear header error, and read with a --columns mapping", "[lobby][csv][export]") {
    const std::string text = "时间,事件,票号,业务类型,窗口\n"
                             "2026-01-05 09:00:00,issued,A001,A,\n";
    const auto bad = read(text);
    REQUIRE(bad.size() == 1);
    REQUIRE(bad[0].error());
    CHECK(bad[0].error()->column == "header");
    CHECK(bad[0].error()->message.find("found '时间,事件,票号,业务类型,窗口'") != std::string::npos);
    CHECK(bad[0].error()->message.find("--columns") != std::string::npos);

    CsvOptions options;
    options.columnNames = {{"时间", "time"}, {"事件", "event"}, {"票号", "ticket"}, {"业务类型", "category"}, {"窗口", "window"}};
    const auto good = read(text, options);
    INFO(errorsOf(good));
    REQUIRE(good.size() == 1);
    REQUIRE(good[0].event());
    CHECK(good[0].event()->category == "A");
}

TEST_CASE("dates as exports write them, --time-format for others, and only from 2000 to the end of tomorrow", "[lobby][csv][export]") {
    const TimeMs at = local("2026-11-24T08:30:00");
    CHECK(parseCsvTime("2026-11-24T08:30:00", "", kUtc8) == at);
    CHECK(parseCsvTime("2026-11-24 08:30:00", "", kUtc8) == at);
    CHECK(parseCsvTime("2026/11/24 8:30", "", kUtc8) == at);
    CHECK(parseCsvTime("2026/11/24 08:30:00", "", kUtc8) == at);
    CHECK(parseCsvTime("2026-11-24 08:30", "", kUtc8) == at);
    CHECK_FALSE(parseCsvTime("24.11.2026 08:30", "", kUtc8));
    CHECK(parseCsvTime("24.11.2026 08:30", "dd.MM.yyyy HH:mm", kUtc8) == at);
    CHECK(parseCsvTime("20261124083000", "yyyyMMddHHmmss", kUtc8) == at);
    CHECK_FALSE(parseCsvTime("2026/11/31 8:30", "", kUtc8));
    CHECK_FALSE(parseCsvTime("2026/11/24 24:30", "", kUtc8));
    CHECK_FALSE(parseCsvTime("2026/11/24 8:30 extra", "", kUtc8));

    CsvOptions options;
    options.latest = local("2026-11-25T23:59:59");
    const auto rows = read(std::string(kEventCsvHeader) + "\n"
                                                          "0001-01-01T00:00:00,issued,A001,A,,,0\n"
                                                          "1999-12-31T23:59:59,issued,A002,A,,,0\n"
                                                          "2000-01-01T00:00:00,issued,A003,A,,,0\n"
                                                          "2026-11-25T23:59:59,issued,A004,A,,,0\n"
                                                          "2026-11-26T00:00:00,issued,A005,A,,,0\n"
                                                          "9999-12-31T00:00:00,issued,A006,A,,,0\n",
                           options);
    REQUIRE(rows.size() == 6);
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->message == "expected a date from 2000-01-01 on, found '0001-01-01T00:00:00'");
    CHECK(rows[1].error());
    CHECK(rows[2].event());
    CHECK(rows[3].event());
    REQUIRE(rows[4].error());
    CHECK(rows[4].error()->message.find("no later than 2026-11-25T23:59:59") != std::string::npos);
    CHECK(rows[5].error());
    CHECK(rows[0].error()->reason == rows[1].error()->reason);
}

TEST_CASE("four-digit ticket numbers from systems that do not wrap at 999", "[lobby][csv][export]") {
    const auto rows = read(std::string(kEventCsvHeader) + "\n"
                                                          "2026-01-05T09:00:00,issued,A1042,A,,,0\n"
                                                          "2026-01-05T09:00:01,issued,A0000,A,,,0\n"
                                                          "2026-01-05T09:00:02,issued,A10420,A,,,0\n");
    REQUIRE(rows.size() == 3);
    REQUIRE(rows[0].event());
    CHECK(rows[0].event()->ticket == "A1042");
    CHECK(rows[1].error());
    CHECK(rows[2].error());
}

TEST_CASE("a stray quote is its row's error and the rows after it are read", "[lobby][csv][export]") {
    std::string text = std::string(kEventCsvHeader) + "\n2026-01-05T09:00:00,issued,A001,A,,,0\n"
                                                      "2026-01-05T09:00:01,issued,\"A002,A,,,0\n";
    for (int i = 3; i < 1000; ++i)
        text += "2026-01-05T10:00:00,issued,B" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i) + ",B,,,0\n";
    const auto rows = read(text);
    REQUIRE(rows.size() == 999);
    REQUIRE(rows[1].error());
    CHECK(rows[1].error()->line == 3);
    CHECK(rows[1].error()->message.find("a quote opened in column 3 is not closed on this line") != std::string::npos);
    for (std::size_t i = 2; i < rows.size(); ++i) REQUIRE(rows[i].event());
}

TEST_CASE("a line over 64 KB is rejected as such without being kept, and the reading goes on", "[lobby][csv][export]") {
    const std::string longLine = "2026-01-05T09:00:00,issued,A001,A,,," + std::string(kMaxCsvLineBytes, 'x');
    const std::string fits = std::string(kMaxCsvLineBytes - 1, ' ') + "\r";  // 64 KB with the \r: a blank line
    const auto rows = read(std::string(kEventCsvHeader) + "\n" + longLine + "\n" + fits + "\n" +
                           "2026-01-05T09:00:01,issued,A002,A,,,0\n");
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->line == 2);
    CHECK(rows[0].error()->message.find("more than the 64 KB a row may have") != std::string::npos);
    CHECK(rows[0].error()->message.size() < 200);
    REQUIRE(rows[1].event());
    CHECK(rows[1].line == 4);
}

TEST_CASE("device names are mapped to addresses and listed", "[lobby][csv][export]") {
    std::istringstream in(std::string(kEventCsvHeader) + "\n"
                                                         "2026-01-05T09:00:00,issued,A001,A,,D1,0\n"
                                                         "2026-01-05T09:00:01,issued,A002,A,,K1,0\n"
                                                         "2026-01-05T09:00:02,called,A001,,2,Window keypad,\n"
                                                         "2026-01-05T09:00:03,issued,A003,A,,D1,0\n"
                                                         "2026-01-05T09:00:04,issued,A004,A,,12,0\n");
    EventCsvReader reader(in, "export.csv", kUtc8);
    std::vector<int> devices;
    CsvRow row;
    while (reader.next(row)) {
        REQUIRE(row.event());
        devices.push_back(row.event()->source.device);
    }
    CHECK(devices == std::vector<int>{1, 254, 253, 1, 12});
    CHECK(reader.deviceNames() ==
          std::vector<std::pair<std::string, int>>{{"D1", 1}, {"K1", 254}, {"Window keypad", 253}});
}

TEST_CASE("a category repeated on a call is accepted when it is the ticket's, an error naming both when not", "[lobby][csv][export]") {
    const auto rows = read(std::string(kEventCsvHeader) + "\n"
                                                          "2026-01-05T09:00:00,issued,A001,A,,,0\n"
                                                          "2026-01-05T09:01:00,called,A001,A,2,,\n"
                                                          "2026-01-05T09:02:00,started,A001,B,2,,\n"
                                                          "2026-01-05T09:03:00,transferred,A001,C,2,,\n"
                                                          "2026-01-05T09:04:00,called,A001,C,3,,\n"
                                                          "2026-01-05T09:05:00,finished,A001,A,3,,\n"
                                                          "2026-01-05T09:06:00,abandoned,X001,X,,,\n");
    REQUIRE(rows.size() == 7);
    Lobby lobby(LobbyConfig{});
    std::vector<std::string> errors;
    for (const CsvRow& r : rows) {
        REQUIRE(r.event());
        if (auto e = checkStatedCategory(r, lobby)) {
            errors.push_back(e->text("x"));
            continue;
        }
        lobby.apply(*r.event());
    }
    CHECK(rows[1].statedCategory == "A");
    CHECK(rows[1].event()->category.empty());  // a repeat, not stored
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "x:4: column category: the row says category B but ticket A001 was issued in category A");
}

TEST_CASE("lines that are not UTF-8 are refused with a word about the encoding", "[lobby][csv][export]") {
    const auto rows = read(std::string(kEventCsvHeader) + "\n"
                                                          "2026-01-05T09:00:00,window_pause,,\xCE\xE7\xB7\xB9,2,,\n"
                                                          "2026-01-05T09:00:01,issued,A001,A,,,0\n");
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->message.find("not UTF-8") != std::string::npos);
    CHECK(rows[0].error()->message.find("--encoding gb18030") != std::string::npos);
    CHECK(rows[0].error()->message.find("\\xCE") != std::string::npos);
    CHECK(rows[1].event());
}

TEST_CASE("text from a file never reaches a terminal raw", "[lobby][csv][export]") {
    CHECK(printable("ok 中文") == "ok 中文");
    CHECK(printable("a\x1b[2Jb\r\n\t\x7f") == "a\\x1B[2Jb\\x0D\\x0A\\x09\\x7F");
    CHECK(printable("\xC2\x9B" "31m") == "\\xC2\\x9B31m");  // C1 CSI
    CHECK(printable("\xFF\xCE") == "\\xFF\\xCE");
    CHECK(printable(std::string(500, 'x'), 10) == "xxxxxxxxxx...");
    const auto rows = read(std::string(kEventCsvHeader) + "\n2026-01-05T09:00:00,\x1b]0;owned\x07,A001,A,,,0\n");
    REQUIRE(rows[0].error());
    CHECK(rows[0].error()->message.find('\x1b') == std::string::npos);
    CHECK(rows[0].error()->message.find("\\x1B]0;owned\\x07") != std::string::npos);
}

TEST_CASE("the import key: the same event from any file or line is the same key; a second such event is another", "[lobby][csv][export]") {
    const auto a = read(std::string(kEventCsvHeader) + "\n2026-01-05T09:00:00,called,A001,,2,11,\n");
    const auto b = read("event;time;window;ticket;device\n\n\ncalled;2026/1/5 9:00;2;A001;D7\n");
    REQUIRE(a[0].event());
    REQUIRE(b[0].event());
    CHECK(importKey(*a[0].event(), 1) == importKey(*b[0].event(), 1));
    CHECK(importKey(*a[0].event(), 1) != importKey(*a[0].event(), 2));
    LobbyEvent other = *a[0].event();
    other.window = 3;
    CHECK(importKey(other, 1) != importKey(*a[0].event(), 1));
}

TEST_CASE("a separator at the end of every line (header included), and lines of separators only, are nothing", "[lobby][csv][export]") {
    std::istringstream in("time;event;ticket;category;\r\n2026-01-05 09:00:00;issued;A001;A;\r\n2026-01-05 09:00:01;issued;A002;A\r\n;;;;\r\n;;;\r\n");
    EventCsvReader reader(in, "export.csv", kUtc8);
    CsvRow row;
    int events = 0;
    while (reader.next(row)) {
        INFO((row.error() ? row.error()->text("export.csv") : ""));
        CHECK(row.event());
        ++events;
    }
    CHECK(events == 2);
    CHECK(reader.ignoredColumns().empty());
}
