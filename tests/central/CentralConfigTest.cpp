// [central] and [branch] id/region: every key checked, TLS required unless allowed, the password file private;
// the shipping rules (backoff, lag, digest) and the branch settings' text.
#include "central/CentralConfig.h"
#include "central/CentralReport.h"
#include "central/CentralSchema.h"
#include "config/Ini.h"
#include "kiosk/KioskConfig.h"
#include "central/Shipping.h"

#include <catch2/catch.hpp>

#include <QFile>

#include <cstdlib>
#include <sys/stat.h>

using namespace lw;

namespace {

std::string errorOf(const std::string& ini) {
    try {
        kiosk::parseKioskConfig(ini, "k.ini");
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

std::string tmpFile(const std::string& name, const std::string& text, mode_t mode) {
    const char* dir = std::getenv("LW_TEST_TMP");
    const std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
    QFile f(QString::fromStdString(path));
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text.data(), static_cast<qint64>(text.size()));
    f.close();
    ::chmod(path.c_str(), mode);
    return path;
}

}  // namespace

TEST_CASE("[central] url must require TLS unless plaintext is allowed", "[central]") {
    auto c = kiosk::parseKioskConfig("[branch]\nid = 310-001\nregion = 浦东\n[central]\nurl = host=db.bank dbname=lw user=b sslmode=verify-full\n", "k.ini");
    CHECK(c.branch.id == "310-001");
    CHECK(c.branch.region == "浦东");
    CHECK(c.central.enabled());
    CHECK(c.central.maxLagMin == 30);
    // No sslmode: verify-full is added (libpq's own default, prefer, would fall back to plaintext).
    c = kiosk::parseKioskConfig("[branch]\nid = b1\n[central]\nurl = host=db.bank dbname=lw\n", "k.ini");
    CHECK(c.central.url == "host=db.bank dbname=lw sslmode=verify-full");
    c = kiosk::parseKioskConfig("[branch]\nid = b1\n[central]\nurl = postgresql://db.bank/lw\n", "k.ini");
    CHECK(c.central.url == "postgresql://db.bank/lw?sslmode=verify-full");
    const std::string plain = errorOf("[branch]\nid = b1\n[central]\nurl = host=db dbname=lw sslmode=disable\n");
    CHECK(plain.find("k.ini:4: [central] url") != std::string::npos);
    CHECK(plain.find("does not require TLS") != std::string::npos);
    CHECK(errorOf("[branch]\nid = b1\n[central]\nallow_plaintext = yes\nurl = host=db dbname=lw sslmode=disable\n").empty());
    CHECK(errorOf("[branch]\nid = b1\n[central]\nurl = host=db password=secret\n").find("password_file") != std::string::npos);
    CHECK(errorOf("[branch]\nid = b1\n[central]\nurl = host='db\n").find("[central] url") != std::string::npos);
}

TEST_CASE("Bad [central] and [branch] keys are named", "[central]") {
    CHECK(errorOf("[central]\nurl = host=db sslmode=require\n").find("[branch] id") != std::string::npos);
    CHECK(errorOf("[branch]\nid = a b\n").find("id") != std::string::npos);
    CHECK(errorOf("[central]\nmax_lag = 5\n").find("max_lag") != std::string::npos);
    CHECK(errorOf("[central]\nmax_lag_min = 0\n").find("max_lag_min") != std::string::npos);
    CHECK(errorOf("[central]\nbatch_rows = lots\n").find("batch_rows") != std::string::npos);
    // The identifier stands in for the id when it is a valid one.
    CHECK(kiosk::parseKioskConfig("[branch]\nidentifier = 000123-9\n", "k.ini").branch.id == "000123-9");
}

TEST_CASE("The central password file must be private to the kiosk's user", "[central]") {
    const std::string good = tmpFile("good.pw", "s3cret\nignored\n", 0600);
    CHECK(central::readPasswordFile(good, "[central] password_file") == "s3cret");
    const std::string open = tmpFile("open.pw", "s3cret\n", 0640);
    try {
        central::readPasswordFile(open, "k.ini: [central] password_file");
        FAIL("a group-readable password file was accepted");
    } catch (const config::ConfigError& e) {
        const std::string m = e.what();
        CHECK(m.find("k.ini: [central] password_file") != std::string::npos);
        CHECK(m.find("chmod 600") != std::string::npos);
    }
    CHECK_THROWS_AS(central::readPasswordFile(tmpFile("world.pw", "x\n", 0604), "w"), config::ConfigError);
    CHECK_THROWS_AS(central::readPasswordFile(tmpFile("empty.pw", "", 0600), "w"), config::ConfigError);
    CHECK_THROWS_AS(central::readPasswordFile("/nonexistent/central.pw", "w"), config::ConfigError);
    // Read where the config is read: a kiosk with a readable password file does not start.
    const std::string ini = tmpFile("k.ini", "[branch]\nid = b1\n[central]\nurl = host=db sslmode=require\npassword_file = " + open + "\n", 0600);
    CHECK_THROWS_WITH(kiosk::loadKioskConfig(ini), Catch::Contains("[central] password_file"));
}

TEST_CASE("Shipping rules: backoff, lag, digest, role names", "[central]") {
    CHECK(central::retryDelaySeconds(1, 300) == 5);
    CHECK(central::retryDelaySeconds(2, 300) == 10);
    CHECK(central::retryDelaySeconds(4, 300) == 40);
    CHECK(central::retryDelaySeconds(30, 300) == 300);
    CHECK_FALSE(central::lagging(0, 10'000'000, 30));             // nothing waits
    CHECK_FALSE(central::lagging(1'000'000, 1'000'000 + 30 * 60'000, 30));
    CHECK(central::lagging(1'000'000, 1'000'001 + 30 * 60'000, 30));
    CHECK(central::digest("") == "cbf29ce484222325");
    CHECK(central::digest("a") != central::digest("b"));
    CHECK(central::branchRole("310-Ab_1") == "lw_branch_310_ab_1");
    CHECK(central::isBranchId("310-001"));
    CHECK_FALSE(central::isBranchId("310 001"));
    CHECK_FALSE(central::isBranchId("x'; DROP ROLE y; --"));
}

TEST_CASE("The branch settings travel as text and come back the same", "[central]") {
    central::BranchSettings s;
    s.utcOffsetMinutes = 420;
    s.businessDayStartMinutes = 300;
    s.escalateAfterMin = 7;
    s.categories = {{"A", "个人业务", "Personal | retail", 12, 18, 25}, {"V", "贵宾", "VIP", 5, 8, 10}};
    s.windows = {{3, {"V", "A"}}, {7, {"A"}}};
    bool ok = false;
    std::string error;
    const auto back = central::parseSettings(central::formatSettings(s), ok, error);
    REQUIRE(ok);
    CHECK(central::formatSettings(back) == central::formatSettings(s));
    CHECK(back.categories[0].nameEn == "Personal | retail");
    CHECK(back.windows[0].serves == std::vector<std::string>{"V", "A"});
    central::parseSettings("", ok, error);
    CHECK_FALSE(ok);
    CHECK(error.find("not shipped") != std::string::npos);
    central::parseSettings("format\t1\ncategory\tA\tx\t1\t2\tzh\ten\n", ok, error);
    CHECK_FALSE(ok);
    CHECK(error.find("line 2") != std::string::npos);
}

TEST_CASE("Batches are one INSERT keyed on branch and id, doing nothing for rows already there", "[central]") {
    const auto& events = central::shippedTables().front();
    REQUIRE(events.name == "events");
    const std::string sql = central::insertSql(events, 2);
    CHECK(sql.rfind("INSERT INTO lobbywatch.events (branch_id, id, ", 0) == 0);
    CHECK(sql.find("($1, $2, ") != std::string::npos);
    CHECK(sql.find("($1, $" + std::to_string(2 + events.columns.size()) + ", ") != std::string::npos);
    CHECK(sql.size() - sql.rfind(" ON CONFLICT DO NOTHING") == std::string(" ON CONFLICT DO NOTHING").size());
    CHECK(central::quoteLiteral("it's") == "'it''s'");
}

TEST_CASE("The ranking's JSON writes a string as the branch report does (newline and tab by name)", "[central]") {
    central::BranchRank k;
    k.rank = 1;
    k.id = "N1";
    k.name = "朝阳\t支行\n";
    k.region = "north \"A\"";
    const std::string json = central::rankingJson({k});
    INFO(json);
    CHECK(json.find("\"name\": \"朝阳\\t支行\\n\", \"region\": \"north \\\"A\\\"\"") != std::string::npos);
}

TEST_CASE("A branch's name or region that a spreadsheet would run is written as text in the ranking CSV", "[central]") {
    // Each branch's role may set its own name and region in the central database: the region's CSV must not run them.
    lw::central::BranchRank k;
    k.rank = 1;
    k.id = "B-1";
    k.name = "=HYPERLINK(\"http://evil.example\",\"x\")";
    k.region = "+cmd|' /C calc'!A0";
    const std::string csv = lw::central::rankingCsv({k}, lw::report::Lang::En);
    CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",") != std::string::npos);
    CHECK(csv.find(",'+cmd|' /C calc'!A0,") != std::string::npos);
    CHECK(csv.find(",=") == std::string::npos);
    CHECK(csv.find(",+cmd") == std::string::npos);
}
