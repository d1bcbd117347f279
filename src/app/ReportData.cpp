// Day by day: cached totals where a closed day has them, else the day's events (and the result kept).
#include "app/ReportData.h"

namespace lw::app {

namespace {

// One day's totals from its logged events and the waits its tickets were told; `events` says how many were read.
report::Totals summarizeDay(store::EventStore& store, const lobby::LobbyConfig& config, const std::string& day,
                            std::size_t& events, const std::optional<report::RunningDay>& running = std::nullopt) {
    auto logged = store.eventsBetween(day, day);
    events = logged.size();
    std::vector<report::TicketEstimate> estimates;
    for (const auto& e : store.estimatesBetween(day, day)) estimates.push_back({e.issuedAt, e.ticket, e.estimateMin});
    return report::summarize(logged, estimates, config, day, day, running);
}

}  // namespace

ReportLoad loadReport(store::EventStore& store, const lobby::LobbyConfig& config, const std::string& from,
                      const std::string& to, const std::string& today, lobby::TimeMs now) {
    ReportLoad out;
    std::optional<report::RunningDay> running;
    if (now >= 0) running = report::RunningDay{today, now};
    const auto [previousFrom, previousTo] = report::previousPeriod(from, to);
    auto totalsOf = [&](const std::string& first, const std::string& last) {
        report::Totals sum;
        for (std::string day = first; day <= last; day = report::addDays(day, 1)) {
            std::optional<report::Totals> older;  // kept in an older format: used only if the events are gone
            if (day < today) {
                if (auto bytes = store.dayTotals(day)) {
                    if (auto cached = report::Totals::parse(*bytes)) {
                        if (!cached->olderFormat) {
                            sum.merge(*cached);
                            ++out.daysFromCache;
                            continue;
                        }
                        older = std::move(cached);
                    }
                }
            }
            std::size_t events = 0;
            report::Totals t = summarizeDay(store, config, day, events, day == today ? running : std::nullopt);
            if (older && events == 0) {  // an archived month: its figures as they were kept
                sum.merge(*older);
                ++out.daysFromCache;
                continue;
            }
            out.eventsRead += events;
            ++out.daysComputed;
            if (day < today && events > 0) store.putDayTotals(day, t.serialize());
            sum.merge(t);
        }
        return sum;
    };
    report::Totals previous = totalsOf(previousFrom, previousTo);
    report::Totals current = totalsOf(from, to);
    out.report = report::buildFromTotals(current, previous, store.incidentLives(previousFrom, to), config, from, to,
                                         store.complaints(previousFrom, to), running);
    return out;
}

int keepDayTotals(store::EventStore& store, const lobby::LobbyConfig& config, const std::string& from,
                  const std::string& to, const std::string& today) {
    int computed = 0;
    if (from.empty() || to.empty()) return 0;
    for (std::string day = from; day <= to && day < today; day = report::addDays(day, 1)) {
        if (auto kept = store.dayTotals(day)) {
            auto parsed = report::Totals::parse(*kept);
            if (!parsed || !parsed->olderFormat) continue;  // an older format is summed again while its events remain
        }
        std::size_t events = 0;
        report::Totals t = summarizeDay(store, config, day, events);
        if (events == 0) continue;
        store.putDayTotals(day, t.serialize());
        ++computed;
    }
    return computed;
}

}  // namespace lw::app
