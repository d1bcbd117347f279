// The Monte-Carlo roll-forward of the lobby's real service order: what each run starts from, the runs, and the
// forecast (mean, 80% interval, chances past the thresholds) from their call times.
#include "forecast/Estimation.h"
#include "forecast/RunDice.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <thread>

namespace lw::forecast::detail {

namespace {

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
                // Paused now: the usual pause it is on is the one under way, or the one its pause began in (a
                // window busy at the usual start pauses after that customer, and the pause still ends as usual) or
                // began up to a quarter-hour early for. Back when that ends; once that time has come (the return is
                // due but not yet keyed in), within the minute, not a typical pause counted from its own start (a
                // 30-min lunch begun at 12:31 is not over at 13:31); a return already late by more is expected as
                // late again (10 min late: 10 more).
                const int pausedMin = w.pausedSince ? static_cast<int>(((*w.pausedSince / 60'000 + utcOffset) % 1440 + 1440) % 1440)
                                                    : static_cast<int>(minuteNow);
                for (const auto& [from, to] : h->pauses) {
                    const bool onIt = (from <= minuteNow && minuteNow < to) ||
                                      (pausedMin < to && pausedMin + kEarlyPauseMin >= from && pausedMin <= minuteNow);
                    if (w.state == WindowState::Paused && onIt) {
                        win.freeAt = std::max(kMinuteMs, std::abs(relative(to)));  // back when the usual pause ends
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
            TicketForecast f = forecastOf(w);
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
            TicketForecast f = forecastOf(w);
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
    // A pause begun this many minutes before a usual pause is that pause, begun early.
    static constexpr int kEarlyPauseMin = 15;
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

std::unique_ptr<Estimator> makeRollForward(const History& history, Priors priors, std::uint64_t seed, MonteCarloOptions options) {
    return std::make_unique<MonteCarlo>(history, priors, seed, options);
}

}  // namespace lw::forecast::detail
