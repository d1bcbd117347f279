// Window state names and the service-time figures of a window's day.
#include "lobby/Window.h"

#include <algorithm>
#include <cstddef>

namespace lw::lobby {

const char* toString(WindowState state) {
    switch (state) {
    case WindowState::Closed: return "closed";
    case WindowState::Open: return "open";
    case WindowState::Paused: return "paused";
    }
    return "unknown";
}

std::optional<double> Window::meanServiceMs() const {
    if (serviceTimesMs.empty()) return std::nullopt;
    double sum = 0;
    for (TimeMs ms : serviceTimesMs) sum += static_cast<double>(ms);
    return sum / static_cast<double>(serviceTimesMs.size());
}

std::optional<TimeMs> Window::p90ServiceMs() const {
    if (serviceTimesMs.empty()) return std::nullopt;
    std::vector<TimeMs> sorted = serviceTimesMs;
    // Nearest rank ceil(0.9 n), computed in integers so that n = 10 gives rank 9 exactly.
    const std::size_t rank = (sorted.size() * 9 + 9) / 10;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank - 1), sorted.end());
    return sorted[rank - 1];
}

}  // namespace lw::lobby
