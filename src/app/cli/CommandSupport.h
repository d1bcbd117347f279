// Steps the replay and import commands share: writing the estimates audit, keeping report totals afterwards.
#pragma once

#include "Audit.h"
#include "EventStore.h"
#include "KioskConfig.h"

#include <QString>

namespace lw::app {

// Writes the audit to `path` and says so on stderr; false (with the reason on stderr) when it cannot.
bool writeAudit(const kiosk::Audit& audit, const QString& path);
// After an import or a replay: the report totals of the closed days in the log that lack them, so that the
// first report of a long range is as fast as the next.
void keepTotalsAfterWriting(store::EventStore& store, const kiosk::KioskConfig& config);

}  // namespace lw::app
