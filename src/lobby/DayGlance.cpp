// The day's waits in half-hour buckets.
#include "lobby/DayGlance.h"

#include <algorithm>

namespace lw::lobby {

void DayGlance::called(const std::string& businessDay, TimeMs issuedAt, TimeMs calledAt, TimeMs targetMs,
                       int utcOffsetMinutes) {
    if (businessDay != day_) {
        day_ = businessDay;
        buckets_.clear();
        calls_ = 0;
        withinTarget_ = 0;
    }
    const TimeMs wait = std::max<TimeMs>(0, calledAt - issuedAt);
    const TimeMs offset = static_cast<TimeMs>(utcOffsetMinutes) * 60'000;
    const TimeMs local = calledAt + offset;
    const TimeMs start = local - ((local % bucketMs_) + bucketMs_) % bucketMs_ - offset;
    // Buckets stay in time order with no holes, so the strip reads as a time axis.
    if (buckets_.empty()) buckets_.push_back(GlanceBucket{start});
    while (buckets_.back().start < start) buckets_.push_back(GlanceBucket{buckets_.back().start + bucketMs_});
    auto it = std::find_if(buckets_.begin(), buckets_.end(), [&](const GlanceBucket& b) { return b.start == start; });
    if (it == buckets_.end()) {
        // Earlier than the first bucket (events out of order): prepend up to it.
        while (buckets_.front().start > start) buckets_.insert(buckets_.begin(), GlanceBucket{buckets_.front().start - bucketMs_});
        it = buckets_.begin();
    }
    ++it->calls;
    it->sumWaitMs += wait;
    it->maxWaitMs = std::max(it->maxWaitMs, wait);
    ++calls_;
    if (wait <= targetMs) {
        ++it->withinTarget;
        ++withinTarget_;
    }
}

}  // namespace lw::lobby
