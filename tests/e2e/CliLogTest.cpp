// The lobbywatch command line and the log file: a damaged log moved aside, a file that is not a LobbyWatch log left
// alone, one writer per log, a change and its audit row together, a log in a read-only directory.
#include "E2eSupport.h"
#include "lobby/LocalTime.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <fstream>
#include <sys/stat.h>
#include <map>

using namespace lw;
using namespace lw::test;

TEST_CASE("a damaged log at start is moved aside (never overwritten), a new one started, an incident raised") {
    QString dir = workDir("damaged");
    QString db = dir + "/events.db";
    // A real log whose first page (after the 100-byte header, which still says it is LobbyWatch's) is garbage.
    REQUIRE(runProcess(bin("lobbywatch"), {"staff", "add", "李", "--role", "manager", "--db", db}, "2580\n").exitCode == 0);
    QByteArray damaged;
    {
        QFile f(db);
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write(QByteArray(4000, 'x'));
        f.close();
        REQUIRE(f.open(QIODevice::ReadOnly));
        damaged = f.readAll();
    }
    CommandRun r = runProcess(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "600", "--quit-after-sim-min", "1"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    REQUIRE_THAT(r.err, Catch::Contains("moved it aside"));
    QStringList aside = QDir(dir).entryList({"events.db.damaged-*"});
    REQUIRE(aside.size() == 1);
    QFile old(dir + "/" + aside[0]);
    REQUIRE(old.open(QIODevice::ReadOnly));
    REQUIRE(old.readAll() == damaged);
    REQUIRE(queryLog(db, "SELECT kind || ',' || severity FROM incidents") == QStringList{"log_damaged,alarm"});
}

TEST_CASE("--db naming a file that is not a LobbyWatch log (the config file, another program's database, a picture) "
          "is refused, left byte for byte as it was, never renamed, nothing created beside it") {
    QString dir = workDir("not_a_log");
    QString ini = dir + "/branch.ini", foreign = dir + "/crm.db", png = dir + "/logo.png";
    {
        std::ofstream(ini.toStdString()) << "[kiosk]\nutc_offset_minutes = 480\n";
        std::ofstream(png.toStdString(), std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << std::string(500, '\0');
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "crm");
        d.setDatabaseName(foreign);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("PRAGMA journal_mode=WAL"));
        REQUIRE(q.exec("CREATE TABLE customers (name TEXT, phone TEXT)"));
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("crm");
    for (const QString& f : {ini, foreign, png}) QFile::setPermissions(f, QFile::ReadOwner | QFile::WriteOwner);
    const QStringList before = QDir(dir).entryList(QDir::Files);
    for (const QString& file : {ini, foreign, png}) {
        QFile in(file);
        REQUIRE(in.open(QIODevice::ReadOnly));
        const QByteArray original = in.readAll();
        in.close();
        for (const QStringList& args : {QStringList{"--headless", "--speed", "600", "--quit-after-sim-min", "1"},
                                        QStringList{"staff", "list"}, QStringList{"complaint", "add", "--channel", "phone",
                                        "--cause", "policy", "--by", "李", "--summary", "x"}}) {
            CommandRun r = runProcess(bin("lobbywatch"), args + QStringList{"--db", file});
            INFO(file.toStdString() << " " << args.join(' ').toStdString() << ": " << r.err);
            CHECK(r.exitCode == 1);
            CHECK_THAT(r.err, Catch::Contains("is not a LobbyWatch event log") && Catch::Contains("left as it is"));
            REQUIRE(in.open(QIODevice::ReadOnly));
            CHECK(in.readAll() == original);
            in.close();
            CHECK(QDir(dir).entryList(QDir::Files) == before);  // no -wal, -shm, .lock, .damaged-*
        }
    }
}

TEST_CASE("one writer per log: a second kiosk, import or replay refuses at once naming the holder's PID; report, "
          "lists and small writes work beside the kiosk; a SIGKILLed kiosk leaves the log free") {
    QString dir = workDir("one_writer");
    QString db = dir + "/events.db";
    REQUIRE(runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "2", "--speed", "max", "--until", "10:00", "--out",
                                        dir + "/day.cap", "--quiet"}).exitCode == 0);
    {
        std::ofstream(dir.toStdString() + "/history.csv") << "time,event,ticket,category,window,device,priority\n"
                                                             "2026-01-05T09:01:00,issued,A001,A,,1,0\n";
    }
    QProcess kiosk;
    kiosk.setStandardOutputFile(dir + "/kiosk.out");
    kiosk.setStandardErrorFile(dir + "/kiosk.err");
    kiosk.start(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "60"});
    REQUIRE(kiosk.waitForStarted(5000));
    for (int i = 0; i < 200 && !readText(dir + "/kiosk.err").contains("events rebuilt"); ++i) QThread::msleep(50);
    REQUIRE(readText(dir + "/kiosk.err").contains("events rebuilt"));
    const std::string holder = "PID " + std::to_string(kiosk.processId());
    for (const QStringList& args : {QStringList{"--headless", "--speed", "600", "--quit-after-sim-min", "5"},
                                    QStringList{"replay", dir + "/day.cap"}, QStringList{"import", dir + "/history.csv"}}) {
        QElapsedTimer took;
        took.start();
        CommandRun r = runProcess(bin("lobbywatch"), args + QStringList{"--db", db});
        INFO(args.join(' ').toStdString() << ": " << r.err);
        CHECK(r.exitCode == 1);
        CHECK_THAT(r.err, Catch::Contains("in use by another LobbyWatch") && Catch::Contains(holder));
        CHECK(took.elapsed() < 10'000);  // at once (a kiosk would have run 5 simulated minutes, 0.5 s, or much longer)
    }
    CHECK(queryLog(db, "SELECT COUNT(*) FROM events") == QStringList{"0"});
    // Beside the running kiosk: a branch head's small writes and reads.
    CHECK(runProcess(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "2580\n").exitCode == 0);
    CHECK(runProcess(bin("lobbywatch"), {"complaint", "add", "--channel", "phone", "--cause", "policy", "--by", "王芳", "--summary",
                                  "x", "--db", db}, "2580\n").exitCode == 0);
    CommandRun list = runProcess(bin("lobbywatch"), {"complaint", "list", "--by", "王芳", "--db", db}, "2580\n");
    CHECK(list.exitCode == 0);
    CHECK_THAT(list.out, Catch::Contains("policy"));
    CHECK(runProcess(bin("lobbywatch"), {"staff", "list", "--db", db}).out.find("王芳") != std::string::npos);
    CommandRun report = runProcess(bin("lobbywatch"), {"report", "--db", db, "--from", "2026-01-05", "--to", "2026-01-05", "--format",
                                         "json", "--out", dir + "/r.json"});
    INFO(report.err);
    CHECK(report.exitCode == 0);
    CHECK(kiosk.state() == QProcess::Running);
    kiosk.kill();  // SIGKILL: the kernel drops the lock with the process
    REQUIRE(kiosk.waitForFinished(5000));
    CommandRun replay = runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", db});
    INFO(replay.err);
    CHECK(replay.exitCode == 0);
    CHECK(queryLog(db, "SELECT COUNT(*) FROM actions") == QStringList{"2"});
}

