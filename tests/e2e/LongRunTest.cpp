// Months unattended: 90 simulated days through the whole pipeline (simulator -> socat pty -> lobbywatch -> SQLite)
// at 20,000 times real time. Memory after day 90 is within 10% of memory after day 5, and no file descriptor is
// leaked. Long: runs in ./run test --long (about 7 minutes).
#include "E2eSupport.h"

#include <QRegularExpression>

using namespace lw;
using namespace lw::test;

TEST_CASE("90 simulated days: memory flat, no descriptor growth, every day logged, the log sound") {
    const int days = std::getenv("LW_LONG_DAYS") ? std::atoi(std::getenv("LW_LONG_DAYS")) : 90;
    QString dir = workDir("longrun");
    PtyPair pty(dir);
    QString db = dir + "/events.db";
    QString first = branchToday();
    QProcess kiosk;
    startKiosk(kiosk, dir, {"--headless", "--port", pty.kiosk(), "--db", db, "--speed", "20000", "--start", "08:00",
                            "--status-every-sim-s", "86400"});
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "11", "--port", pty.branch(), "--speed", "20000",
                                      "--start", "08:00", "--date", first, "--days", QString::number(days), "--quiet"});
    REQUIRE(sim.waitForStarted(5000));
    REQUIRE(sim.waitForFinished(days * 20'000));
    REQUIRE(sim.exitCode() == 0);
    QThread::msleep(3000);  // one more status line
    REQUIRE(kiosk.state() == QProcess::Running);
    kiosk.terminate();
    REQUIRE(kiosk.waitForFinished(10'000));

    QString out = readText(dir + "/kiosk.out");
    // One status line a simulated day: "YYYY-MM-DD 08:0x ... | rss N kB fds M".
    QRegularExpression status("^(\\d{4}-\\d\\d-\\d\\d) \\d\\d:\\d\\d .*\\| rss (\\d+) kB fds (\\d+)$", QRegularExpression::MultilineOption);
    std::vector<std::pair<long, int>> byDay;
    for (auto it = status.globalMatch(out); it.hasNext();) {
        auto m = it.next();
        byDay.push_back({m.captured(2).toLong(), m.captured(3).toInt()});
    }
    INFO("status lines: " << byDay.size());
    REQUIRE(static_cast<int>(byDay.size()) >= days - 1);
    const auto [rss5, fds5] = byDay[4];
    const auto [rssEnd, fdsEnd] = byDay.back();
    std::printf("long run: %d days; RSS after day 5 %ld kB, after day %zu %ld kB (%+.1f%%); fds %d -> %d\n", days, rss5,
                byDay.size(), rssEnd, 100.0 * (static_cast<double>(rssEnd) / static_cast<double>(rss5) - 1.0), fds5, fdsEnd);
    REQUIRE(static_cast<double>(rssEnd) <= 1.10 * static_cast<double>(rss5));
    REQUIRE(fdsEnd <= fds5);
    REQUIRE(queryLog(db, "SELECT COUNT(DISTINCT business_day) FROM events").value(0).toInt() >= days);
    REQUIRE(queryLog(db, "PRAGMA integrity_check").value(0) == "ok");
}
