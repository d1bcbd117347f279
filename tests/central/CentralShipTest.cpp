// Shipping to a real PostgreSQL 15 started by the test: many branches at once, the server stopped mid-day and
// started again, a shipper killed mid-batch, and a branch's role kept to its own rows.
#include "CentralFixture.h"
#include "central/link/CentralLink.h"
#include "central/CentralSchema.h"
#include "central/link/Shipper.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <csignal>
#include <thread>

using namespace lw;
using namespace lw::test;

namespace {

PgServer& server() {
    static PgServer s;
    return s;
}

#define REQUIRE_SERVER()                                                                                  \
    if (!server().ok()) {                                                                                 \
        WARN("skipped: no PostgreSQL server for the central tests: " << server().skipReason());           \
        return;                                                                                           \
    }

// Everything of the branch's log is in the central database once: the same count, no id twice.
void requireAllShippedOnce(const std::string& db, const BranchLog& log, const std::string& branch) {
    central::Pg admin(server().url(db), PgServer::kAdminPassword);
    for (const auto& t : central::shippedTables()) {
        auto r = admin.exec("SELECT count(*), count(DISTINCT id) FROM lobbywatch." + t.name + " WHERE branch_id = $1", {branch});
        INFO(t.name << " of " << branch);
        CHECK(std::stoll(*r.rows[0][0]) == log.count(t.name));
        CHECK(*r.rows[0][0] == *r.rows[0][1]);
    }
}

// Waits (the link runs on its own thread) until `done` holds, at most `seconds`.
template <class F>
bool waitFor(F done, int seconds) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > seconds * 1000) return false;
        QThread::msleep(50);
    }
    return true;
}

}  // namespace

TEST_CASE("50 branches ship a busy day at once into one database: every row once, each under its own branch",
          "[central][server][fifty]") {
    REQUIRE_SERVER();
    const std::string dir = testDir("fifty");
    makeCentral(server(), "fifty");
    const auto day = simulatedDay("2026-11-24", 7);
    const std::string base = dir + "/base.db";
    { BranchLog log(base, branchLobby()); log.add(day, 0, day.size()); }
    constexpr int kBranches = 50;
    std::vector<kiosk::KioskConfig> configs;
    for (int i = 0; i < kBranches; ++i) {
        const std::string path = dir + "/b" + std::to_string(i) + ".db";
        REQUIRE(QFile::copy(QString::fromStdString(base), QString::fromStdString(path)));
        QFile::setPermissions(QString::fromStdString(path), QFile::ReadOwner | QFile::WriteOwner);
        configs.push_back(addBranch(server(), "fifty", "B" + std::to_string(100 + i), i < 25 ? "north" : "south", path));
    }
    QElapsedTimer took;
    took.start();
    std::vector<central::PassResult> results(kBranches);
    std::vector<std::thread> threads;
    for (int i = 0; i < kBranches; ++i)
        threads.emplace_back([&, i] {
            central::Shipper shipper(QString::fromStdString(configs[static_cast<std::size_t>(i)].database), configs[static_cast<std::size_t>(i)],
                                     central::readPasswordFile(configs[static_cast<std::size_t>(i)].central.passwordFile, "test"));
            results[static_cast<std::size_t>(i)] = shipper.shipOnce(QDateTime::currentMSecsSinceEpoch());
        });
    for (auto& t : threads) t.join();
    const double seconds = static_cast<double>(took.elapsed()) / 1000.0;
    long long rows = 0;
    for (const auto& r : results) {
        INFO(r.error);
        REQUIRE(r.ok);
        CHECK(r.rowsBehind == 0);
        rows += r.shipped;
    }
    WARN(kBranches << " branches, " << rows << " rows shipped at once in " << seconds << " s (" << static_cast<long long>(static_cast<double>(rows) / seconds) << " rows/s)");
    BranchLog one(base, branchLobby());
    central::Pg admin(server().url("fifty"), PgServer::kAdminPassword);
    auto counts = admin.exec("SELECT branch_id, count(*), count(DISTINCT id) FROM lobbywatch.events GROUP BY branch_id");
    REQUIRE(counts.rows.size() == kBranches);
    for (const auto& row : counts.rows) {
        CHECK(std::stoll(*row[1]) == one.count("events"));
        CHECK(*row[1] == *row[2]);
    }
    // The month's partition was made on demand and holds them.
    CHECK(admin.exec("SELECT count(*) FROM lobbywatch.events_2026_11").rows[0][0].value_or("") ==
          std::to_string(one.count("events") * kBranches));
    // A second pass ships nothing again.
    central::Shipper again(QString::fromStdString(configs[0].database), configs[0], "pw-B100");
    const auto r = again.shipOnce(QDateTime::currentMSecsSinceEpoch());
    REQUIRE(r.ok);
    CHECK(r.shipped == 0);
}

