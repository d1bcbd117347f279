// The report from the log: each closed business day's totals computed once and kept (day_totals), today's
// always from its events; incidents, complaints and estimates read for the range.
#pragma once

#include "store/EventStore.h"
#include "report/Report.h"

namespace lw::app {

struct ReportLoad {
    report::Report report;
    int daysFromCache = 0;
    int daysComputed = 0;
    std::size_t eventsRead = 0;
};

// from..to and the previous period of the same length; `today` (the current business day) is never cached.
// `now` (when >= 0) is when the report is made: today, if within the range, is a day still running (its waiting
// and serving people shown as such, its open windows counted up to now).
ReportLoad loadReport(store::EventStore& store, const lobby::LobbyConfig& config, const std::string& from,
                      const std::string& to, const std::string& today, lobby::TimeMs now = -1);

// Computes and keeps the totals of closed business days from..to (before `today`) that have events and no kept
// totals yet. Returns how many days it computed. The kiosk calls it for yesterday at each rollover; import and
// replay for the days they wrote, so that the first report of a long range is as fast as the next.
int keepDayTotals(store::EventStore& store, const lobby::LobbyConfig& config, const std::string& from,
                  const std::string& to, const std::string& today);

}  // namespace lw::app
