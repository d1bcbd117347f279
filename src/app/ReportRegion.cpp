// The region's figures beside the branch's, from the central database, on the report thread.
#include "app/ReportRegion.h"

#include "central/CentralConfig.h"
#include "central/CentralReport.h"
#include "central/Pg.h"
#include "kiosk/KioskConfig.h"

#include <QElapsedTimer>
#include <QVariantList>

#include <cstdio>
#include <exception>

namespace lw::app {

namespace {

// The region's figures are a nicety beside the branch's, on the thread that makes the branch's reports too: a
// central host that does not answer is given this long (libpq's connect_timeout, unless [central] url sets its
// own), not the shipper's 10 s.
constexpr int kConnectTimeoutS = 3;

QVariantMap unavailable(const std::string& why, const QString& whyZh = {}) {
    const QString w = QString::fromStdString(why);
    return {{"ok", false}, {"whyZh", QStringLiteral("无法取得本区域数据：") + (whyZh.isEmpty() ? w : whyZh)},
            {"whyEn", QStringLiteral("region figures unavailable: ") + w}};
}

// The connection string with the region's connect timeout added where it names none (a key=value string or a URI).
std::string withConnectTimeout(const std::string& conninfo) {
    if (conninfo.find("connect_timeout") != std::string::npos) return conninfo;
    const std::string timeout = "connect_timeout=" + std::to_string(kConnectTimeoutS);
    const bool uri = conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0;
    if (!uri) return conninfo + " " + timeout;
    return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + timeout;
}

QVariant orNull(bool has, double v) { return has ? QVariant(v) : QVariant(); }

}  // namespace

RegionSource regionSourceOf(const kiosk::KioskConfig& config, std::string& why) {
    RegionSource s;
    s.region = config.branch.region;
    s.branchId = config.branch.id;
    if (!config.central.enabled()) {
        why = "no [central] url";
        return s;
    }
    try {
        const std::string conninfo = central::checkedConnectionString(config.central.url, config.central.allowPlaintext, "[central] url");
        if (!config.central.passwordFile.empty())
            s.password = central::readPasswordFile(config.central.passwordFile, "[central] password_file");
        s.conninfo = conninfo;
    } catch (const std::exception& e) {
        why = e.what();
    }
    return s;
}

QVariantMap regionBeside(const RegionSource& source, const QVariantMap& own, lobby::TimeMs now) {
    if (source.region.empty()) return unavailable("this branch has no [branch] region");
    if (source.conninfo.empty()) return unavailable("[central] is not usable");
    const std::string from = own.value("from").toString().toStdString(), to = own.value("to").toString().toStdString();
    QElapsedTimer took;
    took.start();
    central::CentralReport r;
    try {
        central::Pg pg(withConnectTimeout(source.conninfo), source.password);
        // A branch's own role reads only its own rows (row-level security): its "region" would be the branch alone.
        // The region's figures need the report role's reading (GRANT lw_report TO the branch's role).
        const auto mayRead = pg.exec("SELECT pg_has_role('lw_report', 'USAGE')");
        if (mayRead.rows.empty() || mayRead.rows[0][0].value_or("f") != "t")
            return unavailable("the role " + pg.user() + " may read only its own branch (GRANT lw_report TO " + pg.user() + ")");
        r = central::loadCentralReport(pg, central::Selection{{}, source.region}, from, to, now);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lobbywatch: region %s figures unavailable: %s\n", source.region.c_str(), e.what());
        // libpq's words for a host that took no connection, or took it and said nothing, within connect_timeout.
        if (std::string(e.what()).find("timeout expired") != std::string::npos)
            return unavailable("central database not answering (nothing within " + std::to_string(took.elapsed() / 1000) + " s)",
                               QStringLiteral("中心数据库无应答（%1 秒内无回应）").arg(took.elapsed() / 1000));
        std::string why = e.what();
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        if (const auto nl = why.find('\n'); nl != std::string::npos) why = why.substr(0, nl);  // one line on the page
        return unavailable(why);
    }
    // The branch's own figures: its report's all-categories row (the last) and its complaints.
    const QVariantList categories = own.value("categories").toList();
    const QVariantMap all = categories.isEmpty() ? QVariantMap{} : categories.back().toMap();
    const int served = all.value("served").toInt();
    const int complaints = own.value("complaints").toMap().value("count").toInt();
    // The region's: its report over all its branches (waits and share over every ticket called in the region),
    // served per branch, complaints per 10,000 served in the region.
    const auto& ra = r.report.current.all;
    const int branches = static_cast<int>(r.ranking.size());
    const int regionComplaints = r.report.current.complaints.count;
    auto row = [](const char* key, QVariant branch, QVariant region) {
        return QVariantMap{{"key", QString::fromLatin1(key)}, {"branch", branch}, {"region", region}};
    };
    QVariantList rows;
    rows.push_back(row("servedPerBranch", served, orNull(branches > 0, branches > 0 ? double(ra.served) / branches : 0)));
    rows.push_back(row("meanWaitMin", orNull(served > 0, all.value("meanWaitMin").toDouble()), orNull(ra.called > 0, ra.meanWaitS / 60)));
    rows.push_back(row("p90WaitMin", orNull(served > 0, all.value("p90WaitMin").toDouble()), orNull(ra.called > 0, ra.p90WaitS / 60)));
    rows.push_back(row("withinTarget", orNull(served > 0, all.value("withinTarget").toDouble()), orNull(ra.called > 0, ra.withinTarget * 100)));
    rows.push_back(row("complaintsPer10000", orNull(served > 0, served > 0 ? 10000.0 * complaints / served : 0),
                       orNull(ra.served > 0, ra.served > 0 ? 10000.0 * regionComplaints / ra.served : 0)));
    std::fprintf(stderr, "lobbywatch: region %s (%d branches) %s..%s for the screen in %lld ms\n", source.region.c_str(),
                 branches, from.c_str(), to.c_str(), static_cast<long long>(took.elapsed()));
    return {{"ok", true}, {"region", QString::fromStdString(source.region)}, {"branches", branches}, {"rows", rows}};
}

}  // namespace lw::app
