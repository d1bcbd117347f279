// The Reports screen's branch beside its region, on the kiosk's report thread (ReportWorker), from a real PostgreSQL
// 15: the region's figures arrive after the branch's report and equal the central report's figures for the region;
// a branch role that may read only its own rows, and a link that cannot be reached, give a one-line note while the
// branch's own report still comes.
#include "CentralFixture.h"
#include "app/ReportRegion.h"
#include "app/ReportWorker.h"
#include "central/CentralReport.h"
#include "lobby/LocalTime.h"
#include "report/Report.h"
#include "central/link/Shipper.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QThread>

using namespace lw;
using namespace lw::test;

namespace {

struct Answers {
    QVariantMap first, region;
    int readies = 0, regions = 0;
};

// One request beside the region; the report thread's two answers (or what came within 30 s).
Answers ask(app::ReportWorker& worker, const kiosk::KioskConfig& config, const app::RegionSource& source, lobby::TimeMs now) {
    Answers a;
    QObject context;
    QObject::connect(&worker, &app::ReportWorker::ready, &context, [&a](const QString&, const QVariantMap& r, const QString&) {
        a.first = r;
        ++a.readies;
    });
    QObject::connect(&worker, &app::ReportWorker::regionReady, &context, [&a](const QString&, const QVariantMap& r) {
        a.region = r;
        ++a.regions;
    });
    worker.requestBesideRegion("week", now, config.lobby, source);
    QDeadlineTimer deadline(30'000);
    while (a.regions == 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    QCoreApplication::processEvents();
    return a;
}

QVariantMap rowOf(const QVariantMap& region, const QString& key) {
    for (const QVariant& v : region.value("rows").toList())
        if (v.toMap().value("key").toString() == key) return v.toMap();
    return {};
}

}  // namespace

TEST_CASE("The Reports screen's region figures come from the report thread and equal the central report's",
          "[central][server][region]") {
    static PgServer server;
    if (!server.ok()) {
        WARN("skipped: no PostgreSQL server for the central tests: " << server.skipReason());
        return;
    }
    const std::string dir = testDir("region");
    makeCentral(server, "region");
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::string yesterday = report::addDays(lobby::businessDayOf(now, branchLobby()), -1);
    // Two branches of the region, each with a busy day yesterday (different days: different figures), shipped.
    std::vector<kiosk::KioskConfig> configs;
    for (const auto& [id, seed] : {std::pair<std::string, std::uint64_t>{"N1", 11}, {"N2", 12}}) {
        const std::string path = dir + "/" + id + ".db";
        configs.push_back(addBranch(server, "region", id, "north", path));
        BranchLog log(path, configs.back().lobby);
        const auto events = simulatedDay(yesterday, seed, id == "N1" ? "city" : "small");
        log.add(events, 0, events.size());
        central::Shipper shipper(QString::fromStdString(path), configs.back(), "pw-" + id);
        const auto shipped = shipper.shipOnce(now);
        INFO(shipped.error);
        REQUIRE(shipped.ok);
    }
    const kiosk::KioskConfig& config = configs[0];
    app::ReportWorker worker(QString::fromStdString(config.database));
    std::string why;
    app::RegionSource source = app::regionSourceOf(config, why);
    INFO(why);
    REQUIRE(why.empty());
    REQUIRE(source.region == "north");

    SECTION("the branch's own role reads only its own rows: a note, not the branch alone passed off as the region") {
        const Answers a = ask(worker, config, source, now);
        REQUIRE(a.readies == 1);
        REQUIRE(a.regions == 1);
        CHECK(a.first.value("ok").toBool());
        CHECK(a.region.value("ok").toBool());  // the branch's report stands
        const QVariantMap r = a.region.value("region").toMap();
        CHECK_FALSE(r.value("ok").toBool());
        INFO(r.value("whyEn").toString().toStdString());
        CHECK(r.value("whyEn").toString().startsWith("region figures unavailable: "));
        CHECK(r.value("whyEn").toString().contains("GRANT lw_report TO lw_branch_n1"));
    }

    SECTION("granted the report role's reading: the region's figures equal the central report's") {
        central::Pg admin(server.url("region"), PgServer::kAdminPassword);
        admin.exec("GRANT lw_report TO lw_branch_n1");
        const Answers a = ask(worker, config, source, now);
        REQUIRE(a.readies == 1);
        REQUIRE(a.regions == 1);
        // First the branch's report alone (the page never waits on the network), then the same with the region.
        CHECK(a.first.value("ok").toBool());
        CHECK(a.first.value("region").toMap().value("pending").toBool());
        const QVariantMap r = a.region.value("region").toMap();
        INFO(r.value("whyEn").toString().toStdString());
        REQUIRE(r.value("ok").toBool());
        CHECK(r.value("branches").toInt() == 2);
        CHECK(r.value("region").toString() == "north");
        CHECK(a.region.value("categories") == a.first.value("categories"));

        const std::string from = a.first.value("from").toString().toStdString(), to = a.first.value("to").toString().toStdString();
        const central::CentralReport region = central::loadCentralReport(admin, central::Selection{{}, "north"}, from, to, now);
        REQUIRE(region.ranking.size() == 2);
        const auto& all = region.report.current.all;
        REQUIRE(all.served > 1000);
        CHECK(rowOf(r, "servedPerBranch").value("region").toDouble() == Approx(all.served / 2.0));
        CHECK(rowOf(r, "meanWaitMin").value("region").toDouble() == Approx(all.meanWaitS / 60));
        CHECK(rowOf(r, "p90WaitMin").value("region").toDouble() == Approx(all.p90WaitS / 60));
        CHECK(rowOf(r, "withinTarget").value("region").toDouble() == Approx(all.withinTarget * 100));
        CHECK(rowOf(r, "complaintsPer10000").value("region").toDouble() == Approx(10000.0 * region.report.current.complaints.count / all.served));
        // The branch's column is its own report's; its entry in the central ranking agrees.
        const auto& n1 = region.ranking[0].id == "N1" ? region.ranking[0] : region.ranking[1];
        CHECK(rowOf(r, "servedPerBranch").value("branch").toInt() == n1.served);
        CHECK(rowOf(r, "p90WaitMin").value("branch").toDouble() == Approx(n1.p90WaitS / 60));
        CHECK(rowOf(r, "withinTarget").value("branch").toDouble() == Approx(n1.withinTarget * 100));
        CHECK(rowOf(r, "servedPerBranch").value("region").toDouble() != rowOf(r, "servedPerBranch").value("branch").toDouble());
    }

    SECTION("a link that cannot be reached: a one-line note, the branch's figures still there") {
        app::RegionSource bad = source;
        bad.conninfo = "host=127.0.0.1 port=1"  // nothing listens there: refused at once
                      " dbname=region user=lw_branch_n1 sslmode=disable connect_timeout=5";
        const Answers a = ask(worker, config, bad, now);
        REQUIRE(a.regions == 1);
        CHECK(a.first.value("ok").toBool());
        CHECK(a.region.value("ok").toBool());
        CHECK(a.region.value("categories") == a.first.value("categories"));
        const QVariantMap r = a.region.value("region").toMap();
        CHECK_FALSE(r.value("ok").toBool());
        const QString note = r.value("whyEn").toString();
        INFO(note.toStdString());
        CHECK(note.startsWith("region figures unavailable: "));
        CHECK_FALSE(note.contains('\n'));
        CHECK(r.value("whyZh").toString().startsWith(QStringLiteral("无法取得本区域数据：")));
    }
}

TEST_CASE("A central host that takes the connection and never answers holds the report thread 3 s, not libpq's 10, "
          "and the note says so", "[central][region]") {
    const std::string dir = testDir("region_silent");
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    kiosk::KioskConfig config;
    config.lobby = branchLobby();
    config.database = dir + "/S1.db";
    {
        BranchLog log(config.database, config.lobby);
        const auto events = simulatedDay(report::addDays(lobby::businessDayOf(now, config.lobby), -1), 3, "small");
        log.add(events, 0, events.size());
    }
    // Listening, so the connection is taken (by the kernel and the server's queue), but nothing is ever said back:
    // a central host that hangs, or a firewall that swallows the answers.
    QTcpServer silent;
    REQUIRE(silent.listen(QHostAddress::LocalHost, 0));
    app::RegionSource source;
    source.region = "north";
    source.branchId = "S1";
    source.conninfo = "host=127.0.0.1 port=" + std::to_string(silent.serverPort()) + " dbname=region user=lw_branch_s1 sslmode=disable";
    app::ReportWorker worker(QString::fromStdString(config.database));
    QElapsedTimer took;
    took.start();
    const Answers a = ask(worker, config, source, now);
    const qint64 ms = took.elapsed();
    REQUIRE(a.regions == 1);
    CHECK(a.first.value("ok").toBool());
    CHECK(a.region.value("ok").toBool());  // the branch's own report stands
    const QVariantMap r = a.region.value("region").toMap();
    CHECK_FALSE(r.value("ok").toBool());
    INFO(r.value("whyEn").toString().toStdString() << " after " << ms << " ms");
    CHECK(r.value("whyEn").toString().startsWith("region figures unavailable: central database not answering"));
    CHECK(r.value("whyZh").toString().contains(QStringLiteral("中心数据库无应答")));
    CHECK(ms >= 2500);  // libpq's timeout, not a refusal
    CHECK(ms < 8000);   // libpq's default of 10 s would be more
}