TEST_CASE("CLI writes keep a change and its audit row together: when the audit row is refused, complaint add, reply, "
          "staff add and remove change nothing and exit 1") {
    QString dir = workDir("audit_together");
    QString db = dir + "/events.db";
    auto lw = [&](const QStringList& args, const QByteArray& input = {}) {
        return runProcess(bin("lobbywatch"), args + QStringList{"--db", db}, input);
    };
    REQUIRE(lw({"staff", "add", "王芳", "--role", "manager"}, "2580\n").exitCode == 0);
    REQUIRE(lw({"complaint", "add", "--channel", "phone", "--cause", "policy", "--by", "王芳", "--summary", "x"}, "2580\n").exitCode == 0);
    // An injected write failure: every audit row is refused from here on (as a disk filling between the two writes).
    queryLog(db, "CREATE TRIGGER refuse_audit BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'audit row refused'); END");
    CommandRun add = lw({"complaint", "add", "--channel", "on_site", "--cause", "long_wait", "--by", "王芳", "--summary", "y"}, "2580\n");
    CHECK(add.exitCode == 1);
    CHECK_THAT(add.err, Catch::Contains("nothing was stored") && Catch::Contains("audit row refused"));
    CommandRun reply = lw({"complaint", "answer", "1", "--by", "王芳", "--reply", "已答复"}, "2580\n");
    CHECK(reply.exitCode == 1);
    CHECK_THAT(reply.err, Catch::Contains("nothing was changed") && Catch::Contains("audit row refused"));
    CHECK(queryLog(db, "SELECT COUNT(*) FROM complaint_steps") == QStringList{"0"});
    CommandRun staff = lw({"staff", "add", "Zhao Lei", "--role", "head"}, "739146\n");
    CHECK(staff.exitCode == 1);
    CommandRun removed = lw({"staff", "remove", "王芳"});
    CHECK(removed.exitCode == 1);
    CHECK(queryLog(db, "SELECT id || ' ' || state FROM complaints") == QStringList{"1 received"});
    CHECK(queryLog(db, "SELECT name FROM staff") == QStringList{"王芳"});
    CHECK(queryLog(db, "SELECT action FROM actions ORDER BY id") == QStringList{"staff_added", "complaint_received"});
}

