// One simulated business day of a branch: what every device sent and when, and what really happened to each customer.
#pragma once

#include "protocol/Message.h"
#include "sim/Profile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lw::sim {

using protocol::TimeMs;

// A message a device sends, before it gets a sequence number and bytes.
struct Transmission {
    TimeMs time = 0;
    int address = 0;
    protocol::Message message;
};

enum class Outcome {
    Served,
    TransferredThenServed,
    NoShow,
    LeftWithoutTicket,   // gave up at a dispenser that had run out of paper
    AbandonedAtClose,    // still waiting (or gone unnoticed) when the last window closed
    WaitingAtStop,       // --until cut the day while the ticket was waiting
    InServiceAtStop,     // --until cut the day while the customer was called or served
};
const char* toString(Outcome outcome);  // "served", "transferred_then_served", ...

// The ground truth about one customer. Times are 0 when not applicable.
// For a transferred customer, call/start/finish/window describe the last service (in the new category).
struct Customer {
    int id = 0;                  // 1.. per day, in arrival order
    char category = 'A';         // as first issued
    bool priority = false;
    protocol::TicketId ticket{'A', 0};  // number 0: never got a ticket
    TimeMs arrivedAt = 0;
    TimeMs issuedAt = 0;
    double patienceS = 0.0;
    double serviceS = 0.0;       // of the last service
    TimeMs calledAt = 0;
    int recalls = 0;
    TimeMs startedAt = 0;
    TimeMs finishedAt = 0;
    int window = 0;
    char transferredTo = '\0';
    Outcome outcome = Outcome::WaitingAtStop;
};

// An event that is not on the wire: the kiosk has to infer it (a ticket still open when the branch closes).
struct Abandonment {
    TimeMs time = 0;
    protocol::TicketId ticket;
    int customer = 0;
};

struct DayPlan {
    TimeMs localMidnight = 0;  // epoch ms (UTC) of 00:00 local time on the day
    TimeMs startAt = 0;        // the simulated clock starts here: no arrivals before it, earlier schedule moves to it
    TimeMs stopAt = 0;         // nothing at or after this instant happens
    std::uint64_t seed = 1;
};

struct DayResult {
    std::vector<Transmission> transmissions;  // in time order
    std::vector<Customer> customers;          // in arrival order
    std::vector<Abandonment> abandonments;
};

DayResult simulateDay(const BranchProfile& profile, const DayPlan& plan);

// A whole business day of `localDay` (days since 1970-01-01, local calendar): from the branch's opening to
// midnight, with `seed`.
DayPlan wholeDay(const BranchProfile& profile, std::int64_t localDay, std::uint64_t seed, int utcOffsetMin = 480);

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
std::int64_t daysFromCivil(int year, int month, int day);
void civilFromDays(std::int64_t days, int& year, int& month, int& day);
// "2026-01-05" -> days since the epoch; false when it is not a real date.
bool parseDate(const std::string& text, std::int64_t& days);
// Local ISO-8601 time "2026-01-05T09:03:12" of an epoch instant.
std::string localIsoTime(TimeMs time, int utcOffsetMin);

}  // namespace lw::sim
