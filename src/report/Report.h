// The branch head's report for a range of business days: tickets and waits per category, productivity per window,
// waits by weekday and hour, incidents and how fast they were handled; each beside the previous period of the
// same length. Plain C++: computed from the logged events and incidents, nothing read from a clock.
#pragma once

#include "report/Complaints.h"
#include "lobby/LobbyConfig.h"
#include "lobby/LobbyEvent.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::report {

using lobby::TimeMs;

// What a ticket's life came to.
struct CategoryFigures {
    std::string code, nameZh, nameEn;
    int targetMin = 15, limitMin = 30;
    int issued = 0;
    int called = 0;      // called at least once (served or not)
    int served = 0;      // finished
    int noShow = 0;      // called, never served
    int abandoned = 0;   // never called (gave up, or still waiting when the day closed)
    int waiting = 0;     // the day is still running: in a queue now (neither abandoned nor counted as a wait yet)
    int serving = 0;     // the day is still running: called or being served now (not a no-show)
    // Waits, each on its own clock as the alerts count them: from the issue to the first call, and for a ticket
    // transferred, from each transfer to the first call after it (in the category it then waited in), seconds.
    int waits = 0;          // waits that ended in a call (a ticket never transferred: one)
    int transferWaits = 0;  // of them, waits after a transfer
    double meanWaitS = 0, medianWaitS = 0, p90WaitS = 0, maxWaitS = 0;
    double withinTarget = 0;  // share of the waits within this category's target (0..1)
    double withinLimit = 0;
    // Tickets issued in this category, transferred and called again: their time in the branch, from the issue to
    // the call that ended their last wait (both waits and the service between them).
    int transferred = 0;
    double meanInBranchS = 0, p90InBranchS = 0;
    double noShowRate = 0;    // noShow / called
    double abandonRate = 0;   // abandoned / issued
    // Forecast honesty: tickets called that were told a wait at issue, and how far off that was.
    int estimated = 0;
    double estimateMaeS = 0;   // mean |told - actual|
    double estimateBiasS = 0;  // mean (told - actual): negative = the tickets promised less than the wait was
};

// The wait a ticket was told at issue (minutes), as logged with it.
struct TicketEstimate {
    TimeMs issuedAt = 0;
    std::string ticket;
    int estimateMin = -1;  // -1: none given
};

struct WindowFigures {
    int number = 0;
    int served = 0;
    double meanServiceS = 0, p90ServiceS = 0;  // service start to finish
    double meanWalkS = 0;                      // call to service start (the customer crossing the lobby)
    double openS = 0;                          // open, paused included (open to close)
    std::map<std::string, double> pausedS;     // by reason (LUNCH, BREAK, FAULT, OTHER)
    double idleWhileWaitingS = 0;              // open, nobody at the window, while its categories had people waiting
    int queueJumps = 0;                        // calls out of the queue's order (complaint::queueJumps)
};

struct HeatCell {
    int tickets = 0;   // called in that hour of that weekday
    double meanWaitS = 0;
};

// One incident as the log has it, with the times of its steps (0: never).
struct IncidentRecord {
    TimeMs raisedAt = 0;
    std::string kind;
    std::string subject;  // "ticket:A042", "window:3", ...
    TimeMs acknowledgedAt = 0, resolvedAt = 0, clearedAt = 0;
    bool escalated = false;
    std::vector<std::string> members;  // a situation's tickets ("A042"), each once
};

struct IncidentFigures {
    std::string kind;
    int count = 0;
    int acknowledged = 0;
    int neverAcknowledged = 0;
    int escalated = 0;
    double meanAckS = 0;      // of those acknowledged (no data when none was)
    double meanResolveS = 0;  // raised to resolved (or cleared), of those that ended (no data when none did)
    int ended = 0;            // resolved or cleared
};

struct ComplaintFigures {
    int count = 0;
    std::map<std::string, int> byCause, byChannel;
    int afterWaitAlert = 0;   // linked to a ticket that had a long-wait or predicted-breach alert
    int answeredOnTime = 0;   // a reply the customer did not reject, by the reply clock's due day
    int answeredLate = 0;     // the same, after it (or closed without any such reply)
    int open = 0;             // no such reply yet
};

struct Period {
    std::string from, to;  // business days, inclusive
    int days = 0;
    std::string runningDay;  // the business day within from..to still running when the report was made ("": none)
    TimeMs asOf = 0;         // when the report was made, if a day is still running
    std::string asOfLocal;   // the same as local time, "2026-01-07T11:30:00"
    std::vector<CategoryFigures> categories;  // config order, then as they appeared
    CategoryFigures all;                      // every category together (code "*")
    std::vector<WindowFigures> windows;       // by number
    HeatCell heat[7][24]{};                   // [weekday Monday=0][local hour]
    std::vector<IncidentFigures> incidents;   // by kind
    ComplaintFigures complaints;              // received in the period
};

