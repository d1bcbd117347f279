// The report across branches from the central database: each branch's figures made by the branch report's own core
// (src/report) from its shipped day totals, or from its shipped events for days without them, so that one branch's
// central figures equal its own report; and the table that ranks the branches. Plain C++ over libpq; `now` passed in.
#pragma once

#include "central/CentralSchema.h"
#include "central/Pg.h"
#include "report/Report.h"
#include "report/ReportFormat.h"

#include <optional>
#include <string>
#include <vector>

namespace lw::central {

// Which branches: those named, or those of a region, or (both empty) every branch.
struct Selection {
    std::vector<std::string> branches;
    std::string region;
};

struct BranchRank {
    int rank = 0;
    std::string id, name, region;
    int served = 0;
    double meanWaitS = 0, p90WaitS = 0, withinTarget = 0;  // of the tickets called (waits in seconds)
    int complaints = 0;
    std::optional<double> complaintsPer10000;  // nullopt: none served ("no data")
    int alerts = 0, alertsAckedInTime = 0;      // alerts raised; acknowledged within the branch's escalate_after_min
    std::optional<double> ackedInTimeShare;     // nullopt: no alerts
    int devicesOffline = 0;                     // device_offline and link_down incidents raised
};

struct CentralReport {
    report::Report report;             // the selected branches together (one branch: exactly its own report)
    std::vector<BranchRank> ranking;   // best first: share within target, then served
    int daysFromTotals = 0, daysFromEvents = 0;
    std::size_t eventsRead = 0;
};

// Throws PgError (the database) or std::runtime_error (no such branch or region; a branch never shipped).
CentralReport loadCentralReport(Pg& pg, const Selection& selection, const std::string& from, const std::string& to,
                                lobby::TimeMs now);

// The ranking as CSV rows (with a header) and as a JSON array.
std::string rankingCsv(const std::vector<BranchRank>& ranking, report::Lang lang);
std::string rankingJson(const std::vector<BranchRank>& ranking);
// The whole report: the branches' report, then the ranking (CSV: after an empty line; JSON: {"report", "ranking"}).
std::string centralCsv(const CentralReport& r, report::Lang lang);
std::string centralJson(const CentralReport& r);

// A shipped branch's settings as the report core's config.
lobby::LobbyConfig lobbyConfigOf(const BranchSettings& s);

}  // namespace lw::central
