// Steps the replay and import commands share.
#include "CommandSupport.h"

#include "LocalTime.h"
#include "ReportData.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>
#include <fstream>

namespace lw::app {

bool writeAudit(const kiosk::Audit& audit, const QString& path) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (out) audit.write(out);
    if (!out) {
        std::fprintf(stderr, "lobbywatch: cannot write the predictions to %s\n", path.toUtf8().constData());
        return false;
    }
    std::fprintf(stderr, "lobbywatch: %zu tickets' predictions written to %s\n", audit.tickets(), path.toUtf8().constData());
    return true;
}

void keepTotalsAfterWriting(store::EventStore& store, const kiosk::KioskConfig& config) {
    QElapsedTimer t;
    t.start();
    const std::string today = lobby::businessDayOf(QDateTime::currentMSecsSinceEpoch(), config.lobby);
    int days = keepDayTotals(store, config.lobby, store.firstBusinessDay(), store.lastBusinessDay(), today);
    if (days > 0)
        std::fprintf(stderr, "lobbywatch: report totals kept for %d days (%lld ms)\n", days, static_cast<long long>(t.elapsed()));
}

}  // namespace lw::app
