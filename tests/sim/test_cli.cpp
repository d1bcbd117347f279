// lobbywatch-sim end to end: determinism, speed, and the capture agreeing with the ground truth, frame by frame.
#include "sim/BranchDay.h"
#include "protocol/Capture.h"
#include "protocol/Codec.h"
#include "SimRun.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <sstream>

using namespace lw::protocol;
using lw::sim::localIsoTime;

namespace {

std::vector<std::map<std::string, std::string>> readCsv(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::stringstream hs(line);
    for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        std::map<std::string, std::string> row;
        std::size_t start = 0;
        for (const auto& h : header) {
            const auto comma = line.find(',', start);
            row[h] = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            start = comma == std::string::npos ? line.size() : comma + 1;
        }
        rows.push_back(row);
    }
    return rows;
}

struct Received {
    TimeMs time;
    Frame frame;
    std::string raw;
};

struct Decoded {
    std::map<std::string, std::string> metadata;
    std::vector<Received> frames;  // every good frame as it arrived, resends included
    DecoderStats stats;
};

Decoded decodeCapture(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    CaptureReader reader(in);
    Decoded d;
    d.metadata = reader.metadata();
    FrameDecoder decoder;
    std::vector<DecodeResult> results;
    while (auto record = reader.next()) {
        results.clear();
        decoder.feed(record->bytes, results);
        for (auto& r : results)
            if (auto* f = std::get_if<DecodedFrame>(&r)) d.frames.push_back(Received{record->time, f->frame, f->raw});
    }
    d.stats = decoder.stats();
    return d;
}

std::string ticketOf(const Message& m) {
    return std::visit(
        [](const auto& v) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, TicketIssued> ||
                          std::is_same_v<std::decay_t<decltype(v)>, Call> ||
                          std::is_same_v<std::decay_t<decltype(v)>, ServiceStarted> ||
                          std::is_same_v<std::decay_t<decltype(v)>, ServiceFinished> ||
                          std::is_same_v<std::decay_t<decltype(v)>, NoShow>)
                return v.ticket.label();
            else return "";
        },
        m);
}

int windowOf(const Message& m) {
    if (const auto* c = std::get_if<Call>(&m)) return c->window;
    if (const auto* s = std::get_if<ServiceStarted>(&m)) return s->window;
    if (const auto* f = std::get_if<ServiceFinished>(&m)) return f->window;
    return 0;
}

// Checks the capture against the truth. `maxResends`: how many 1 s re-sends line noise may have put before a copy
// arrived whole (0 on a clean line: every frame at exactly the truth's second).
void checkAgreement(const std::string& capture, const std::string& truthPath, int maxResends) {
    const Decoded d = decodeCapture(capture);
    const int offset = std::stoi(d.metadata.at("utc_offset_min"));
    // The first whole copy of each (device, boot, sequence): later copies are re-sends of a frame already
    // delivered. A device counts from 0 again after each power-up, which it announces with a BOT frame.
    using Key = std::tuple<int, std::uint32_t, int>;
    std::set<Key> seen;
    std::map<int, std::uint32_t> bootOf;
    std::map<std::string, std::multimap<std::string, std::string>> when;  // type -> ticket -> "time|window"
    std::map<std::string, int> count;
    std::map<std::pair<int, std::uint32_t>, int> lastSequence;
    for (const auto& r : d.frames) {
        if (const auto* boot = std::get_if<BootAnnounce>(&r.frame.message)) {
            CHECK(r.frame.sequence == 0);
            bootOf[r.frame.address] = boot->bootId;
        }
        const std::pair<int, std::uint32_t> device{r.frame.address, bootOf[r.frame.address]};
        if (!seen.insert(Key{device.first, device.second, r.frame.sequence}).second) continue;
        const std::string type = typeCode(r.frame.message);
        ++count[type];
        // Devices number their frames 0, 1, 2...: a gap would be a frame the capture lost.
        const auto last = lastSequence.find(device);
        if (maxResends == 0) CHECK(r.frame.sequence == (last == lastSequence.end() ? 0 : last->second + 1));
        lastSequence[device] = std::max(r.frame.sequence, last == lastSequence.end() ? -1 : last->second);
        for (int k = 0; k <= maxResends; ++k)
            when[type].emplace(ticketOf(r.frame.message),
                               localIsoTime(r.time - 1000 * k, offset) + "|" + std::to_string(windowOf(r.frame.message)));
    }
    // Even where noise reordered first copies, every sequence number of every device arrived whole at least once.
    std::map<std::pair<int, std::uint32_t>, int> distinct;
    for (const auto& key : seen) ++distinct[{std::get<0>(key), std::get<1>(key)}];
    for (const auto& [device, last] : lastSequence) CHECK(distinct[device] == last + 1);

    auto has = [&](const std::string& type, const std::string& ticket, const std::string& time, const std::string& window) {
        const auto range = when[type].equal_range(ticket);
        for (auto it = range.first; it != range.second; ++it)
            if (it->second == time + "|" + window) return true;
        return false;
    };
    const auto truth = readCsv(truthPath);
    REQUIRE(truth.size() > 100);
    int tickets = 0, finished = 0, noShows = 0, transferred = 0;
    for (const auto& row : truth) {
        INFO("customer " << row.at("customer") << " " << row.at("ticket") << " " << row.at("outcome"));
        if (row.at("ticket").empty()) {
            CHECK(row.at("outcome") == "left_without_ticket");
            continue;
        }
        ++tickets;
        CHECK(has("TKT", row.at("ticket"), row.at("issued_at"), "0"));
        const std::string& outcome = row.at("outcome");
        if (!row.at("transferred_to").empty()) ++transferred;
        if (outcome == "served" || outcome == "transferred_then_served") {
            ++finished;
            CHECK(has("CAL", row.at("ticket"), row.at("called_at"), row.at("window")));
            CHECK(has("SRV", row.at("ticket"), row.at("started_at"), row.at("window")));
            CHECK(has("FIN", row.at("ticket"), row.at("finished_at"), row.at("window")));
        } else if (outcome == "no_show") {
            ++noShows;
            CHECK(has("CAL", row.at("ticket"), row.at("called_at"), row.at("window")));
            CHECK(std::stoi(row.at("recalls")) >= 1);
        }
    }
    CHECK(count["TKT"] == tickets);
    CHECK(count["FIN"] == finished);
    CHECK(count["NSH"] == noShows);
    CHECK(count["TRF"] == transferred);
    CHECK(count["CAL"] >= finished + noShows);
}

}  // namespace