// What a range of days adds up to, before averages and percentiles: mergeable, so that a long range is the sum of
// its days (each day's totals can be kept, and a year's report reads 300 small rows instead of 2 M events).
struct CategoryTotals {
    int issued = 0, called = 0, served = 0, noShow = 0, abandoned = 0, withinTarget = 0, withinLimit = 0, estimated = 0;
    int waiting = 0, serving = 0;  // only a running day has these; it is never kept, so they are not serialized
    double estimateAbsS = 0, estimateErrS = 0;
    std::vector<double> waits;  // seconds, of the waits called in this category (kept whole: medians and percentiles are exact)
    int transferWaits = 0;      // of `waits`, those after a transfer
    int transferred = 0;        // tickets issued here, transferred and called again
    std::vector<double> inBranch;  // seconds, their time in the branch (issue to the call that ended the last wait)
    void merge(const CategoryTotals& other);
};

struct WindowTotals {
    int served = 0;
    std::vector<double> services;  // seconds
    double walkSumS = 0;
    int walks = 0;
    double openS = 0;
    std::map<std::string, double> pausedS;
    double idleWhileWaitingS = 0;
    int queueJumps = 0;
};

struct Totals {
    std::vector<std::string> order;  // categories as they appeared
    std::map<std::string, CategoryTotals> categories;
    std::map<int, WindowTotals> windows;
    int heatTickets[7][24]{};
    double heatWaitS[7][24]{};
    void merge(const Totals& other);
    // Read from bytes of an older format (3: a transferred ticket's wait only to its first call, no transfers):
    // its figures as they were counted then. A loader sums such a day again from its events where it still can.
    bool olderFormat = false;
    std::string serialize() const;                                 // a compact byte string (times to the millisecond)
    static std::optional<Totals> parse(const std::string& bytes);  // nullopt: not a Totals of a format this build reads
    // The same without the windows' service times (checked, not kept): a report across branches has no windows table.
    static std::optional<Totals> parseWithoutServices(const std::string& bytes);
    static int formatOf(const std::string& bytes);                 // the format number the bytes say (0: none)
};

// The business day still running when a report is made (today) and the time it is made. Its tickets still in a
// queue count as waiting and those at a window as serving (not as abandoned and no-shows, which they may yet not
// be), and its windows still open count their open time up to `now`.
struct RunningDay {
    std::string day;
    TimeMs now = 0;
};

// The totals of the events whose business day is within from..to. How the figures agree: served by category and
// served by window count the same services (a finish of a ticket the day never issued, or of one already finished,
// counts in neither); a ticket still being served when a (closed) day ended counts as served there.
Totals summarize(const std::vector<lobby::LobbyEvent>& events, const std::vector<TicketEstimate>& estimates,
                 const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
                 const std::optional<RunningDay>& running = std::nullopt);

struct Report {
    Period current;
    Period previous;  // the previous calendar month for a month, else the same number of days just before
    std::string branchName, branchId;  // [branch] name and identifier (empty: not configured)
};

// Whether a period has anything logged: a previous period without shows "no data", never 0.0.
bool hasData(const Period& p);

// The period a report of from..to is compared with: for a range within one calendar month starting on its 1st, the
// previous calendar month (the whole of it for a whole month, else up to the same day of the month); otherwise
// the same number of days just before.
std::pair<std::string, std::string> previousPeriod(const std::string& from, const std::string& to);

// Business days from..to (YYYY-MM-DD, inclusive); the previous period is the same length just before.
// `events`: every logged event of both periods in log order (more is fine: outside days are ignored);
// `incidents` likewise.
// `complaints`: the register's complaints received in both periods.
Report build(const std::vector<lobby::LobbyEvent>& events, const std::vector<IncidentRecord>& incidents,
             const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
             const std::vector<Complaint>& complaints = {}, const std::vector<TicketEstimate>& estimates = {},
             const std::optional<RunningDay>& running = std::nullopt);

// The same report from totals already summed (e.g. from cached days): `current` for from..to, `previous` for the
// period before.
Report buildFromTotals(const Totals& current, const Totals& previous, const std::vector<IncidentRecord>& incidents,
                       const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
                       const std::vector<Complaint>& complaints = {},
                       const std::optional<RunningDay>& running = std::nullopt);

// The business day `days` after (or before, if negative) `day`; the number of days from..to inclusive.
std::string addDays(const std::string& day, int days);
int daysBetween(const std::string& from, const std::string& to);  // to - from + 1; <= 0 when to < from
int weekdayOf(const std::string& day);                           // Monday = 0

}  // namespace lw::report
