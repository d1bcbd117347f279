// The served estimator: realised errors per category and hour, the lowest recent error wins, intervals from them.
#include "forecast/Selection.h"

#include <algorithm>
#include <cmath>

namespace lw::forecast {

namespace {

constexpr double kMinuteMs = 60'000.0;
constexpr double kResidualScaleMs = 2 * kMinuteMs;
constexpr double kMaxShift = 4;  // an end moves at most four times the figure and two minutes

// The q-quantile of the residuals (a copy is sorted: the deques are short).
double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    double pos = q * static_cast<double>(v.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    std::size_t hi = std::min(v.size() - 1, lo + 1);
    double frac = pos - static_cast<double>(lo);
    return v[lo] * (1 - frac) + v[hi] * frac;
}

}  // namespace

Selection::Selection(SelectionSettings settings, int utcOffsetMinutes)
    : settings_(std::move(settings)), utcOffsetMinutes_(utcOffsetMinutes), names_(settings_.candidates) {
    names_.push_back("blend");
    pooled_.resize(names_.size());
}

int Selection::hourOf(TimeMs at) const {
    std::int64_t minute = ((at / 60'000 + utcOffsetMinutes_) % 1440 + 1440) % 1440;
    return static_cast<int>(minute / 60);
}

std::int64_t Selection::dayOf(TimeMs at) const {
    std::int64_t minutes = at / 60'000 + utcOffsetMinutes_;
    return minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
}

// Recent calls (decayed with time) shrunk towards this hour's error on past days, or the category's over all
// hours: a quiet hour leans on what the hour usually brings, a busy one on what the last half hour showed.
std::optional<double> Selection::errorOf(const CategoryScores& c, std::size_t name, TimeMs at) const {
    const Score& s = c.byName[name];
    double decay = std::exp(-static_cast<double>(std::max<TimeMs>(0, at - s.recentAt)) / (settings_.recentMinutes * kMinuteMs));
    double recentSum = s.recentSum * decay, recentWeight = s.recentWeight * decay;
    const auto& hour = s.byHour[static_cast<std::size_t>(hourOf(at))];
    double priorSum = 0, priorCount = 0;
    for (const auto& h : s.byHour) {
        priorSum += h[0];
        priorCount += h[1];
    }
    if (priorCount < 1 && recentWeight < 1e-9) return std::nullopt;
    double prior = hour[1] >= 5 ? hour[0] / hour[1] : priorCount > 0 ? priorSum / priorCount : recentSum / recentWeight;
    double k = settings_.timeOfDayWeight;
    return (recentSum + k * prior) / (recentWeight + k);
}

std::vector<std::optional<double>> Selection::withBlend(const CategoryScores* scores, TimeMs at,
                                                       const std::vector<std::optional<double>>& predictions) const {
    std::vector<std::optional<double>> all(predictions);
    all.resize(settings_.candidates.size());
    // A figure far beyond what the others say (a roll-forward gone to hours on a short queue) is held to twice
    // their median and two minutes: one wild answer costs a customer less, and is scored as served.
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all[i]) continue;
        std::vector<double> others;
        for (std::size_t j = 0; j < all.size(); ++j)
            if (j != i && predictions.size() > j && predictions[j]) others.push_back(std::max(0.0, *predictions[j]));
        if (others.size() >= 2) all[i] = std::min(*all[i], 2 * quantile(others, 0.5) + 2 * kMinuteMs);
    }
    // The blend: the candidates weighted by the inverse square of their recent errors (equal weights before any).
    double sum = 0, weights = 0;
    for (std::size_t i = 0; i < settings_.candidates.size(); ++i) {
        if (!all[i]) continue;
        double w = 1;
        if (scores) {
            if (auto e = errorOf(*scores, i, at)) w = 1 / std::max(1000.0, *e) / std::max(1000.0, *e);
        }
        sum += w * *all[i];
        weights += w;
    }
    std::optional<double> blend;
    if (weights > 0) blend = sum / weights;
    all.push_back(blend);
    return all;
}

std::string Selection::keyOf(const std::string& category, int ahead) {
    if (ahead < 0) return category;
    int bucket = ahead == 0 ? 0 : ahead <= 2 ? 1 : ahead <= 5 ? 2 : ahead <= 10 ? 3 : 4;
    return category + '#' + std::to_string(bucket);
}

const Selection::CategoryScores* Selection::scoresFor(const std::string& category, int ahead) const {
    // This category at this queue length; all categories at this queue length (errors follow the queue more
    // than the category); the category at any length.
    auto it = categories_.find(keyOf(category, ahead));
    if (it != categories_.end() && it->second.calls >= settings_.minCalls) return &it->second;
    it = categories_.find(keyOf("*", ahead));
    if (ahead >= 0 && it != categories_.end() && it->second.calls >= settings_.minCalls) {
        auto own = categories_.find(category);
        if (own != categories_.end() && own->second.calls >= settings_.minCalls) return &it->second;
    }
    it = categories_.find(category);
    return it != categories_.end() ? &it->second : nullptr;
}

ServedWait Selection::peek(const std::string& category, TimeMs at, const std::vector<std::optional<double>>& predictions,
                           int ahead) const {
    const CategoryScores* scores = scoresFor(category, ahead);
    std::vector<std::optional<double>> all = withBlend(scores, at, predictions);
    ServedWait out;
    std::size_t chosen = names_.size();
    bool warm = scores && scores->calls >= settings_.minCalls;
    if (warm) {
        double best = 0;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (!all[i]) continue;
            auto e = errorOf(*scores, i, at);
            if (!e) continue;
            if (chosen == names_.size() || *e < best) {
                best = *e;
                chosen = i;
                out.recentErrorMs = *e;
            }
        }
    }
    if (chosen == names_.size()) {
        // Cold start (or nothing scored yet): the formula, else the first candidate with a figure.
        for (std::size_t i = 0; i < settings_.candidates.size(); ++i)
            if (settings_.candidates[i] == settings_.coldStart && all[i]) chosen = i;
        for (std::size_t i = 0; i < all.size() && chosen == names_.size(); ++i)
            if (all[i]) chosen = i;
        if (chosen == names_.size()) return out;
        out.recentErrorMs = scores ? errorOf(*scores, chosen, at) : std::nullopt;
    }
    out.estimator = names_[chosen];
    out.expectedMs = std::max(0.0, *all[chosen]);
    // The 80% interval: the 10th and 90th percentiles of this estimator's recent residuals in the category (or in
    // all categories while it has few), relative to the figure and two minutes, around the figure served.
    const std::deque<double>* residuals = &pooled_[chosen];
    if (scores && scores->byName[chosen].residuals.size() >= 20) residuals = &scores->byName[chosen].residuals;
    if (residuals->size() >= 10) {
        std::vector<double> v(residuals->begin(), residuals->end());
        // Each end moved by what the calls since have shown it missed (see called()).
        auto shift = shift_.find(category);
        const auto [lowShift, highShift] = shift != shift_.end() ? shift->second : std::pair(0.0, 0.0);
        // The figure told stays inside its own interval, even for an estimator that errs mostly on one side.
        double scale = out.expectedMs + kResidualScaleMs;
        out.lowMs = std::clamp(out.expectedMs + (quantile(v, 0.1) + lowShift) * scale, 0.0, out.expectedMs);
        out.highMs = std::max(out.expectedMs, out.expectedMs + (quantile(v, 0.9) + highShift) * scale);
    } else {
        // Nothing learned yet: half to twice the figure, and at least two minutes wide.
        out.lowMs = out.expectedMs / 2;
        out.highMs = std::max(out.expectedMs * 2, out.expectedMs + 2 * kMinuteMs);
    }
    return out;
}

