// The lobbywatch command line: replay equals the ground truth and itself, import skips bad rows, bad config exits 2.
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

namespace {

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

long long rowsIn(const QString& db, const QString& table) {
    long long n = -1;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "rows");
        d.setDatabaseName(db);
        REQUIRE(d.open());
        QSqlQuery q(d);
        if (q.exec("SELECT count(*) FROM " + table) && q.next()) n = q.value(0).toLongLong();
        d.close();
    }
    QSqlDatabase::removeDatabase("rows");
    return n;
}

}  // namespace

TEST_CASE("replay of a simulated day (with line noise) logs the ground truth ticket for ticket, and twice the same") {
    QString dir = workDir("replay");
    CommandRun sim = runProcess(bin("lobbywatch-sim"), {"--profile", "payday", "--seed", "4", "--speed", "max", "--out", dir + "/day.cap",
                                          "--truth-events", dir + "/truth.csv", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    CommandRun first = runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/a.db"});
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    REQUIRE_THAT(first.out, Catch::Contains("events: "));
    CommandRun second = runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/b.db"});
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
    CommandRun sim = runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--speed", "max", "--out", dir + "/day.cap", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/day.db"}).exitCode == 0);
    // With a chat robot configured, as a branch's own config has one.
    QFile ini(dir + "/robot.ini");
    REQUIRE(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ini.write("[notify robot]\nkind = json\nurl = http://127.0.0.1:9/\nsend = info, warning, alarm, escalation\n");
    ini.close();
    REQUIRE(ini.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const long long incidents = rowsIn(dir + "/day.db", "incidents");
    CommandRun shots = runProcess(bin("lobbywatch"), {"--screenshot", dir + "/shots", "--db", dir + "/day.db", "--config", dir + "/robot.ini"});
    INFO(shots.err);
    REQUIRE(shots.exitCode == 0);
    REQUIRE_THAT(shots.err, Catch::Contains("busiest moment"));
    // The screenshots show the log and add nothing to it: no incident raised at the frozen moment (they had gone into
    // the branch's log, hours after the moment, and to its chat robot), no message queued.
    CHECK(rowsIn(dir + "/day.db", "incidents") == incidents);
    CHECK(rowsIn(dir + "/day.db", "notifications") == 0);
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
    CommandRun empty = runProcess(bin("lobbywatch"), {"--screenshot", dir + "/none", "--db", dir + "/empty.db"});
    CHECK(empty.exitCode == 1);
    CHECK_THAT(empty.err, Catch::Contains("no events"));
}

TEST_CASE("--screenshot DIR --size WxH: every page at that size, the pages really opened; a bad size is refused") {
    QString dir = workDir("screenshots-size");
    CommandRun sim = runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "3", "--speed", "max", "--out", dir + "/day.cap", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/day.db"}).exitCode == 0);
    CommandRun shots = runProcess(bin("lobbywatch"), {"--screenshot", dir + "/shots", "--size", "1366x768", "--db", dir + "/day.db"});
    INFO(shots.err);
    REQUIRE(shots.exitCode == 0);
    for (const char* screen : {"manager", "manager-devices", "manager-incidents", "manager-keypad", "public"}) {
        for (const char* lang : {"zh_CN", "en"}) {
            QImage image(dir + "/shots/" + screen + "-" + lang + "-1366x768.png");
            INFO(screen << " " << lang);
            REQUIRE(image.width() == 1366);
            REQUIRE(image.height() == 768);
        }
    }
    // Each page is its own picture: the devices page, the incident log and the keypad were opened.
    QImage main(dir + "/shots/manager-en-1366x768.png");
    for (const char* page : {"manager-devices", "manager-incidents", "manager-keypad"})
        CHECK(QImage(dir + "/shots/" + page + "-en-1366x768.png") != main);
    CommandRun upright = runProcess(bin("lobbywatch"), {"--screenshot", dir + "/up", "--size", "1080x1920", "--db", dir + "/day.db"});
    REQUIRE(upright.exitCode == 0);
    CHECK(QImage(dir + "/up/public-zh_CN-1080x1920.png").height() == 1920);
    CommandRun bad = runProcess(bin("lobbywatch"), {"--screenshot", dir + "/bad", "--size", "1366by768", "--db", dir + "/day.db"});
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.err, Catch::Contains("--size"));
}

