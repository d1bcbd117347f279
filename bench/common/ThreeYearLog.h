// The log bench_reports and bench_retention measure: a year of the simulated city branch (one seed a day) taken in
// through the shared ingestion path, then copied a year and two years on: three years of a busy branch.
#pragma once

#include "sim/BranchDay.h"
#include "intake/DeviceSessions.h"
#include "store/EventStore.h"
#include "kiosk/Ingest.h"
#include "sim/Profile.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace lw::bench {

// The simulated year's length: `--days N` on the bench's command line (default 345, the branch's open days).
inline int yearDaysOf(int argc, char** argv) {
    int days = 345;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--days") days = std::max(1, std::atoi(argv[i + 1]));
    return days;
}

// The branch's categories and time zone (UTC+8).
inline lobby::LobbyConfig threeYearConfig() {
    lobby::LobbyConfig config;
    config.utcOffsetMinutes = 480;
    config.categories = {{"A", "个人业务", "Personal", 15, 20, 30}, {"B", "对公业务", "Corporate", 15, 20, 30}, {"V", "贵宾业务", "VIP", 10, 15, 20}};
    return config;
}

// `yearDays` simulated days from `firstDay` (days since 1970-01-01) into a new log at `db`, then two copies of them
// 364 and 728 days later. Returns the tickets of the simulated year.
inline std::size_t makeThreeYearLog(const QString& db, const lobby::LobbyConfig& config, std::int64_t firstDay, int yearDays) {
    std::size_t tickets = 0;
    {
        sim::BranchProfile city = sim::loadProfile("city");
        auto opened = store::EventStore::open(db, config);
        lobby::Lobby lobby(config);
        kiosk::Ingest ingest(*opened.store, lobby);
        kiosk::Replies replies;
        int seq = 0;
        for (int d = 0; d < yearDays; ++d) {
            const auto day = sim::wholeDay(city, firstDay + d, 1000 + static_cast<std::uint64_t>(d), config.utcOffsetMinutes);
            for (const auto& tr : sim::simulateDay(city, day).transmissions) {
                auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "import");
                if (!e) continue;
                if (e->kind == lobby::EventKind::Issued) ++tickets;
                ingest.add(*e);
                if (ingest.pending() >= 8192) ingest.commit(replies);
            }
        }
        ingest.commit(replies);
    }
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "grow");
        d.setDatabaseName(db);
        d.open();
        QSqlQuery q(d);
        for (int shift : {1, 2})
            q.exec(QStringLiteral("INSERT INTO events (received_at, business_day, kind, ticket, category, window_no, to_window,"
                                  " priority, detail, port, device, seq) SELECT received_at + %1 * 364 * 86400000,"
                                  " date(business_day, '+%2 days'), kind, ticket, category, window_no, to_window, priority,"
                                  " detail, port, device, seq FROM events WHERE received_at < %3")
                       .arg(shift)
                       .arg(shift * 364)
                       .arg((firstDay + 364) * 86400000LL));
        q.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        q = QSqlQuery();
        d.close();
        d = QSqlDatabase();
    }
    QSqlDatabase::removeDatabase("grow");
    return tickets;
}

}  // namespace lw::bench
