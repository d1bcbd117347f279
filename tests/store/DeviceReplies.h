// What the kiosk wrote back to a device, as frames: the ingestion tests read their ACKs and NAKs from it.
#pragma once

#include "protocol/Codec.h"

#include <string>
#include <variant>
#include <vector>

namespace lw::test {

inline std::vector<protocol::Frame> repliesIn(const std::string& bytes) {
    protocol::FrameDecoder d;
    std::vector<protocol::DecodeResult> out;
    d.feed(bytes, out);
    std::vector<protocol::Frame> frames;
    for (auto& r : out) frames.push_back(std::get<protocol::DecodedFrame>(r).frame);
    return frames;
}

}  // namespace lw::test
