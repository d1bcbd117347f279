// The lobbywatch command line: replay equals the ground truth and itself, import skips bad rows, bad config exits 2.
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <fstream>
#include <map>

using namespace lw;
using namespace lw::test;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run run(const QString& program, const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForStarted(5000));
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(120'000));
    return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

using Story = std::map<std::string, std::vector<std::string>>;

// Per ticket, the kinds of its events in log order; plus every row as text for exact comparisons.
Story storyOf(const QString& db, std::vector<std::string>* rows = nullptr) {
    Story story;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "cli");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("SELECT kind, ticket, received_at, business_day, category, window_no, to_window, priority, detail,"
                       " port, device, seq FROM events ORDER BY id"));
        while (q.next()) {
            if (!q.value(1).toString().isEmpty())
                story[q.value(1).toString().toStdString()].push_back(q.value(0).toString().toStdString());
            if (rows) {
                std::string row;
                for (int i = 0; i < 12; ++i) row += q.value(i).toString().toStdString() + "|";
                rows->push_back(row);
            }
        }
        d.close();
    }
    QSqlDatabase::removeDatabase("cli");
    return story;
}

Story truthStory(const QString& csv) {
    std::ifstream in(csv.toStdString());
    lobby::EventCsvReader reader(in, "truth", 480);
    lobby::CsvRow row;
    Story story;
    while (reader.next(row)) {
        const lobby::LobbyEvent* e = row.event();
        REQUIRE(e != nullptr);
        if (e != nullptr && !e->ticket.empty()) story[e->ticket].push_back(lobby::eventName(e->kind));
    }
    return story;
}

}  // namespace