TEST_CASE("The server stopped mid-day and started again: the shippers back off, catch up, nothing lost or doubled",
          "[central][server][outage]") {
    REQUIRE_SERVER();
    const std::string dir = testDir("outage");
    makeCentral(server(), "outage");
    constexpr int kBranches = 3;
    std::vector<std::vector<lobby::LobbyEvent>> days;
    std::vector<std::unique_ptr<BranchLog>> logs;
    std::vector<std::unique_ptr<central::CentralLink>> links;
    const kiosk::Clock clock(QDateTime::currentMSecsSinceEpoch(), 1.0);
    for (int i = 0; i < kBranches; ++i) {
        days.push_back(simulatedDay("2026-11-25", 20 + static_cast<std::uint64_t>(i)));
        const std::string path = dir + "/o" + std::to_string(i) + ".db";
        logs.push_back(std::make_unique<BranchLog>(path, branchLobby()));
        logs.back()->add(days.back(), 0, days.back().size() / 3);
        auto config = addBranch(server(), "outage", "O" + std::to_string(i), "east", path);
        config.central.shipEverySeconds = 1;
        links.push_back(std::make_unique<central::CentralLink>(QString::fromStdString(path), config, "pw-O" + std::to_string(i), clock));
        links.back()->start();
    }
    auto allCaughtUp = [&] {
        for (auto& l : links) {
            const auto s = l->status();
            if (s.state != central::LinkStatus::State::Up || s.rowsBehind != 0) return false;
        }
        return true;
    };
    REQUIRE(waitFor(allCaughtUp, 30));
    // The morning's rows are there; the server goes away for the middle of the day.
    server().stop();
    for (int i = 0; i < kBranches; ++i) logs[static_cast<std::size_t>(i)]->add(days[static_cast<std::size_t>(i)], days[static_cast<std::size_t>(i)].size() / 3, 2 * days[static_cast<std::size_t>(i)].size() / 3);
    REQUIRE(waitFor([&] {
        for (auto& l : links) {
            const auto s = l->status();
            if (s.state != central::LinkStatus::State::Down || s.rowsBehind <= 0) return false;
        }
        return true;
    }, 30));
    for (auto& l : links) {
        const auto s = l->status();
        CHECK(s.oldestUnshippedAt > 0);
        CHECK_FALSE(s.error.empty());
    }
    for (int i = 0; i < kBranches; ++i) logs[static_cast<std::size_t>(i)]->add(days[static_cast<std::size_t>(i)], 2 * days[static_cast<std::size_t>(i)].size() / 3, days[static_cast<std::size_t>(i)].size());
    REQUIRE(server().start());
    for (auto& l : links) l->nudge();
    REQUIRE(waitFor(allCaughtUp, 40));
    for (int i = 0; i < kBranches; ++i) requireAllShippedOnce("outage", *logs[static_cast<std::size_t>(i)], "O" + std::to_string(i));
    links.clear();
}

