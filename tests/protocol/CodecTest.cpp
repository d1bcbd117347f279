// The frame codec: round trips, every split, corrupt/truncated/overlong/garbage input, counters.
#include "protocol/Codec.h"

#include <catch2/catch.hpp>

#include <random>

using namespace lw::protocol;

namespace {

std::vector<Frame> everyMessage() {
    return {
        {1, 0, TicketIssued{{'A', 1}, false}},
        {254, 65535, TicketIssued{{'Z', 999}, true}},
        {11, 7, Call{1, {'A', 42}}},
        {11, 8, Recall{99, {'B', 7}}},
        {11, 9, NoShow{3, {'V', 100}}},
        {11, 10, ServiceStarted{3, {'A', 42}}},
        {11, 11, ServiceFinished{3, {'A', 42}}},
        {11, 12, Transfer{3, {'A', 42}, 'B', std::nullopt}},
        {11, 13, Transfer{3, {'A', 42}, std::nullopt, 5}},
        {11, 14, Transfer{3, {'A', 42}, 'V', 8}},
        {11, 15, WindowOpened{2}},
        {11, 16, WindowPaused{2, PauseReason::Lunch}},
        {11, 17, WindowPaused{2, PauseReason::Break}},
        {11, 18, WindowPaused{2, PauseReason::Fault}},
        {11, 19, WindowPaused{2, PauseReason::Other}},
        {11, 20, WindowClosed{2}},
        {1, 21, DispenserStatus{DispenserState::Ok}},
        {1, 22, DispenserStatus{DispenserState::PaperLow}},
        {1, 23, DispenserStatus{DispenserState::PaperOut}},
        {1, 24, DispenserStatus{DispenserState::Jam}},
        {1, 25, DispenserStatus{DispenserState::CoverOpen}},
        {1, 26, Heartbeat{DeviceKind::Dispenser, 0}},
        {11, 27, Heartbeat{DeviceKind::Keypad, 4294967295u}},
        {1, 0, BootAnnounce{DeviceKind::Dispenser, 0x9F3A61C2u, 2}},
        {13, 0, BootAnnounce{DeviceKind::Keypad, 0u, 999}},
        {1, 28, Ack{0}},
        {1, 29, Nak{65535, NakReason::BadField}},
        {1, 30, Nak{3, NakReason::Unsupported}},
        {1, 31, Nak{3, NakReason::Busy}},
        {1, 32, WaitEstimate{{'A', 42}, 12, 7}},
        {1, 33, WaitEstimate{{'A', 42}, 999, 999}},
        {1, 34, NoEstimate{{'B', 3}, 0}},
        {12, 35, LedText{3, "A042 -> 3"}},
        {12, 36, LedText{3, "请 A042 号到 3 号窗口, 100% *$"}},
        {12, 37, LedText{3, ""}},
        {5, 38, UnknownMessage{"ZZZ", {"a", "", "b"}}},
    };
}

void requireSame(const Frame& a, const Frame& b) {
    REQUIRE(a.address == b.address);
    REQUIRE(a.sequence == b.sequence);
    REQUIRE(typeCode(a.message) == typeCode(b.message));
    REQUIRE(encodeFrame(a) == encodeFrame(b));
}

std::vector<Frame> framesOf(const std::vector<DecodeResult>& results) {
    std::vector<Frame> frames;
    for (const auto& r : results)
        if (auto f = std::get_if<DecodedFrame>(&r)) frames.push_back(f->frame);
    return frames;
}

}  // namespace

TEST_CASE("the CRC is CRC-16/CCITT-FALSE") {
    REQUIRE(crc16("123456789") == 0x29B1);  // the standard check value
    REQUIRE(crc16("") == 0xFFFF);
}

TEST_CASE("every message survives a round trip") {
    for (const auto& frame : everyMessage()) {
        std::string bytes = encodeFrame(frame);
        CAPTURE(bytes);
        REQUIRE(bytes.size() <= kMaxFrameLength);
        REQUIRE(bytes.substr(0, 5) == "$LW1,");
        REQUIRE(bytes.substr(bytes.size() - 2) == "\r\n");
        auto result = decodeLine(std::string_view(bytes).substr(0, bytes.size() - 2));
        REQUIRE(std::holds_alternative<DecodedFrame>(result));
        requireSame(std::get<DecodedFrame>(result).frame, frame);
    }
}