TEST_CASE("--screen both on a machine with one display: it says so and shows the manager's screen only") {
    QString dir = workDir("screen-both");
    // The offscreen platform has one display.
    CommandRun kiosk = runProcess(bin("lobbywatch"), {"--screen", "both", "--db", dir + "/k.db", "--speed", "600", "--quit-after-sim-min", "1"});
    INFO(kiosk.err);
    CHECK(kiosk.exitCode == 0);
    CHECK_THAT(kiosk.err, Catch::Contains("--screen both needs 2 displays and this machine has 1")
                                            && Catch::Contains("manager's screen only"));
}

TEST_CASE("report: CSV with a BOM for spreadsheets, JSON for tools, an A4 PDF that reads back; bad dates refused") {
    QString dir = workDir("report");
    CommandRun sim = runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "8", "--days", "4", "--speed", "max", "--out",
                                          dir + "/days.cap", "--truth", dir + "/truth.csv", "--quiet"});
    REQUIRE(sim.exitCode == 0);
    REQUIRE(runProcess(bin("lobbywatch"), {"replay", dir + "/days.cap", "--db", dir + "/log.db"}).exitCode == 0);
    auto report = [&](const QString& format, const QString& out, const QStringList& more = {}) {
        return runProcess(bin("lobbywatch"), QStringList{"report", "--db", dir + "/log.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                                  "--format", format, "--out", out} + more);
    };
    CommandRun csv = report("csv", dir + "/r.csv");
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
    CommandRun text = runProcess("pdftotext", {dir + "/r-en.pdf", "-"});
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Branch lobby report") && Catch::Contains("2026-01-07") &&
                             Catch::Contains("Mean wait by weekday and hour"));
    CommandRun zh = runProcess("pdftotext", {dir + "/r-zh.pdf", "-"});
    CHECK_THAT(zh.out, Catch::Contains("业务类别"));
    CommandRun page = runProcess("pdftoppm", {"-r", "40", "-png", "-f", "1", "-l", "1", dir + "/r-zh.pdf", dir + "/page"});
    REQUIRE(page.exitCode == 0);
    QImage image(dir + "/page-1.png");
    REQUIRE(!image.isNull());
    CHECK(image.height() > image.width());  // A4 portrait
    int inked = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4) inked += qGray(image.pixel(x, y)) < 200;
    CHECK(inked > 200);

    CommandRun badDate = runProcess(bin("lobbywatch"), {"report", "--db", dir + "/log.db", "--from", "2026-02-30", "--to", "2026-03-01",
                                          "--format", "csv", "--out", dir + "/x.csv"});
    CHECK(badDate.exitCode == 2);
    CHECK_THAT(badDate.err, Catch::Contains("--from"));
    CommandRun badFormat = runProcess(bin("lobbywatch"), {"report", "--db", dir + "/log.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                            "--format", "xls", "--out", dir + "/x.xls"});
    CHECK(badFormat.exitCode == 2);
    CommandRun noLog = runProcess(bin("lobbywatch"), {"report", "--db", dir + "/none.db", "--from", "2026-01-07", "--to", "2026-01-08",
                                        "--format", "csv", "--out", dir + "/x.csv"});
    CHECK(noLog.exitCode == 1);
    CHECK_FALSE(QFile::exists(dir + "/none.db"));  // a report never creates a log
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
    CommandRun r = runProcess(bin("lobbywatch"), {"import", csv, "--db", dir + "/i.db", "--max-rejected", "2"});
    INFO(r.err << r.out);
    REQUIRE(r.exitCode == 0);
    REQUIRE_THAT(r.err, Catch::Contains("line 4: expected a ticket label"));
    REQUIRE_THAT(r.err, Catch::Contains("line 6: expected a local time"));
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
    CommandRun r = runProcess(bin("lobbywatch"), {"--headless", "--config", ini, "--db", dir + "/x.db"});
    REQUIRE(r.exitCode == 2);
    REQUIRE_THAT(r.err, Catch::Contains("branch.ini:5") && Catch::Contains("baud") && Catch::Contains("115200"));
    CommandRun missing = runProcess(bin("lobbywatch"), {"--headless", "--config", dir + "/nope.ini"});
    REQUIRE(missing.exitCode == 2);
    REQUIRE_THAT(missing.err, Catch::Contains("nope.ini"));
    CommandRun speed = runProcess(bin("lobbywatch"), {"--headless", "--speed", "fast", "--db", dir + "/x.db"});
    REQUIRE(speed.exitCode == 2);
    REQUIRE_THAT(speed.err, Catch::Contains("--speed"));
    REQUIRE_FALSE(QFile::exists(dir + "/x.db"));  // nothing was created on a bad start
}

TEST_CASE("--config that is a directory, a FIFO, a device, GBK text or 24:00: refused at once, exit code 2, "
          "nothing created") {
    QString dir = workDir("configholes");
    QString db = dir + "/x.db";
    auto refused = [&](const QString& config, const char* says) {
        CommandRun r = runProcess(bin("lobbywatch"), {"--headless", "--config", config, "--db", db});
        INFO(config.toStdString() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains(config.toStdString()) && Catch::Contains(says));
    };
    QDir().mkpath(dir + "/conf.d");
    refused(dir + "/conf.d", "a directory");
    QString fifo = dir + "/conf.fifo";
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    refused(fifo, "FIFO");  // runProcess() waits at most its timeout: a kiosk blocked on the FIFO fails here
    QString zero = dir + "/zero.ini";
    REQUIRE(QFile::link("/dev/zero", zero));
    refused(zero, "character device");
    auto write = [&](const QString& name, const std::string& text) {
        QString path = dir + "/" + name;
        std::ofstream(path.toStdString(), std::ios::binary) << text;
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    };
    refused(write("gbk.ini", "[category A]\nname_zh = \xB8\xF6\xC8\xCB\xD2\xB5\xCE\xF1\n"),
            "iconv -f GB18030 -t UTF-8");
    refused(write("midnight.ini", "[kiosk]\nbusiness_day_start = 24:00\n"), "midnight.ini:2");
    refused(write("twice.ini", "[window 1]\nserves = A\n[window 01]\nserves = A\n"), "window 1 again");
    // The same limit for the simulated clock's start (24:00 started the kiosk in the year 6429).
    CommandRun start = runProcess(bin("lobbywatch"), {"--headless", "--speed", "60", "--start", "24:00", "--db", db});
    CHECK(start.exitCode == 2);
    CHECK_THAT(start.err, Catch::Contains("--start") && Catch::Contains("23:59"));
    REQUIRE_FALSE(QFile::exists(db));
}

TEST_CASE("report on a day still running: people waiting and at a window are shown as such, not abandoned or "
          "no-shows; the window's open time runs to now") {
    QString dir = workDir("runningday");
    QString csv = dir + "/today.csv", db = dir + "/t.db";
    lobby::LobbyConfig config;  // the defaults the commands use without --config: UTC+8, the day from 04:00
    const lobby::TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::int64_t day = lobby::businessDayNumber(now, config);
    // Four minutes of today, ending a minute ago (or starting with the business day, just after 04:00).
    const lobby::TimeMs first = std::max(now - 5 * 60'000, lobby::businessDayStart(day, config) + 1000);
    auto local = [&](lobby::TimeMs t) { return lobby::formatLocalTime(t, config.utcOffsetMinutes); };
    {
        std::ofstream out(csv.toStdString());
        out << "time,event,ticket,category,window,device,priority\n"
            << local(first) << ",window_open,,,2,11,\n"
            << local(first + 1000) << ",issued,A001,A,,1,0\n"
            << local(first + 2000) << ",issued,A002,A,,1,0\n"
            << local(first + 3000) << ",called,A001,,2,11,0\n";
    }
    CommandRun imported = runProcess(bin("lobbywatch"), {"import", csv, "--db", db});
    INFO(imported.err << imported.out);
    REQUIRE(imported.exitCode == 0);
    const QString today = QString::fromStdString(lobby::businessDayOf(now, config));
    CommandRun rep = runProcess(bin("lobbywatch"), {"report", "--db", db, "--from", today, "--to", today, "--format", "json", "--out", dir + "/r.json"});
    INFO(rep.err);
    REQUIRE(rep.exitCode == 0);
    QJsonObject cur = QJsonDocument::fromJson(readText(dir + "/r.json").toUtf8()).object()["current"].toObject();
    CHECK(cur["running_day"].toString() == today);
    CHECK(cur["as_of"].toString().startsWith(today.left(4)));
    QJsonObject all = cur["all"].toObject();
    CHECK(all["issued"].toInt() == 2);
    CHECK(all["waiting"].toInt() == 1);
    CHECK(all["serving"].toInt() == 1);
    CHECK(all["abandoned"].toInt() == 0);
    CHECK(all["no_show"].toInt() == 0);
    QJsonObject window = cur["windows"].toArray().at(0).toObject();
    CHECK(window["number"].toInt() == 2);
    CHECK(window["open_s"].toDouble() >= static_cast<double>(now - first) / 1000.0 - 1);  // to now, not to the last event
    CommandRun csvRep = runProcess(bin("lobbywatch"), {"report", "--db", db, "--from", today, "--to", today, "--format", "csv", "--out",
                                         dir + "/r.csv", "--lang", "en"});
    REQUIRE(csvRep.exitCode == 0);
    CHECK(readText(dir + "/r.csv").contains("Still running," + today));
}

TEST_CASE("staff add: a name is up to 40 characters (not bytes), and no hidden right-to-left override") {
    QString dir = workDir("staff-names");
    QString db = dir + "/events.db";
    // Fourteen Chinese characters are 42 bytes of UTF-8: a name, not too long.
    const QString chinese = QStringLiteral("欧阳娜娜欧阳娜娜欧阳娜娜欧阳");
    CommandRun long14 = runProcess(bin("lobbywatch"), {"staff", "add", chinese, "--role", "manager", "--db", db}, "2580\n");
    INFO(long14.err);
    CHECK(long14.exitCode == 0);
    CHECK(runProcess(bin("lobbywatch"), {"staff", "add", QString(41, 'a'), "--role", "manager", "--db", db}, "2580\n").exitCode == 2);
    // "Wang<U+202E>Fang" shows as another name on the keypad, the phone page and in the chat robots' messages.
    CommandRun rtl = runProcess(bin("lobbywatch"), {"staff", "add", QStringLiteral("Wang\u202EFang"), "--role", "manager", "--db", db}, "2580\n");
    CHECK(rtl.exitCode == 2);
    CHECK_THAT(rtl.err, Catch::Contains("right-to-left"));
}

TEST_CASE("staff add/list/remove: the PIN comes on stdin, weak PINs are refused, the file holds only its hash") {
    QString dir = workDir("staff");
    QString db = dir + "/events.db";
    CommandRun noRole = runProcess(bin("lobbywatch"), {"staff", "add", "王芳", "--db", db}, "2580\n");
    CHECK(noRole.exitCode == 2);
    CHECK_THAT(noRole.err, Catch::Contains("--role"));
    CommandRun weak = runProcess(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "1234\n");
    CHECK(weak.exitCode == 2);
    CHECK_THAT(weak.err, Catch::Contains("consecutive"));
    CommandRun added = runProcess(bin("lobbywatch"), {"staff", "add", "王芳", "--role", "manager", "--db", db}, "2580\n");
    REQUIRE(added.exitCode == 0);
    CommandRun head = runProcess(bin("lobbywatch"), {"staff", "add", "Zhao Lei", "--role", "head", "--db", db}, "739146\n");
    REQUIRE(head.exitCode == 0);
    CommandRun list = runProcess(bin("lobbywatch"), {"staff", "list", "--db", db});
    REQUIRE(list.exitCode == 0);
    CHECK_THAT(list.out, Catch::Contains("manager  王芳") && Catch::Contains("head     Zhao Lei"));
    CHECK_THAT(list.out, !Catch::Contains("2580"));
    CommandRun gone = runProcess(bin("lobbywatch"), {"staff", "remove", "Zhao Lei", "--db", db});
    CHECK(gone.exitCode == 0);
    CommandRun again = runProcess(bin("lobbywatch"), {"staff", "remove", "Zhao Lei", "--db", db});
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
    REQUIRE(runProcess(bin("lobbywatch-sim"), {"--profile", "small", "--seed", "5", "--speed", "max", "--until", "11:00", "--out",
                                        dir + "/day.cap", "--quiet"}).exitCode == 0);
    QString config = QString::fromUtf8(std::getenv("LW_SOURCE_DIR")) + "/config/demo/small.ini";
    CommandRun r = runProcess(bin("lobbywatch"), {"replay", dir + "/day.cap", "--db", dir + "/p.db", "--config", config,
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

