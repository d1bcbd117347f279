// The report across branches from a real PostgreSQL 15: one branch's central figures equal its own report from its
// own log to the last digit (kept day totals and events, incidents, a complaint), and the ranking of a region.
#include "CentralFixture.h"
#include "central/CentralReport.h"
#include "complaint/Complaint.h"
#include "lobby/LocalTime.h"
#include "app/ReportData.h"
#include "report/ReportFormat.h"
#include "central/link/Shipper.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace lw;
using namespace lw::test;

namespace {

PgServer& server() {
    static PgServer s;
    return s;
}

lobby::TimeMs at(const std::string& day, int hour, int minute) {
    std::int64_t d = 0;
    sim::parseDate(day, d);
    return (d * 86400 + (hour * 60 + minute - 480) * 60) * 1000LL;
}

// Two busy days, an alert acknowledged, a device offline, a complaint about a ticket that had the alert.
void fillBranch(BranchLog& log, const kiosk::KioskConfig& config) {
    for (const auto& [day, seed] : {std::pair<std::string, std::uint64_t>{"2026-11-23", 3}, {"2026-11-24", 4}}) {
        auto events = simulatedDay(day, seed);
        log.add(events, 0, events.size());
    }
    store::Incident alert{0, at("2026-11-24", 10, 5), "long_wait", "warning", "ticket:A010", "等候过长", "Long wait", "raised", 0};
    alert.stateAt = alert.raisedAt;
    const auto id = log.store->raiseIncident(alert);
    REQUIRE(id);
    REQUIRE(log.store->stepIncident(*id, "acknowledged", at("2026-11-24", 10, 9), "Manager Li"));
    REQUIRE(log.store->stepIncident(*id, "resolved", at("2026-11-24", 10, 30), "Manager Li", "opened a window"));
    store::Incident offline{0, at("2026-11-23", 14, 0), "device_offline", "alarm", "device:11", "离线", "Offline", "raised", 0};
    offline.stateAt = offline.raisedAt;
    const auto off = log.store->raiseIncident(offline);
    REQUIRE(off);
    REQUIRE(log.store->stepIncident(*off, "cleared", at("2026-11-23", 14, 20)));
    complaint::Intake in;
    in.at = at("2026-11-24", 11, 0);
    in.day = "2026-11-24";
    in.channel = "on_site";
    in.cause = "long_wait";
    in.by = "Manager Li";
    in.summary = "waited an hour; Mr Wang, 138 0000 0000";
    in.contact = "138 0000 0000";
    in.ticket = "A010";
    in.ticketDay = "2026-11-24";
    std::string error;
    auto c = complaint::receive(in, config.complaints.rules, config.complaints.calendar, error);
    INFO(error);
    REQUIRE(c);
    REQUIRE(log.store->addComplaint(*c, error));
}

}  // namespace

