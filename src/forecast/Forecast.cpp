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

TimeMs pauseRestMs(const Window& w) {
    // How long pauses last when nothing says otherwise: lunch an hour, a break a quarter, a fault twenty minutes.
    if (w.pauseReason == "LUNCH") return 60 * 60'000;
    if (w.pauseReason == "FAULT") return 20 * 60'000;
    return 15 * 60'000;
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
        if (w->state == WindowState::Paused) ow.availableInMs = pauseRestMs(*w);
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
    double categoryMeanMs(const std::string& c) const {
        if (const CategoryHistory* h = history.of(c); h && h->meanServiceMs > 0) return h->meanServiceMs;
        return priors.serviceMs(c);
    }
    // A window's own pace today: its mean against the prior of what it mainly serves, shrunk towards 1 while it
    // has served few customers (five services weigh as much as the prior).
    double windowFactor(const Window& w) const {
        if (w.serviceTimesMs.empty() || w.serves.empty()) return 1.0;
        double mean = 0;
        for (TimeMs t : w.serviceTimesMs) mean += static_cast<double>(t);
        mean /= static_cast<double>(w.serviceTimesMs.size());
        double factor = mean / categoryMeanMs(w.serves.front());
        double n = static_cast<double>(w.serviceTimesMs.size());
        return std::clamp((n * factor + 5.0) / (n + 5.0), 0.3, 3.0);
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

double arrivalsPerMs(const lobby::CategoryStatus& c, const History& history, TimeMs now, int utcOffsetMinutes) {
    if (const CategoryHistory* h = history.of(c.config.code)) {
        int hour = static_cast<int>(((now / 60'000 + utcOffsetMinutes) / 60) % 24);
        if (h->arrivalsPerHour[static_cast<std::size_t>(hour)] > 0)
            return h->arrivalsPerHour[static_cast<std::size_t>(hour)] / (60 * kMinuteMs);
    }
    // Today: the calls of the last hour are as good a measure of the flow as any when nothing else is known.
    return static_cast<double>(c.waitsLastHourMs.size()) / (60 * kMinuteMs);
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
        Speeds speeds{history_, priors_};
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
                double muLog = std::log(priors_.patienceMeanMs) - sigma * sigma / 2;
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
    MonteCarlo(History history, Priors priors, std::uint64_t seed, int runs)
        : history_(std::move(history)), priors_(priors), seed_(seed), runs_(runs) {}
    const char* name() const override { return "montecarlo"; }

    Forecast forecast(const Lobby& lobby, TimeMs now) const override {
        Snapshot s = snapshot(lobby, now);
        Speeds speeds{history_, priors_};
        std::mt19937_64 rng(seed_ ^ static_cast<std::uint64_t>(now));

        // Everyone the roll-forward serves: the waiting tickets, one ticket "issued now" per category, and the
        // arrivals each run draws. Order within a category: VIP first, then issue time (as the lobby does).
        struct Person {
            std::string category;
            bool priority;
            double issuedAt;   // ms relative to now (negative: already waiting)
            int toWindow;
            bool phantom;
        };
        std::vector<Person> base;
        for (const auto& w : s.waiting)
            base.push_back({w.category, w.priority, -static_cast<double>(w.waitedMs), w.toWindow, false});
        std::vector<std::size_t> phantomOf;  // per category index in s.categories
        for (const auto& c : s.categories) {
            phantomOf.push_back(base.size());
            base.push_back({c.config.code, false, 0.0, 0, true});
        }
        std::vector<double> rates;
        for (const auto& c : s.categories) rates.push_back(arrivalsPerMs(c, history_, now, lobby.config().utcOffsetMinutes));

        std::vector<std::vector<double>> callAt(base.size());
        for (auto& v : callAt) v.reserve(static_cast<std::size_t>(runs_));

        double patienceSigma = std::sqrt(std::log(1 + priors_.patienceCv * priors_.patienceCv));
        double serviceSigma = std::sqrt(std::log(1 + priors_.serviceCv * priors_.serviceCv));
        std::normal_distribution<double> gauss(0.0, 1.0);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        auto lognormal = [&](double mean, double sigma) {
            return mean * std::exp(sigma * gauss(rng) - sigma * sigma / 2);
        };

        for (int run = 0; run < runs_; ++run) {
            std::vector<Person> people = base;
            // Arrivals during the horizon (only ordinary VIP/non-VIP flags from today's mix matter here).
            for (std::size_t ci = 0; ci < s.categories.size(); ++ci) {
                if (rates[ci] <= 0) continue;
                double t = 0;
                bool vip = s.categories[ci].config.code == "V";
                while (true) {
                    t += -std::log(1 - uniform(rng)) / rates[ci];
                    if (t > static_cast<double>(kHorizonMs)) break;
                    people.push_back({s.categories[ci].config.code, vip, t, 0, false});
                }
            }
            // When each would give up (relative to now); phantoms and arrivals are kept simple: they stay.
            std::vector<double> leaves(people.size(), 1e18);
            for (std::size_t i = 0; i < base.size(); ++i) {
                if (people[i].phantom) continue;
                double waited = -people[i].issuedAt;
                double patience = 0;
                for (int tries = 0; tries < 8 && patience <= waited; ++tries) patience = lognormal(priors_.patienceMeanMs, patienceSigma);
                if (patience > waited) leaves[i] = patience - waited;
            }
            // Per category, people in service order.
            std::map<std::string, std::vector<std::size_t>> queues;
            for (std::size_t i = 0; i < people.size(); ++i) queues[people[i].category].push_back(i);
            for (auto& [code, q] : queues) {
                std::stable_sort(q.begin(), q.end(), [&](std::size_t a, std::size_t b) {
                    if (people[a].priority != people[b].priority) return people[a].priority;
                    return people[a].issuedAt < people[b].issuedAt;
                });
            }
            std::map<std::string, std::size_t> head;  // first index in the queue not yet taken (lazy)
            std::vector<bool> taken(people.size(), false);
            std::vector<double> called(people.size(), -1);

            using Slot = std::pair<double, std::size_t>;  // (free at, window index)
            std::priority_queue<Slot, std::vector<Slot>, std::greater<>> free;
            for (std::size_t wi = 0; wi < s.windows.size(); ++wi) {
                const auto& ow = s.windows[wi];
                if (ow.closed) continue;
                double at = static_cast<double>(ow.availableInMs);
                const Window& w = *ow.window;
                if (!w.ticket.empty() && w.ticketSince) {
                    // The customer at the window: the rest of a service that has run this long.
                    double mean = speeds.categoryMeanMs(w.serves.empty() ? "A" : w.serves.front()) * speeds.windowFactor(w);
                    double elapsed = static_cast<double>(now - *w.ticketSince);
                    double total = 0;
                    for (int tries = 0; tries < 8 && total <= elapsed; ++tries) total = lognormal(mean, serviceSigma);
                    at += total > elapsed ? total - elapsed : mean * 0.25;
                }
                free.push({at, wi});
            }
            std::size_t remaining = base.size();
            while (!free.empty() && remaining > 0) {
                auto [t, wi] = free.top();
                free.pop();
                if (t > static_cast<double>(kHorizonMs)) break;
                const Window& w = *s.windows[wi].window;
                // Who is next here: someone sent to this window, else the first of its categories with someone
                // present, VIP first, then by issue time.
                std::optional<std::size_t> next;
                double nextArrival = 1e18;
                for (std::size_t i = 0; i < base.size() && !next; ++i)
                    if (!taken[i] && people[i].toWindow == w.number && leaves[i] > t) next = i;
                for (const auto& code : w.serves) {
                    if (next) break;
                    auto qi = queues.find(code);
                    if (qi == queues.end()) continue;
                    std::size_t& h = head[code];
                    while (h < qi->second.size() && taken[qi->second[h]]) ++h;
                    for (std::size_t k = h; k < qi->second.size(); ++k) {
                        std::size_t i = qi->second[k];
                        if (taken[i] || (people[i].toWindow != 0 && people[i].toWindow != w.number)) continue;
                        if (people[i].issuedAt > t) {
                            nextArrival = std::min(nextArrival, people[i].issuedAt);
                            continue;
                        }
                        if (leaves[i] <= t) {
                            // Gone: called in vain; the window loses about 45 s on the no-show.
                            taken[i] = true;
                            if (i < base.size()) --remaining;
                            t += 45'000;
                            continue;
                        }
                        next = i;
                        break;
                    }
                }
                if (!next) {
                    if (nextArrival < 1e17) free.push({nextArrival, wi});
                    continue;
                }
                taken[*next] = true;
                called[*next] = t;
                if (*next < base.size()) --remaining;
                double mean = speeds.categoryMeanMs(people[*next].category) * speeds.windowFactor(w);
                free.push({t + 30'000 + lognormal(mean, serviceSigma), wi});  // walking over, then the service
            }
            for (std::size_t i = 0; i < base.size(); ++i)
                if (leaves[i] > 1e17 || called[i] >= 0) callAt[i].push_back(called[i] >= 0 ? called[i] : static_cast<double>(kHorizonMs));
        }

        Forecast out;
        out.at = now;
        out.method = name();
        auto summarise = [&](std::size_t i, TicketForecast& f, const lobby::CategoryConfig& thresholds) -> bool {
            auto& v = callAt[i];
            if (v.empty()) return false;
            std::sort(v.begin(), v.end());
            double sum = 0;
            for (double x : v) sum += x;
            f.expectedRemainingMs = static_cast<TimeMs>(sum / static_cast<double>(v.size()));
            f.lowMs = static_cast<TimeMs>(v[v.size() / 10]);
            f.highMs = static_cast<TimeMs>(v[std::min(v.size() - 1, v.size() * 9 / 10)]);
            auto p = [&](int minutes) {
                double left = minutes * kMinuteMs - static_cast<double>(f.waitedMs);
                auto over = std::upper_bound(v.begin(), v.end(), left);
                return static_cast<double>(v.end() - over) / static_cast<double>(v.size());
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
        for (std::size_t ci = 0; ci < s.categories.size(); ++ci) {
            const auto& code = s.categories[ci].config.code;
            CategoryForecast cf;
            cf.category = code;
            cf.ahead = static_cast<int>(s.byCategory[code].size());
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
    int runs_;
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
    if (name == "montecarlo") return std::make_unique<MonteCarlo>(history, priors, seed, 200);
    return nullptr;
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