ServedWait Selection::serve(const std::string& ticket, const std::string& category, TimeMs at,
                            const std::vector<std::optional<double>>& predictions, int ahead) {
    ServedWait out = peek(category, at, predictions, ahead);
    Pending p;
    p.category = category;
    p.ahead = ahead;
    p.issuedAt = at;
    p.predictions = withBlend(scoresFor(category, ahead), at, predictions);
    if (!out.estimator.empty()) p.told = std::make_pair(out.lowMs, out.highMs);
    pending_[ticket] = std::move(p);
    return out;
}

void Selection::forget(const std::string& ticket) { pending_.erase(ticket); }

void Selection::called(const std::string& ticket, TimeMs at) {
    auto it = pending_.find(ticket);
    if (it == pending_.end()) return;
    const Pending& p = it->second;
    double actual = static_cast<double>(std::max<TimeMs>(0, at - p.issuedAt));
    score(categories_[p.category], p, actual, at, true);
    if (p.told) {
        // Each end of the interval on its own (adaptive conformal, one per side): a wait beyond the top moves the
        // next tops up by nine steps, one within it down by one, so that a tenth end above; the bottom likewise.
        // While a payday's waits grow for hours the residuals of the calls lag behind by a wait's length; the
        // shifts follow the misses themselves. (One factor for both ends, as before, covered 70% on payday.)
        auto& [low, high] = shift_.try_emplace(p.category, 0.0, 0.0).first->second;
        const double step = settings_.intervalStep;
        high = std::clamp(high + step * (actual > p.told->second ? 0.9 : -0.1), -kMaxShift, kMaxShift);
        low = std::clamp(low + step * (actual < p.told->first ? -0.9 : 0.1), -kMaxShift, kMaxShift);
    }
    if (p.ahead >= 0) {
        score(categories_[keyOf(p.category, p.ahead)], p, actual, at, false);
        score(categories_[keyOf("*", p.ahead)], p, actual, at, false);
    }
    pending_.erase(it);
}