TEST_CASE("decoded fields carry the values that were sent") {
    auto r = decodeLine("$LW1,12,300,TRF,3,A001,,5*56B4");
    REQUIRE(std::holds_alternative<DecodedFrame>(r));
    const auto& f = std::get<DecodedFrame>(r).frame;
    REQUIRE(f.address == 12);
    REQUIRE(f.sequence == 300);
    const auto& t = std::get<Transfer>(f.message);
    REQUIRE(t.window == 3);
    REQUIRE(t.ticket.label() == "A001");
    REQUIRE_FALSE(t.toCategory.has_value());
    REQUIRE(t.toWindow == 5);

    auto led = decodeLine(std::string_view(encodeFrame({1, 1, LedText{4, "请到 4 号窗口"}})).substr(0, 200));
    // substr above keeps the line end; decodeLine wants the line without it, so this one is a checksum error.
    REQUIRE(std::holds_alternative<DecodeError>(led));
    std::string line = encodeFrame({1, 1, LedText{4, "请到 4 号窗口"}});
    line.resize(line.size() - 2);
    REQUIRE(std::get<LedText>(std::get<DecodedFrame>(decodeLine(line)).frame.message).text == "请到 4 号窗口");
}

TEST_CASE("a power-up announcement carries the kind, the boot id and the protocol revision") {
    std::string line = encodeFrame({1, 0, BootAnnounce{DeviceKind::Dispenser, 0x9F3A61C2u, 2}});
    REQUIRE(line.substr(0, line.find('*')) == "$LW1,1,0,BOT,D,9F3A61C2,2");
    auto r = decodeLine("$LW1,1,0,BOT,K,9f3a61c2,3*" + line.substr(line.find('*') + 1, 0) +
                        [] {
                            char crc[8];
                            std::snprintf(crc, sizeof crc, "%04X", crc16("LW1,1,0,BOT,K,9f3a61c2,3"));
                            return std::string(crc);
                        }());
    const auto& boot = std::get<BootAnnounce>(std::get<DecodedFrame>(r).frame.message);
    REQUIRE(boot.kind == DeviceKind::Keypad);
    REQUIRE(boot.bootId == 0x9F3A61C2u);  // lower-case hex accepted
    REQUIRE(boot.revision == 3);
    REQUIRE(isDeviceMessage(BootAnnounce{}));
}

TEST_CASE("the encoder refuses values out of range") {
    REQUIRE_THROWS_AS(encodeFrame({255, 0, WindowOpened{1}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 65536, WindowOpened{1}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, WindowOpened{0}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, WindowOpened{100}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, Call{1, {'A', 0}}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, Call{1, {'a', 5}}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, Transfer{1, {'A', 5}, std::nullopt, std::nullopt}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, LedText{1, std::string(65, 'x')}}), std::invalid_argument);
    REQUIRE_THROWS_AS(encodeFrame({1, 0, WaitEstimate{{'A', 1}, 1000, 0}}), std::invalid_argument);
}

TEST_CASE("malformed fields are refused with the field named") {
    auto frameWith = [](const std::string& body) {
        char crc[8];
        std::snprintf(crc, sizeof crc, "%04X", crc16(body));
        return "$" + body + "*" + crc;
    };
    struct Case {
        std::string body;
        std::string expected;
    };
    std::vector<Case> cases = {
        {"LW2,1,1,WOP,1", "unsupported version"},
        {"LW1,255,1,WOP,1", "address"},
        {"LW1,01,1,WOP,1", "address"},
        {"LW1,1,65536,WOP,1", "sequence"},
        {"LW1,1,-1,WOP,1", "sequence"},
        {"LW1,1,1,WOP,0", "field 1 '0'"},
        {"LW1,1,1,WOP,100", "field 1 '100'"},
        {"LW1,1,1,WOP", "needs 1 field"},
        {"LW1,1,1,WOP,1,2", "needs 1 field"},
        {"LW1,1,1,CAL,1,A04x", "field 2 'A04x'"},
        {"LW1,1,1,CAL,1,A000", "field 2 'A000'"},
        {"LW1,1,1,CAL,1,a042", "field 2 'a042'"},
        {"LW1,1,1,TKT,A042,2", "field 2 '2'"},
        {"LW1,1,1,TRF,1,A042,,", "category"},
        {"LW1,1,1,TRF,1,A042,bb,", "field 3"},
        {"LW1,1,1,WPS,1,NAP", "pause reason"},
        {"LW1,1,1,DST,EMPTY", "status"},
        {"LW1,1,1,HBT,X,5", "device kind"},
        {"LW1,1,1,HBT,D,4294967296", "uptime"},
        {"LW1,1,0,BOT,X,9F3A61C2,2", "device kind"},
        {"LW1,1,0,BOT,D,9F3A61C,2", "boot id"},
        {"LW1,1,0,BOT,D,9F3A61G2,2", "boot id"},
        {"LW1,1,0,BOT,D,9F3A61C2,0", "protocol revision"},
        {"LW1,1,0,BOT,D,9F3A61C2", "needs 3 field"},
        {"LW1,1,1,LED,1,%E8%A", "percent-encoded"},
        {"LW1,1,1,tkt,A001,0", "3 capital letters"},
        {"LW1,1,1", "version, address, sequence and type"},
    };
    for (const auto& c : cases) {
        std::string line = frameWith(c.body);
        CAPTURE(line);
        auto r = decodeLine(line);
        REQUIRE(std::holds_alternative<DecodeError>(r));
        const auto& e = std::get<DecodeError>(r);
        REQUIRE(e.kind == DecodeErrorKind::Malformed);
        REQUIRE_THAT(e.detail, Catch::Contains(c.expected));
        REQUIRE(e.raw == line);
    }
}

