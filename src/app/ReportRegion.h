// The branch beside its region on the Reports screen: the region's report over the same period from the central
// database (the central report's own code, over the region's kept day totals and shipped events), and the figures
// the page shows side by side. Runs on the report thread only: it connects to the network.
#pragma once

#include "lobby/LobbyEvent.h"

#include <QVariantMap>

#include <string>

namespace lw::kiosk {
struct KioskConfig;
}

namespace lw::app {

// Where the region's figures come from: the checked [central] connection string, its password, [branch] region.
struct RegionSource {
    std::string conninfo, password, region, branchId;
};

// The source from the kiosk's config; its `conninfo` is empty (with `why` saying why) when it cannot be made.
RegionSource regionSourceOf(const kiosk::KioskConfig& config, std::string& why);

// `own`: the branch's report as reportForScreen() gives it. Returns {ok: true, region, branches, rows} where each row
// is {key, branch, region} (key: servedPerBranch, meanWaitMin, p90WaitMin, withinTarget (%), complaintsPer10000;
// a figure with no data is null), or {ok: false, whyZh, whyEn} (the link down, the query failed, the role may not
// read the region): the branch's own figures stand either way.
QVariantMap regionBeside(const RegionSource& source, const QVariantMap& own, lobby::TimeMs now);

}  // namespace lw::app
