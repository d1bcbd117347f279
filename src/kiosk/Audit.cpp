// The audit trail of estimates: forecast at issue, actual wait, first alert, outcome, one CSV row per ticket.
#include "kiosk/Audit.h"

#include "lobby/LocalTime.h"

namespace lw::kiosk {

using lobby::EventKind;

Audit::Audit(const lobby::Lobby& lobby, forecast::WatchSettings settings)
    : lobby_(lobby),
      served_({}, {}, lobby.config().utcOffsetMinutes),
      history_(lobby.config().utcOffsetMinutes),
      watch_(settings) {}

void Audit::observe(const lobby::LobbyEvent& e) {
    if (lobby_.businessDay() != day_) {
        if (!day_.empty()) served_.relearn(history_.build());
        day_ = lobby_.businessDay();
    }
    history_.observe(e);
    watch_.observe(e);
    served_.observe(e);
    // The alert rules run once a minute of event time, as the live kiosk runs them about once a second.
    if (e.time >= nextEvaluation_) {
        evaluateAlerts(e.time);
        nextEvaluation_ = e.time + 60'000;
    }
    auto it = current_.find(e.ticket);
    switch (e.kind) {
    case EventKind::Issued: {
        Record r;
        r.ticket = e.ticket;
        r.category = e.category;
        r.issuedAt = e.time;
        // Only this ticket's figure is needed: the Monte Carlo stops each run once it is called.
        if (auto w = served_.forecastTicket(lobby_, e.time, e.ticket)) {
            r.predictedMs = static_cast<lobby::TimeMs>(w->expectedMs);
            r.lowMs = static_cast<lobby::TimeMs>(w->lowMs);
            r.highMs = static_cast<lobby::TimeMs>(w->highMs);
            r.servedBy = w->estimator;
        }
        current_[e.ticket] = records_.size();
        records_.push_back(std::move(r));
        break;
    }
    case EventKind::Called:
        if (it != current_.end() && !records_[it->second].firstCallAt) records_[it->second].firstCallAt = e.time;
        break;
    case EventKind::Finished:
        if (it != current_.end()) records_[it->second].outcome = "finished";
        break;
    case EventKind::NoShow:
        if (it != current_.end()) records_[it->second].outcome = "no_show";
        break;
    case EventKind::Abandoned:
        if (it != current_.end()) records_[it->second].outcome = "abandoned";
        break;
    default:
        break;
    }
}

void Audit::evaluateAlerts(lobby::TimeMs now) {
    // The alert rules read only the waiting tickets' forecasts: with nobody waiting there is nothing to roll.
    bool anyoneWaiting = false;
    for (const auto& c : lobby_.categories()) anyoneWaiting = anyoneWaiting || c.waiting > 0;
    forecast::Forecast f;
    f.at = now;
    if (anyoneWaiting) f = served_.monteCarlo().forecast(lobby_, now);  // the alerts rest on its probabilities
    forecast::WatchChanges changes = watch_.evaluate(lobby_, f, now);
    for (const auto& a : changes.raised) {
        if (a.subject.rfind("ticket:", 0) != 0) continue;
        auto it = current_.find(a.subject.substr(7));
        if (it != current_.end() && !records_[it->second].firstAlertAt) records_[it->second].firstAlertAt = now;
    }
}

void Audit::write(std::ostream& out) const {
    int offset = lobby_.config().utcOffsetMinutes;
    out << "ticket,category,issued_at,predicted_wait_s,actual_wait_s,first_alert_at,outcome,predicted_low_s,"
           "predicted_high_s,served_by\n";
    for (const auto& r : records_) {
        out << r.ticket << ',' << r.category << ',' << lobby::formatLocalTime(r.issuedAt, offset) << ',';
        if (r.predictedMs) out << (*r.predictedMs + 500) / 1000;
        out << ',';
        if (r.firstCallAt) out << (*r.firstCallAt - r.issuedAt + 500) / 1000;
        out << ',';
        if (r.firstAlertAt) out << lobby::formatLocalTime(*r.firstAlertAt, offset);
        out << ',' << r.outcome << ',';
        if (r.predictedMs) out << (r.lowMs + 500) / 1000 << ',' << (r.highMs + 500) / 1000;
        else out << ',';
        out << ',' << r.servedBy << '\n';
    }
}

}  // namespace lw::kiosk