TEST_CASE("A shipper killed mid-batch: the batch is not there, the next run ships the rest once", "[central][server][killed]") {
    REQUIRE_SERVER();
    const std::string dir = testDir("killed");
    makeCentral(server(), "killed");
    const std::string path = dir + "/k.db";
    auto day = simulatedDay("2026-11-26", 31);
    BranchLog log(path, branchLobby());
    log.add(day, 0, day.size());
    const auto config = addBranch(server(), "killed", "K1", "west", path);
    const QString ini = QString::fromStdString(dir + "/k.ini");
    {
        QFile f(ini);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString("[branch]\nid = K1\nregion = west\n[central]\nurl = " + config.central.url +
                                          "\nallow_plaintext = yes\npassword_file = " + config.central.passwordFile +
                                          "\nbatch_rows = 500\n"));
        f.close();
        QFile::setPermissions(ini, QFile::ReadOwner | QFile::WriteOwner);
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LW_CENTRAL_PAUSE_AT_BATCH", "3");
    env.insert("LW_CENTRAL_PAUSE_IN_BATCH_MS", "30000");
    p.setProcessEnvironment(env);
    p.start(QString::fromUtf8(std::getenv("LW_BIN_DIR")) + "/lobbywatch",
            {"central", "ship", "--config", ini, "--log", QString::fromStdString(path)});
    std::string err;
    REQUIRE(waitFor([&] {
        p.waitForReadyRead(50);
        err += p.readAllStandardError().toStdString();
        return err.find("batch of 500 events rows open") != std::string::npos || p.state() == QProcess::NotRunning;
    }, 30));
    INFO(err);
    REQUIRE(p.state() == QProcess::Running);
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished();
    // Two batches committed; the third, killed before its COMMIT, is not there at all.
    CHECK(centralCount(server(), "killed", "events", "K1") == 1000);
    const Run again = lobbywatch({"central", "ship", "--config", ini, "--log", QString::fromStdString(path)});
    INFO(again.err);
    REQUIRE(again.code == 0);
    requireAllShippedOnce("killed", log, "K1");
}

TEST_CASE("A branch's role writes and reads only its own rows; the report role only reads", "[central][server][rls]") {
    REQUIRE_SERVER();
    const std::string dir = testDir("rls");
    makeCentral(server(), "rls");
    // The schema once: init again refuses and points at migrate; migrate finds nothing to do.
    const QStringList adminArgs{"--central", QString::fromStdString(server().url("rls")), "--allow-plaintext", "--password-file",
                            QString::fromStdString(server().adminPasswordFile())};
    const Run again = lobbywatch(QStringList{"central", "init"} + adminArgs);
    CHECK(again.code == 1);
    CHECK(again.err.find("central migrate") != std::string::npos);
    const Run migrate = lobbywatch(QStringList{"central", "migrate"} + adminArgs);
    CHECK(migrate.code == 0);
    CHECK(migrate.out.find("already up to date") != std::string::npos);
    // Without --allow-plaintext a URL without TLS is refused, naming the option.
    const Run plain = lobbywatch({"central", "migrate", "--central", QString::fromStdString(server().url("rls"))});
    CHECK(plain.code == 2);
    CHECK(plain.err.find("--central: sslmode=disable does not require TLS") != std::string::npos);
    const auto a = addBranch(server(), "rls", "RA", "north", dir + "/a.db");
    const auto b = addBranch(server(), "rls", "RB", "north", dir + "/b.db");
    auto day = simulatedDay("2026-11-27", 41, "small");
    { BranchLog log(b.database, branchLobby()); log.add(day, 0, day.size()); }
    {
        central::Shipper shipB(QString::fromStdString(b.database), b, "pw-RB");
        REQUIRE(shipB.shipOnce(QDateTime::currentMSecsSinceEpoch()).ok);
    }
    central::Pg asA(a.central.url, "pw-RA");
    const std::string row = "INSERT INTO lobbywatch.events (branch_id, id, received_at, business_day, kind, port, device, seq)"
                            " VALUES ($1, 999999, 0, '2026-11-27', 'issued', 'x', 1, 1)";
    try {
        asA.exec(row, {std::string("RB")});
        FAIL("branch RA wrote a row of branch RB");
    } catch (const central::PgError& e) {
        CHECK(e.sqlState() == "42501");
        CHECK(std::string(e.what()).find("row-level security") != std::string::npos);
    }
    // Its own row goes in; another branch's rows are invisible to it; the partition cannot be written directly.
    CHECK_NOTHROW(asA.exec(row, {std::string("RA")}));
    CHECK(asA.exec("SELECT count(*) FROM lobbywatch.events WHERE branch_id = 'RB'").rows[0][0].value_or("") == "0");
    CHECK(asA.exec("UPDATE lobbywatch.branches SET region = 'x' WHERE branch_id = 'RB'").affected == 0);
    try {
        asA.exec("INSERT INTO lobbywatch.events_2026_11 (branch_id, id, received_at, business_day, kind, port, device, seq)"
                 " VALUES ('RB', 1, 0, '2026-11-27', 'issued', 'x', 1, 1)");
        FAIL("branch RA wrote into a partition directly");
    } catch (const central::PgError& e) {
        CHECK(e.sqlState() == "42501");
    }
    // A role of the read-only report group reads every branch and writes nothing.
    {
        central::Pg admin(server().url("rls"), PgServer::kAdminPassword);
        admin.exec("DROP ROLE IF EXISTS rls_analyst");
        admin.exec("CREATE ROLE rls_analyst LOGIN PASSWORD 'analyst-pw' IN ROLE lw_report");
    }
    central::Pg analyst(server().url("rls", "rls_analyst"), "analyst-pw");
    CHECK(std::stoll(analyst.exec("SELECT count(*) FROM lobbywatch.v_events WHERE branch_id = 'RB'").rows[0][0].value_or("0")) > 0);
    try {
        analyst.exec(row, {std::string("RB")});
        FAIL("the report role wrote a row");
    } catch (const central::PgError& e) {
        CHECK(e.sqlState() == "42501");
    }
    // A kiosk configured as RA but given RB's login is refused with a message naming both.
    auto wrong = a;
    wrong.central.url = b.central.url;
    central::Shipper shipper(QString::fromStdString(b.database), wrong, "pw-RB");
    const auto r = shipper.shipOnce(QDateTime::currentMSecsSinceEpoch());
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("writes for branch RB") != std::string::npos);
    CHECK(r.error.find("[branch] id is RA") != std::string::npos);
}