TEST_CASE("an unknown message type with a good checksum is decoded, not refused") {
    std::string line = encodeFrame({7, 9, UnknownMessage{"QRY", {"1", "X"}}});
    line.resize(line.size() - 2);
    auto r = decodeLine(line);
    const auto& m = std::get<UnknownMessage>(std::get<DecodedFrame>(r).frame.message);
    REQUIRE(m.type == "QRY");
    REQUIRE(m.fields == std::vector<std::string>{"1", "X"});
}

TEST_CASE("a frame split across two or three chunks at every point decodes the same") {
    for (const auto& frame : everyMessage()) {
        std::string bytes = encodeFrame(frame);
        for (std::size_t i = 0; i <= bytes.size(); ++i) {
            for (std::size_t j = i; j <= bytes.size(); j += 3) {
                FrameDecoder decoder;
                std::vector<DecodeResult> out;
                decoder.feed(std::string_view(bytes).substr(0, i), out);
                decoder.feed(std::string_view(bytes).substr(i, j - i), out);
                decoder.feed(std::string_view(bytes).substr(j), out);
                REQUIRE(out.size() == 1);
                REQUIRE(std::holds_alternative<DecodedFrame>(out[0]));
                REQUIRE(std::get<DecodedFrame>(out[0]).raw + "\r\n" == bytes);
                REQUIRE(decoder.stats().frames == 1);
                REQUIRE(decoder.stats().garbageBytes == 0);
                REQUIRE(decoder.stats().bytes == bytes.size());
            }
        }
    }
}

TEST_CASE("byte-at-a-time feeding and a lone newline as line end") {
    std::string stream;
    for (const auto& frame : everyMessage()) stream += encodeFrame(frame);
    std::string lf = encodeFrame({1, 1, WindowOpened{1}});
    lf.erase(lf.size() - 2, 1);  // drop the '\r'
    stream += lf;
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    for (char c : stream) decoder.feed(std::string_view(&c, 1), out);
    REQUIRE(framesOf(out).size() == everyMessage().size() + 1);
    REQUIRE(decoder.stats().frames == everyMessage().size() + 1);
}

TEST_CASE("a corrupt checksum is counted and the next frame still decodes") {
    std::string bad = encodeFrame({1, 1, Call{1, {'A', 1}}});
    bad[12] = 'X';  // damage the body; the CRC no longer matches
    std::string good = encodeFrame({1, 2, Call{1, {'A', 2}}});
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    decoder.feed(bad + good, out);
    REQUIRE(out.size() == 2);
    REQUIRE(std::get<DecodeError>(out[0]).kind == DecodeErrorKind::Checksum);
    REQUIRE(std::get<DecodedFrame>(out[1]).frame.sequence == 2);
    REQUIRE(decoder.stats().checksumErrors == 1);
    REQUIRE(decoder.stats().frames == 1);

    std::string lower = good;
    for (std::size_t i = lower.find('*'); i < lower.size(); ++i) lower[i] = static_cast<char>(std::tolower(lower[i]));
    out.clear();
    decoder.feed(lower, out);
    REQUIRE(std::holds_alternative<DecodedFrame>(out.at(0)));  // lower-case hex is accepted
}

TEST_CASE("a truncated frame followed by a good one") {
    std::string good = encodeFrame({3, 5, WindowOpened{4}});
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    decoder.feed(good.substr(0, 10) + good, out);
    REQUIRE(out.size() == 2);
    REQUIRE(std::get<DecodeError>(out[0]).kind == DecodeErrorKind::Truncated);
    REQUIRE(std::get<DecodeError>(out[0]).raw == good.substr(0, 10));
    REQUIRE(std::holds_alternative<DecodedFrame>(out[1]));
    REQUIRE(decoder.stats().malformed == 1);
}