TEST_CASE("a whole city day at max speed is fast, deterministic, and seed-dependent") {
    const std::string dir = simtest::tmp();
    const auto t0 = std::chrono::steady_clock::now();
    const auto a = simtest::run("--profile city --seed 1 --speed max --quiet --out '" + dir + "/a.cap' --truth '" + dir + "/a.csv'");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(a.exitCode == 0);
    CHECK(seconds < 5.0);
    WARN("city day, seed 1, --speed max: " << seconds << " s");
    REQUIRE(simtest::run("--profile city --seed 1 --speed max --quiet --out '" + dir + "/b.cap' --truth '" + dir + "/b.csv'").exitCode == 0);
    REQUIRE(simtest::run("--profile city --seed 2 --speed max --quiet --out '" + dir + "/c.cap' --truth '" + dir + "/c.csv'").exitCode == 0);
    const std::string capA = simtest::slurp(dir + "/a.cap");
    CHECK(capA.size() > 100000);
    CHECK(capA == simtest::slurp(dir + "/b.cap"));
    CHECK(simtest::slurp(dir + "/a.csv") == simtest::slurp(dir + "/b.csv"));
    CHECK(capA != simtest::slurp(dir + "/c.cap"));
    CHECK(simtest::slurp(dir + "/a.csv") != simtest::slurp(dir + "/c.csv"));
}

TEST_CASE("on a clean line every truth row has its frames at exactly the truth's times") {
    const std::string dir = simtest::tmp();
    REQUIRE(simtest::run("--profile small --seed 4 --days 3 --speed max --quiet --out '" + dir + "/s.cap' --truth '" + dir + "/s.csv'").exitCode == 0);
    const Decoded d = decodeCapture(dir + "/s.cap");
    CHECK(d.metadata.at("source") == "lobbywatch-sim");
    CHECK(d.metadata.at("seed") == "4");
    CHECK(d.metadata.at("profile") == "small");
    CHECK(d.metadata.at("date") == "2026-01-05");
    CHECK(d.stats.checksumErrors == 0);
    CHECK(d.stats.malformed == 0);
    checkAgreement(dir + "/s.cap", dir + "/s.csv", 0);
    std::set<std::string> days;
    for (const auto& row : readCsv(dir + "/s.csv")) days.insert(row.at("day"));
    CHECK(days == std::set<std::string>{"1", "2", "3"});
}