TEST_CASE("replay of a simulated day (with line noise) logs the ground truth ticket for ticket, and twice the same") {
    QString dir = workDir("replay");
    Run sim = run(bin("lobbywatch-sim"), {"--profile", "payday", "--seed", "4", "--speed", "max", "--out", dir + "/day.cap",
                                          "--truth-events", dir + "/truth.csv", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    Run first = run(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/a.db"});
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    REQUIRE_THAT(first.out, Catch::Contains("events: "));
    Run second = run(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/b.db"});
    REQUIRE(second.exitCode == 0);

    Story expected = truthStory(dir + "/truth.csv");
    REQUIRE(expected.size() > 500);
    std::vector<std::string> rowsA, rowsB;
    REQUIRE(storyOf(dir + "/a.db", &rowsA) == expected);
    storyOf(dir + "/b.db", &rowsB);
    REQUIRE(rowsA == rowsB);  // deterministic: same capture, same log, to the millisecond
}

TEST_CASE("--screenshot DIR: every screen in both languages at the log's busiest moment; an empty log is refused") {
    QString dir = workDir("screenshots");
    Run sim = run(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--speed", "max", "--out", dir + "/day.cap", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    REQUIRE(run(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/day.db"}).exitCode == 0);
    Run shots = run(bin("lobbywatch"), {"--screenshot", dir + "/shots", "--db", dir + "/day.db"});
    INFO(shots.err);
    REQUIRE(shots.exitCode == 0);
    REQUIRE_THAT(shots.err, Catch::Contains("busiest moment"));
    for (const char* screen : {"manager", "manager-devices", "manager-incidents", "manager-keypad", "public"}) {
        for (const char* lang : {"zh_CN", "en"}) {
            QImage image(dir + "/shots/" + screen + "-" + lang + ".png");
            INFO(screen << " " << lang);
            REQUIRE(image.width() == 1920);
            REQUIRE(image.height() == 1080);
        }
    }
    // The two languages differ (the words were translated), and a screen is not blank.
    QImage zh(dir + "/shots/manager-zh_CN.png"), en(dir + "/shots/manager-en.png");
    CHECK(zh != en);
    QSet<QRgb> colours;
    for (int y = 0; y < 1080; y += 20)
        for (int x = 0; x < 1920; x += 20) colours.insert(zh.pixel(x, y));
    CHECK(colours.size() > 20);
    Run empty = run(bin("lobbywatch"), {"--screenshot", dir + "/none", "--db", dir + "/empty.db"});
    CHECK(empty.exitCode == 1);
    CHECK_THAT(empty.err, Catch::Contains("no events"));
}

TEST_CASE("report: CSV with a BOM for spreadsheets, JSON for tools, an A4 PDF that reads back; bad dates refused") {
    QString dir = workDir("report");
    Run sim = run(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "8", "--days", "4", "--speed", "max", "--out",
                                          dir + "/days.cap", "--truth", dir + "/truth.csv", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    REQUIRE(run(bin("lobbywatch"), {"replay", dir + "/days.cap", "--db", dir + "/log.db"}).exitCode == 0);
    auto report = [&](const QString& format, const QString& out, const QStringList& more = {}) {
        return run(bin("lobbywatch"), QStringList{"report", "--db", dir + "/log.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                                  "--format", format, "--out", out} + more);
    };
    Run csv = report("csv", dir + "/r.csv");
    INFO(csv.err);
    REQUIRE(csv.exitCode == 0);
    QFile csvFile(dir + "/r.csv");
    REQUIRE(csvFile.open(QIODevice::ReadOnly));
    QByteArray csvBytes = csvFile.readAll();
    CHECK(csvBytes.startsWith("\xEF\xBB\xBF"));
    CHECK(csvBytes.contains("业务类别"));
    CHECK(csvBytes.contains("2026-01-05,2026-01-06"));  // the previous period, same length

    // JSON: the tickets issued on those two days, as the simulator counted them.
    REQUIRE(report("json", dir + "/r.json").exitCode == 0);
    QJsonObject json = QJsonDocument::fromJson(readText(dir + "/r.json").toUtf8()).object();
    REQUIRE(json["format"].toString() == "lobbywatch-report-1");
    int truthIssued = 0;
    for (const QString& line : readText(dir + "/truth.csv").split('\n'))
        if (line.contains(",2026-01-07T") || line.contains(",2026-01-08T")) ++truthIssued;
    CHECK(json["current"].toObject()["all"].toObject()["issued"].toInt() == truthIssued);
    CHECK(json["current"].toObject()["days"].toInt() == 2);
    CHECK(json["previous"].toObject()["from"].toString() == "2026-01-05");

    // PDF, in both languages: its text and a rendered page.
    REQUIRE(report("pdf", dir + "/r-en.pdf", {"--lang", "en"}).exitCode == 0);
    REQUIRE(report("pdf", dir + "/r-zh.pdf").exitCode == 0);
    Run text = run("pdftotext", {dir + "/r-en.pdf", "-"});
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Branch lobby report") && Catch::Contains("2026-01-07") &&
                             Catch::Contains("Mean wait by weekday and hour"));
    Run zh = run("pdftotext", {dir + "/r-zh.pdf", "-"});
    CHECK_THAT(zh.out, Catch::Contains("业务类别"));
    Run page = run("pdftoppm", {"-r", "40", "-png", "-f", "1", "-l", "1", dir + "/r-zh.pdf", dir + "/page"});
    REQUIRE(page.exitCode == 0);
    QImage image(dir + "/page-1.png");
    REQUIRE(!image.isNull());
    CHECK(image.height() > image.width());  // A4 portrait
    int inked = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4) inked += qGray(image.pixel(x, y)) < 200;
    CHECK(inked > 200);

    Run badDate = run(bin("lobbywatch"), {"report", "--db", dir + "/log.db", "--from", "2026-02-30", "--to", "2026-03-01",
                                          "--format", "csv", "--out", dir + "/x.csv"});
    CHECK(badDate.exitCode == 2);
    CHECK_THAT(badDate.err, Catch::Contains("--from"));
    Run badFormat = run(bin("lobbywatch"), {"report", "--db", dir + "/log.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                            "--format", "xls", "--out", dir + "/x.xls"});
    CHECK(badFormat.exitCode == 2);
    Run noLog = run(bin("lobbywatch"), {"report", "--db", dir + "/none.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                        "--format", "csv", "--out", dir + "/x.csv"});
    CHECK(noLog.exitCode == 1);
    CHECK_FALSE(QFile::exists(dir + "/none.db"));  // a report never creates a log
}

TEST_CASE("complaint register: add with its owner and due day, refuse what is malformed, hide contacts, reply, report") {
    QString dir = workDir("complaints");
    QString db = dir + "/log.db";
    auto lw = [&](const QStringList& args) { return run(bin("lobbywatch"), QStringList{"complaint"} + args + QStringList{"--db", db}); };
    Run added = lw({"add", "--channel", "on_site", "--cause", "long_wait", "--by", "王芳", "--summary", "等了 50 分钟",
                    "--contact", "138 0000 0000", "--ticket", "a042"});
    INFO(added.err);
    REQUIRE(added.exitCode == 0);
    CHECK_THAT(added.out, Catch::Contains("complaint 1 received by 王芳, due "));
    Run badChannel = lw({"add", "--channel", "email", "--cause", "long_wait", "--by", "王芳", "--summary", "x"});
    CHECK(badChannel.exitCode == 2);
    CHECK_THAT(badChannel.err, Catch::Contains("channel") && Catch::Contains("regulator"));
    Run tooLate = lw({"add", "--channel", "phone", "--cause", "policy", "--by", "李", "--summary", "x", "--due-days", "9"});
    CHECK(tooLate.exitCode == 2);
    CHECK_THAT(tooLate.err, Catch::Contains("never more than 7"));
    Run list = lw({"list"});
    CHECK_THAT(list.out, Catch::Contains("long_wait") && !Catch::Contains("138 0000"));
    Run shown = lw({"show", "1"});
    CHECK_THAT(shown.out, Catch::Contains("hidden") && Catch::Contains("ticket A042"));
    Run withContacts = lw({"show", "1", "--include-contacts"});
    CHECK_THAT(withContacts.out, Catch::Contains("138 0000 0000"));
    Run noBy = lw({"reply", "1", "--reply", "已致歉"});
    CHECK(noBy.exitCode == 2);
    Run replied = lw({"reply", "1", "--by", "王芳", "--reply", "已致歉并说明", "--satisfied", "yes"});
    REQUIRE(replied.exitCode == 0);
    CHECK(lw({"list"}).out.find("long_wait") == std::string::npos);  // answered: not in the open list
    CHECK_THAT(lw({"list", "--all"}).out, Catch::Contains("replied"));
    QStringList actions = queryLog(db, "SELECT action || '|' || who FROM actions ORDER BY id");
    CHECK(actions == QStringList{"complaint_received|王芳", "complaint_reply|王芳"});
    // The report counts it, without the contact.
    const QString today = queryLog(db, "SELECT received_day FROM complaints").value(0);
    Run rep = run(bin("lobbywatch"), {"report", "--db", db, "--from", today, "--to", today, "--format", "json", "--out", dir + "/r.json"});
    REQUIRE(rep.exitCode == 0);
    QString json = readText(dir + "/r.json");
    QJsonObject c = QJsonDocument::fromJson(json.toUtf8()).object()["current"].toObject()["complaints"].toObject();
    CHECK(c["count"].toInt() == 1);
    CHECK(c["answered_on_time"].toInt() == 1);
    CHECK(c["by_cause"].toObject()["long_wait"].toInt() == 1);
    CHECK_FALSE(json.contains("138 0000"));
}

TEST_CASE("import: bad rows are reported with their line and skipped, the rest go in, new windows are announced") {
    QString dir = workDir("import");
    QString csv = dir + "/history.csv";
    {
        std::ofstream out(csv.toStdString());
        out << "time,event,ticket,category,window,device,priority\n"
               "2026-01-05T09:00:00,window_open,,,2,11,\n"
               "2026-01-05T09:01:00,issued,A001,A,,1,0\n"
               "2026-01-05T09:02:00,issued,A00x,A,,1,0\n"      // line 4: bad ticket
               "2026-01-05T09:03:00,called,A001,,2,11,0\n"
               "2026-01-05T25:03:00,finished,A001,,2,11,0\n"   // line 6: bad time
               "2026-01-05T09:09:00,finished,A001,,2,11,0\n";
    }
    Run r = run(bin("lobbywatch"), {"import", csv, "--db", dir + "/i.db"});
    INFO(r.err << r.out);
    REQUIRE(r.exitCode == 0);
    REQUIRE_THAT(r.err, Catch::Contains("history.csv:4") && Catch::Contains("ticket"));
    REQUIRE_THAT(r.err, Catch::Contains("history.csv:6") && Catch::Contains("time"));
    REQUIRE_THAT(r.out, Catch::Contains("events: 4") && Catch::Contains("rejected rows: 2"));
    REQUIRE_THAT(r.out, Catch::Contains("new window: 2"));
    Story story = storyOf(dir + "/i.db");
    REQUIRE(story["A001"] == std::vector<std::string>{"issued", "called", "finished"});
}

TEST_CASE("a malformed config or option: a message naming file, key and expectation, exit code 2") {
    QString dir = workDir("badconfig");
    QString ini = dir + "/branch.ini";
    {
        std::ofstream out(ini.toStdString());
        out << "[kiosk]\nutc_offset_minutes = 480\n[port counter]\ndevice = /dev/ttyUSB0\nbaud = 96000\n";
    }
    Run r = run(bin("lobbywatch"), {"--headless", "--config", ini, "--db", dir + "/x.db"});
    REQUIRE(r.exitCode == 2);
    REQUIRE_THAT(r.err, Catch::Contains("branch.ini:5") && Catch::Contains("baud") && Catch::Contains("115200"));
    Run missing = run(bin("lobbywatch"), {"--headless", "--config", dir + "/nope.ini"});
    REQUIRE(missing.exitCode == 2);
    REQUIRE_THAT(missing.err, Catch::Contains("nope.ini"));
    Run speed = run(bin("lobbywatch"), {"--headless", "--speed", "fast", "--db", dir + "/x.db"});
    REQUIRE(speed.exitCode == 2);
    REQUIRE_THAT(speed.err, Catch::Contains("--speed"));
    REQUIRE_FALSE(QFile::exists(dir + "/x.db"));  // nothing was created on a bad start
}

TEST_CASE("staff add/list/remove: the PIN comes on stdin, weak PINs are refused, the file holds only its hash") {
    QString dir = workDir("staff");
    QString db = dir + "/events.db";
    Run noRole = run(bin("lobbywatch"), {"staff", "add", "王芳", "--db", db}, "2580\n");
    CHECK(noRole.exitCode == 2);
    CHECK_THAT(noRole.err, Catch::Contains("--role"));
    Run weak = run(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "1234\n");
    CHECK(weak.exitCode == 2);
    CHECK_THAT(weak.err, Catch::Contains("consecutive"));
    Run added = run(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "2580\n");
    REQUIRE(added.exitCode == 0);
    Run head = run(bin("lobbywatch"), {"staff", "add", "Zhao Lei", "--role", "head", "--db", db}, "739146\n");
    REQUIRE(head.exitCode == 0);
    Run list = run(bin("lobbywatch"), {"staff", "list", "--db", db});
    REQUIRE(list.exitCode == 0);
    CHECK_THAT(list.out, Catch::Contains("manager  王芳") && Catch::Contains("head     Zhao Lei"));
    CHECK_THAT(list.out, !Catch::Contains("2580"));
    Run gone = run(bin("lobbywatch"), {"staff", "remove", "Zhao Lei", "--db", db});
    CHECK(gone.exitCode == 0);
    Run again = run(bin("lobbywatch"), {"staff", "remove", "Zhao Lei", "--db", db});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Catch::Contains("no staff member"));
    QStringList staff = queryLog(db, "SELECT name || '|' || role || '|' || pin_algorithm || '|' || pin_iterations || '|' ||"
                                     " length(pin_salt) || '|' || length(pin_hash) FROM staff");
    CHECK(staff == QStringList{"王芳|manager|pbkdf2-sha256|200000|16|32"});
    QStringList actions = queryLog(db, "SELECT action || '|' || subject || '|' || who FROM actions ORDER BY id");
    REQUIRE(actions.size() == 3);
    CHECK(actions[0].startsWith("staff_added|staff:王芳|os:"));
    CHECK(actions[2].startsWith("staff_removed|staff:Zhao Lei|os:"));
    QFile f(db);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    CHECK_FALSE(bytes.contains("2580"));
    CHECK_FALSE(bytes.contains("739146"));
}

TEST_CASE("replay --predictions-out: one row per ticket with the forecast at issue, the actual wait and the outcome") {
    QString dir = workDir("predictions");
    REQUIRE(run(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "5", "--speed", "max", "--until", "11:00", "--out",
                                        dir + "/day.cap", "--quiet"}).exitCode == 0);
    QString config = QString::fromUtf8(std::getenv("LW_SOURCE_DIR")) + "/config/demo/small.ini";
    Run r = run(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/p.db", "--config", config,
                                    "--predictions-out", dir + "/pred.csv"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::ifstream in((dir + "/pred.csv").toStdString());
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "ticket,category,issued_at,predicted_wait_s,actual_wait_s,first_alert_at,outcome,predicted_low_s,"
                    "predicted_high_s,served_by");
    int rows = 0, predicted = 0, finished = 0;
    while (std::getline(in, line)) {
        auto f = QString::fromStdString(line).split(',');
        REQUIRE(f.size() == 10);
        if (!f[3].isEmpty()) {
            CHECK(f[7].toInt() <= f[3].toInt());
            CHECK(f[3].toInt() <= f[8].toInt());
            CHECK_FALSE(f[9].isEmpty());
        }
        REQUIRE(f[0].size() == 4);
        REQUIRE(f[2].startsWith("20"));
        ++rows;
        if (!f[3].isEmpty()) ++predicted;
        if (f[6] == "finished") {
            ++finished;
            REQUIRE_FALSE(f[4].isEmpty());
        }
    }
    REQUIRE(rows > 20);
    REQUIRE(predicted == rows);
    REQUIRE(finished > rows / 2);
}

TEST_CASE("a damaged log at start is moved aside (never overwritten), a new one started, an incident raised") {
    QString dir = workDir("damaged");
    QString db = dir + "/events.db";
    {
        QFile f(db);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    Run r = run(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "600", "--quit-after-sim-min", "1"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    REQUIRE_THAT(r.err, Catch::Contains("moved it aside"));
    QStringList aside = QDir(dir).entryList({"events.db.damaged-*"});
    REQUIRE(aside.size() == 1);
    QFile old(dir + "/" + aside[0]);
    REQUIRE(old.open(QIODevice::ReadOnly));
    REQUIRE(old.readAll() == QByteArray(4096, 'x'));
    REQUIRE(queryLog(db, "SELECT kind || ',' || severity FROM incidents") == QStringList{"log_damaged,alarm"});
}

TEST_CASE("a log damaged inside (sound header) is caught by the background check, marked, and moved aside at the next start") {
    QString dir = workDir("damaged_inside");
    QString db = dir + "/events.db";
    // A real log with some history, then a page in its middle overwritten.
    Run first = run(bin("lobbywatch"), {"import", dir + "/none.csv", "--db", db});  // creates the schema, reports the missing file
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
    Run second = run(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "60", "--quit-after-sim-min", "2"});
    INFO(first.err << second.err);
    REQUIRE(second.exitCode == 0);
    REQUIRE_THAT(second.err, Catch::Contains("THE EVENT LOG IS DAMAGED"));
    REQUIRE(QFile::exists(db + ".check-failed"));
    REQUIRE(QDir(dir).entryList({"events.db.damaged-*"}).isEmpty());

    Run third = run(bin("lobbywatch"), {"--headless", "--db", db, "--speed", "600", "--quit-after-sim-min", "1"});
    INFO(third.err);
    REQUIRE(third.exitCode == 0);
    REQUIRE_THAT(third.err, Catch::Contains("moved it aside"));
    REQUIRE(QDir(dir).entryList({"events.db.damaged-*"}).size() == 1);
    REQUIRE_FALSE(QFile::exists(db + ".check-failed"));
}
