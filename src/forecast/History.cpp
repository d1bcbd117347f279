// Learning a branch's usual day from past days' events: arrivals by quarter-hour, service times by category,
// and each window's usual pauses and closing time (plain C++, time passed in with the events).
#include "forecast/Forecast.h"

#include <algorithm>
#include <cmath>

namespace lw::forecast {

namespace {
constexpr int kSlotMin = 5;
constexpr int kSlots = 1440 / kSlotMin;
}  // namespace

namespace {

// The mean patience (lognormal, CV 0.6) most likely to have left the customers who were gone, and kept those who
// were there, when their numbers were first called after the waits seen. Unknown (0) with fewer than 20 gone.
double fitPatienceMeanMs(const std::array<std::array<double, 2>, 240>& presence) {
    double gone = 0;
    for (const auto& bin : presence) gone += bin[0];
    if (gone < 20) return 0;
    const double sigma = std::sqrt(std::log(1 + 0.6 * 0.6));
    auto logLikelihood = [&](double meanMin) {
        double mu = std::log(meanMin) - sigma * sigma / 2, sum = 0;
        for (std::size_t m = 0; m < presence.size(); ++m) {
            if (presence[m][0] + presence[m][1] == 0) continue;
            double wait = static_cast<double>(m) + 0.5;
            double stay = 0.5 * std::erfc((std::log(wait) - mu) / sigma / std::sqrt(2.0));
            stay = std::clamp(stay, 1e-9, 1 - 1e-9);
            sum += presence[m][1] * std::log(stay) + presence[m][0] * std::log(1 - stay);
        }
        return sum;
    };
    double lo = 2, hi = 240;  // minutes; golden-section search
    const double g = (std::sqrt(5.0) - 1) / 2;
    for (int i = 0; i < 60; ++i) {
        double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
        if (logLikelihood(a) > logLikelihood(b)) hi = b;
        else lo = a;
    }
    return (lo + hi) / 2 * 60'000;
}

}  // namespace

HistoryBuilder::HistoryBuilder(int utcOffsetMinutes) : utcOffsetMinutes_(utcOffsetMinutes) {}

void HistoryBuilder::observe(const lobby::LobbyEvent& e) {
    std::int64_t localMs = e.time + static_cast<TimeMs>(utcOffsetMinutes_) * 60'000;
    std::int64_t day = localMs >= 0 ? localMs / 86'400'000 : (localMs - 86'399'999) / 86'400'000;
    int minute = static_cast<int>((localMs - day * 86'400'000) / 60'000);
    if (day != day_) {
        endDay();
        day_ = day;
    }
    using lobby::EventKind;
    switch (e.kind) {
    case EventKind::Issued: {
        std::string category = !e.category.empty() ? e.category : e.ticket.substr(0, 1);
        tickets_[e.ticket] = {category, 0, e.time, -1};
        issued_[category][static_cast<std::size_t>(minute / 15)] += 1;
        issuedToday_ = true;
        break;
    }
    case EventKind::Called:
        if (auto it = tickets_.find(e.ticket); it != tickets_.end()) {
            if (it->second.startedAt == 0) it->second.startedAt = e.time;
            if (it->second.firstWaitMs < 0) it->second.firstWaitMs = std::max<TimeMs>(0, e.time - it->second.issuedAt);
        }
        break;
    case EventKind::Started:
    case EventKind::NoShow:
        if (auto it = tickets_.find(e.ticket); it != tickets_.end()) {
            // Whether the customer was still there when first called, after waiting this long.
            if (it->second.firstWaitMs >= 0) {
                auto bin = static_cast<std::size_t>(std::min<TimeMs>(239, it->second.firstWaitMs / 60'000));
                presence_[bin][e.kind == EventKind::Started ? 1 : 0] += 1;
                double sinceCall = static_cast<double>(e.time - it->second.issuedAt - it->second.firstWaitMs);
                std::size_t k = e.kind == EventKind::Started ? 0 : 2;
                if (sinceCall >= 0 && sinceCall < 10 * 60'000) {
                    callToStart_[k] += 1;
                    callToStart_[k + 1] += sinceCall;
                }
                it->second.firstWaitMs = -2;  // counted
            }
            if (e.kind == EventKind::Started) it->second.startedAt = e.time;
        }
        break;
    case EventKind::Finished:
        if (auto it = tickets_.find(e.ticket); it != tickets_.end() && it->second.startedAt > 0 && e.time >= it->second.startedAt) {
            double minutes = static_cast<double>(e.time - it->second.startedAt) / 60'000.0;
            auto& s = services_[it->second.category];
            s[0] += 1;
            s[1] += minutes;
            s[2] += minutes * minutes;
            tickets_.erase(it);
        }
        break;
    case EventKind::Transferred:
        if (auto it = tickets_.find(e.ticket); it != tickets_.end()) {
            if (!e.category.empty()) it->second.category = e.category;
            it->second.startedAt = 0;
        }
        break;
    case EventKind::WindowPause:
        pausedSince_.emplace(e.window, minute);
        pausedSlotsToday_[e.window];
        break;
    case EventKind::WindowOpen:
    case EventKind::WindowClose: {
        pausedSlotsToday_[e.window];  // it worked today
        if (auto it = pausedSince_.find(e.window); it != pausedSince_.end()) {
            for (int slot = it->second / kSlotMin; slot < (minute + kSlotMin - 1) / kSlotMin && slot < kSlots; ++slot)
                pausedSlotsToday_[e.window].push_back(slot);
            pausedSince_.erase(it);
        }
        if (e.kind == EventKind::WindowOpen) openMinToday_.emplace(e.window, minute);
        if (e.kind == EventKind::WindowClose) closeMinToday_[e.window] = minute;
        else closeMinToday_.erase(e.window);
        break;
    }
    default: break;
    }
}

void HistoryBuilder::endDay() {
    if (day_ < 0) return;
    if (issuedToday_ || !pausedSlotsToday_.empty()) ++days_;
    for (auto& [window, slots] : pausedSlotsToday_) {
        ++workedDays_[window];
        auto& days = pausedDays_[window];
        std::sort(slots.begin(), slots.end());
        slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
        for (int slot : slots) ++days[static_cast<std::size_t>(slot)];
        auto close = closeMinToday_.find(window);
        closeMins_[window].push_back(close == closeMinToday_.end() ? 1440 : close->second);
        auto open = openMinToday_.find(window);
        openMins_[window].push_back(open == openMinToday_.end() ? 0 : open->second);
    }
    issuedToday_ = false;
    tickets_.clear();
    pausedSince_.clear();
    pausedSlotsToday_.clear();
    closeMinToday_.clear();
    openMinToday_.clear();
}

History HistoryBuilder::build() const {
    HistoryBuilder copy = *this;
    copy.endDay();
    copy.day_ = -1;
    History h;
    h.days = copy.days_;
    if (h.days == 0) return h;
    std::map<std::string, CategoryHistory> categories;
    for (const auto& [category, total] : copy.issued_) {
        auto& c = categories[category];
        for (std::size_t q = 0; q < total.size(); ++q) c.perHourByQuarter[q] = total[q] * 4.0 / h.days;
    }
    for (const auto& [category, s] : copy.services_) {
        auto& c = categories[category];
        if (s[0] < 1) continue;
        double mean = s[1] / s[0];
        double var = s[0] > 1 ? std::max(0.0, (s[2] - s[0] * mean * mean) / (s[0] - 1)) : 0.0;
        c.meanServiceMs = mean * 60'000.0;
        c.serviceCv = mean > 0 && s[0] >= 10 ? std::sqrt(var) / mean : 0.0;
        c.services = s[0];
    }
    for (auto& [code, c] : categories) h.categories.emplace_back(code, c);
    h.patienceMeanMs = fitPatienceMeanMs(copy.presence_);
    if (copy.callToStart_[0] >= 20) h.walkMs = copy.callToStart_[1] / copy.callToStart_[0];
    if (copy.callToStart_[2] >= 20) h.noShowMs = copy.callToStart_[3] / copy.callToStart_[2];
    for (const auto& [window, worked] : copy.workedDays_) {
        WindowHistory w;
        const auto& days = copy.pausedDays_.at(window);
        // Usual pauses: runs of 5-minute slots in which it was paused on at least half of the days it worked.
        int from = -1;
        for (int slot = 0; slot <= kSlots; ++slot) {
            bool paused = slot < kSlots && 2 * days[static_cast<std::size_t>(slot)] >= worked;
            if (paused && from < 0) from = slot;
            if (!paused && from >= 0) {
                w.pauses.emplace_back(from * kSlotMin, slot * kSlotMin);
                from = -1;
            }
        }
        std::vector<int> closes = copy.closeMins_.at(window);
        std::sort(closes.begin(), closes.end());
        w.closeMin = closes[closes.size() / 2];
        std::vector<int> opens = copy.openMins_.at(window);
        std::sort(opens.begin(), opens.end());
        w.openMin = opens[opens.size() / 2];
        h.windows.emplace_back(window, w);
    }
    return h;
}

}  // namespace lw::forecast
