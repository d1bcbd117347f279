// The branch head's report for the manager's screen: this week, this month or last month beside the period before,
// as the maps the report page reads.
#pragma once

#include "store/EventStore.h"
#include "lobby/LobbyConfig.h"

#include <QString>
#include <QVariantMap>

#include <string>

namespace lw::app {

// `range`: "week" (the last 7 days), "month" (this month so far) or "last_month". {ok, from, to, previousFrom,
// categories, windows, heat, incidents, complaints}; `period` gets "FROM..TO" for the audit row.
QVariantMap reportForScreen(store::EventStore& store, const lobby::LobbyConfig& config, const QString& range,
                            lobby::TimeMs now, std::string& period);

}  // namespace lw::app
