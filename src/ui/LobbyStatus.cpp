// The lobby's figures for the screens: each property notifies only when it changed.
#include "ui/LobbyStatus.h"

#include <algorithm>
#include <iterator>

namespace lw::ui {

namespace {

// Sets `field` and emits `changed` when the value differs.
template <class T, class Signal>
void put(LobbyStatus* self, T& field, const T& value, Signal changed) {
    if (field == value) return;
    field = value;
    emit(self->*changed)();
}

}  // namespace

LobbyStatus::LobbyStatus(QObject* parent) : QObject(parent) {}

void LobbyStatus::update(const Figures& f) {
    f_ = f;
    put(this, clockText_, f.clockText, &LobbyStatus::clockTextChanged);
    put(this, forecastServing_, f.forecastServing, &LobbyStatus::forecastServingChanged);
    put(this, businessDay_, f.businessDay, &LobbyStatus::businessDayChanged);
    const int totals[6] = {f.issued, f.waiting, f.serving, f.served, f.noShow, f.longestWaitMin};
    if (!std::equal(std::begin(totals), std::end(totals), std::begin(totals_))) {
        std::copy(std::begin(totals), std::end(totals), std::begin(totals_));
        emit totalsChanged();
    }
    if (linksText_ != f.linksText || linksUp_ != f.linksUp) {
        linksText_ = f.linksText;
        linksUp_ = f.linksUp;
        emit linksChanged();
    }
    put(this, logged_, f.logged, &LobbyStatus::loggedChanged);
    windowRows_.setRows(f.windows);
    put(this, windows_, windowRows_.toList(), &LobbyStatus::windowsChanged);
    categoryRows_.setRows(f.categories);
    put(this, categories_, categoryRows_.toList(), &LobbyStatus::categoriesChanged);
    alertRows_.setRows(f.alerts);
    put(this, alerts_, alertRows_.toList(), &LobbyStatus::alertsChanged);
    callRows_.setRows(f.calls);
    put(this, calls_, callRows_.toList(), &LobbyStatus::callsChanged);
    portRows_.setRows(f.ports);
    put(this, ports_, portRows_.toList(), &LobbyStatus::portsChanged);
    put(this, notices_, f.notices, &LobbyStatus::noticesChanged);
    put(this, glance_, f.glance, &LobbyStatus::glanceChanged);
}

void LobbyStatus::setIncidents(const std::vector<IncidentRow>& incidents) {
    incidentRows_.setRows(incidents);
    put(this, incidents_, incidentRows_.toList(), &LobbyStatus::incidentsChanged);
}

}  // namespace lw::ui