TEST_CASE("overlong input is cut off and the decoder recovers") {
    std::string good = encodeFrame({3, 5, WindowOpened{4}});
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    decoder.feed("$" + std::string(1000, 'A'), out);
    REQUIRE(out.size() == 1);
    REQUIRE(std::get<DecodeError>(out[0]).kind == DecodeErrorKind::Overlong);
    REQUIRE(std::get<DecodeError>(out[0]).raw.size() <= kMaxFrameLength);
    decoder.feed(std::string(5000, 'B') + "\r\n" + good, out);
    REQUIRE(out.size() == 2);
    REQUIRE(std::holds_alternative<DecodedFrame>(out[1]));
    REQUIRE(decoder.stats().overlong == 1);

    // A '$' ends the skipping too.
    out.clear();
    decoder.feed("$" + std::string(600, 'C') + good, out);
    REQUIRE(framesOf(out).size() == 1);

    // The longest legal frame (256 bytes with its line end) is not overlong.
    std::string longest = encodeFrame({254, 65535, LedText{99, std::string(64, '\x01')}});
    REQUIRE(longest.size() <= kMaxFrameLength);
    out.clear();
    decoder.feed(longest, out);
    REQUIRE(framesOf(out).size() == 1);
}

TEST_CASE("random garbage between good frames: every good frame comes out and the counters add up") {
    std::mt19937 rng(20261124);
    std::vector<Frame> sent;
    std::string stream;
    std::size_t garbageRuns = 0;
    for (int i = 0; i < 2000; ++i) {
        Frame f{1 + i % 9, i % 65536, Call{1 + i % 20, {static_cast<char>('A' + i % 3), 1 + i % 999}}};
        sent.push_back(f);
        stream += encodeFrame(f);
        if (rng() % 4 == 0) {
            // Garbage that holds no '$' and no line end, so it cannot touch the frames around it.
            std::size_t n = 1 + rng() % 40;
            for (std::size_t k = 0; k < n; ++k) {
                char c;
                do c = static_cast<char>(rng() % 256); while (c == '$' || c == '\n');
                stream.push_back(c);
            }
            ++garbageRuns;
        }
    }
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    std::size_t pos = 0;
    while (pos < stream.size()) {
        std::size_t n = 1 + rng() % 97;
        decoder.feed(std::string_view(stream).substr(pos, n), out);
        pos += n;
    }
    auto got = framesOf(out);
    REQUIRE(got.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) requireSame(got[i], sent[i]);
    const auto& s = decoder.stats();
    REQUIRE(s.frames == sent.size());
    REQUIRE(s.checksumErrors + s.malformed + s.overlong == 0);
    REQUIRE(garbageRuns > 100);
    REQUIRE(s.garbageBytes > 0);
    REQUIRE(s.bytes == stream.size());
}

TEST_CASE("random damage: the decoder never loses an undamaged frame that follows a line end") {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::string stream;
        for (int i = 0; i < 20; ++i) stream += encodeFrame({1, i, WindowOpened{1 + i % 9}});
        // Flip a few random bytes anywhere; frames that were not hit must still come out.
        std::vector<bool> hit(20, false);
        std::size_t frameLength = encodeFrame({1, 0, WindowOpened{1}}).size();
        for (int k = 0; k < 3; ++k) {
            std::size_t at = rng() % stream.size();
            stream[at] = static_cast<char>(rng() % 256);
            hit[std::min<std::size_t>(at / frameLength, 19)] = true;
        }
        FrameDecoder decoder;
        std::vector<DecodeResult> out;
        decoder.feed(stream, out);
        std::size_t intact = static_cast<std::size_t>(std::count(hit.begin(), hit.end(), false));
        // A damaged line end can swallow the next frame, so at least intact minus damaged frames come out.
        REQUIRE(framesOf(out).size() + 3 >= intact);
        const auto& s = decoder.stats();
        REQUIRE(s.frames == framesOf(out).size());
        REQUIRE(s.frames + s.checksumErrors + s.malformed + s.overlong == out.size());
    }
}

TEST_CASE("reset drops a partial frame") {
    std::string good = encodeFrame({3, 5, WindowOpened{4}});
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    decoder.feed(good.substr(0, 12), out);
    decoder.reset();
    decoder.feed(good.substr(12), out);
    REQUIRE(framesOf(out).empty());
    decoder.feed(good, out);
    REQUIRE(framesOf(out).size() == 1);
}

TEST_CASE("ticket labels") {
    REQUIRE(TicketId{'A', 42}.label() == "A042");
    REQUIRE(TicketId::parse("B999") == TicketId{'B', 999});
    REQUIRE_FALSE(TicketId::parse("B1000").has_value());
    REQUIRE_FALSE(TicketId::parse("B000").has_value());
    REQUIRE_FALSE(TicketId::parse("b001").has_value());
    REQUIRE_FALSE(TicketId::parse("B01").has_value());
}