void Selection::score(CategoryScores& c, const Pending& p, double actual, TimeMs at, bool pooled) {
    c.byName.resize(names_.size());
    ++c.calls;
    const int hour = hourOf(p.issuedAt);
    const std::int64_t day = dayOf(at);
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (!p.predictions[i]) continue;
        Score& s = c.byName[i];
        double residual = actual - std::max(0.0, *p.predictions[i]);
        double error = std::abs(residual);
        double decay = std::exp(-static_cast<double>(std::max<TimeMs>(0, at - s.recentAt)) / (settings_.recentMinutes * kMinuteMs));
        s.recentSum = s.recentSum * decay + error;
        s.recentWeight = s.recentWeight * decay + 1;
        s.recentAt = std::max(s.recentAt, at);
        auto& h = s.byHour[static_cast<std::size_t>(hour)];
        if (h[1] >= 400) {  // an hour's memory stays a few weeks long
            h[0] /= 2;
            h[1] /= 2;
        }
        h[0] += error;
        h[1] += 1;
        if (s.today != day) {
            s.today = day;
            s.todaySum = s.todayCount = 0;
        }
        s.todaySum += error;
        s.todayCount += 1;
        // Kept relative to the figure (and two minutes): a long queue's errors are longer than a short one's.
        residual /= std::max(0.0, *p.predictions[i]) + kResidualScaleMs;
        s.residuals.push_back(residual);
        if (static_cast<int>(s.residuals.size()) > settings_.residualsKept) s.residuals.pop_front();
        if (!pooled) continue;
        pooled_[i].push_back(residual);
        if (static_cast<int>(pooled_[i].size()) > settings_.residualsKept * 4) pooled_[i].pop_front();
    }
}

std::optional<double> Selection::recentError(const std::string& category, const std::string& name, TimeMs at) const {
    auto it = categories_.find(category);
    if (it == categories_.end()) return std::nullopt;
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return errorOf(it->second, i, at);
    return std::nullopt;
}

std::vector<SelectionStatus> Selection::status(TimeMs at) const {
    std::vector<SelectionStatus> out;
    const std::int64_t day = dayOf(at);
    for (const auto& [code, c] : categories_) {
        if (code.find('#') != std::string::npos) continue;  // a queue length's own scores
        SelectionStatus s;
        s.category = code;
        // Who would serve a ticket of this category now: the one with the lowest recent error once warm.
        std::size_t chosen = names_.size();
        double best = 0;
        if (c.calls >= settings_.minCalls)
            for (std::size_t i = 0; i < names_.size(); ++i)
                if (auto e = errorOf(c, i, at); e && (chosen == names_.size() || *e < best)) {
                    best = *e;
                    chosen = i;
                }
        if (chosen == names_.size())
            for (std::size_t i = 0; i < settings_.candidates.size(); ++i)
                if (settings_.candidates[i] == settings_.coldStart) chosen = i;
        if (chosen == names_.size()) continue;
        s.serving = names_[chosen];
        const Score& score = c.byName[chosen];
        if (score.today == day && score.todayCount > 0) {
            s.errorTodayMs = score.todaySum / score.todayCount;
            s.callsToday = static_cast<int>(score.todayCount);
        }
        out.push_back(s);
    }
    return out;
}

}  // namespace lw::forecast
