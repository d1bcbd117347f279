// From transmissions to bytes on the line: per-device sequence numbers, encoding, line noise, re-sends.
#pragma once

#include "sim/BranchDay.h"
#include "protocol/Capture.h"
#include "sim/Dice.h"

#include <map>
#include <string>
#include <vector>

namespace lw::sim {

// Each device counts its own frames, 0..65535 and round again; the count carries over from day to day.
class DeviceSequences {
public:
    int take(int address);
    void restart(int address) { next_[address] = 0; }  // a power-up: the device counts from 0 again

private:
    std::map<int, int> next_;
};

struct WireFrame {
    Transmission transmission;
    int sequence = 0;
    std::string bytes;  // the encoded frame, line end included
};

// When the devices are powered up: each morning (they are switched off at night) and after a power cut. A device
// that powers up counts its frames from 0 again, its heartbeats' uptime from the power-up, and (revision 2
// firmware) announces it with a BOT frame carrying a fresh random boot id before anything else.
struct PowerPlan {
    std::vector<TimeMs> powerOns;  // ascending; a frame belongs to the boot of the latest power-on at or before it
    int firmwareRevision = protocol::kProtocolRevision;  // 1: old devices that never send BOT
    std::uint64_t seed = 1;        // for the boot ids
};

// Without a power plan the devices were on before the first frame and stay on (sequence numbers carry on).
std::vector<WireFrame> encodeTransmissions(const std::vector<Transmission>& transmissions, DeviceSequences& sequences,
                                           const PowerPlan* power = nullptr);

// Garbage bytes slipped in after any byte with a set probability, as a noisy RS-485 line does.
class LineNoise {
public:
    LineNoise(double perByte, std::uint64_t seed) : perByte_(perByte), dice_(seed) {}
    // The bytes as they arrive; `corrupted` is set when garbage landed inside the frame (before its final '\n'),
    // which a kiosk would not ACK.
    std::string apply(const std::string& frame, bool& corrupted);
    bool active() const { return perByte_ > 0.0; }

private:
    double perByte_;
    Dice dice_;
};

struct FilePlayback {
    std::vector<protocol::CaptureRecord> records;  // in time order
    std::uint64_t corruptedFrames = 0;             // each was sent again 1 s later
};

// File and stdout modes have no ACKs: a frame counts as delivered once it arrives whole. A corrupted one is sent
// again (same bytes) 1 s later, as the device would after its ACK timeout; later frames are not held back.
FilePlayback playToFile(const std::vector<WireFrame>& frames, LineNoise& noise);

}  // namespace lw::sim