TEST_CASE("a log in a read-only directory: report, complaint list and show, staff list read it; writes refuse saying "
          "the log cannot be written") {
    QString dir = workDir("readonly_log");
    QString out = workDir("readonly_log_out");
    QString db = dir + "/events.db";
    REQUIRE(runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--speed", "max", "--until", "10:00", "--out",
                                        out + "/day.cap", "--quiet"}).exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"replay", out + "/day.cap", "--db", db}).exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "2580\n").exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"complaint", "add", "--channel", "phone", "--cause", "policy", "--by", "王芳", "--summary",
                                    "x", "--db", db}, "2580\n").exitCode == 0);
    const QString day = queryLog(db, "SELECT MIN(business_day) FROM events").value(0);
    ReadOnlyDir readOnly(dir);
    CommandRun report = runProcess(bin("lobbywatch"), {"report", "--db", db, "--from", day, "--to", day, "--format", "json", "--out",
                                         out + "/r.json"});
    INFO(report.err);
    CHECK(report.exitCode == 0);
    CHECK(QJsonDocument::fromJson(readText(out + "/r.json").toUtf8()).object()["current"].toObject()["all"].toObject()["issued"].toInt() > 10);
    CommandRun list = runProcess(bin("lobbywatch"), {"complaint", "list", "--by", "王芳", "--db", db}, "2580\n");
    CHECK(list.exitCode == 0);
    CHECK_THAT(list.out, Catch::Contains("policy"));
    CHECK(runProcess(bin("lobbywatch"), {"complaint", "show", "1", "--by", "王芳", "--db", db}, "2580\n").exitCode == 0);
    CHECK_THAT(runProcess(bin("lobbywatch"), {"staff", "list", "--db", db}).out, Catch::Contains("王芳"));
    CommandRun add = runProcess(bin("lobbywatch"), {"complaint", "add", "--channel", "phone", "--cause", "policy", "--by", "李",
                                      "--summary", "y", "--db", db});
    CHECK(add.exitCode == 1);
    CHECK_THAT(add.err, Catch::Contains("cannot be written"));
    CommandRun replay = runProcess(bin("lobbywatch"), {"replay", out + "/day.cap", "--db", db});
    CHECK(replay.exitCode == 1);
    CHECK_THAT(replay.err, Catch::Contains("cannot be written"));
}

TEST_CASE("a log damaged inside (sound header) is caught by the background check, marked, and moved aside at the next start") {
    QString dir = workDir("damaged_inside");
    QString db = dir + "/events.db";
    // A real log with some history, then a page in its middle overwritten.
    CommandRun first = runProcess(bin("lobbywatch"), {"staff", "add", "李", "--role", "manager", "--db", db}, "2580\n");  // creates the log
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "inside");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("CREATE TABLE IF NOT EXISTS ballast (id INTEGER PRIMARY KEY, text TEXT)"));
        REQUIRE(q.exec("CREATE INDEX IF NOT EXISTS ballast_text ON ballast(text)"));
        d.transaction();
        for (int i = 0; i < 3000; ++i) REQUIRE(q.exec(QStringLiteral("INSERT INTO ballast(text) VALUES ('row %1 %2')").arg(i).arg(QString(60, 'z'))));
        d.commit();
        REQUIRE(q.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("inside");
    {
        QFile f(db);
        REQUIRE(f.open(QIODevice::ReadWrite));
        qint64 pages = f.size() / 4096;
        REQUIRE(pages > 20);
        f.seek((pages / 2) * 4096);
        f.write(QByteArray(4096 * 3, '\x5a'));
    }
    CommandRun second = runProcess(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "60", "--quit-after-sim-min", "2"});
    INFO(first.err << second.err);
    REQUIRE(second.exitCode == 0);
    REQUIRE_THAT(second.err, Catch::Contains("THE EVENT LOG IS DAMAGED"));
    REQUIRE(QFile::exists(db + ".check-failed"));
    REQUIRE(QDir(dir).entryList({"events.db.damaged-*"}).isEmpty());

    CommandRun third = runProcess(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "600", "--quit-after-sim-min", "1"});
    INFO(third.err);
    REQUIRE(third.exitCode == 0);
    REQUIRE_THAT(third.err, Catch::Contains("moved it aside"));
    REQUIRE(QDir(dir).entryList({"events.db.damaged-*"}).size() == 1);
    REQUIRE_FALSE(QFile::exists(db + ".check-failed"));
}
