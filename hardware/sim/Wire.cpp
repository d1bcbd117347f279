// Sequence numbers, encoding, line noise and re-sends for the simulator's file and stdout modes.
#include "sim/Wire.h"

#include "protocol/Codec.h"

#include <algorithm>
#include <queue>

namespace lw::sim {

int DeviceSequences::take(int address) {
    int& next = next_[address];
    const int sequence = next;
    next = next >= protocol::kMaxSequence ? 0 : next + 1;
    return sequence;
}

namespace {

std::uint32_t bootIdOf(std::uint64_t seed, std::size_t boot, int address) {
    std::uint64_t x = seed ^ (static_cast<std::uint64_t>(boot) << 20) ^ static_cast<std::uint64_t>(address);
    x += 0x9E3779B97F4A7C15ULL;  // splitmix64
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::uint32_t>(x ^ (x >> 31));
}

}  // namespace

std::vector<WireFrame> encodeTransmissions(const std::vector<Transmission>& transmissions, DeviceSequences& sequences,
                                           const PowerPlan* power) {
    std::vector<WireFrame> frames;
    frames.reserve(transmissions.size());
    std::map<int, std::size_t> bootOf;  // device -> index+1 of the power-on it last announced
    auto push = [&](const Transmission& t) {
        WireFrame f{t, sequences.take(t.address), {}};
        f.bytes = protocol::encodeFrame(protocol::Frame{t.address, f.sequence, t.message});
        frames.push_back(std::move(f));
    };
    for (const auto& t : transmissions) {
        if (!power || power->powerOns.empty() || t.time < power->powerOns.front()) {
            push(t);
            continue;
        }
        const std::size_t boot = static_cast<std::size_t>(
            std::upper_bound(power->powerOns.begin(), power->powerOns.end(), t.time) - power->powerOns.begin());
        const TimeMs poweredOn = power->powerOns[boot - 1];
        std::size_t& current = bootOf[t.address];
        if (current != boot) {
            current = boot;
            sequences.restart(t.address);
            // By the simulator's convention dispensers have addresses 1..10 and keypads 11 and up.
            const auto kind = t.address <= 10 ? protocol::DeviceKind::Dispenser : protocol::DeviceKind::Keypad;
            if (power->firmwareRevision >= 2)
                push(Transmission{t.time, t.address,
                                  protocol::BootAnnounce{kind, bootIdOf(power->seed, boot, t.address), power->firmwareRevision}});
        }
        if (const auto* hb = std::get_if<protocol::Heartbeat>(&t.message)) {
            Transmission counted = t;
            counted.message = protocol::Heartbeat{hb->kind, static_cast<std::uint32_t>((t.time - poweredOn) / 1000)};
            push(counted);
        } else {
            push(t);
        }
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
            const char garbage = static_cast<char>(dice_.byte());
            out.push_back(garbage);
            // A '\n' slipped in right after the frame's '\r' ends the frame early but whole: the kiosk takes it.
            const bool endsItWhole = garbage == '\n' && frame[i] == '\r' && i + 2 == frame.size();
            if (i + 1 < frame.size() && !endsItWhole) corrupted = true;
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
