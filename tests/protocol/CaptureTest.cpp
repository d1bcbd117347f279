// Capture files: escaping, write/read round trip, and errors that name the line.
#include "protocol/Capture.h"
#include "protocol/Codec.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace lw::protocol;

TEST_CASE("escaping keeps every byte value") {
    std::string all;
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
    std::string escaped = escapeBytes(all);
    for (char c : escaped) REQUIRE((c >= 0x20 && c <= 0x7E));
    REQUIRE(unescapeBytes(escaped) == all);
    REQUIRE(escapeBytes("a\\b\r\n") == "a\\\\b\\r\\n");
    REQUIRE_FALSE(unescapeBytes("\\q").has_value());
    REQUIRE_FALSE(unescapeBytes("\\x4").has_value());
    REQUIRE_FALSE(unescapeBytes("trailing\\").has_value());
}

TEST_CASE("a capture round trip keeps metadata, times, directions and bytes") {
    std::ostringstream out;
    std::string frames = encodeFrame({1, 1, TicketIssued{{'A', 1}, false}}) + "\x01garbage" +
                         encodeFrame({11, 4, Call{3, {'A', 1}}});
    {
        CaptureWriter writer(out, {{"port", "/dev/ttyUSB0"}, {"baud", "9600"}, {"utc_offset_min", "480"}});
        writer.write({1767573000000, Direction::FromDevice, frames});
        writer.write({1767573000015, Direction::ToDevice, encodeFrame({1, 0, Ack{1}})});
    }
    std::string text = out.str();
    REQUIRE(text.rfind("LWCAP 1\n", 0) == 0);
    // One record per line: the line ends inside the bytes are escaped.
    REQUIRE(std::count(text.begin(), text.end(), '\n') == 1 + 3 + 2);

    std::istringstream in("# recorded at branch 0571\n" + text.substr(8));
    REQUIRE_THROWS_AS(CaptureReader(in), CaptureError);  // no header

    std::istringstream in2(text + "# a comment between records\n\n");
    CaptureReader reader(in2);
    REQUIRE(reader.metadata().at("port") == "/dev/ttyUSB0");
    REQUIRE(reader.metadata().at("utc_offset_min") == "480");
    auto first = reader.next();
    REQUIRE(first);
    REQUIRE(first->time == 1767573000000);
    REQUIRE(first->direction == Direction::FromDevice);
    REQUIRE(first->bytes == frames);
    auto second = reader.next();
    REQUIRE(second->direction == Direction::ToDevice);
    REQUIRE(second->time == 1767573000015);
    REQUIRE_FALSE(reader.next().has_value());
}

TEST_CASE("a garbled capture line is reported with its line number") {
    auto errorOf = [](const std::string& text) -> std::string {
        std::istringstream in(text);
        try {
            CaptureReader reader(in);
            while (reader.next()) {
            }
        } catch (const CaptureError& e) {
            return e.what();
        }
        return "";
    };
    REQUIRE_THAT(errorOf("LWCAP 1\n@ port=x\n100 < ok\n12x < bad\n"), Catch::Contains("line 4") && Catch::Contains("time"));
    REQUIRE_THAT(errorOf("LWCAP 1\n100 ? x\n"), Catch::Contains("line 2") && Catch::Contains("direction"));
    REQUIRE_THAT(errorOf("LWCAP 1\n100 < \\q\n"), Catch::Contains("line 2") && Catch::Contains("escape"));
    REQUIRE_THAT(errorOf("LWCAP 2\n"), Catch::Contains("line 1") && Catch::Contains("version"));
    REQUIRE_THAT(errorOf(""), Catch::Contains("line 1"));
    REQUIRE_THAT(errorOf("LWCAP 1\n100 < a\n@ late=1\n"), Catch::Contains("line 3"));
    REQUIRE(errorOf("LWCAP 1\n100 <\n") == "");  // an empty record is fine
}
