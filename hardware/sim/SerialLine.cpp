// POSIX serial port access and stop-and-wait delivery for lobbywatch-sim --port.
#include "sim/SerialLine.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace lw::sim {

bool SerialPort::open(std::string& error) {
    close();
    const int fd = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = path_ + ": cannot open: " + std::strerror(errno);
        return false;
    }
    termios tio{};
    if (tcgetattr(fd, &tio) != 0) {
        error = path_ + ": not a serial device: " + std::strerror(errno);
        ::close(fd);
        return false;
    }
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
    const speed_t speed = baud_ == 115200 ? B115200 : B9600;
    cfsetispeed(&tio, speed);
    cfsetospeed(&tio, speed);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &tio) != 0) {
        error = path_ + ": cannot set raw mode: " + std::strerror(errno);
        ::close(fd);
        return false;
    }
    fd_ = fd;
    return true;
}

void SerialPort::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

bool SerialPort::write(const std::string& bytes) {
    std::size_t done = 0;
    int stalls = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // Nobody is draining the other end; give it a moment, then let the ACK timeout resend the frame.
            pollfd p{fd_, POLLOUT, 0};
            if (::poll(&p, 1, 100) <= 0 && ++stalls > 10) return true;
            if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return false;
            continue;
        }
        return false;
    }
    return true;
}

bool SerialPort::read(std::string& out, int timeoutMs) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeoutMs);
    if (ready < 0) return errno == EINTR;
    if (ready == 0) return true;
    if (p.revents & POLLIN) {
        char buffer[4096];
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return true;
        return false;  // EIO/ENXIO: the other side of the pty is gone
    }
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) == 0;
}

void StopAndWaitLine::queue(WireFrame frame) { devices_[frame.transmission.address].frames.push_back(std::move(frame)); }

bool StopAndWaitLine::idle() const {
    for (const auto& [address, d] : devices_)
        if (!d.frames.empty()) return false;
    return true;
}

bool StopAndWaitLine::transmit(const WireFrame& frame) {
    bool corrupted = false;
    const std::string bytes = noise_.apply(frame.bytes, corrupted);
    if (corrupted) ++stats_.corrupted;
    return port_.write(bytes);
}

void StopAndWaitLine::lost(std::int64_t nowMs, const std::string& why) {
    port_.close();
    decoder_.reset();
    ++stats_.reopened;
    nextOpenAt_ = nowMs + reopenMs_;
    // Whatever was in flight may never have arrived: send it again as soon as the port is back.
    for (auto& [address, d] : devices_) d.sentAt = nowMs - resendMs_;
    if (onNotice) onNotice(port_.path() + ": " + why + "; reopening every " + std::to_string(reopenMs_) + " ms");
}

void StopAndWaitLine::sendDue(std::int64_t nowMs) {
    for (auto& [address, d] : devices_) {
        if (!port_.isOpen() || d.frames.empty()) continue;
        if (d.inFlight && nowMs - d.sentAt < resendMs_) continue;
        if (d.inFlight) ++stats_.resent;
        else ++stats_.sent;
        d.inFlight = true;
        d.sentAt = nowMs;
        if (!transmit(d.frames.front())) {
            lost(nowMs, "write failed (" + std::string(std::strerror(errno)) + ")");
            return;
        }
    }
}

void StopAndWaitLine::handle(const protocol::Frame& frame, std::int64_t nowMs) {
    auto it = devices_.find(frame.address);
    if (it == devices_.end() || !it->second.inFlight || it->second.frames.empty()) return;
    DeviceQueue& d = it->second;
    const WireFrame& head = d.frames.front();
    if (const auto* ack = std::get_if<protocol::Ack>(&frame.message)) {
        if (ack->sequence != head.sequence) return;  // a late ACK for an earlier send of something already done
        ++stats_.acked;
        if (onAcked) onAcked(head);
    } else if (const auto* nak = std::get_if<protocol::Nak>(&frame.message)) {
        if (nak->sequence != head.sequence) return;
        if (nak->reason == protocol::NakReason::Busy) {
            d.sentAt = nowMs;  // try again after the usual timeout
            return;
        }
        ++stats_.rejected;
        if (onNotice)
            onNotice("device " + std::to_string(frame.address) + " seq " + std::to_string(head.sequence) +
                     ": kiosk answered NAK " + protocol::toString(nak->reason) + "; dropping " +
                     protocol::escapeBytes(head.bytes));
    } else {
        return;
    }
    d.frames.pop_front();
    d.inFlight = false;
}

void StopAndWaitLine::poll(std::int64_t nowMs, int waitMs) {
    if (!port_.isOpen()) {
        if (nowMs < nextOpenAt_) {
            ::poll(nullptr, 0, waitMs);
            return;
        }
        std::string error;
        if (!port_.open(error)) {
            if (!reportedOpenFailure_ && onNotice) onNotice(error + "; retrying every " + std::to_string(reopenMs_) + " ms");
            reportedOpenFailure_ = true;
            nextOpenAt_ = nowMs + reopenMs_;
            ::poll(nullptr, 0, waitMs);
            return;
        }
        if (reportedOpenFailure_ && onNotice) onNotice(port_.path() + ": open again");
        reportedOpenFailure_ = false;
        decoder_.reset();
    }
    sendDue(nowMs);
    if (!port_.isOpen()) return;
    std::string bytes;
    if (!port_.read(bytes, waitMs)) {
        lost(nowMs, "port went away");
        return;
    }
    if (bytes.empty()) return;
    std::vector<protocol::DecodeResult> results;
    decoder_.feed(bytes, results);
    for (const auto& r : results)
        if (const auto* f = std::get_if<protocol::DecodedFrame>(&r)) handle(f->frame, nowMs);
    sendDue(nowMs);  // the next frame of a device whose ACK just came need not wait for the next poll
}

}  // namespace lw::sim
