// The estimators: the ticketing formula, queue-length (with priority, with abandonment), LES, HOL, and a seeded
// Monte-Carlo roll-forward of the lobby's real service order.
#include "Forecast.h"

#include "Window.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <random>

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

class MonteCarlo : public Estimator {
public:
    MonteCarlo(History history, Priors priors, std::uint64_t seed, MonteCarloOptions options)
        : history_(std::move(history)), priors_(priors), seed_(seed), options_(options) {}
    const char* name() const override { return options_.knownParameters ? "oracle" : "montecarlo"; }

    Forecast forecast(const Lobby& lobby, TimeMs now) const override {
        const Snapshot s = snapshot(lobby, now);
        const Speeds speeds(history_, priors_, lobby, options_.knownParameters);
        const int utcOffset = lobby.config().utcOffsetMinutes;
        const double horizon = static_cast<double>(kHorizonMs);
        std::mt19937_64 rng(seed_ ^ static_cast<std::uint64_t>(now));
        std::normal_distribution<double> gauss(0.0, 1.0);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        auto lognormal = [&](double mean, double sigma) { return mean * std::exp(sigma * gauss(rng) - sigma * sigma / 2); };
        // A lognormal draw given that it is past `already` (a service running this long, a patience that has lasted).
        auto lognormalBeyond = [&](double mean, double sigma, double already) {
            if (already <= 0 || sigma <= 0) return std::max(already, lognormal(mean, sigma));
            double mu = std::log(mean) - sigma * sigma / 2;
            double p0 = normalCdf((std::log(already) - mu) / sigma);
            double u = p0 + (1 - p0) * uniform(rng);
            return std::max(already, std::exp(mu + sigma * normalQuantile(u)));
        };

        // Categories by index: mean service, its spread, its doubt, and the arrivals to expect.
        const std::size_t nc = s.categories.size();
        std::map<std::string, std::size_t> indexOf;
        struct Cat {
            double meanMs, sigma, doubt;
            ArrivalForecast arrivals;
        };
        std::vector<Cat> cats;
        for (std::size_t ci = 0; ci < nc; ++ci) {
            const auto& c = s.categories[ci];
            indexOf[c.config.code] = ci;
            double cv = speeds.serviceCv(c.config.code);
            double n = 5;
            if (auto it = speeds.today.find(c.config.code); it != speeds.today.end()) n += it->second.first;
            if (const CategoryHistory* h = history_.of(c.config.code)) n += std::min(h->services, 50.0);
            // How unsure the mean is: its sampling error, and kModelDoubt for all the model does not know.
            double doubt = options_.knownParameters ? 0.0 : std::sqrt(cv * cv / n + kModelDoubt * kModelDoubt);
            cats.push_back({speeds.categoryMeanMs(c.config.code), std::sqrt(std::log(1 + cv * cv)), doubt,
                            arrivalsAhead(c, history_, now, utcOffset, static_cast<int>(kHorizonMs / (15 * 60'000)) + 2,
                                          options_.knownParameters)});
        }

        // Windows: categories by index, pace, when each is next free, and when it is away (learned usual pauses).
        struct Win {
            int number;
            std::vector<std::size_t> serves;
            double factor;
            double freeAt;                 // before the service in progress is drawn
            std::optional<std::size_t> inService;  // category of the customer at the window
            double servedSoFar = 0;
            std::vector<std::pair<double, double>> away;  // [from, to) relative to now; `to` = horizon: closed
        };
        std::vector<Win> wins;
        std::int64_t minuteNow = ((now / 60'000 + utcOffset) % 1440 + 1440) % 1440;
        double msIntoMinute = static_cast<double>(((now % 60'000) + 60'000) % 60'000);
        auto relative = [&](int minuteOfDay) { return (minuteOfDay - static_cast<double>(minuteNow)) * kMinuteMs - msIntoMinute; };
        for (const auto& ow : s.windows) {
            if (ow.closed) continue;
            const Window& w = *ow.window;
            Win win{w.number, {}, options_.knownParameters ? 1.0 : speeds.windowFactor(w), static_cast<double>(ow.availableInMs), {}, 0, {}};
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
                if (h->closeMin > minuteNow) win.away.push_back({relative(h->closeMin), horizon * 2});
            }
            if (!w.ticket.empty() && w.ticketSince) {
                const Ticket* t = lobby.ticket(w.ticket);
                std::string code = t ? t->category : (w.serves.empty() ? "A" : w.serves.front());
                if (auto it = indexOf.find(code); it != indexOf.end()) win.inService = it->second;
                win.servedSoFar = static_cast<double>(now - *w.ticketSince);
            }
            wins.push_back(std::move(win));
        }

        // Everyone already waiting, then one ticket "issued now" per category, each category in service order.
        struct Person {
            std::size_t cat;
            double waitedMs;
            int toWindow;
            bool phantom;
        };
        std::vector<Person> base;
        std::vector<std::vector<std::size_t>> queueOf(nc);
        std::vector<std::size_t> sentToWindow;
        for (const auto& w : s.waiting) {
            std::size_t ci = indexOf[w.category];
            queueOf[ci].push_back(base.size());
            if (w.toWindow != 0) sentToWindow.push_back(base.size());
            base.push_back({ci, static_cast<double>(w.waitedMs), w.toWindow, false});
        }
        std::vector<std::size_t> phantomOf(nc);
        for (std::size_t ci = 0; ci < nc; ++ci) {
            phantomOf[ci] = base.size();
            queueOf[ci].push_back(base.size());
            base.push_back({ci, 0.0, 0, true});
        }

        std::vector<std::vector<double>> callAt(base.size());
        for (auto& v : callAt) v.reserve(static_cast<std::size_t>(options_.runs));
        const double patienceMean = history_.patienceMeanMs > 0 ? history_.patienceMeanMs : priors_.patienceMeanMs;
        const double walkMs = history_.walkMs > 0 ? history_.walkMs : options_.walkMs;
        const double noShowMs = history_.noShowMs > 0 ? history_.noShowMs : options_.noShowMs;
        const double patienceSigma = std::sqrt(std::log(1 + priors_.patienceCv * priors_.patienceCv));
        const double patienceMu = std::log(patienceMean) - patienceSigma * patienceSigma / 2;
        std::vector<double> patienceFloor(base.size(), 0.0);  // P(patience <= the wait so far)
        for (std::size_t i = 0; i < base.size(); ++i)
            if (base[i].waitedMs > 0) patienceFloor[i] = normalCdf((std::log(base[i].waitedMs) - patienceMu) / patienceSigma);
        const double arrivalDoubt = options_.knownParameters ? 0.0 : kArrivalDoubt;

        std::vector<double> leaves(base.size()), called(base.size());
        std::vector<char> taken(base.size());
        std::vector<double> serviceMean(nc), arrivalLevel(nc), nextArrival(nc);
        std::vector<std::size_t> head(nc), arrivalHead(nc);
        std::vector<std::vector<double>> arrivals(nc);
        using Slot = std::pair<double, std::size_t>;  // (free at, window index)
        std::vector<Slot> heapStore;
        heapStore.reserve(wins.size() * 2);

        // The next arrival of a category after `t`: an exponential clock run through the quarter-hours' rates.
        auto drawNext = [&](std::size_t ci, double t) {
            const ArrivalForecast& a = cats[ci].arrivals;
            double need = -std::log(1 - uniform(rng));
            while (t < horizon) {
                double qEnd = static_cast<double>(a.firstQuarterEnds - now);
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

        for (int run = 0; run < options_.runs; ++run) {
            for (std::size_t ci = 0; ci < nc; ++ci) {
                serviceMean[ci] = cats[ci].doubt > 0 ? lognormal(cats[ci].meanMs, cats[ci].doubt) : cats[ci].meanMs;
                arrivalLevel[ci] = arrivalDoubt > 0 ? lognormal(1.0, arrivalDoubt) : 1.0;
                head[ci] = arrivalHead[ci] = 0;
                arrivals[ci].clear();
                nextArrival[ci] = drawNext(ci, 0.0);
            }
            std::fill(taken.begin(), taken.end(), 0);
            std::fill(called.begin(), called.end(), -1.0);
            for (std::size_t i = 0; i < base.size(); ++i) {
                leaves[i] = 1e18;
                if (base[i].phantom) continue;
                // Patience given that it has lasted the wait so far: a quantile drawn beyond the wait's.
                double u = patienceFloor[i] + (1 - patienceFloor[i]) * uniform(rng);
                leaves[i] = std::max(0.0, std::exp(patienceMu + patienceSigma * normalQuantile(u)) - base[i].waitedMs);
            }
            auto serviceMs = [&](std::size_t ci, double factor) { return lognormal(serviceMean[ci] * factor, cats[ci].sigma); };
            std::priority_queue<Slot, std::vector<Slot>, std::greater<>> free(std::greater<>(), heapStore);
            for (std::size_t wi = 0; wi < wins.size(); ++wi) {
                const Win& w = wins[wi];
                double at = w.freeAt;
                if (w.inService) {
                    // The customer at the window: the rest of a service that has run this long.
                    double mean = serviceMean[*w.inService] * w.factor;
                    at += lognormalBeyond(mean, cats[*w.inService].sigma, w.servedSoFar) - w.servedSoFar;
                }
                free.push({at, wi});
            }
            std::size_t remaining = base.size();
            auto take = [&](std::size_t i, double t) {
                taken[i] = 1;
                called[i] = t;
                --remaining;
            };
            while (!free.empty() && remaining > 0) {
                auto [t, wi] = free.top();
                free.pop();
                if (t > horizon) break;
                const Win& w = wins[wi];
                // Away (a usual pause, or closed for the day): back at the end of it.
                bool away = false;
                for (const auto& [from, to] : w.away)
                    if (from <= t && t < to) {
                        if (to < horizon) free.push({to, wi});
                        away = true;
                        break;
                    }
                if (away) continue;
                // Who is next here: someone sent to this window, else the first of its categories with someone
                // present, VIP first, then by issue time (as the lobby model calls).
                std::optional<std::size_t> next;      // a waiting ticket (index in base)
                std::optional<std::size_t> arrival;   // or a new arrival of this category
                double soonest = 1e18;
                // A call in vain (the customer has gone) keeps the window that long; then it calls again, as an
                // event of its own, so that the other windows go on calling meanwhile.
                bool inVain = false;
                for (std::size_t i : sentToWindow)
                    if (!taken[i] && base[i].toWindow == w.number) {
                        next = i;
                        break;
                    }
                for (std::size_t ci : w.serves) {
                    if (next || arrival) break;
                    const auto& q = queueOf[ci];
                    std::size_t& h = head[ci];
                    while (h < q.size() && taken[q[h]]) ++h;
                    for (std::size_t k = h; k < q.size() && !next; ++k) {
                        std::size_t i = q[k];
                        if (taken[i] || (base[i].toWindow != 0 && base[i].toWindow != w.number)) continue;
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
                        if (waited > 60'000 && lognormal(patienceMean, patienceSigma) < waited) inVain = true;
                        arrival = ci;
                    }
                }
                if (next && !base[*next].phantom && leaves[*next] <= t) inVain = true;
                if (inVain) {
                    if (next) take(*next, t);
                    free.push({t + noShowMs, wi});
                    continue;
                }
                std::size_t servedCat;
                if (next && base[*next].phantom) {
                    // A ticket "issued now" only asks when it would be called: it takes no one's window time.
                    take(*next, t);
                    free.push({t, wi});
                    continue;
                }
                if (next) {
                    take(*next, t);
                    servedCat = base[*next].cat;
                } else if (arrival) {
                    servedCat = *arrival;
                } else {
                    if (soonest < horizon) free.push({soonest, wi});
                    continue;
                }
                free.push({t + walkMs + serviceMs(servedCat, w.factor), wi});
            }
            for (std::size_t i = 0; i < base.size(); ++i) {
                if (called[i] >= 0) callAt[i].push_back(called[i]);
                else if (leaves[i] > 1e17) callAt[i].push_back(horizon);
            }
        }

        Forecast out;
        out.at = now;
        out.method = name();
        auto summarise = [&](std::size_t i, TicketForecast& f, const lobby::CategoryConfig& thresholds) -> bool {
            auto& v = callAt[i];
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
        for (std::size_t ci = 0; ci < nc; ++ci) {
            const auto& code = s.categories[ci].config.code;
            CategoryForecast cf;
            cf.category = code;
            cf.ahead = static_cast<int>(s.byCategory.count(code) ? s.byCategory.at(code).size() : 0);
            TicketForecast f;
            f.category = code;
            if (anyWindowServes(s, code, 0) && summarise(phantomOf[ci], f, s.categories[ci].config)) {
                cf.waitIfIssuedNowMs = f.expectedRemainingMs;
                cf.lowMs = f.lowMs;
                cf.highMs = f.highMs;
            }
            out.categories.push_back(cf);
        }
        return out;
    }

private:
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
