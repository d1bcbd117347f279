// How far one PostgreSQL goes: a central database filled with simulated branches' day totals (a region of 500
// branches, two months), the region's month report timed from them; and the write rate of branches shipping a busy
// day each at once, through their own roles and row-level security. PostgreSQL 15 with its default durability
// (fsync, synchronous commit), started by the bench in a temporary folder.
#include "sim/BranchDay.h"
#include "central/CentralReport.h"
#include "central/CentralSchema.h"
#include "intake/DeviceSessions.h"
#include "store/EventStore.h"
#include "kiosk/Ingest.h"
#include "kiosk/KioskConfig.h"
#include "lobby/LocalTime.h"
#include "central/Pg.h"
#include "PgServer.h"
#include "sim/Profile.h"
#include "report/Report.h"
#include "central/link/Shipper.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace lw;

namespace {

std::vector<lobby::LobbyEvent> dayEvents(const sim::BranchProfile& p, std::int64_t localDay, std::uint64_t seed) {
    std::vector<lobby::LobbyEvent> out;
    int seq = 0;
    for (const auto& tr : sim::simulateDay(p, sim::wholeDay(p, localDay, seed, 480)).transmissions)
        if (auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "counter"))
            out.push_back(*e);
    return out;
}

double msSince(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// The CPU time (ms) a process has used, from /proc (the server's backend for our connection: on a loaded machine
// the wall time says more about the load than about the work). -1: not readable.
double cpuMsOf(const std::string& pid) {
    std::ifstream in("/proc/" + pid + "/stat");
    std::string stat;
    std::getline(in, stat);
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> f; ++i) {  // field 3 is the state; 14 utime, 15 stime (clock ticks)
        if (i == 14) utime = std::stod(f);
        if (i == 15) {
            stime = std::stod(f);
            return 1000.0 * (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
        }
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int branches = 500, writers = 50, variants = 12;
    for (int i = 1; i + 1 < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--branches") branches = std::max(1, std::atoi(argv[i + 1]));
        if (a == "--writers") writers = std::max(1, std::atoi(argv[i + 1]));
    }
    test::PgServer server(true);
    if (!server.ok()) {
        std::fprintf(stderr, "bench central: %s\n", server.skipReason().c_str());
        return 1;
    }
    {
        central::Pg admin(server.url("postgres"), test::PgServer::kAdminPassword);
        admin.exec("CREATE DATABASE bench");
    }
    central::Pg pg(server.url("bench"), test::PgServer::kAdminPassword);
    pg.script(central::centralMigrations()[0]);
    pg.exec("UPDATE lobbywatch.schema_version SET version = 1");

    // Day totals of simulated days (a mix of the city and small profiles), reused across branches and days.
    lobby::LobbyConfig lobby;
    lobby.categories = kiosk::defaultCategories();
    const sim::BranchProfile city = sim::loadProfile("city"), small = sim::loadProfile("small");
    std::vector<std::string> totals;
    std::size_t totalBytes = 0;
    const std::int64_t firstDay = sim::daysFromCivil(2026, 10, 1);
    for (int v = 0; v < variants; ++v) {
        const std::int64_t d = firstDay + v;
        const auto events = dayEvents(v % 2 ? small : city, d, 100 + static_cast<std::uint64_t>(v));
        const std::string day = report::addDays("2026-10-01", v);
        totals.push_back(report::summarize(events, {}, lobby, day, day).serialize());
        totalBytes += totals.back().size();
    }
    std::printf("day_totals_mean_bytes: %zu\n", totalBytes / totals.size());
    kiosk::KioskConfig kc;
    kc.lobby = lobby;
    const std::string settings = central::settingsText(kc);
    QElapsedTimer fill;
    fill.start();
    for (int b = 0; b < branches; ++b) {
        const std::string id = "E" + std::to_string(10000 + b);
        pg.exec("INSERT INTO lobbywatch.branches (branch_id, role_name, name, region, config) VALUES ($1, $2, $1, 'east', $3)",
                {id, central::branchRole(id), settings});
    }
    // Two months (October: the previous period; November: the month reported), 61 rows per branch.
    long long rows = 0;
    for (int b = 0; b < branches; ++b) {
        std::string sql = "INSERT INTO lobbywatch.day_totals (branch_id, business_day, bytes, digest) VALUES ";
        std::vector<central::Value> params{"E" + std::to_string(10000 + b)};
        for (int d = 0; d < 61; ++d) {
            const std::string& bytes = totals[static_cast<std::size_t>((b * 7 + d) % variants)];
            params.push_back(report::addDays("2026-10-01", d));
            params.push_back(central::byteaHex(bytes));
            sql += (d ? ", " : "") + std::string("($1, $") + std::to_string(params.size() - 1) + "::date, $" +
                   std::to_string(params.size()) + "::bytea, 'bench')";
            ++rows;
        }
        pg.exec(sql, params);
    }
    pg.exec("ANALYZE");
    std::printf("branches: %d\nday_totals_rows: %lld\nfill_s: %.1f\n", branches, rows, msSince(fill) / 1000.0);
    std::fflush(stdout);
    std::printf("database_mb: %s\n", pg.exec("SELECT pg_database_size('bench') / 1048576").rows[0][0].value_or("?").c_str());

    // The region's month, beside the previous month, from kept day totals: three runs.
    std::vector<double> times, cpu, serverCpu;
    int served = 0;
    const std::string backend = pg.exec("SELECT pg_backend_pid()").rows[0][0].value_or("0");
    const int runs = 5;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        const std::clock_t c0 = std::clock();
        const double s0 = cpuMsOf(backend);
        const auto r = central::loadCentralReport(pg, central::Selection{{}, "east"}, "2026-11-01", "2026-11-30",
                                                  QDateTime::currentMSecsSinceEpoch());
        times.push_back(msSince(t));
        cpu.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        serverCpu.push_back(cpuMsOf(backend) - s0);
        served = r.report.current.all.served;
        if (run == 0)
            std::printf("region_month_branch_days_from_totals: %d\nregion_month_ranked_branches: %zu\n", r.daysFromTotals,
                        r.ranking.size());
    }
    std::vector<double> both;
    for (int run = 0; run < runs; ++run) both.push_back(cpu[static_cast<std::size_t>(run)] + serverCpu[static_cast<std::size_t>(run)]);
    for (auto* v : {&times, &cpu, &serverCpu, &both}) std::sort(v->begin(), v->end());
    const std::size_t mid = runs / 2;
    double load = 0;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = 0;
        std::fclose(f);
    }
    std::printf("region_month_served: %d\nregion_month_report_ms_min: %.0f\nregion_month_report_ms_median: %.0f (of %d runs)\n"
                "region_month_report_cpu_ms_median: %.0f (this process)\nregion_month_server_cpu_ms_median: %.0f (its backend)\n"
                "region_month_cpu_ms_median: %.0f (both: the wall time on an idle machine, near enough)\nload_average: %.1f\n",
                served, times[0], times[mid], runs, cpu[mid], serverCpu[mid], both[mid], load);
    std::fflush(stdout);

    // The write rate: `writers` branches ship a busy day each at once, through their roles (row-level security).
    QTemporaryDir dir;
    const QString base = dir.path() + "/base.db";
    std::size_t events = 0;
    {
        auto opened = store::EventStore::open(base, lobby);
        lobby::Lobby model(lobby);
        kiosk::Ingest ingest(*opened.store, model);
        kiosk::Replies replies;
        const auto day = dayEvents(city, sim::daysFromCivil(2026, 12, 1), 5);
        for (const auto& e : day) ingest.add(e);
        ingest.commit(replies);
        events = day.size();
    }
    std::vector<kiosk::KioskConfig> configs;
    for (int w = 0; w < writers; ++w) {
        const std::string id = "W" + std::to_string(100 + w);
        const QString path = dir.path() + "/w" + QString::number(w) + ".db";
        QFile::copy(base, path);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        pg.exec(central::createBranchRoleSql(central::branchRole(id), "pw-" + id));
        pg.exec("INSERT INTO lobbywatch.branches (branch_id, role_name, region) VALUES ($1, $2, 'west')", {id, central::branchRole(id)});
        kiosk::KioskConfig c;
        c.lobby = lobby;
        c.database = path.toStdString();
        c.branch.id = id;
        c.central.url = server.url("bench", central::branchRole(id));
        c.central.allowPlaintext = true;
        configs.push_back(c);
    }
    QElapsedTimer write;
    write.start();
    std::vector<long long> shipped(static_cast<std::size_t>(writers));
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            central::Shipper s(QString::fromStdString(configs[static_cast<std::size_t>(w)].database), configs[static_cast<std::size_t>(w)],
                               "pw-" + configs[static_cast<std::size_t>(w)].branch.id);
            const auto r = s.shipOnce(QDateTime::currentMSecsSinceEpoch());
            if (!r.ok) std::fprintf(stderr, "bench central: %s\n", r.error.c_str());
            shipped[static_cast<std::size_t>(w)] = r.shipped;
        });
    for (auto& t : threads) t.join();
    const double writeS = msSince(write) / 1000.0;
    long long total = 0;
    for (long long s : shipped) total += s;
    std::printf("writers: %d\nevents_per_branch_day: %zu\nrows_shipped: %lld\nwrite_s: %.1f\nwrite_rows_per_s: %.0f\n", writers,
                events, total, writeS, static_cast<double>(total) / writeS);
    return 0;
}
