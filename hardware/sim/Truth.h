// Ground-truth CSV files: one row per customer, and every lobby event the devices emitted.
#pragma once

#include "sim/BranchDay.h"

#include <iosfwd>
#include <vector>

namespace lw::sim {

struct SimulatedDay {
    int number = 1;        // 1.. for --days N
    DayResult result;
};

// day,customer,ticket,category,priority,arrived_at,issued_at,patience_s,service_s,called_at,recalls,started_at,
// finished_at,window,transferred_to,outcome
void writeCustomerTruth(std::ostream& out, const std::vector<SimulatedDay>& days, int utcOffsetMin);

// The import CSV (src/lobby/EventCsv.h): time,event,ticket,category,window,device,priority, with its conventions:
// the pause reason in `category`, the dispenser status word in `window`, empty columns where they do not apply.
// Heartbeats are not lobby events; `abandoned` rows are the tickets still open at closing, which no device reports.
void writeEventTruth(std::ostream& out, const std::vector<SimulatedDay>& days, int utcOffsetMin);

}  // namespace lw::sim
