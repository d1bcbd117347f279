// The simulator's side of a serial line: a POSIX port in raw mode, and stop-and-wait delivery per device.
#pragma once

#include "protocol/Codec.h"
#include "sim/Wire.h"

#include <deque>
#include <functional>
#include <map>
#include <string>

namespace lw::sim {

// A serial device (a real port or one end of a socat pty pair), opened by path, raw 8N1, non-blocking.
class SerialPort {
public:
    SerialPort(std::string path, int baud) : path_(std::move(path)), baud_(baud) {}
    ~SerialPort() { close(); }
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;

    bool open(std::string& error);  // false with the reason (path, errno text)
    void close();
    bool isOpen() const { return fd_ >= 0; }
    // Both return false when the port has gone away (EIO, ENXIO, hang-up); the caller closes and reopens it.
    bool write(const std::string& bytes);
    bool read(std::string& out, int timeoutMs);
    const std::string& path() const { return path_; }

private:
    std::string path_;
    int baud_;
    int fd_ = -1;
};

struct LineStats {
    std::uint64_t sent = 0;      // first sends
    std::uint64_t resent = 0;    // same bytes again after the ACK timeout, a NAK BUSY or a reopened port
    std::uint64_t acked = 0;
    std::uint64_t rejected = 0;  // NAK BADFIELD/UNSUPPORTED: the kiosk will never take it, so it is dropped
    std::uint64_t reopened = 0;
    std::uint64_t corrupted = 0; // sends that line noise damaged
};

// One unacknowledged frame per device; the same bytes are sent again after `resendMs` until the kiosk ACKs.
// Real time (steady, ms) is passed in so the logic stays testable.
class StopAndWaitLine {
public:
    StopAndWaitLine(SerialPort& port, LineNoise& noise, std::int64_t resendMs = 1000, std::int64_t reopenMs = 200)
        : port_(port), noise_(noise), resendMs_(resendMs), reopenMs_(reopenMs) {}

    void queue(WireFrame frame);
    // Sends what may be sent, waits up to waitMs for replies and handles them, reopens a vanished port.
    void poll(std::int64_t nowMs, int waitMs);
    bool idle() const;  // nothing queued and nothing waiting for an ACK
    const LineStats& stats() const { return stats_; }

    std::function<void(const WireFrame&)> onAcked;
    std::function<void(const std::string&)> onNotice;  // port lost / reopened / NAKs, for the operator

private:
    struct DeviceQueue {
        std::deque<WireFrame> frames;  // front is in flight when inFlight
        bool inFlight = false;
        std::int64_t sentAt = 0;
    };
    void sendDue(std::int64_t nowMs);
    bool transmit(const WireFrame& frame);
    void lost(std::int64_t nowMs, const std::string& why);
    void handle(const protocol::Frame& frame, std::int64_t nowMs);

    SerialPort& port_;
    LineNoise& noise_;
    std::int64_t resendMs_;
    std::int64_t reopenMs_;
    std::int64_t nextOpenAt_ = 0;
    bool reportedOpenFailure_ = false;
    std::map<int, DeviceQueue> devices_;
    protocol::FrameDecoder decoder_;
    LineStats stats_;
};

}  // namespace lw::sim
