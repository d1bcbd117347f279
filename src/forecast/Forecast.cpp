// The estimators: the ticketing formula, queue-length (with priority, with abandonment), LES, HOL, and a seeded
// Monte-Carlo roll-forward of the lobby's real service order.
#include "Forecast.h"

#include "Window.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <thread>

namespace lw::forecast {

using lobby::Lobby;
using lobby::Ticket;
using lobby::Window;
using lobby::WindowState;

namespace {

constexpr double kMinuteMs = 60'000.0;
constexpr TimeMs kHorizonMs = 6 * 3600 * 1000LL;  // beyond this a forecast is "more than six hours"

double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
double normalQuantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549671010114843e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    p = std::clamp(p, 1e-12, 1 - 1e-12);
    if (p < 0.02425) {
        double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
        double q = std::sqrt(-2 * std::log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// The lobby reduced to what the estimators read.
struct WaitingTicket {
    const Ticket* ticket;
    std::string category;
    bool priority;
    TimeMs waitedMs;
    int toWindow;   // transferred to this window only (0: any)
    int position;   // in its category's service order, 0 = next
};

struct OpenWindow {
    const Window* window;
    TimeMs availableInMs;  // 0 when free now; the rest of the current service; a pause's expected rest
    bool closed;
};

struct Snapshot {
    std::vector<WaitingTicket> waiting;  // category by category, each in service order
    std::map<std::string, std::vector<std::size_t>> byCategory;
    std::vector<OpenWindow> windows;
    std::vector<lobby::CategoryStatus> categories;
};

TimeMs pauseRestMs(const Window& w, TimeMs now) {
    // How long pauses last when nothing says otherwise: lunch an hour, a break a quarter, a fault twenty minutes;
    // less what has passed of it (at least a minute more: it has not ended yet).
    TimeMs typical = w.pauseReason == "LUNCH" ? 60 * 60'000 : w.pauseReason == "FAULT" ? 20 * 60'000 : 15 * 60'000;
    TimeMs passed = w.pausedSince && now > *w.pausedSince ? now - *w.pausedSince : 0;
    return std::max<TimeMs>(60'000, typical - passed);
}

Snapshot snapshot(const Lobby& lobby, TimeMs now) {
    Snapshot s;
    s.categories = lobby.categories();
    for (const auto& c : s.categories) {
        int position = 0;
        for (const Ticket* t : lobby.waiting(c.config.code)) {
            TimeMs waited = t->issuedAt && now > *t->issuedAt ? now - *t->issuedAt : 0;
            s.byCategory[c.config.code].push_back(s.waiting.size());
            s.waiting.push_back({t, c.config.code, t->priority, waited, t->transferredToWindow, position++});
        }
    }
    for (const Window* w : lobby.windows()) {
        OpenWindow ow{w, 0, w->state == WindowState::Closed};
        if (w->state == WindowState::Paused) ow.availableInMs = pauseRestMs(*w, now);
        s.windows.push_back(ow);
    }
    return s;
}

bool serves(const Window& w, const std::string& category) {
    return std::find(w.serves.begin(), w.serves.end(), category) != w.serves.end();
}

// ---- shared figures ----

struct Speeds {
    const History& history;
    const Priors& priors;
    std::map<std::string, std::pair<double, double>> today;  // per category: services finished today, their sum

    // `known`: the history holds the true means (the benchmark's oracle); nothing is learned from today.
    Speeds(const History& h, const Priors& p, const Lobby& lobby, bool known = false) : history(h), priors(p) {
        if (known) return;
        for (const Window* w : lobby.windows())
            for (std::size_t i = 0; i < w->serviceTimesMs.size() && i < w->serviceCategories.size(); ++i) {
                auto& [n, sum] = today[w->serviceCategories[i]];
                n += 1;
                sum += static_cast<double>(w->serviceTimesMs[i]);
            }
        for (const Window* w : lobby.windows()) factors[w] = paceOf(*w);
    }
    // The category's mean service: past days' (or the prior) blended with today's as it comes in; the prior
    // weighs as much as five of today's services, history as much as up to fifty.
    double categoryMeanMs(const std::string& c) const {
        double prior = priors.serviceMs(c), weight = 5;
        if (const CategoryHistory* h = history.of(c); h && h->meanServiceMs > 0) {
            prior = h->meanServiceMs;
            weight = std::clamp(h->services, 5.0, 50.0);
        }
        auto it = today.find(c);
        if (it == today.end()) return prior;
        return (it->second.second + weight * prior) / (it->second.first + weight);
    }
    double windowFactor(const Window& w) const {
        auto it = factors.find(&w);
        return it != factors.end() ? it->second : 1.0;
    }
    double serviceCv(const std::string& c) const {
        if (const CategoryHistory* h = history.of(c); h && h->serviceCv > 0) return h->serviceCv;
        return priors.serviceCv;
    }
    std::map<const Window*, double> factors;

    // A window's own pace today: its services against its categories' means, shrunk towards 1 while it has
    // served few customers (five services weigh as much as the prior).
    double paceOf(const Window& w) const {
        double spent = 0, expected = 0, n = 0;
        for (std::size_t i = 0; i < w.serviceTimesMs.size() && i < w.serviceCategories.size(); ++i) {
            spent += static_cast<double>(w.serviceTimesMs[i]);
            expected += categoryMeanMs(w.serviceCategories[i]);
            n += 1;
        }
        if (n == 0 || expected <= 0) return 1.0;
        return std::clamp((n * spent / expected + 5.0) / (n + 5.0), 0.3, 3.0);
    }
};

// Completed services per ms that the open windows give a category, counting a window fully for its first
// category and for later ones only while the earlier queues are empty.
double capacityPerMs(const Snapshot& s, const Speeds& speeds, const std::string& category) {
    double capacity = 0;
    for (const auto& ow : s.windows) {
        const Window& w = *ow.window;
        if (ow.closed || w.state != WindowState::Open || !serves(w, category)) continue;
        double share = 1.0;
        for (const auto& earlier : w.serves) {
            if (earlier == category) break;
            auto it = s.byCategory.find(earlier);
            if (it != s.byCategory.end() && !it->second.empty()) share = 0.25;
        }
        capacity += share / (speeds.categoryMeanMs(category) * speeds.windowFactor(w));
    }
    return capacity;
}

const lobby::CategoryConfig& thresholdsOf(const Snapshot& s, const std::string& category) {
    for (const auto& c : s.categories)
        if (c.config.code == category) return c.config;
    static const lobby::CategoryConfig defaults;
    return defaults;
}

int quarterOfDay(TimeMs t, int utcOffsetMinutes) {
    std::int64_t minute = ((t / 60'000 + utcOffsetMinutes) % 1440 + 1440) % 1440;
    return static_cast<int>(minute / 15);
}

// Arrivals per ms of a category over the coming quarter-hours: past days' rate at this time of day, scaled by
// how today's last hour compares with the same hour in the past (shrunk: ten tickets' worth of doubt); without
// history, today's last hour of issues.
struct ArrivalForecast {
    std::vector<double> perMs;  // one per quarter-hour from the current one on
    TimeMs firstQuarterEnds = 0;
};

ArrivalForecast arrivalsAhead(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes,
                              int quarters, bool known = false) {
    ArrivalForecast out;
    TimeMs quarterMs = 15 * 60'000;
    std::int64_t local = now + static_cast<TimeMs>(utcOffsetMinutes) * 60'000;
    out.firstQuarterEnds = now + (quarterMs - ((local % quarterMs) + quarterMs) % quarterMs);
    int q0 = quarterOfDay(now, utcOffsetMinutes);
    const double hourMs = 60 * kMinuteMs;
    if (const CategoryHistory* h = history.of(c.config.code); h && history.days > 0) {
        double expectedLastHour = 0;
        for (int k = 1; k <= 4; ++k) expectedLastHour += h->perHourByQuarter[static_cast<std::size_t>((q0 - k + 96) % 96)] / 4;
        double level = known ? 1.0 : (c.issuedLastHour + 10.0) / (expectedLastHour + 10.0);
        for (int k = 0; k < quarters; ++k) {
            int q = q0 + k;
            out.perMs.push_back(q < 96 ? h->perHourByQuarter[static_cast<std::size_t>(q)] * level / hourMs : 0.0);
        }
        return out;
    }
    out.perMs.assign(static_cast<std::size_t>(quarters), static_cast<double>(c.issuedLastHour) / hourMs);
    return out;
}

double arrivalsPerMs(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes) {
    return arrivalsAhead(c, history, now, utcOffsetMinutes, 1).perMs.front();
}

// Fill a forecast from a mean and a standard deviation of the remaining wait (normal approximation).
void fromMoments(TicketForecast& f, double meanMs, double sdMs, const lobby::CategoryConfig& thresholds) {
    f.expectedRemainingMs = static_cast<TimeMs>(meanMs);
    f.lowMs = static_cast<TimeMs>(std::max(0.0, meanMs - 1.2816 * sdMs));
    f.highMs = static_cast<TimeMs>(meanMs + 1.2816 * sdMs);
    auto p = [&](int minutes) {
        double left = minutes * kMinuteMs - static_cast<double>(f.waitedMs);
        if (sdMs <= 0) return meanMs > left ? 1.0 : 0.0;
        return 1.0 - normalCdf((left - meanMs) / sdMs);
    };
    f.pTarget = p(thresholds.targetMin);
    f.pWarning = std::min(f.pTarget, p(thresholds.warningMin));
    f.pLimit = std::min(f.pWarning, p(thresholds.limitMin));
}

// ---- the analytical estimators ----

enum class Kind { Baseline, Queue, QueueAbandon, Les, Hol };

class Analytical : public Estimator {
public:
    Analytical(Kind kind, History history, Priors priors) : kind_(kind), history_(std::move(history)), priors_(priors) {}
    const char* name() const override {
        switch (kind_) {
        case Kind::Baseline: return "baseline";
        case Kind::Queue: return "queue";
        case Kind::QueueAbandon: return "queue_abandon";
        case Kind::Les: return "les";
        case Kind::Hol: return "hol";
        }
        return "baseline";
    }

    Forecast forecast(const Lobby& lobby, TimeMs now) const override {
        Snapshot s = snapshot(lobby, now);
        Speeds speeds(history_, priors_, lobby);
        Forecast out;
        out.at = now;
        out.method = name();
        for (const auto& c : s.categories) {
            const std::string& code = c.config.code;
            const auto& indices = s.byCategory[code];
            int queueLength = static_cast<int>(indices.size());
            for (std::size_t k = 0; k <= indices.size(); ++k) {
                bool phantom = k == indices.size();  // a ticket issued now, at the end of the queue
                TicketForecast f;
                f.category = code;
                if (!phantom) {
                    const WaitingTicket& w = s.waiting[indices[k]];
                    f.ticket = w.ticket->label;
                    f.waitedMs = w.waitedMs;
                }
                f.ahead = static_cast<int>(k);
                std::optional<std::pair<double, double>> moments = estimate(s, speeds, c, static_cast<int>(k), queueLength, f.waitedMs, now, lobby);
                if (phantom) {
                    CategoryForecast cf;
                    cf.category = code;
                    cf.ahead = f.ahead;
                    if (moments) {
                        fromMoments(f, moments->first, moments->second, c.config);
                        cf.waitIfIssuedNowMs = f.expectedRemainingMs;
                        cf.lowMs = f.lowMs;
                        cf.highMs = f.highMs;
                    }
                    out.categories.push_back(cf);
                } else if (moments) {
                    fromMoments(f, moments->first, moments->second, c.config);
                    out.tickets.push_back(f);
                }
            }
        }
        return out;
    }

private:
    // Mean and standard deviation of the remaining wait of the ticket at `position`; nullopt when no open window
    // serves the category.
    std::optional<std::pair<double, double>> estimate(const Snapshot& s, const Speeds& speeds,
                                                      const lobby::CategoryStatus& c, int position, int queueLength,
                                                      TimeMs waitedMs, TimeMs now, const Lobby& lobby) const {
        const std::string& code = c.config.code;
        if (capacityPerMs(s, speeds, code) <= 0) return std::nullopt;  // no open window serves it
        switch (kind_) {
        case Kind::Baseline: {
            int open = 0;
            for (const auto& ow : s.windows)
                if (!ow.closed && ow.window->state == WindowState::Open && serves(*ow.window, code)) ++open;
            if (open == 0) return std::nullopt;
            double mean = (position + 1) * speeds.categoryMeanMs(code) / open;
            return std::make_pair(mean, 0.0);
        }
        case Kind::Queue:
        case Kind::QueueAbandon: {
            double mu = capacityPerMs(s, speeds, code);
            if (mu <= 0) return std::nullopt;
            double ahead = position;
            if (kind_ == Kind::QueueAbandon) {
                // Each ticket ahead is still there at its turn with the chance that its patience lasts.
                ahead = 0;
                const auto& indices = s.byCategory.at(code);
                double sigma = std::sqrt(std::log(1 + priors_.patienceCv * priors_.patienceCv));
                double muLog = std::log(history_.patienceMeanMs > 0 ? history_.patienceMeanMs : priors_.patienceMeanMs) - sigma * sigma / 2;
                auto survive = [&](double t) { return t <= 0 ? 1.0 : 1.0 - normalCdf((std::log(t) - muLog) / sigma); };
                for (int j = 0; j < position; ++j) {
                    double waited = static_cast<double>(s.waiting[indices[static_cast<std::size_t>(j)]].waitedMs);
                    double turn = waited + (j + 1) / mu;
                    double base = survive(waited);
                    ahead += base > 0 ? survive(turn) / base : 0.0;
                }
            }
            // VIPs who arrive while it waits go ahead of an ordinary ticket.
            double vipPerMs = 0;
            if (code != "V")
                if (auto v = lobby.category("V")) vipPerMs = arrivalsPerMs(*v, history_, now, lobby.config().utcOffsetMinutes);
            double mean = (ahead + 1) / mu;
            if (vipPerMs > 0 && vipPerMs < mu) mean = mean / (1 - vipPerMs / mu);
            double sd = mean / std::sqrt(ahead + 1);
            return std::make_pair(mean, sd);
        }
        case Kind::Les: {
            if (c.waitsLastHourMs.empty()) return std::nullopt;
            // The wait of the last ticket called is what a new ticket is told; one already waiting, the rest of it.
            double les = static_cast<double>(c.waitsLastHourMs.back());
            double remaining = position >= queueLength ? les : std::max(0.0, les - static_cast<double>(waitedMs));
            return std::make_pair(remaining, 0.0);
        }
        case Kind::Hol: {
            if (queueLength == 0) return std::make_pair(0.0, 0.0);
            // The head of the line has waited this long; a ticket further back is told its share of it.
            double hol = static_cast<double>(c.longestWaitMs);
            double remaining = hol * std::min(position + 1, queueLength) / queueLength;
            return std::make_pair(remaining, 0.0);
        }
        }
        return std::nullopt;
    }

    Kind kind_;
    History history_;
    Priors priors_;
};

// ---- Monte Carlo ----

// A small, fast generator (xoshiro256**, seeded by splitmix64): each run of the roll-forward has its own stream,
// seeded from the estimator's seed, the time and the run's number, so that a run draws the same whichever thread
// runs it and whether or not it stops early at the one ticket asked about.
class RunDice {
public:
    explicit RunDice(std::uint64_t seed) {
        for (auto& word : s_) {
            seed += std::uint64_t{0x9e3779b97f4a7c15U};
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * std::uint64_t{0xbf58476d1ce4e5b9U};
            z = (z ^ (z >> 27)) * std::uint64_t{0x94d049bb133111ebU};
            word = z ^ (z >> 31);
        }
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double gauss() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u, v, q;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = std::sqrt(-2 * std::log(q) / q);
        spare_ = v * f;
        hasSpare_ = true;
        return u * f;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next() {
        std::uint64_t result = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    std::array<std::uint64_t, 4> s_{};
    double spare_ = 0;
    bool hasSpare_ = false;
};

class MonteCarlo : public Estimator {
public:
    MonteCarlo(History history, Priors priors, std::uint64_t seed, MonteCarloOptions options)
        : history_(std::move(history)), priors_(priors), seed_(seed), options_(options) {}
    const char* name() const override { return options_.knownParameters ? "oracle" : "montecarlo"; }

    Forecast forecast(const Lobby& lobby, TimeMs now) const override { return roll(lobby, now, nullptr); }

    // The same runs, each stopped as soon as this ticket is called; a ticket that an idle window calls at once
    // in every run is answered without running them.
    std::optional<TicketForecast> forecastTicket(const Lobby& lobby, TimeMs now, const std::string& label) const override {
        Forecast f = roll(lobby, now, &label);
        if (const TicketForecast* t = f.ticket(label)) return *t;
        return std::nullopt;
    }

private:
    // Categories by index: mean service, its spread, its doubt, and the arrivals to expect.
    struct Cat {
        double meanMs, sigma, doubt;
        ArrivalForecast arrivals;
    };
    // Windows: categories by index, pace, when each is next free, and when it is away (learned usual pauses).
    struct Win {
        int number;
        std::vector<std::size_t> serves;
        double factor;
        double freeAt;                         // before the service in progress is drawn
        std::optional<std::size_t> inService;  // category of the customer at the window
        double servedSoFar = 0;
        std::vector<std::pair<double, double>> away;  // [from, to) relative to now; `to` = horizon: closed
    };
    // Everyone already waiting, then one ticket "issued now" per category, each category in service order.
    struct Person {
        std::size_t cat;
        double waitedMs;
        int toWindow;
        bool phantom;
    };
    // What every run starts from.
    struct Start {
        TimeMs now = 0;
        double horizon = 0;
        std::vector<Cat> cats;
        std::vector<Win> wins;
        std::vector<Person> base;
        std::vector<std::vector<std::size_t>> queueOf;
        std::vector<std::size_t> sentToWindow;
        std::vector<std::size_t> phantomOf;
        std::vector<double> patienceFloor;  // P(patience <= the wait so far)
        double patienceMean = 0, patienceSigma = 0, patienceMu = 0, walkMs = 0, noShowMs = 0, arrivalDoubt = 0;
    };

    Start prepare(const Snapshot& s, const Lobby& lobby, TimeMs now) const {
        const Speeds speeds(history_, priors_, lobby, options_.knownParameters);
        const int utcOffset = lobby.config().utcOffsetMinutes;
        Start st;
        st.now = now;
        st.horizon = static_cast<double>(kHorizonMs);
        const std::size_t nc = s.categories.size();
        std::map<std::string, std::size_t> indexOf;
        for (std::size_t ci = 0; ci < nc; ++ci) {
            const auto& c = s.categories[ci];
            indexOf[c.config.code] = ci;
            double cv = speeds.serviceCv(c.config.code);
            double n = 5;
            if (auto it = speeds.today.find(c.config.code); it != speeds.today.end()) n += it->second.first;
            if (const CategoryHistory* h = history_.of(c.config.code)) n += std::min(h->services, 50.0);
            // How unsure the mean is: its sampling error, and kModelDoubt for all the model does not know.
            double doubt = options_.knownParameters ? 0.0 : std::sqrt(cv * cv / n + kModelDoubt * kModelDoubt);
            st.cats.push_back({speeds.categoryMeanMs(c.config.code), std::sqrt(std::log(1 + cv * cv)), doubt,
                               arrivalsAhead(c, history_, now, utcOffset, static_cast<int>(kHorizonMs / (15 * 60'000)) + 2,
                                             options_.knownParameters)});
        }
        std::int64_t minuteNow = ((now / 60'000 + utcOffset) % 1440 + 1440) % 1440;
        double msIntoMinute = static_cast<double>(((now % 60'000) + 60'000) % 60'000);
        auto relative = [&](int minuteOfDay) { return (minuteOfDay - static_cast<double>(minuteNow)) * kMinuteMs - msIntoMinute; };
        for (const auto& ow : s.windows) {
            const Window& w = *ow.window;
            Win win{w.number, {}, options_.knownParameters ? 1.0 : speeds.windowFactor(w), static_cast<double>(ow.availableInMs), {}, 0, {}};
            if (ow.closed) {
                // Closed now, but it usually opens later today (the staff come in one by one): it serves from then.
                const WindowHistory* h = history_.window(w.number);
                if (!h || h->openMin <= minuteNow || h->closeMin <= h->openMin) continue;
                win.freeAt = relative(h->openMin);
            }
            for (const auto& code : w.serves)
                if (auto it = indexOf.find(code); it != indexOf.end()) win.serves.push_back(it->second);
            if (const WindowHistory* h = history_.window(w.number)) {
                for (const auto& [from, to] : h->pauses) {
                    if (w.state == WindowState::Paused && from <= minuteNow && minuteNow < to) {
                        win.freeAt = std::max(kMinuteMs, relative(to));  // back when the usual pause ends
                    } else if (from > minuteNow) {
                        win.away.push_back({relative(from), relative(to)});
                    }
                }
                if (h->closeMin > minuteNow) win.away.push_back({relative(h->closeMin), st.horizon * 2});
            }
            if (!w.ticket.empty() && w.ticketSince) {
                const Ticket* t = lobby.ticket(w.ticket);
                std::string code = t ? t->category : (w.serves.empty() ? "A" : w.serves.front());
                if (auto it = indexOf.find(code); it != indexOf.end()) win.inService = it->second;
                win.servedSoFar = static_cast<double>(now - *w.ticketSince);
            }
            st.wins.push_back(std::move(win));
        }
        st.queueOf.resize(nc);
        for (const auto& w : s.waiting) {
            std::size_t ci = indexOf[w.category];
            st.queueOf[ci].push_back(st.base.size());
            if (w.toWindow != 0) st.sentToWindow.push_back(st.base.size());
            st.base.push_back({ci, static_cast<double>(w.waitedMs), w.toWindow, false});
        }
        st.phantomOf.resize(nc);
        for (std::size_t ci = 0; ci < nc; ++ci) {
            st.phantomOf[ci] = st.base.size();
            st.queueOf[ci].push_back(st.base.size());
            st.base.push_back({ci, 0.0, 0, true});
        }
        st.patienceMean = history_.patienceMeanMs > 0 ? history_.patienceMeanMs : priors_.patienceMeanMs;
        st.walkMs = history_.walkMs > 0 ? history_.walkMs : options_.walkMs;
        st.noShowMs = history_.noShowMs > 0 ? history_.noShowMs : options_.noShowMs;
        st.patienceSigma = std::sqrt(std::log(1 + priors_.patienceCv * priors_.patienceCv));
        st.patienceMu = std::log(st.patienceMean) - st.patienceSigma * st.patienceSigma / 2;
        st.patienceFloor.assign(st.base.size(), 0.0);
        for (std::size_t i = 0; i < st.base.size(); ++i)
            if (st.base[i].waitedMs > 0)
                st.patienceFloor[i] = normalCdf((std::log(st.base[i].waitedMs) - st.patienceMu) / st.patienceSigma);
        st.arrivalDoubt = options_.knownParameters ? 0.0 : kArrivalDoubt;
        return st;
    }

    // An idle open window whose earlier categories have no one waiting calls the ticket at once in every run
    // when it is first in its queue (and not sent elsewhere): the roll-forward would say 0 every time.
    static bool calledAtOnce(const Start& st, std::size_t target) {
        const Person& p = st.base[target];
        if (p.toWindow != 0 || st.queueOf[p.cat].front() != target) return false;
        for (const Win& w : st.wins) {
            if (w.freeAt > 0 || w.inService) continue;
            bool sent = false;
            for (const auto& [from, to] : w.away) sent = sent || (from <= 0 && 0 < to);
            for (std::size_t i : st.sentToWindow) sent = sent || st.base[i].toWindow == w.number;
            if (sent) continue;
            for (std::size_t ci : w.serves) {
                if (ci == p.cat) return true;
                if (st.queueOf[ci].front() != st.phantomOf[ci]) break;  // someone of an earlier category is there
            }
        }
        return false;
    }

    // Runs [from, to): the call time of each person (relative to now) into calls[run * n + i], -1 when never
    // called (gone), the horizon when not called within it. `target` < n: stop a run once it is called.
    void runs(const Start& st, int from, int to, std::size_t target, std::vector<double>& calls) const {
        const std::size_t nc = st.cats.size(), n = st.base.size();
        const double horizon = st.horizon;
        std::vector<double> leaves(n), called(n);
        std::vector<char> taken(n);
        std::vector<double> serviceMean(nc), arrivalLevel(nc), nextArrival(nc);
        std::vector<std::size_t> head(nc), arrivalHead(nc);
        std::vector<std::vector<double>> arrivals(nc);
        using Slot = std::pair<double, std::size_t>;  // (free at, window index)
        std::vector<Slot> heapStore;
        heapStore.reserve(st.wins.size() * 2);
        for (int run = from; run < to; ++run) {
            const std::uint64_t golden = 0x9e3779b97f4a7c15U, other = 0xd1b54a32d192ed03U;
            const std::uint64_t runSeed = (seed_ * golden) ^ (static_cast<std::uint64_t>(st.now) * other) ^ static_cast<std::uint64_t>(run);
            RunDice dice(runSeed);
            auto lognormal = [&](double mean, double sigma) { return mean * std::exp(sigma * dice.gauss() - sigma * sigma / 2); };
            // A lognormal draw given that it is past `already` (a service running this long, a patience that has lasted).
            auto lognormalBeyond = [&](double mean, double sigma, double already) {
                if (already <= 0 || sigma <= 0) return std::max(already, lognormal(mean, sigma));
                double mu = std::log(mean) - sigma * sigma / 2;
                double p0 = normalCdf((std::log(already) - mu) / sigma);
                double u = p0 + (1 - p0) * dice.uniform();
                return std::max(already, std::exp(mu + sigma * normalQuantile(u)));
            };
            // The next arrival of a category after `t`: an exponential clock run through the quarter-hours' rates.
            auto drawNext = [&](std::size_t ci, double t) {
                const ArrivalForecast& a = st.cats[ci].arrivals;
                double need = -std::log(1 - dice.uniform());
                while (t < horizon) {
                    double qEnd = static_cast<double>(a.firstQuarterEnds - st.now);
                    std::size_t q = 0;
                    if (t >= qEnd) {
                        q = 1 + static_cast<std::size_t>((t - qEnd) / (15 * kMinuteMs));
                        qEnd += static_cast<double>(q) * 15 * kMinuteMs;
                    }
                    if (q >= a.perMs.size()) break;
                    double rate = a.perMs[q] * arrivalLevel[ci];
                    if (rate > 0 && need <= rate * (qEnd - t)) return t + need / rate;
                    need -= rate * (qEnd - t);
                    t = qEnd;
                }
                return 1e18;
            };
            for (std::size_t ci = 0; ci < nc; ++ci) {
                const Cat& c = st.cats[ci];
                serviceMean[ci] = c.doubt > 0 ? lognormal(c.meanMs, c.doubt) : c.meanMs;
                arrivalLevel[ci] = st.arrivalDoubt > 0 ? lognormal(1.0, st.arrivalDoubt) : 1.0;
                head[ci] = arrivalHead[ci] = 0;
                arrivals[ci].clear();
                nextArrival[ci] = drawNext(ci, 0.0);
            }
            std::fill(taken.begin(), taken.end(), 0);
            std::fill(called.begin(), called.end(), -1.0);
            for (std::size_t i = 0; i < n; ++i) {
                leaves[i] = 1e18;
                if (st.base[i].phantom) continue;
                // Patience given that it has lasted the wait so far: a quantile drawn beyond the wait's.
                double u = st.patienceFloor[i] + (1 - st.patienceFloor[i]) * dice.uniform();
                leaves[i] = std::max(0.0, std::exp(st.patienceMu + st.patienceSigma * normalQuantile(u)) - st.base[i].waitedMs);
            }
            auto serviceMs = [&](std::size_t ci, double factor) { return lognormal(serviceMean[ci] * factor, st.cats[ci].sigma); };
            heapStore.clear();
            std::priority_queue<Slot, std::vector<Slot>, std::greater<>> free(std::greater<>(), std::move(heapStore));
            for (std::size_t wi = 0; wi < st.wins.size(); ++wi) {
                const Win& w = st.wins[wi];
                double at = w.freeAt;
                if (w.inService) {
                    // The customer at the window: the rest of a service that has run this long.
                    double mean = serviceMean[*w.inService] * w.factor;
                    at += lognormalBeyond(mean, st.cats[*w.inService].sigma, w.servedSoFar) - w.servedSoFar;
                }
                free.push({at, wi});
            }
            std::size_t remaining = n;
            auto take = [&](std::size_t i, double t) {
                taken[i] = 1;
                called[i] = t;
                --remaining;
            };
            while (!free.empty() && remaining > 0 && (target >= n || !taken[target])) {
                auto [t, wi] = free.top();
                free.pop();
                if (t > horizon) break;
                const Win& w = st.wins[wi];
                // Away (a usual pause, or closed for the day): back at the end of it.
                bool away = false;
                for (const auto& [awayFrom, awayTo] : w.away)
                    if (awayFrom <= t && t < awayTo) {
                        if (awayTo < horizon) free.push({awayTo, wi});
                        away = true;
                        break;
                    }
                if (away) continue;
                // Who is next here: someone sent to this window, else the first of its categories with someone
                // present, VIP first, then by issue time (as the lobby model calls).
                std::optional<std::size_t> next;     // a waiting ticket (index in base)
                std::optional<std::size_t> arrival;  // or a new arrival of this category
                double soonest = 1e18;
                // A call in vain (the customer has gone) keeps the window that long; then it calls again, as an
                // event of its own, so that the other windows go on calling meanwhile.
                bool inVain = false;
                for (std::size_t i : st.sentToWindow)
                    if (!taken[i] && st.base[i].toWindow == w.number) {
                        next = i;
                        break;
                    }
                for (std::size_t ci : w.serves) {
                    if (next || arrival) break;
                    const auto& q = st.queueOf[ci];
                    std::size_t& h = head[ci];
                    while (h < q.size() && taken[q[h]]) ++h;
                    for (std::size_t k = h; k < q.size() && !next; ++k) {
                        std::size_t i = q[k];
                        if (taken[i] || (st.base[i].toWindow != 0 && st.base[i].toWindow != w.number)) continue;
                        next = i;
                    }
                    if (next) break;
                    while (!arrival) {
                        while (nextArrival[ci] <= t) {
                            arrivals[ci].push_back(nextArrival[ci]);
                            nextArrival[ci] = drawNext(ci, nextArrival[ci]);
                        }
                        if (arrivalHead[ci] >= arrivals[ci].size()) {
                            soonest = std::min(soonest, nextArrival[ci]);
                            break;
                        }
                        // Those who come later give up too: if this one's patience ran out, a call in vain.
                        double waited = t - arrivals[ci][arrivalHead[ci]++];
                        if (waited > 60'000 && lognormal(st.patienceMean, st.patienceSigma) < waited) inVain = true;
                        arrival = ci;
                    }
                }
                if (next && !st.base[*next].phantom && leaves[*next] <= t) inVain = true;
                if (inVain) {
                    if (next) take(*next, t);
                    free.push({t + st.noShowMs, wi});
                    continue;
                }
                std::size_t servedCat;
                if (next && st.base[*next].phantom) {
                    // A ticket "issued now" only asks when it would be called: it takes no one's window time.
                    take(*next, t);
                    free.push({t, wi});
                    continue;
                }
                if (next) {
                    take(*next, t);
                    servedCat = st.base[*next].cat;
                } else if (arrival) {
                    servedCat = *arrival;
                } else {
                    if (soonest < horizon) free.push({soonest, wi});
                    continue;
                }
                free.push({t + st.walkMs + serviceMs(servedCat, w.factor), wi});
            }
            for (std::size_t i = 0; i < n; ++i) {
                double& out = calls[static_cast<std::size_t>(run) * n + i];
                if (called[i] >= 0 && (target >= n || i == target)) out = called[i];
                else if (leaves[i] > 1e17 && (target >= n || i == target)) out = horizon;
                else out = -1;  // gone before its turn (or not followed in this run)
            }
        }
    }

    Forecast roll(const Lobby& lobby, TimeMs now, const std::string* only) const {
        const Snapshot s = snapshot(lobby, now);
        const Start st = prepare(s, lobby, now);
        const std::size_t n = st.base.size();
        std::size_t target = n;
        if (only) {
            for (std::size_t i = 0; i < s.waiting.size(); ++i)
                if (s.waiting[i].ticket->label == *only) target = i;
            if (target == n) return Forecast{now, name(), {}, {}};
        }
        const int nRuns = options_.runs;
        Forecast out;
        out.at = now;
        out.method = name();
        if (target < n && anyWindowServes(s, s.waiting[target].category, s.waiting[target].toWindow) && calledAtOnce(st, target)) {
            const WaitingTicket& w = s.waiting[target];
            TicketForecast f;
            f.ticket = w.ticket->label;
            f.category = w.category;
            f.waitedMs = w.waitedMs;
            f.ahead = w.position;
            const auto& thresholds = thresholdsOf(s, w.category);
            auto over = [&](int minutes) { return static_cast<double>(f.waitedMs) > minutes * kMinuteMs ? 1.0 : 0.0; };
            f.pTarget = over(thresholds.targetMin);
            f.pWarning = over(thresholds.warningMin);
            f.pLimit = over(thresholds.limitMin);
            out.tickets.push_back(f);
            return out;
        }
        std::vector<double> calls(static_cast<std::size_t>(nRuns) * n, -1.0);
        // Two halves of the runs on two threads when there is enough to do (a run draws the same on either).
        const double work = static_cast<double>(nRuns) * static_cast<double>(n + st.wins.size());
        if (options_.threads > 1 && work > 4000 && nRuns > 1) {
            int half = nRuns / 2;
            std::thread other([&] { runs(st, half, nRuns, target, calls); });
            runs(st, 0, half, target, calls);
            other.join();
        } else {
            runs(st, 0, nRuns, target, calls);
        }

        std::vector<double> v;
        v.reserve(static_cast<std::size_t>(nRuns));
        auto summarise = [&](std::size_t i, TicketForecast& f, const lobby::CategoryConfig& thresholds) -> bool {
            v.clear();
            for (int run = 0; run < nRuns; ++run) {
                double x = calls[static_cast<std::size_t>(run) * n + i];
                if (x >= 0) v.push_back(x);
            }
            if (v.empty()) return false;
            double sum = 0;
            for (double x : v) sum += x;
            f.expectedRemainingMs = static_cast<TimeMs>(sum / static_cast<double>(v.size()));
            auto at = [&](std::size_t k) {
                std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
                return static_cast<TimeMs>(v[k]);
            };
            f.lowMs = at(v.size() / 10);
            f.highMs = at(std::min(v.size() - 1, v.size() * 9 / 10));
            auto p = [&](int minutes) {
                double left = minutes * kMinuteMs - static_cast<double>(f.waitedMs);
                auto over = std::count_if(v.begin(), v.end(), [&](double x) { return x > left; });
                return static_cast<double>(over) / static_cast<double>(v.size());
            };
            f.pTarget = p(thresholds.targetMin);
            f.pWarning = p(thresholds.warningMin);
            f.pLimit = p(thresholds.limitMin);
            return true;
        };
        for (std::size_t i = 0; i < s.waiting.size(); ++i) {
            if (target < n && i != target) continue;
            const WaitingTicket& w = s.waiting[i];
            TicketForecast f;
            f.ticket = w.ticket->label;
            f.category = w.category;
            f.waitedMs = w.waitedMs;
            f.ahead = w.position;
            // A category no open or paused window serves: no honest figure.
            if (!anyWindowServes(s, w.category, w.toWindow)) continue;
            if (summarise(i, f, thresholdsOf(s, w.category))) out.tickets.push_back(f);
        }
        if (target < n) return out;
        for (std::size_t ci = 0; ci < st.cats.size(); ++ci) {
            const auto& code = s.categories[ci].config.code;
            CategoryForecast cf;
            cf.category = code;
            cf.ahead = static_cast<int>(s.byCategory.count(code) ? s.byCategory.at(code).size() : 0);
            TicketForecast f;
            f.category = code;
            if (anyWindowServes(s, code, 0) && summarise(st.phantomOf[ci], f, s.categories[ci].config)) {
                cf.waitIfIssuedNowMs = f.expectedRemainingMs;
                cf.lowMs = f.lowMs;
                cf.highMs = f.highMs;
            }
            out.categories.push_back(cf);
        }
        return out;
    }

    // Doubt carried into each run, so that the interval holds what the model does not know: the category means
    // are off by about a tenth beyond their sampling error, the arrival level by about a fifth.
    static constexpr double kModelDoubt = 0.15;
    static constexpr double kArrivalDoubt = 0.20;

    static bool anyWindowServes(const Snapshot& s, const std::string& category, int toWindow) {
        for (const auto& ow : s.windows) {
            if (ow.closed) continue;
            if (toWindow != 0 ? ow.window->number == toWindow : serves(*ow.window, category)) return true;
        }
        return false;
    }

    History history_;
    Priors priors_;
    std::uint64_t seed_;
    MonteCarloOptions options_;
};

}  // namespace

const TicketForecast* Forecast::ticket(const std::string& label) const {
    for (const auto& t : tickets)
        if (t.ticket == label) return &t;
    return nullptr;
}

std::optional<TicketForecast> Estimator::forecastTicket(const Lobby& lobby, TimeMs now, const std::string& label) const {
    Forecast f = forecast(lobby, now);
    if (const TicketForecast* t = f.ticket(label)) return *t;
    return std::nullopt;
}

const CategoryForecast* Forecast::category(const std::string& code) const {
    for (const auto& c : categories)
        if (c.category == code) return &c;
    return nullptr;
}

const CategoryHistory* History::of(const std::string& code) const {
    for (const auto& [c, h] : categories)
        if (c == code) return &h;
    return nullptr;
}

const WindowHistory* History::window(int number) const {
    for (const auto& [n, h] : windows)
        if (n == number) return &h;
    return nullptr;
}

double Priors::serviceMs(const std::string& category) const {
    if (category == "B") return 12 * kMinuteMs;
    if (category == "V") return 8 * kMinuteMs;
    return 4 * kMinuteMs;
}

std::vector<std::string> estimatorNames() { return {"baseline", "queue", "queue_abandon", "les", "hol", "montecarlo"}; }

std::unique_ptr<Estimator> makeEstimator(const std::string& name, const History& history, Priors priors,
                                         std::uint64_t seed) {
    if (name == "baseline") return std::make_unique<Analytical>(Kind::Baseline, history, priors);
    if (name == "queue") return std::make_unique<Analytical>(Kind::Queue, history, priors);
    if (name == "queue_abandon") return std::make_unique<Analytical>(Kind::QueueAbandon, history, priors);
    if (name == "les") return std::make_unique<Analytical>(Kind::Les, history, priors);
    if (name == "hol") return std::make_unique<Analytical>(Kind::Hol, history, priors);
    if (name == "montecarlo") return std::make_unique<MonteCarlo>(history, priors, seed, MonteCarloOptions{});
    return nullptr;
}

std::unique_ptr<Estimator> makeMonteCarlo(const History& history, Priors priors, MonteCarloOptions options,
                                          std::uint64_t seed) {
    return std::make_unique<MonteCarlo>(history, priors, seed, options);
}

double erlangC(int servers, double a) {
    if (servers <= 0) return 1.0;
    if (a <= 0) return 0.0;
    if (a >= servers) return 1.0;
    // Erlang B by the stable recursion, then C from B.
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
    double rho = a / servers;
    return b / (1 - rho + rho * b);
}

int serversForMeanWait(double arrivalsPerMs, double serviceMs, double targetWaitMs) {
    double a = arrivalsPerMs * serviceMs;
    if (a <= 0) return 0;
    int c = static_cast<int>(std::floor(a)) + 1;
    for (; c < 1000; ++c) {
        double wq = erlangC(c, a) * serviceMs / (c - a);
        if (wq <= targetWaitMs) return c;
    }
    return c;
}

}  // namespace lw::forecast
