// libFuzzer target: the frame decoder fed arbitrary bytes in arbitrary chunks must keep its invariants.
#include "protocol/Codec.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

using namespace lw::protocol;

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

void checkFrame(const DecodedFrame& decoded) {
    // Whatever decodes must encode (it may differ from the raw bytes only in the case of hex digits and in
    // optional percent escapes), and that encoding must decode to a frame that encodes to the same bytes.
    check(decoded.raw.size() + 1 <= kMaxFrameLength);
    std::string again = encodeFrame(decoded.frame);
    check(again.size() <= kMaxFrameLength);
    check(again.compare(0, 5, decoded.raw, 0, 5) == 0);
    auto round = decodeLine(std::string_view(again).substr(0, again.size() - 2));
    check(std::holds_alternative<DecodedFrame>(round));
    check(encodeFrame(std::get<DecodedFrame>(round).frame) == again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    FrameDecoder decoder;
    std::vector<DecodeResult> out;
    // The first byte picks the chunk sizes, so the fuzzer explores splits too.
    std::size_t step = size > 0 ? 1 + data[0] % 64 : 1;
    for (std::size_t pos = 0; pos < size; pos += step) decoder.feed(input.substr(pos, step), out);
    const auto& s = decoder.stats();
    check(s.bytes == size);
    check(s.frames + s.checksumErrors + s.malformed + s.overlong == out.size());
    check(s.garbageBytes <= size);
    for (const auto& r : out) {
        if (const auto* f = std::get_if<DecodedFrame>(&r)) checkFrame(*f);
        else check(std::get<DecodeError>(r).raw.size() <= kMaxFrameLength);
    }
    auto single = decodeLine(input);
    if (const auto* f = std::get_if<DecodedFrame>(&single)) checkFrame(*f);
    return 0;
}
