// The analytical estimators: the ticketing formula, queue length (with priority, with abandonment), LES and HOL.
#include "forecast/Estimation.h"

#include <algorithm>
#include <cmath>

namespace lw::forecast::detail {

namespace {

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

}  // namespace

std::unique_ptr<Estimator> makeAnalytical(const std::string& name, const History& history, Priors priors) {
    if (name == "baseline") return std::make_unique<Analytical>(Kind::Baseline, history, priors);
    if (name == "queue") return std::make_unique<Analytical>(Kind::Queue, history, priors);
    if (name == "queue_abandon") return std::make_unique<Analytical>(Kind::QueueAbandon, history, priors);
    if (name == "les") return std::make_unique<Analytical>(Kind::Les, history, priors);
    if (name == "hol") return std::make_unique<Analytical>(Kind::Hol, history, priors);
    return nullptr;
}

}  // namespace lw::forecast::detail