TEST_CASE("One branch's report from the central database equals its own report from its log, to the last digit",
          "[central][server][report]") {
    if (!server().ok()) {
        WARN("skipped: no PostgreSQL server for the central tests: " << server().skipReason());
        return;
    }
    const std::string dir = testDir("report");
    makeCentral(server(), "report");
    const std::string path = dir + "/r1.db";
    const auto config = addBranch(server(), "report", "R1", "harbour", path);
    BranchLog log(path, config.lobby);
    fillBranch(log, config);
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::string today = lobby::businessDayOf(now, config.lobby);
    // The first day's totals kept (as the kiosk keeps them at the rollover); the second's only as events.
    REQUIRE(app::keepDayTotals(*log.store, config.lobby, "2026-11-23", "2026-11-23", today) == 1);
    {
        central::Shipper shipper(QString::fromStdString(path), config, "pw-R1");
        const auto r = shipper.shipOnce(now);
        INFO(r.error);
        REQUIRE(r.ok);
    }
    // The complaint went up anonymised: the record has no name, contact or summary.
    central::Pg admin(server().url("report"), PgServer::kAdminPassword);
    const auto columns = admin.exec("SELECT string_agg(column_name, ',') FROM information_schema.columns"
                                    " WHERE table_schema = 'lobbywatch' AND table_name = 'complaints'").rows[0][0].value_or("");
    CHECK(columns.find("contact") == std::string::npos);
    CHECK(columns.find("summary") == std::string::npos);
    CHECK(admin.exec("SELECT count(*) FROM lobbywatch.complaints WHERE branch_id = 'R1' AND cause = 'long_wait'"
                     " AND ticket = 'A010'").rows[0][0].value_or("") == "1");

    app::ReportLoad local = app::loadReport(*log.store, config.lobby, "2026-11-23", "2026-11-24", today, now);
    local.report.branchId = "R1";
    local.report.branchName = "Branch R1";
    central::CentralReport fromCentral = central::loadCentralReport(admin, central::Selection{{"R1"}, ""}, "2026-11-23", "2026-11-24", now);
    CHECK(fromCentral.daysFromTotals >= 1);  // the kept day came from its totals ...
    CHECK(fromCentral.daysFromEvents >= 1);  // ... the other from its events
    REQUIRE(local.report.current.all.served > 1000);
    // The simulated days have transfers: their second waits are counted, on their own clocks, in both reports.
    CHECK(local.report.current.all.transferWaits > 0);
    CHECK(local.report.current.all.transferred > 0);
    CHECK(fromCentral.report.current.all.transferWaits == local.report.current.all.transferWaits);
    CHECK(local.report.current.complaints.count == 1);
    CHECK(local.report.current.complaints.afterWaitAlert == 1);
    CHECK(report::toJson(fromCentral.report) == report::toJson(local.report));
    CHECK(report::toCsv(fromCentral.report, report::Lang::En) == report::toCsv(local.report, report::Lang::En));
    REQUIRE(fromCentral.ranking.size() == 1);
    const auto& rank = fromCentral.ranking[0];
    CHECK(rank.served == local.report.current.all.served);
    CHECK(rank.p90WaitS == local.report.current.all.p90WaitS);
    CHECK(rank.alerts == 1);
    CHECK(rank.alertsAckedInTime == 1);  // acknowledged after 4 min, within escalate_after_min (10)
    CHECK(rank.devicesOffline == 1);
    REQUIRE(rank.complaintsPer10000);
    CHECK(*rank.complaintsPer10000 == Approx(10000.0 / local.report.current.all.served));

    // A second branch of the region with the same day: the region's report sums both, the ranking has both.
    const std::string path2 = dir + "/r2.db";
    log.store.reset();
    REQUIRE(QFile::copy(QString::fromStdString(path), QString::fromStdString(path2)));
    QFile::setPermissions(QString::fromStdString(path2), QFile::ReadOwner | QFile::WriteOwner);
    const auto config2 = addBranch(server(), "report", "R2", "harbour", path2);
    {
        central::Shipper shipper(QString::fromStdString(path2), config2, "pw-R2");
        REQUIRE(shipper.shipOnce(now).ok);
    }
    central::CentralReport region = central::loadCentralReport(admin, central::Selection{{}, "harbour"}, "2026-11-23", "2026-11-24", now);
    REQUIRE(region.ranking.size() == 2);
    for (const auto& k : region.ranking) {  // each branch ranked by the figures of its own report
        CHECK(k.served == local.report.current.all.served);
        CHECK(k.p90WaitS == local.report.current.all.p90WaitS);
        CHECK(k.withinTarget == local.report.current.all.withinTarget);
        CHECK(k.meanWaitS == local.report.current.all.meanWaitS);  // summed in whole milliseconds by both
        CHECK(k.complaints == 1);
        CHECK(k.devicesOffline == 1);
    }
    CHECK(region.report.current.all.served == 2 * local.report.current.all.served);
    CHECK(region.report.current.complaints.count == 2);
    CHECK(region.report.current.complaints.afterWaitAlert == 2);
    CHECK(region.report.current.windows.empty());

    // The command line: JSON with the ranking, CSV, PDF.
    for (const char* format : {"json", "csv", "pdf"}) {
        const QString out = QString::fromStdString(dir + "/region." + format);
        const Run r = lobbywatch({"report", "--central", QString::fromStdString(server().url("report")), "--allow-plaintext",
                                  "--password-file", QString::fromStdString(server().adminPasswordFile()), "--region", "harbour",
                                  "--from", "2026-11-23", "--to", "2026-11-24", "--format", format, "--out", out, "--lang", "en"});
        INFO(format << ": " << r.err);
        REQUIRE(r.code == 0);
        QFile f(out);
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        if (std::string(format) == "json") CHECK(text.contains("\"ranking\""));
        if (std::string(format) == "csv") CHECK(text.contains("rank,branch,name,region,served"));
        if (std::string(format) == "pdf") {
            CHECK(text.startsWith("%PDF"));
            // The ranking is in the PDF itself (it used to be a CSV beside it): each branch's row in its text layer.
            CHECK_FALSE(QFile::exists(out + ".ranking.csv"));
            QProcess p;
            p.start("pdftotext", {"-layout", out, "-"});
            REQUIRE(p.waitForFinished(30'000));
            REQUIRE(p.exitCode() == 0);
            const QString pdfText = QString::fromUtf8(p.readAllStandardOutput());
            INFO(pdfText.toStdString());
            CHECK(pdfText.contains("Branches ranked"));
            for (const auto& k : region.ranking) {
                const QRegularExpression row(QStringLiteral("%1\\. %2 .*harbour +%3 +%4 +%5")
                                                 .arg(k.rank)
                                                 .arg(QString::fromStdString(k.id))
                                                 .arg(k.served)
                                                 .arg(QString::number(k.meanWaitS / 60, 'f', 1))
                                                 .arg(QString::number(k.p90WaitS / 60, 'f', 1)));
                CHECK(pdfText.contains(row));
            }
        }
    }
    const Run none = lobbywatch({"report", "--central", QString::fromStdString(server().url("report")), "--allow-plaintext",
                                 "--password-file", QString::fromStdString(server().adminPasswordFile()), "--branch", "NOPE",
                                 "--from", "2026-11-23", "--to", "2026-11-24", "--format", "json", "--out",
                                 QString::fromStdString(dir + "/none.json")});
    CHECK(none.code == 1);
    CHECK(none.err.find("no branch NOPE") != std::string::npos);
}
