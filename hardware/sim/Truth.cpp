// Writing the simulator's ground truth as CSV.
#include "sim/Truth.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace lw::sim {

using namespace lw::protocol;

namespace {

std::string when(TimeMs time, int utcOffsetMin) { return time == 0 ? std::string() : localIsoTime(time, utcOffsetMin); }

std::string seconds(double s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", s);
    return buffer;
}

struct EventRow {
    TimeMs time = 0;
    const char* event = "";
    std::string ticket, category, window;
    int device = 0;
    std::string priority;  // "0"/"1" on issued rows, empty where the column does not apply
};

// The lobby event a device message stands for; false for heartbeats, which are not lobby events.
bool toRow(const Transmission& t, EventRow& row) {
    row = EventRow{};
    row.time = t.time;
    row.device = t.address;
    return std::visit(
        [&](const auto& m) -> bool {
            using M = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<M, TicketIssued>) {
                row.event = "issued"; row.ticket = m.ticket.label(); row.category = std::string(1, m.ticket.category);
                row.priority = m.priority ? "1" : "0";
            } else if constexpr (std::is_same_v<M, Call>) {
                row.event = "called"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, Recall>) {
                row.event = "recalled"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, ServiceStarted>) {
                row.event = "started"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, ServiceFinished>) {
                row.event = "finished"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, NoShow>) {
                row.event = "no_show"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, Transfer>) {
                row.event = "transferred"; row.ticket = m.ticket.label(); row.window = std::to_string(m.window);
                if (m.toCategory) row.category = std::string(1, *m.toCategory);
            } else if constexpr (std::is_same_v<M, WindowOpened>) {
                row.event = "window_open"; row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, WindowPaused>) {
                row.event = "window_pause"; row.window = std::to_string(m.window); row.category = toString(m.reason);
            } else if constexpr (std::is_same_v<M, WindowClosed>) {
                row.event = "window_close"; row.window = std::to_string(m.window);
            } else if constexpr (std::is_same_v<M, DispenserStatus>) {
                row.event = "device_status"; row.window = toString(m.state);
            } else {
                return false;
            }
            return true;
        },
        t.message);
}

}  // namespace

void writeCustomerTruth(std::ostream& out, const std::vector<SimulatedDay>& days, int utcOffsetMin) {
    out << "day,customer,ticket,category,priority,arrived_at,issued_at,patience_s,service_s,called_at,recalls,"
           "started_at,finished_at,window,transferred_to,outcome\n";
    for (const auto& day : days) {
        for (const auto& c : day.result.customers) {
            out << day.number << ',' << c.id << ',' << (c.ticket.number > 0 ? c.ticket.label() : "") << ','
                << c.category << ',' << (c.priority ? 1 : 0) << ',' << when(c.arrivedAt, utcOffsetMin) << ','
                << when(c.issuedAt, utcOffsetMin) << ',' << seconds(c.patienceS) << ',' << seconds(c.serviceS) << ','
                << when(c.calledAt, utcOffsetMin) << ',' << (c.calledAt ? std::to_string(c.recalls) : "") << ','
                << when(c.startedAt, utcOffsetMin) << ',' << when(c.finishedAt, utcOffsetMin) << ','
                << (c.window ? std::to_string(c.window) : "") << ','
                << (c.transferredTo ? std::string(1, c.transferredTo) : "") << ',' << toString(c.outcome) << '\n';
        }
    }
}

void writeEventTruth(std::ostream& out, const std::vector<SimulatedDay>& days, int utcOffsetMin) {
    out << "time,event,ticket,category,window,device,priority\n";
    for (const auto& day : days) {
        std::vector<EventRow> rows;
        EventRow row;
        for (const auto& t : day.result.transmissions)
            if (toRow(t, row)) rows.push_back(row);
        for (const auto& a : day.result.abandonments) {
            EventRow r;
            r.time = a.time;
            r.event = "abandoned";
            r.ticket = a.ticket.label();
            rows.push_back(r);
        }
        std::stable_sort(rows.begin(), rows.end(), [](const EventRow& a, const EventRow& b) { return a.time < b.time; });
        for (const auto& r : rows) {
            out << localIsoTime(r.time, utcOffsetMin) << ',' << r.event << ',' << r.ticket << ',' << r.category << ','
                << r.window << ',' << (r.device ? std::to_string(r.device) : "") << ',' << r.priority << '\n';
        }
    }
}

}  // namespace lw::sim
