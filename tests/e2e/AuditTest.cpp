// The audit on records shaped like a real branch's month: a day of the 'realistic' profile (thirty positions
// serving several categories, heavy-tailed services, many zero waits, customers who give up) imported with
// --predictions-out; the served figure must hold against the simple estimators computed from the same file.
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QProcess>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <vector>

using namespace lw::test;

namespace {

int runTool(const QString& program, const QStringList& args, QString* err = nullptr) {
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForStarted(5000));
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(280'000));
    if (err) *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitCode();
}

struct Row {
    std::string category;
    qint64 issuedS = 0;
    int predicted = -1, low = -1, high = -1, actual = -1;
    std::string servedBy;
};

}  // namespace

TEST_CASE("import --predictions-out of a realistic day: every ticket has the served figure, no worse than LES or the "
          "formula-free zero guess, with an interval that covers about 80%") {
    QString dir = workDir("realistic");
    QString source = QString::fromUtf8(std::getenv("LW_SOURCE_DIR"));
    REQUIRE(runTool(bin("lobbywatch-sim"), {"--profile", "realistic", "--seed", "4", "--speed", "max", "--truth-events",
                                            dir + "/day.csv", "--quiet"}) == 0);
    QString err;
    int code = runTool(bin("lobbywatch"), {"import", dir + "/day.csv", "--db", dir + "/day.db", "--config",
                                           source + "/config/demo/realistic.ini", "--predictions-out", dir + "/pred.csv"}, &err);
    INFO(err.toStdString());
    REQUIRE(code == 0);

    std::ifstream in((dir + "/pred.csv").toStdString());
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "ticket,category,issued_at,predicted_wait_s,actual_wait_s,first_alert_at,outcome,predicted_low_s,"
                    "predicted_high_s,served_by");
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        QStringList f = QString::fromStdString(line).split(',');
        REQUIRE(f.size() == 10);
        Row r;
        r.category = f[1].toStdString();
        r.issuedS = QDateTime::fromString(f[2], Qt::ISODate).toSecsSinceEpoch();
        if (!f[3].isEmpty()) r.predicted = f[3].toInt(), r.low = f[7].toInt(), r.high = f[8].toInt();
        if (!f[4].isEmpty()) r.actual = f[4].toInt();
        r.servedBy = f[9].toStdString();
        rows.push_back(r);
    }
    REQUIRE(rows.size() > 900);  // about 1,250 customers a day

    // LES from the same file: the wait of the last ticket of the category called before this one's issue.
    std::vector<std::tuple<qint64, std::string, int>> calls;
    for (const auto& r : rows)
        if (r.actual >= 0) calls.emplace_back(r.issuedS + r.actual, r.category, r.actual);
    std::sort(calls.begin(), calls.end());
    double served = 0, les = 0, zero = 0, covered = 0, n = 0, withFigure = 0;
    std::set<std::string> servers;
    for (const auto& r : rows) {
        if (r.predicted >= 0) {
            ++withFigure;
            servers.insert(r.servedBy);
            REQUIRE(r.low <= r.predicted);
            REQUIRE(r.predicted <= r.high);
        }
        if (r.predicted < 0 || r.actual < 0) continue;
        int last = 0;
        for (auto it = std::lower_bound(calls.begin(), calls.end(), std::make_tuple(r.issuedS, std::string(), 0)); it != calls.begin();) {
            --it;
            if (std::get<1>(*it) == r.category) {
                last = std::get<2>(*it);
                break;
            }
        }
        n += 1;
        served += std::abs(r.predicted - r.actual);
        les += std::abs(last - r.actual);
        zero += r.actual;
        if (r.low <= r.actual && r.actual <= r.high) covered += 1;
    }
    REQUIRE(n > 700);
    CHECK(withFigure >= 0.95 * static_cast<double>(rows.size()));
    for (const auto& s : servers) {
        INFO("served by " << s);
        CHECK((s == "montecarlo" || s == "baseline" || s == "queue" || s == "les" || s == "hol" || s == "blend"));
    }
    INFO("served MAE " << served / n << " s, LES " << les / n << " s, zero " << zero / n << " s, coverage " << covered / n);
    // A first day (no history, the formula until each category has had 20 calls): no worse than LES, well under
    // the error of promising no wait at all.
    CHECK(served <= 1.05 * les);
    CHECK(served <= 0.9 * zero);
    CHECK(covered / n >= 0.6);
    CHECK(covered / n <= 0.95);
}
