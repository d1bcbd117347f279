// Ships a branch's log to the central database: from the position the central database says it holds, in batches,
// each batch one central transaction of INSERT ... ON CONFLICT DO NOTHING keyed by branch and the row's own id.
// Reads the log through its own read-only connections (made in the thread that makes the Shipper).
#pragma once

#include "central/CentralSchema.h"
#include "kiosk/KioskConfig.h"
#include "central/Pg.h"
#include "central/Shipping.h"

#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace lw::store {
class EventStore;
}

namespace lw::central {

struct PassResult {
    bool ok = false;
    bool connectionLost = false;  // the link is down (as opposed to: the central database refused something)
    long long shipped = 0;        // rows written in this pass (rows already there count as shipped, not twice)
    long long rowsBehind = 0;
    TimeMs oldestUnshippedAt = 0;
    std::string error;
};

class Shipper {
public:
    // `password`: the [central] password_file's content (empty: libpq's own ways, e.g. a client certificate).
    Shipper(QString logPath, kiosk::KioskConfig config, std::string password);
    ~Shipper();
    Shipper(const Shipper&) = delete;
    Shipper& operator=(const Shipper&) = delete;

    // One pass: connects if needed, ships everything behind, batch by batch. `now`: the kiosk's time (the
    // complaint clocks' day). Never throws.
    PassResult shipOnce(TimeMs now);
    // Rows the log holds beyond the positions last known (for the device page while the link is down).
    long long rowsBehind(TimeMs* oldest = nullptr);
    void disconnect() { pg_.reset(); }

    // Tests: called after a batch's INSERT, before its COMMIT (a kill there must lose nothing and double nothing).
    std::function<void(const std::string& table, std::size_t rows)> beforeCommit;
    // Asked between batches: true ends the pass (the kiosk is stopping).
    std::function<bool()> shouldStop;

private:
    void connect();
    long long shipTable(const ShippedTable& table);
    long long shipDayTotals();
    long long shipComplaints(TimeMs now);
    void ensureMonths(const std::set<std::string>& months);

    QString logPath_;
    QString connection_;  // the read-only SQLite connection for the shipped tables
    kiosk::KioskConfig config_;
    std::string password_;
    std::unique_ptr<Pg> pg_;
    std::unique_ptr<store::EventStore> store_;  // read-only: the complaints as the complaint core has them
    std::map<std::string, long long> positions_;  // table -> the highest id the central database holds
    std::set<std::string> monthsMade_;
};

// The branch's settings the central report needs, from its config.
std::string settingsText(const kiosk::KioskConfig& config);

}  // namespace lw::central
