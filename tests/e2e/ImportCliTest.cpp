// lobbywatch import as a branch moving from another system would use it: real exports, re-imports, a killed import,
// bad files and bad rows, exit codes, a 300 MB line.
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringEncoder>
#include <QThread>

#include <csignal>
#include <fstream>
#include <map>
#include <sstream>

using namespace lw::test;

namespace {

// The kiosk's binary run to its end (an import of a 300 MB line takes a while under a sanitizer).
CommandRun lobbywatch(const QStringList& args) { return runProcess(bin("lobbywatch"), args, {}, 280'000); }

CommandRun import(const QString& csv, const QString& db, QStringList more = {}) {
    return lobbywatch(QStringList{"import", csv, "--db", db} + more);
}

void write(const QString& path, const std::string& bytes) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << bytes;
    REQUIRE(out);
}

// One simulated day of a city branch (the simulator's ground truth), as the kiosk's own CSV.
std::string simulatedDay(const QString& dir) {
    const QString path = dir + "/day.csv";
    QProcess sim;
    sim.start(bin("lobbywatch-sim"), {"--profile", "city", "--seed", "7", "--speed", "max", "--quiet", "--truth-events", path});
    REQUIRE(sim.waitForFinished(60'000));
    REQUIRE(sim.exitCode() == 0);
    return readText(path).toStdString();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::vector<std::string> split(const std::string& line, char sep = ',') {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == sep) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

// The day as another system exports it: header capitalised, ';' between fields, CRLF, a BOM, the date written
// "2026/1/5 9:03", the category repeated on every row about a ticket, devices named "D11".
std::string asRealExport(const std::string& day) {
    std::map<std::string, std::string> category;
    std::string out = "\xEF\xBB\xBFTime;Event;Ticket;Category;Window;Device;Priority\r\n";
    const auto rows = lines(day);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        auto f = split(rows[i]);
        if (f[1] == "issued") category[f[2]] = f[3];
        if ((f[1] == "called" || f[1] == "started" || f[1] == "finished" || f[1] == "abandoned") && category.count(f[2]))
            f[3] = category[f[2]];
        const QDateTime t = QDateTime::fromString(QString::fromStdString(f[0]), Qt::ISODate);
        f[0] = t.toString("yyyy/M/d H:mm:ss").toStdString();
        if (!f[5].empty()) f[5] = "D" + f[5];
        for (std::size_t k = 0; k < f.size(); ++k) out += (k ? ";" : "") + f[k];
        out += "\r\n";
    }
    return out;
}

// The day moved to `days` later (same clock times): many days of history from one.
std::string shifted(const std::string& day, int days, bool header) {
    std::string out;
    const auto rows = lines(day);
    for (std::size_t i = header ? 0 : 1; i < rows.size(); ++i) {
        if (i == 0) {
            out += rows[0] + "\n";
            continue;
        }
        const QDate d = QDate::fromString(QString::fromStdString(rows[i].substr(0, 10)), Qt::ISODate).addDays(days);
        out += d.toString(Qt::ISODate).toStdString() + rows[i].substr(10) + "\n";
    }
    return out;
}

// Every event row of a log as text, in log order (not the id: two logs of one history compare equal).
QStringList logRows(const QString& db) {
    return queryLog(db, "SELECT received_at||'|'||kind||'|'||ifnull(ticket,'')||'|'||ifnull(category,'')||'|'||"
                        "ifnull(window_no,'')||'|'||ifnull(to_window,'')||'|'||priority||'|'||ifnull(detail,'')||'|'||"
                        "port||'|'||device||'|'||seq FROM events ORDER BY id");
}

int eventCount(const QString& db) { return queryLog(db, "SELECT count(*) FROM events").value(0).toInt(); }

}  // namespace

TEST_CASE("import: the same file again, or an overlapping export of another shape, adds nothing and says so") {
    const QString dir = workDir("import_again");
    const std::string day = simulatedDay(dir);
    const int rows = static_cast<int>(lines(day).size()) - 1;
    write(dir + "/day.csv", day);
    const QString db = dir + "/log.db";
    CommandRun first = import(dir + "/day.csv", db);
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    REQUIRE_THAT(first.out, Catch::Contains("new events: " + std::to_string(rows)) && Catch::Contains("already in the log: 0"));
    const QStringList once = logRows(db);
    REQUIRE(once.size() == rows);
    const QStringList anomaliesOnce = queryLog(db, "SELECT count(*) FROM anomalies");

    CommandRun again = import(dir + "/day.csv", db);
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    REQUIRE_THAT(again.out, Catch::Contains("new events: 0") &&
                                Catch::Contains("already in the log: " + std::to_string(rows)));
    CHECK(logRows(db) == once);
    CHECK(queryLog(db, "SELECT count(*) FROM anomalies") == anomaliesOnce);

    // The same day as another system exports it, and the next day in the same file: only the next day is new.
    write(dir + "/export.csv", asRealExport(day + shifted(day, 1, false)));
    CommandRun overlap = import(dir + "/export.csv", db);
    INFO(overlap.err);
    REQUIRE(overlap.exitCode == 0);
    REQUIRE_THAT(overlap.out, Catch::Contains("new events: " + std::to_string(rows)) &&
                                  Catch::Contains("already in the log: " + std::to_string(rows)));
    CHECK(eventCount(db) == 2 * rows);
}

TEST_CASE("import: killed halfway leaves nothing; run again it gives the log one clean import gives") {
    const QString dir = workDir("import_killed");
    const std::string day = simulatedDay(dir);
    std::string month;
    for (int d = 0; d < 25; ++d) month += shifted(day, d, d == 0);
    write(dir + "/month.csv", month);

    const QString clean = dir + "/clean.db";
    CommandRun once = import(dir + "/month.csv", clean);
    INFO(once.err);
    REQUIRE(once.exitCode == 0);
    const QStringList expected = logRows(clean);
    REQUIRE(expected.size() > 120'000);

    const QString db = dir + "/killed.db";
    QProcess p;
    p.start(bin("lobbywatch"), {"import", dir + "/month.csv", "--db", db});
    REQUIRE(p.waitForStarted(5000));
    // Kill it once the write-ahead log holds part of the import (the transaction is open and half written).
    for (int i = 0; i < 3000 && QFileInfo(db + "-wal").size() < 4 * 1024 * 1024; ++i) QThread::msleep(5);
    REQUIRE(p.state() == QProcess::Running);
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(5000);
    REQUIRE(p.exitStatus() == QProcess::CrashExit);
    CHECK(eventCount(db) == 0);

    CommandRun rerun = import(dir + "/month.csv", db);
    INFO(rerun.err);
    REQUIRE(rerun.exitCode == 0);
    CHECK(logRows(db) == expected);
    CommandRun third = import(dir + "/month.csv", db);
    REQUIRE(third.exitCode == 0);
    REQUIRE_THAT(third.out, Catch::Contains("new events: 0"));
    CHECK(eventCount(db) == expected.size());
}

TEST_CASE("import: bad rows are grouped by reason; past --max-rejected (default 0) nothing goes in and the exit is 3") {
    const QString dir = workDir("import_rejects");
    std::string csv = "time,event,ticket,category,window,device,priority\n"
                      "2026-01-05T09:00:00,window_open,,,2,11,\n";
    for (int i = 1; i <= 30; ++i) {
        char ticket[8];
        std::snprintf(ticket, sizeof ticket, "A%03d", i);
        csv += "2026-01-05T09:01:00,issued," + std::string(ticket) + ",A,,1,0\n";
    }
    for (int i = 0; i < 12; ++i) csv += "2026-01-05T25:0" + std::to_string(i % 10) + ":00,called,A001,,2,11,\n";
    csv += "2026-01-05T09:03:00,called,A0x1,,2,11,\n";
    csv += "2026-01-05T09:03:00,\x1b]0;pwned\x07\x1b[2J,A001,,2,11,\n";
    csv += "0001-01-01T00:00:00,called,A002,,2,11,\n";
    csv += "2026-01-05T09:04:00,called,A003,B,2,11,\n";  // A003 is an A ticket
    write(dir + "/history.csv", csv);
    const QString db = dir + "/log.db";

    CommandRun refused = import(dir + "/history.csv", db, {"--rejects-out", dir + "/rejects.csv"});
    INFO(refused.out << refused.err);
    CHECK(refused.exitCode == 3);
    CHECK(eventCount(db) == 0);
    CHECK_THAT(refused.err, Catch::Contains("16 rows rejected") && Catch::Contains("nothing was imported") &&
                                Catch::Contains("--max-rejected 16"));
    CHECK_THAT(refused.err, Catch::Contains("12 x column time: expected a local time") &&
                                Catch::Contains("lines 33, 34, 35, 36, 37, ...; first: line 33:"));
    CHECK_THAT(refused.err, Catch::Contains("1 x column time: expected a date from 2000-01-01 on"));
    CHECK_THAT(refused.err, Catch::Contains("the row says category B but ticket A003 was issued in category A"));
    CHECK(refused.err.find('\x1b') == std::string::npos);
    CHECK(refused.err.find('\x07') == std::string::npos);
    CHECK_THAT(refused.err, Catch::Contains("\\x1B]0;pwned\\x07"));
    CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') < 20);  // grouped, not a line per row
    const auto rejected = lines(readText(dir + "/rejects.csv").toStdString());
    REQUIRE(rejected.size() == 17);
    CHECK(rejected[0] == "line,column,message");
    CHECK(rejected[1].rfind("33,time,", 0) == 0);

    CommandRun allowed = import(dir + "/history.csv", db, {"--max-rejected", "16"});
    INFO(allowed.err);
    CHECK(allowed.exitCode == 0);
    CHECK_THAT(allowed.out, Catch::Contains("new events: 31") && Catch::Contains("rejected rows: 16"));
    CHECK(eventCount(db) == 31);
}

TEST_CASE("import: one stray quote is reported at its line and the rest of the file goes in") {
    const QString dir = workDir("import_quote");
    const std::string day = simulatedDay(dir);
    auto rows = lines(day + shifted(day, 1, false) + shifted(day, 2, false));
    REQUIRE(rows.size() > 18'000);
    rows[2].insert(rows[2].find(',') + 1, "\"");  // line 3
    std::string csv;
    for (const auto& r : rows) csv += r + "\n";
    write(dir + "/stray.csv", csv);
    const QString db = dir + "/log.db";

    CommandRun refused = import(dir + "/stray.csv", db);
    INFO(refused.err);
    CHECK(refused.exitCode == 3);
    CHECK_THAT(refused.err, Catch::Contains("line 3: a quote opened in column 2 is not closed on this line"));
    CHECK(eventCount(db) == 0);
    CommandRun allowed = import(dir + "/stray.csv", db, {"--max-rejected", "1"});
    INFO(allowed.err);
    CHECK(allowed.exitCode == 0);
    CHECK(eventCount(db) == static_cast<int>(rows.size()) - 2);
}

TEST_CASE("import: a real export (Excel dates, ';', CRLF, BOM, the category on every row, devices named D11)") {
    const QString dir = workDir("import_real");
    const std::string day = simulatedDay(dir);
    write(dir + "/export.csv", asRealExport(day));
    const QString db = dir + "/log.db";
    CommandRun r = import(dir + "/export.csv", db);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("rejected rows: 0") && Catch::Contains("device D11: address 11"));
    CHECK(eventCount(db) == static_cast<int>(lines(day).size()) - 1);
    CHECK(queryLog(db, "SELECT count(*) FROM events WHERE kind = 'called' AND category IS NOT NULL") == QStringList{"0"});

    // A time form of its own, with --time-format.
    write(dir + "/dotted.csv", "time,event,ticket,category\n24.11.2026 08:30,issued,A001,A\n");
    CommandRun dotted = import(dir + "/dotted.csv", dir + "/dotted.db", {"--time-format", "dd.MM.yyyy HH:mm"});
    INFO(dotted.err);
    CHECK(dotted.exitCode == 0);
    CommandRun undotted = import(dir + "/dotted.csv", dir + "/dotted2.db");
    CHECK(undotted.exitCode == 3);
    CHECK_THAT(undotted.err, Catch::Contains("--time-format"));
}

TEST_CASE("import: GBK text is named as such, and read with --encoding gbk and Chinese column names with --columns") {
    const QString dir = workDir("import_gbk");
    const QString text = QStringLiteral("时间,事件,票号,业务,窗口,备注\r\n"
                                        "2026-01-05 09:00:00,issued,A001,A,,老客户\r\n"
                                        "2026-01-05 09:05:00,called,A001,A,3,\r\n");
    QStringEncoder gbk("GB18030");
    REQUIRE(gbk.isValid());
    const QByteArray bytes = gbk.encode(text);
    write(dir + "/gbk.csv", bytes.toStdString());
    const QString db = dir + "/log.db";

    CommandRun unnamed = import(dir + "/gbk.csv", db);
    INFO(unnamed.err);
    CHECK(unnamed.exitCode == 3);
    CHECK_THAT(unnamed.err, Catch::Contains("not UTF-8") && Catch::Contains("GB18030") && Catch::Contains("--encoding gb18030"));

    CommandRun noColumns = import(dir + "/gbk.csv", db, {"--encoding", "gbk"});
    INFO(noColumns.err);
    CHECK(noColumns.exitCode == 3);
    CHECK_THAT(noColumns.err, Catch::Contains("found '时间,事件,票号,业务,窗口,备注'") && Catch::Contains("--columns"));

    CommandRun r = import(dir + "/gbk.csv", db,
                   {"--encoding", "gbk", "--columns", "时间=time,事件=event,票号=ticket,业务=category,窗口=window"});
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("new events: 2") && Catch::Contains("ignored column: 备注"));
    CHECK(eventCount(db) == 2);
}

TEST_CASE("import: empty, binary, a directory, a header only, an unknown header: each a clear error and a non-zero exit") {
    const QString dir = workDir("import_badfiles");
    const QString db = dir + "/log.db";
    write(dir + "/empty.csv", "");
    write(dir + "/binary.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    write(dir + "/header.csv", "time,event,ticket,category,window,device,priority\n");
    write(dir + "/unknown.csv", "when,what,who\n2026-01-05T09:00:00,issued,A001\n");
    write(dir + "/capitalised.csv", "TIME;EVENT;TICKET;CATEGORY\n2026-01-05T09:00:00;issued;A001;A\n");
    QDir().mkpath(dir + "/adir");
    struct Case {
        QString file;
        int exit;
        const char* says;
    };
    for (const Case& c : {Case{"empty.csv", 3, "the file is empty"}, Case{"binary.csv", 3, "not a CSV text file (a NUL byte at offset 8"},
                          Case{"header.csv", 3, "a header but no rows"}, Case{"unknown.csv", 3, "found 'when,what,who'"},
                          Case{"adir", 1, "is a directory"}, Case{"missing.csv", 1, "no such file"}}) {
        CommandRun r = import(dir + "/" + c.file, db);
        INFO(c.file.toStdString() << ": " << r.err);
        CHECK(r.exitCode == c.exit);
        CHECK_THAT(r.err, Catch::Contains(c.says));
        CHECK(r.out.empty());
    }
    CHECK(eventCount(db) == 0);
    CommandRun capitalised = import(dir + "/capitalised.csv", db);
    INFO(capitalised.err);
    CHECK(capitalised.exitCode == 0);
    CHECK(eventCount(db) == 1);
}

TEST_CASE("import: a 300 MB line is rejected as such in bounded memory, and the rows after it go in") {
    const QString dir = workDir("import_long");
    const QString csv = dir + "/long.csv";
    {
        std::ofstream out(csv.toStdString(), std::ios::binary);
        out << "time,event,ticket,category,window,device,priority\n2026-01-05T09:00:00,issued,A001,A,,,0\n"
               "2026-01-05T09:00:01,issued,A002,A,,,";
        const std::string block(1 << 20, '7');
        for (int i = 0; i < 300; ++i) out << block;
        out << "\n2026-01-05T09:00:02,issued,A003,A,,,0\n";
        REQUIRE(out);
    }
    CommandRun r = import(csv, dir + "/log.db", {"--max-rejected", "1"});
    QFile::remove(csv);
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.err, Catch::Contains("line 3: the line is 314572836 bytes long, more than the 64 KB a row may have"));
    CHECK_THAT(r.out, Catch::Contains("new events: 2"));
    INFO("peak resident memory " << r.peakKb << " kB");
    CHECK(r.peakKb > 0);
    CHECK(r.peakKb < 200 * 1024);
}

TEST_CASE("import: a history imported before schema v9 (no keys) is keyed by the upgrade and not imported twice") {
    const QString dir = workDir("import_upgrade");
    const std::string day = simulatedDay(dir);
    write(dir + "/day.csv", day);
    const QString db = dir + "/log.db";
    REQUIRE(import(dir + "/day.csv", db).exitCode == 0);
    const QStringList once = logRows(db);
    {
        // Back to what a v8 log holds: the same rows without keys.
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "downgrade");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        REQUIRE(q.exec("DROP TABLE notification_attempts"));  // schema 12's
        REQUIRE(q.exec("DROP TABLE notifications"));
        REQUIRE(q.exec("DROP TABLE incident_members"));  // schema 11's
        REQUIRE(q.exec("ALTER TABLE incidents DROP COLUMN figures"));
        REQUIRE(q.exec("DROP TABLE complaint_steps"));  // schema 10's
        REQUIRE(q.exec("DROP TABLE complaint_life"));
        REQUIRE(q.exec("DROP INDEX events_by_import_key"));
        REQUIRE(q.exec("ALTER TABLE events DROP COLUMN import_key"));
        REQUIRE(q.exec("PRAGMA user_version = 8"));
        q = QSqlQuery();
        d.close();
    }
    QSqlDatabase::removeDatabase("downgrade");
    CommandRun again = import(dir + "/day.csv", db);
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK_THAT(again.out, Catch::Contains("new events: 0"));
    CHECK(logRows(db) == once);
    CHECK(queryLog(db, "SELECT count(*) FROM events WHERE import_key IS NULL") == QStringList{"0"});
}

TEST_CASE("import: an export cut mid-day continues the one before it: its calls find their tickets, categories checked") {
    const QString dir = workDir("import_cut");
    const std::string day = simulatedDay(dir);
    const auto rows = lines(day);
    const std::size_t cut = rows.size() / 2;
    std::string morning = rows[0] + "\n", afternoon = rows[0] + "\n";
    for (std::size_t i = 1; i < rows.size(); ++i) (i < cut ? morning : afternoon) += rows[i] + "\n";
    write(dir + "/morning.csv", morning);
    write(dir + "/afternoon.csv", afternoon);

    // The whole day in one file: the anomalies the day really has.
    write(dir + "/day.csv", day);
    REQUIRE(import(dir + "/day.csv", dir + "/whole.db").exitCode == 0);
    const QStringList wholeAnomalies = queryLog(dir + "/whole.db", "SELECT count(*) FROM anomalies");

    const QString db = dir + "/cut.db";
    REQUIRE(import(dir + "/morning.csv", db).exitCode == 0);
    // A call in the afternoon's file for a ticket issued in the morning's, saying another category.
    std::map<std::string, std::string> issuedIn;
    for (std::size_t i = 1; i < cut; ++i) {
        const auto f = split(rows[i]);
        if (f[1] == "issued") issuedIn[f[2]] = f[3];
    }
    std::string wrong = rows[0] + "\n", ticket, category;
    for (std::size_t i = cut; i < rows.size(); ++i) {
        auto f = split(rows[i]);
        if (ticket.empty() && f[1] == "called" && issuedIn.count(f[2])) {
            ticket = f[2];
            category = issuedIn[f[2]];
            f[3] = category == "A" ? "B" : "A";
        }
        for (std::size_t k = 0; k < f.size(); ++k) wrong += (k ? "," : "") + f[k];
        wrong += "\n";
    }
    REQUIRE_FALSE(ticket.empty());
    write(dir + "/afternoon-wrong.csv", wrong);
    CommandRun refused = import(dir + "/afternoon-wrong.csv", db);
    INFO(refused.err);
    CHECK(refused.exitCode == 3);
    CHECK_THAT(refused.err, Catch::Contains("but ticket " + ticket + " was issued in category " + category));

    CommandRun rest = import(dir + "/afternoon.csv", db);
    INFO(rest.err);
    REQUIRE(rest.exitCode == 0);
    CHECK(eventCount(db) == static_cast<int>(rows.size()) - 1);
    // No call of the afternoon taken for a ticket never issued: the day's anomalies are those of one import.
    CHECK(queryLog(db, "SELECT count(*) FROM anomalies") == wholeAnomalies);
}

TEST_CASE("import: rows of hours the kiosk recorded live are left out, and said; the hours before go in") {
    const QString dir = workDir("import_live");
    QProcess sim;
    sim.start(bin("lobbywatch-sim"), {"--profile", "city", "--seed", "7", "--speed", "max", "--quiet", "--out",
                                      dir + "/day.cap", "--truth-events", dir + "/truth.csv"});
    REQUIRE(sim.waitForFinished(60'000));
    REQUIRE(sim.exitCode() == 0);
    const auto truth = lines(readText(dir + "/truth.csv").toStdString());
    const int rows = static_cast<int>(truth.size()) - 1;
    int issued = 0;
    for (const auto& r : truth) issued += split(r)[1] == "issued";

    // The whole day recorded live: importing the old system's export of it adds nothing.
    const QString db = dir + "/live.db";
    REQUIRE(lobbywatch({"replay", dir + "/day.cap", "--db", db}).exitCode == 0);
    const int live = eventCount(db);
    REQUIRE(live == rows);
    CommandRun same = import(dir + "/truth.csv", db);
    INFO(same.err);
    REQUIRE(same.exitCode == 0);
    CHECK_THAT(same.out, Catch::Contains("new events: 0") &&
                             Catch::Contains("left out, recorded live by the kiosk: " + std::to_string(rows)));
    CHECK(eventCount(db) == live);

    // The kiosk went live at noon: the morning comes from the export, the afternoon stays the kiosk's own.
    const QString noon = dir + "/noon.db";
    REQUIRE(lobbywatch({"replay", dir + "/day.cap", "--db", noon}).exitCode == 0);
    const qint64 at = QDateTime::fromString(QString::fromStdString(truth[1].substr(0, 10)) + "T12:00:00+08:00",
                                            Qt::ISODate).toMSecsSinceEpoch();
    queryLog(noon, QStringLiteral("DELETE FROM events WHERE received_at < %1").arg(at));
    const int afternoon = eventCount(noon);
    REQUIRE(afternoon > 0);
    REQUIRE(afternoon < rows);
    CommandRun morning = import(dir + "/truth.csv", noon);
    INFO(morning.err);
    REQUIRE(morning.exitCode == 0);
    CHECK_THAT(morning.out, Catch::Contains("new events: " + std::to_string(rows - afternoon)) &&
                                Catch::Contains("left out, recorded live by the kiosk: " + std::to_string(afternoon)));
    CHECK(eventCount(noon) == rows);
    CHECK(queryLog(noon, "SELECT count(*) FROM events WHERE kind = 'issued'").value(0).toInt() == issued);
}