TEST_CASE("devices power up each morning and after a power cut: BOT first, sequence and uptime from 0") {
    const std::string dir = simtest::tmp();
    REQUIRE(simtest::run("--profile small --seed 3 --days 2 --power-cut 12:00 --speed max --quiet --out '" + dir +
                         "/p.cap' --truth '" + dir + "/p.csv'").exitCode == 0);
    const Decoded d = decodeCapture(dir + "/p.cap");
    checkAgreement(dir + "/p.cap", dir + "/p.csv", 0);
    std::map<int, std::vector<std::uint32_t>> boots;  // device -> boot ids in order
    std::map<int, std::uint32_t> lastUptime;
    for (const auto& r : d.frames) {
        if (const auto* b = std::get_if<BootAnnounce>(&r.frame.message)) {
            CHECK(b->revision == 2);
            CHECK(b->kind == (r.frame.address <= 10 ? DeviceKind::Dispenser : DeviceKind::Keypad));
            boots[r.frame.address].push_back(b->bootId);
            lastUptime.erase(r.frame.address);
        } else if (const auto* h = std::get_if<Heartbeat>(&r.frame.message)) {
            // Within a boot the uptime only grows; it is counted from that boot's power-up.
            auto last = lastUptime.find(r.frame.address);
            if (last != lastUptime.end()) CHECK(h->uptimeS > last->second);
            lastUptime[r.frame.address] = h->uptimeS;
        }
    }
    REQUIRE(boots.count(1) == 1);
    for (const auto& [address, ids] : boots) {
        INFO("device " << address);
        CHECK(ids.size() == 4);  // two mornings, two power cuts
        CHECK(std::set<std::uint32_t>(ids.begin(), ids.end()).size() == ids.size());  // a fresh id each time
    }
    // Revision-1 firmware restarts the same way but never says so.
    REQUIRE(simtest::run("--profile small --seed 3 --days 2 --power-cut 12:00 --firmware 1 --speed max --quiet --out '" +
                         dir + "/v1.cap'").exitCode == 0);
    int seqZero = 0;
    for (const auto& r : decodeCapture(dir + "/v1.cap").frames) {
        CHECK_FALSE(std::holds_alternative<BootAnnounce>(r.frame.message));
        if (r.frame.address == 1 && r.frame.sequence == 0) ++seqZero;
    }
    CHECK(seqZero == 4);
    CHECK(simtest::run("--profile small --firmware 3 --stdout").exitCode == 2);
}

TEST_CASE("with line noise, damaged frames are sent again and the capture still agrees with the truth") {
    const std::string dir = simtest::tmp();
    REQUIRE(simtest::run("--profile city --seed 1 --speed max --quiet --out '" + dir + "/n.cap' --truth '" + dir + "/n.csv'").exitCode == 0);
    const Decoded d = decodeCapture(dir + "/n.cap");
    CHECK(d.stats.checksumErrors + d.stats.malformed > 0);  // the noise really damaged frames
    checkAgreement(dir + "/n.cap", dir + "/n.csv", 3);
}

TEST_CASE("the truth-events file has one row per lobby event on the wire") {
    const std::string dir = simtest::tmp();
    REQUIRE(simtest::run("--profile small --seed 9 --speed max --quiet --out '" + dir + "/e.cap' --truth-events '" + dir + "/e.csv'").exitCode == 0);
    const auto rows = readCsv(dir + "/e.csv");
    std::map<std::string, int> events;
    for (const auto& r : rows) ++events[r.at("event")];
    const Decoded d = decodeCapture(dir + "/e.cap");
    std::map<std::string, int> types;
    for (const auto& r : d.frames) ++types[typeCode(r.frame.message)];
    CHECK(events["issued"] == types["TKT"]);
    CHECK(events["called"] == types["CAL"]);
    CHECK(events["recalled"] == types["RCL"]);
    CHECK(events["started"] == types["SRV"]);
    CHECK(events["finished"] == types["FIN"]);
    CHECK(events["no_show"] == types["NSH"]);
    CHECK(events["window_open"] == types["WOP"]);
    CHECK(events["window_pause"] == types["WPS"]);
    CHECK(events["window_close"] == types["WCL"]);
    CHECK(events["issued"] > 50);
    CHECK(events.count("heartbeat") == 0);
    // The import CSV's conventions: the pause reason rides in `category`, priority only on issued rows.
    for (const auto& r : rows) {
        if (r.at("event") == "window_pause") CHECK((r.at("category") == "LUNCH" || r.at("category") == "BREAK"));
        if (r.at("event") != "issued") CHECK(r.at("priority").empty());
    }
}

TEST_CASE("--stdout writes the same bytes as the capture") {
    const std::string dir = simtest::tmp();
    REQUIRE(simtest::run("--profile small --seed 2 --speed max --quiet --stdout", dir + "/raw.bin").exitCode == 0);
    REQUIRE(simtest::run("--profile small --seed 2 --speed max --quiet --out '" + dir + "/r.cap'").exitCode == 0);
    std::ifstream in(dir + "/r.cap", std::ios::binary);
    CaptureReader reader(in);
    std::string bytes;
    while (auto r = reader.next()) bytes += r->bytes;
    CHECK(bytes.size() > 1000);
    CHECK(bytes == simtest::slurp(dir + "/raw.bin"));
}

TEST_CASE("bad options and bad profiles exit with code 2 and say what is wrong") {
    const std::string dir = simtest::tmp();
    auto r = simtest::run("--bogus");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.stderrText, Catch::Contains("--bogus"));
    r = simtest::run("--seed x --stdout");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.stderrText, Catch::Contains("--seed"));
    r = simtest::run("--date 2026-02-30 --stdout");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.stderrText, Catch::Contains("--date"));
    r = simtest::run("--speed max --port /dev/null");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.stderrText, Catch::Contains("--speed max"));
    std::ofstream(dir + "/bad.ini") << "[window.1]\nserves = A\nopen = 25:00\n";
    r = simtest::run("--profile '" + dir + "/bad.ini' --stdout");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.stderrText, Catch::Contains("bad.ini:3") && Catch::Contains("open") && Catch::Contains("HH:MM"));
    CHECK(simtest::run("--help").exitCode == 0);
}
