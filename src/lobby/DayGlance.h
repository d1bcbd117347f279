// Today at a glance: how long the customers called so far waited, in half-hour buckets, and the service level
// (the share called within their category's target). Plain C++, fed with each ticket's first call.
#pragma once

#include "lobby/LobbyEvent.h"

#include <string>
#include <vector>

namespace lw::lobby {

struct GlanceBucket {
    TimeMs start = 0;      // the bucket's first moment (local half hour, as ms UTC)
    int calls = 0;         // tickets called for the first time in it
    TimeMs sumWaitMs = 0;
    TimeMs maxWaitMs = 0;
    int withinTarget = 0;
    TimeMs meanWaitMs() const { return calls > 0 ? sumWaitMs / calls : 0; }
};

class DayGlance {
public:
    explicit DayGlance(TimeMs bucketMs = 30 * 60'000) : bucketMs_(bucketMs) {}

    // A ticket's first call. `businessDay` starts a fresh day when it changes; `utcOffsetMinutes` places the
    // buckets on local half hours.
    void called(const std::string& businessDay, TimeMs issuedAt, TimeMs calledAt, TimeMs targetMs, int utcOffsetMinutes);

    const std::vector<GlanceBucket>& buckets() const { return buckets_; }  // in time order, no empty gaps skipped
    int calls() const { return calls_; }
    int withinTarget() const { return withinTarget_; }
    // Percent called within target so far; -1 before the first call.
    int serviceLevelPercent() const { return calls_ > 0 ? (withinTarget_ * 100 + calls_ / 2) / calls_ : -1; }
    const std::string& businessDay() const { return day_; }

private:
    TimeMs bucketMs_;
    std::string day_;
    std::vector<GlanceBucket> buckets_;
    int calls_ = 0;
    int withinTarget_ = 0;
};

}  // namespace lw::lobby
