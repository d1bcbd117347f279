// Who is signed in on which phone, and how often an address may try a PIN. Plain C++: no Qt, no clock reads
// (time passed in). The shell makes the tokens (random) and keys sessions by a digest of them.
#pragma once

#include "auth/Access.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

namespace lw::phone {

using TimeMs = std::int64_t;

struct PhoneSession {
    std::string name;
    auth::Role role = auth::Role::Manager;
    std::string from;  // the phone's address, as the log says it
    TimeMs since = 0;
    TimeMs lastSeen = 0;
};

class PhoneSessions {
public:
    PhoneSessions(TimeMs idleMs, TimeMs maxMs, std::size_t capacity = 32)
        : idleMs_(idleMs), maxMs_(maxMs), capacity_(capacity) {}

    // A new session under `key`; beyond `capacity` the one seen longest ago ends.
    void open(const std::string& key, PhoneSession session);
    // The session under `key` if it is still on (idle less than idleMs, younger than maxMs); seen now. An expired
    // one ends.
    std::optional<PhoneSession> use(const std::string& key, TimeMs now);
    bool close(const std::string& key);
    // Ends sessions past their time; how many ended.
    std::size_t expire(TimeMs now);
    std::size_t size() const { return sessions_.size(); }
    TimeMs idleMs() const { return idleMs_; }

private:
    bool expired(const PhoneSession& s, TimeMs now) const { return now - s.lastSeen >= idleMs_ || now - s.since >= maxMs_; }
    TimeMs idleMs_, maxMs_;
    std::size_t capacity_;
    std::map<std::string, PhoneSession> sessions_;
};

// At most `most` sign-in tries per address in any `windowMs` (a phone guessing PINs is slowed before the shared
// lockout; many addresses are bounded by `addresses`, the oldest forgotten first).
class AttemptLimiter {
public:
    AttemptLimiter(int most, TimeMs windowMs, std::size_t addresses = 256)
        : most_(most), windowMs_(windowMs), addresses_(addresses) {}
    // True (and counted) when `from` may try now.
    bool allow(const std::string& from, TimeMs now);
    // When `from` may try again (0: now).
    TimeMs retryAfterMs(const std::string& from, TimeMs now) const;

private:
    int most_;
    TimeMs windowMs_;
    std::size_t addresses_;
    std::map<std::string, std::deque<TimeMs>> tries_;
};

}  // namespace lw::phone
