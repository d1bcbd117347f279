// Phone sessions and the per-address limit on sign-in tries.
#include "phone/PhoneSessions.h"

#include <algorithm>

namespace lw::phone {

void PhoneSessions::open(const std::string& key, PhoneSession session) {
    sessions_[key] = std::move(session);
    while (sessions_.size() > capacity_) {
        auto oldest = std::min_element(sessions_.begin(), sessions_.end(),
                                       [](const auto& a, const auto& b) { return a.second.lastSeen < b.second.lastSeen; });
        sessions_.erase(oldest);
    }
}

std::optional<PhoneSession> PhoneSessions::use(const std::string& key, TimeMs now) {
    auto it = sessions_.find(key);
    if (it == sessions_.end()) return std::nullopt;
    if (expired(it->second, now)) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.lastSeen = std::max(it->second.lastSeen, now);
    return it->second;
}

bool PhoneSessions::close(const std::string& key) { return sessions_.erase(key) > 0; }

std::size_t PhoneSessions::expire(TimeMs now) {
    std::size_t ended = 0;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (expired(it->second, now)) {
            it = sessions_.erase(it);
            ++ended;
        } else {
            ++it;
        }
    }
    return ended;
}

bool AttemptLimiter::allow(const std::string& from, TimeMs now) {
    auto& q = tries_[from];
    while (!q.empty() && now - q.front() >= windowMs_) q.pop_front();
    if (static_cast<int>(q.size()) >= most_) return false;
    q.push_back(now);
    if (tries_.size() > addresses_) {
        // Forget the address whose last try is oldest (not `from`, which just tried).
        auto oldest = tries_.end();
        for (auto it = tries_.begin(); it != tries_.end(); ++it) {
            if (it->first == from) continue;
            const TimeMs last = it->second.empty() ? 0 : it->second.back();
            if (oldest == tries_.end() || last < (oldest->second.empty() ? 0 : oldest->second.back())) oldest = it;
        }
        if (oldest != tries_.end()) tries_.erase(oldest);
    }
    return true;
}

TimeMs AttemptLimiter::retryAfterMs(const std::string& from, TimeMs now) const {
    auto it = tries_.find(from);
    if (it == tries_.end() || static_cast<int>(it->second.size()) < most_) return 0;
    return std::max<TimeMs>(0, it->second.front() + windowMs_ - now);
}

}  // namespace lw::phone
