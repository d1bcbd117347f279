// Backoff, lag and digest: small rules the shipper thread and its tests share.
#include "central/Shipping.h"

#include <algorithm>
#include <cstdio>

namespace lw::central {

int retryDelaySeconds(int failures, int maxSeconds) {
    long long delay = 5;
    for (int i = 1; i < failures && delay < maxSeconds; ++i) delay *= 2;
    return static_cast<int>(std::min<long long>(std::max(delay, 1LL), maxSeconds));
}

bool lagging(TimeMs oldestUnshippedAt, TimeMs now, int maxLagMin) {
    return oldestUnshippedAt > 0 && now - oldestUnshippedAt > static_cast<TimeMs>(maxLagMin) * 60'000;
}

std::string digest(const std::string& bytes) {
    std::uint64_t h = 14695981039346656037ULL;
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        h ^= c;
        h *= 1099511628211ULL;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

const char* stateName(LinkStatus::State state) {
    switch (state) {
    case LinkStatus::State::Off: return "off";
    case LinkStatus::State::Connecting: return "connecting";
    case LinkStatus::State::Up: return "up";
    case LinkStatus::State::Down: return "down";
    case LinkStatus::State::Refused: return "refused";
    }
    return "off";
}

}  // namespace lw::central
