// The ranking's columns as the CSV has them (central::rankingCsv), the numbers as a person reads them.
#include "app/ReportRanking.h"

namespace lw::app {

PdfTable rankingPdfTable(const std::vector<central::BranchRank>& ranking, report::Lang lang) {
    const bool zh = lang == report::Lang::Zh;
    const QString noData = zh ? QStringLiteral("无数据") : QStringLiteral("no data");
    auto num = [](double v, int decimals) { return QString::number(v, 'f', decimals); };
    PdfTable t;
    t.title = zh ? QStringLiteral("网点排名") : QStringLiteral("Branches ranked");
    t.header = zh ? QStringList{QStringLiteral("排名 网点"), QStringLiteral("区域"), QStringLiteral("服务人数"),
                                QStringLiteral("平均等候(分)"), QStringLiteral("90%等候(分)"), QStringLiteral("目标内(%)"),
                                QStringLiteral("每万人投诉"), QStringLiteral("及时确认告警(%)"), QStringLiteral("设备离线次数")}
                  : QStringList{QStringLiteral("Rank, branch"), QStringLiteral("Region"), QStringLiteral("Served"),
                                QStringLiteral("Mean wait (min)"), QStringLiteral("90th pct wait (min)"),
                                QStringLiteral("Within target (%)"), QStringLiteral("Complaints per 10,000"),
                                QStringLiteral("Alerts acknowledged in time (%)"), QStringLiteral("Devices offline")};
    t.firstShare = 0.26;
    for (const auto& k : ranking) {
        const QString who = QString::number(k.rank) + QStringLiteral(". ") + QString::fromStdString(k.id) +
                            (k.name.empty() || k.name == k.id ? QString() : QStringLiteral(" ") + QString::fromStdString(k.name));
        t.rows.push_back({who, QString::fromStdString(k.region), QString::number(k.served), num(k.meanWaitS / 60, 1),
                          num(k.p90WaitS / 60, 1), num(k.withinTarget * 100, 1),
                          k.complaintsPer10000 ? num(*k.complaintsPer10000, 2) : noData,
                          k.ackedInTimeShare ? num(*k.ackedInTimeShare * 100, 0) + QStringLiteral(" (") +
                                                   QString::number(k.alertsAckedInTime) + QStringLiteral("/") +
                                                   QString::number(k.alerts) + QStringLiteral(")")
                                             : noData,
                          QString::number(k.devicesOffline)});
    }
    t.note = zh ? QStringLiteral("按目标内比例排序，其次按服务人数。及时确认：在上报时限内确认的告警。")
                : QStringLiteral("Ranked by the share within target, then by served. In time: acknowledged within the "
                                 "branch's escalation time.");
    return t;
}

}  // namespace lw::app
