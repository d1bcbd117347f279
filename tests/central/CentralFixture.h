// Branch logs for the central tests: a simulated busy day through the shared ingestion path into a SQLite log,
// a branch's config pointing at the test's server, and the central database made through the real CLI.
#pragma once

#include "sim/BranchDay.h"
#include "central/CentralConfig.h"
#include "intake/DeviceSessions.h"
#include "store/EventStore.h"
#include "kiosk/Ingest.h"
#include "kiosk/KioskConfig.h"
#include "central/Pg.h"
#include "PgServer.h"
#include "sim/Profile.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <string>
#include <vector>

namespace lw::test {

inline void ensureApp() {
    static int argc = 1;
    static char name[] = "central_test";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
}

inline std::string testDir(const std::string& name) {
    ensureApp();
    const char* tmp = std::getenv("LW_TEST_TMP");
    const QString dir = QString::fromUtf8(tmp ? tmp : "/tmp") + "/" + QString::fromStdString(name);
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir.toStdString();
}

inline lobby::LobbyConfig branchLobby() {
    lobby::LobbyConfig c;
    c.utcOffsetMinutes = 480;
    c.categories = kiosk::defaultCategories();
    return c;
}

// The events of one simulated day of the "city" profile (about 3,000), as the kiosk would log them.
inline std::vector<lobby::LobbyEvent> simulatedDay(const std::string& day, std::uint64_t seed, const char* profile = "city") {
    const sim::BranchProfile p = sim::loadProfile(profile);
    std::int64_t localDay = 0;
    REQUIRE(sim::parseDate(day, localDay));
    std::vector<lobby::LobbyEvent> out;
    int seq = 0;
    for (const auto& tr : sim::simulateDay(p, sim::wholeDay(p, localDay, seed, 480)).transmissions)
        if (auto e = intake::toLobbyEvent(protocol::Frame{tr.address, seq++ % 65536, tr.message}, tr.time, "counter"))
            out.push_back(*e);
    return out;
}

// A branch's log, written through the lobby model and the ingestion path, a slice of events at a time.
struct BranchLog {
    std::string path;
    std::unique_ptr<store::EventStore> store;
    std::unique_ptr<lobby::Lobby> lobby;
    std::unique_ptr<kiosk::Ingest> ingest;
    BranchLog(std::string p, const lobby::LobbyConfig& config) : path(std::move(p)) {
        auto opened = store::EventStore::open(QString::fromStdString(path), config);
        REQUIRE(opened.store);
        store = std::move(opened.store);
        lobby = std::make_unique<lobby::Lobby>(config);
        ingest = std::make_unique<kiosk::Ingest>(*store, *lobby);
    }
    void add(const std::vector<lobby::LobbyEvent>& events, std::size_t from, std::size_t to) {
        kiosk::Replies replies;
        for (std::size_t i = from; i < to && i < events.size(); ++i) {
            ingest->add(events[i]);
            if (ingest->pending() >= 4096) REQUIRE_FALSE(ingest->commit(replies));
        }
        REQUIRE_FALSE(ingest->commit(replies));
    }
    long long count(const std::string& table) const {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "count_" + QString::fromStdString(path));
        long long n = -1;
        {
            db.setDatabaseName(QString::fromStdString(path));
            db.open();
            QSqlQuery q(db);
            if (q.exec(QString::fromStdString("SELECT count(*) FROM " + table)) && q.next()) n = q.value(0).toLongLong();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("count_" + QString::fromStdString(path));
        return n;
    }
};

// The lobbywatch binary with arguments; its exit code, stdout and stderr.
struct Run {
    int code = -1;
    std::string out, err;
};
inline Run lobbywatch(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(QString::fromUtf8(std::getenv("LW_BIN_DIR")) + "/lobbywatch", args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

// A fresh database `db` on the server with the central schema made by `lobbywatch central init`.
inline void makeCentral(PgServer& server, const std::string& db) {
    {
        central::Pg admin(server.url("postgres"), PgServer::kAdminPassword);
        admin.exec("DROP DATABASE IF EXISTS " + db);
        admin.exec("CREATE DATABASE " + db);
    }
    const Run r = lobbywatch({"central", "init", "--central", QString::fromStdString(server.url(db)), "--allow-plaintext",
                              "--password-file", QString::fromStdString(server.adminPasswordFile())});
    INFO(r.err);
    REQUIRE(r.code == 0);
}

// A branch's role in the central database (lobbywatch central add-branch) and its kiosk config's [central]/[branch].
inline kiosk::KioskConfig addBranch(PgServer& server, const std::string& db, const std::string& id, const std::string& region,
                                    const std::string& logPath) {
    const std::string pw = server.passwordFile(id, "pw-" + id);
    const Run r = lobbywatch({"central", "add-branch", QString::fromStdString(id), "--region", QString::fromStdString(region),
                              "--name", QString::fromStdString("Branch " + id), "--branch-password-file",
                              QString::fromStdString(pw), "--central", QString::fromStdString(server.url(db)),
                              "--allow-plaintext", "--password-file", QString::fromStdString(server.adminPasswordFile())});
    INFO(r.err);
    REQUIRE(r.code == 0);
    kiosk::KioskConfig c;
    c.lobby = branchLobby();
    c.database = logPath;
    c.branch.id = c.branch.identifier = id;
    c.branch.name = "Branch " + id;
    c.branch.region = region;
    c.central.url = server.url(db, central::branchRole(id));
    c.central.allowPlaintext = true;
    c.central.passwordFile = pw;
    c.central.batchRows = 500;
    return c;
}

inline long long centralCount(PgServer& server, const std::string& db, const std::string& table, const std::string& branch) {
    central::Pg admin(server.url(db), PgServer::kAdminPassword);
    return std::stoll(admin.exec("SELECT count(*) FROM lobbywatch." + table + " WHERE branch_id = $1", {branch})
                          .rows[0][0].value_or("-1"));
}

}  // namespace lw::test
