// The served forecast: all estimators on one lobby, the Selection's choice written into the Monte Carlo's forecast.
#include "forecast/Served.h"

#include <cstdio>
#include <stdexcept>

namespace lw::forecast {

std::string servingLine(const std::vector<SelectionStatus>& status) {
    std::string line;
    for (const auto& s : status) {
        if (!line.empty()) line += " \u00b7 ";
        line += s.category + " " + s.serving;
        if (s.errorTodayMs) {
            char figure[48];
            std::snprintf(figure, sizeof figure, " \u00b1%.1f min (%d calls)", *s.errorTodayMs / 60'000.0, s.callsToday);
            line += figure;
        } else {
            line += " (learning)";
        }
    }
    return line;
}

ServedForecast::ServedForecast(const History& history, SelectionSettings settings, int utcOffsetMinutes,
                               std::unique_ptr<Estimator> monteCarlo)
    : selection_(std::move(settings), utcOffsetMinutes) {
    relearn(history, std::move(monteCarlo));
}

void ServedForecast::relearn(const History& history, std::unique_ptr<Estimator> monteCarlo) {
    history_ = history;
    estimators_.clear();
    ownMonteCarlo_.reset();
    monteCarlo_ = nullptr;
    if (!monteCarlo) monteCarlo = makeEstimator("montecarlo", history_);
    for (const auto& name : selection_.settings().candidates) {
        std::unique_ptr<Estimator> e = name == "montecarlo" && monteCarlo ? std::move(monteCarlo) : makeEstimator(name, history_);
        if (!e) throw std::invalid_argument("no estimator named '" + name + "'");
        if (name == "montecarlo") monteCarlo_ = e.get();
        estimators_.push_back(std::move(e));
    }
    if (!monteCarlo_) {
        ownMonteCarlo_ = std::move(monteCarlo);
        monteCarlo_ = ownMonteCarlo_.get();
    }
}

Forecast ServedForecast::forecast(const lobby::Lobby& lobby, TimeMs now) {
    std::vector<Forecast> each;
    Forecast out;
    for (const auto& e : estimators_) {
        each.push_back(e->forecast(lobby, now));
        if (e.get() == monteCarlo_) out = each.back();
    }
    if (ownMonteCarlo_) out = monteCarlo_->forecast(lobby, now);
    out.method = "served";
    auto predictions = [&](const std::string& ticket, const std::string& category, TimeMs waited) {
        std::vector<std::optional<double>> p;
        for (const auto& f : each) {
            if (ticket.empty()) {
                const CategoryForecast* c = f.category(category);
                p.push_back(c && c->waitIfIssuedNowMs ? std::optional<double>(static_cast<double>(*c->waitIfIssuedNowMs)) : std::nullopt);
            } else {
                const TicketForecast* t = f.ticket(ticket);
                p.push_back(t ? std::optional<double>(static_cast<double>(waited + t->expectedRemainingMs)) : std::nullopt);
            }
        }
        return p;
    };
    for (auto& t : out.tickets) {
        auto p = predictions(t.ticket, t.category, t.waitedMs);
        // First seen: remembered at its issue time, to be scored at its call.
        ServedWait w = selection_.remembers(t.ticket) ? selection_.peek(t.category, now, p, t.ahead)
                                                      : selection_.serve(t.ticket, t.category, now - t.waitedMs, p, t.ahead);
        if (w.estimator.empty()) continue;
        auto waited = static_cast<double>(t.waitedMs);
        t.expectedRemainingMs = static_cast<TimeMs>(std::max(0.0, w.expectedMs - waited));
        t.lowMs = static_cast<TimeMs>(std::max(0.0, w.lowMs - waited));
        t.highMs = static_cast<TimeMs>(std::max(0.0, w.highMs - waited));
    }
    for (auto& c : out.categories) {
        if (!c.waitIfIssuedNowMs) continue;  // no open window serves it: still no figure
        ServedWait w = selection_.peek(c.category, now, predictions("", c.category, 0), c.ahead);
        if (w.estimator.empty()) continue;
        c.waitIfIssuedNowMs = static_cast<TimeMs>(w.expectedMs);
        c.lowMs = static_cast<TimeMs>(w.lowMs);
        c.highMs = static_cast<TimeMs>(w.highMs);
    }
    return out;
}

std::optional<ServedWait> ServedForecast::forecastTicket(const lobby::Lobby& lobby, TimeMs now, const std::string& label) {
    std::vector<std::optional<double>> p;
    std::string category;
    TimeMs issuedAt = now;
    int ahead = -1;
    bool monteCarloHasIt = true;
    for (const auto& e : estimators_) {
        auto t = e->forecastTicket(lobby, now, label);
        if (t) {
            category = t->category;
            issuedAt = now - t->waitedMs;
            ahead = t->ahead;
            p.push_back(static_cast<double>(t->waitedMs + t->expectedRemainingMs));
        } else {
            p.push_back(std::nullopt);
            if (e.get() == monteCarlo_) monteCarloHasIt = false;
        }
    }
    // No open window serves it (the Monte Carlo's word on that): no figure, whatever a formula would say.
    if (category.empty() || !monteCarloHasIt) return std::nullopt;
    ServedWait w = selection_.serve(label, category, issuedAt, p, ahead);
    if (w.estimator.empty()) return std::nullopt;
    return w;
}

void ServedForecast::observe(const lobby::LobbyEvent& e) {
    switch (e.kind) {
    case lobby::EventKind::Called: selection_.called(e.ticket, e.time); break;
    case lobby::EventKind::Abandoned:
    case lobby::EventKind::NoShow: selection_.forget(e.ticket); break;
    default: break;
    }
}

}  // namespace lw::forecast