namespace {

QString writeIni(const std::string& dir, const std::string& name, const std::string& text) {
    const QString path = QString::fromStdString(dir + "/" + name);
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QByteArray::fromStdString(text));
    f.close();
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

}  // namespace

TEST_CASE("The kiosk ships on its own thread, shows the link, and raises central_behind when it cannot ship",
          "[central][server][kiosk]") {
    REQUIRE_SERVER();
    const std::string dir = testDir("kiosk");
    makeCentral(server(), "kiosk");
    const std::string path = dir + "/kiosk.db";
    const auto day = simulatedDay("2026-11-28", 51, "small");
    const auto config = addBranch(server(), "kiosk", "KS1", "north", path);
    long long events = 0;
    {
        BranchLog log(path, branchLobby());
        log.add(day, 0, day.size());
        events = log.count("events");
    }
    const std::string branch = "[branch]\nid = KS1\nregion = north\n[central]\nallow_plaintext = yes\nship_every_s = 1\n"
                               "password_file = " + config.central.passwordFile + "\n";
    const QString up = writeIni(dir, "up.ini", branch + "url = " + config.central.url + "\n");
    const Run r = lobbywatch({"--headless", "--config", up, "--db", QString::fromStdString(path), "--speed", "60",
                              "--quit-after-sim-min", "3", "--status-every-sim-s", "60"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(centralCount(server(), "kiosk", "events", "KS1") == events);
    CHECK(r.out.find("| central:up behind 0") != std::string::npos);

    // Nothing listens on the url's port: the kiosk runs on, says the link is down, and after max_lag_min (one
    // simulated minute: a real second at --speed 60) raises the incident.
    const QString down = writeIni(dir, "down.ini", branch + "max_lag_min = 1\nurl = host=127.0.0.1 port=1 dbname=x user=" +
                                                       central::branchRole("KS1") + " sslmode=disable\n");
    const Run d = lobbywatch({"--headless", "--config", down, "--db", QString::fromStdString(path), "--speed", "60",
                              "--quit-after-sim-min", "4", "--status-every-sim-s", "60"});
    INFO(d.err);
    REQUIRE(d.code == 0);
    CHECK(d.out.find("| central:down behind ?") != std::string::npos);
    CHECK(d.err.find("cannot connect to the central database") != std::string::npos);
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "kiosk_incidents");
    db.setDatabaseName(QString::fromStdString(path));
    REQUIRE(db.open());
    QSqlQuery q(db);
    REQUIRE(q.exec("SELECT count(*) FROM incidents WHERE kind = 'central_behind'"));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
}
