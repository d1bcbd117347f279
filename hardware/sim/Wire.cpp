// Sequence numbers, encoding, line noise and re-sends for the simulator's file and stdout modes.
#include "Wire.h"

#include "Codec.h"

#include <queue>

namespace lw::sim {

int DeviceSequences::take(int address) {
    int& next = next_[address];
    const int sequence = next;
    next = next >= protocol::kMaxSequence ? 0 : next + 1;
    return sequence;
}

std::vector<WireFrame> encodeTransmissions(const std::vector<Transmission>& transmissions, DeviceSequences& sequences) {
    std::vector<WireFrame> frames;
    frames.reserve(transmissions.size());
    for (const auto& t : transmissions) {
        WireFrame f{t, sequences.take(t.address), {}};
        f.bytes = protocol::encodeFrame(protocol::Frame{t.address, f.sequence, t.message});
        frames.push_back(std::move(f));
    }
    return frames;
}

std::string LineNoise::apply(const std::string& frame, bool& corrupted) {
    corrupted = false;
    if (perByte_ <= 0.0) return frame;
    std::string out;
    out.reserve(frame.size() + 4);
    for (std::size_t i = 0; i < frame.size(); ++i) {
        out.push_back(frame[i]);
        if (dice_.chance(perByte_)) {
            out.push_back(static_cast<char>(dice_.byte()));
            if (i + 1 < frame.size()) corrupted = true;
        }
    }
    return out;
}

FilePlayback playToFile(const std::vector<WireFrame>& frames, LineNoise& noise) {
    struct Resend {
        TimeMs time;
        std::size_t frame;
        int attempt;
    };
    auto later = [](const Resend& a, const Resend& b) { return a.time != b.time ? a.time > b.time : a.frame > b.frame; };
    std::priority_queue<Resend, std::vector<Resend>, decltype(later)> resends(later);
    FilePlayback out;
    out.records.reserve(frames.size());
    auto send = [&](TimeMs time, std::size_t index, int attempt) {
        bool corrupted = false;
        out.records.push_back(protocol::CaptureRecord{time, protocol::Direction::FromDevice, noise.apply(frames[index].bytes, corrupted)});
        // A device gives up after a few tries; 20 in a row would need a line far noisier than any profile allows.
        if (corrupted) {
            ++out.corruptedFrames;
            if (attempt < 20) resends.push(Resend{time + 1000, index, attempt + 1});
        }
    };
    for (std::size_t i = 0; i < frames.size(); ++i) {
        while (!resends.empty() && resends.top().time <= frames[i].transmission.time) {
            const Resend r = resends.top();
            resends.pop();
            send(r.time, r.frame, r.attempt);
        }
        send(frames[i].transmission.time, i, 0);
    }
    while (!resends.empty()) {
        const Resend r = resends.top();
        resends.pop();
        send(r.time, r.frame, r.attempt);
    }
    return out;
}

}  // namespace lw::sim
