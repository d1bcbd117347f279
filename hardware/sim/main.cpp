// lobbywatch-sim: plays a bank branch's ticket dispensers and window keypads (see hardware/SIMULATOR.md).
#include "sim/BranchDay.h"
#include "protocol/Capture.h"
#include "config/Ini.h"
#include "sim/SerialLine.h"
#include "sim/Truth.h"
#include "sim/Wire.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

namespace {

using namespace lw::sim;
using lw::protocol::TimeMs;

const char* kUsage = R"(usage: lobbywatch-sim [options]
  --profile NAME|FILE    bundled profile (small, city, payday) or an .ini file   [city]
  --seed N               traffic seed                                            [1]
  --date YYYY-MM-DD      first simulated day                                     [2026-01-05]
  --days N               consecutive days                                        [1]
  --utc-offset-min M     local time = UTC + M minutes                            [480]
  --speed N|max          N times real time; max only with --out/--stdout         [1]
  --start HH:MM          first day starts here (no customers before)             [profile open]
  --until HH:MM          last day stops here                                     [end of day]
  --out FILE.cap         write a capture file
  --stdout               write the raw frames to stdout
  --port DEVICE          write to a serial device and wait for the kiosk's ACKs
  --baud 9600|115200     with --port                                             [9600]
  --acked FILE           with --port: append address,seq,type,ticket of every ACKed frame
  --power-cut HH:MM      every day, the branch loses power for a moment: each device restarts
                         (sequence from 0, uptime from 0, a BOT frame first)
  --firmware 1|2         protocol revision of the devices; 1 never announces a power-up   [2]
  --truth FILE.csv       one row per customer
  --truth-events FILE.csv  every lobby event the devices emitted
  --quiet                no progress lines on stderr
  --help
)";

struct Options {
    std::string profile = "city";
    std::uint64_t seed = 1;
    std::string date = "2026-01-05";
    int days = 1;
    int utcOffsetMin = 480;
    double speed = 1.0;
    bool maxSpeed = false;
    int startMin = -1;
    int untilMin = -1;
    std::string out, port, acked, truth, truthEvents;
    bool toStdout = false;
    int baud = 9600;
    bool quiet = false;
    int powerCutMin = -1;
    int firmware = lw::protocol::kProtocolRevision;
};

[[noreturn]] void usageError(const std::string& message) {
    std::cerr << "lobbywatch-sim: " << message << "\n(try --help)\n";
    std::exit(2);
}

long long wholeNumber(const std::string& option, const std::string& text, long long min, long long max) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || v < min || v > max)
        usageError(option + " '" + text + "': expected a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max));
    return v;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usageError(a + " needs a value");
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            std::exit(0);
        } else if (a == "--profile") o.profile = value();
        else if (a == "--seed") o.seed = static_cast<std::uint64_t>(wholeNumber(a, value(), 0, 9007199254740991LL));
        else if (a == "--date") o.date = value();
        else if (a == "--days") o.days = static_cast<int>(wholeNumber(a, value(), 1, 366));
        else if (a == "--utc-offset-min") o.utcOffsetMin = static_cast<int>(wholeNumber(a, value(), -720, 840));
        else if (a == "--speed") {
            const std::string v = value();
            if (v == "max") o.maxSpeed = true;
            else {
                char* end = nullptr;
                o.speed = std::strtod(v.c_str(), &end);
                if (v.empty() || *end != '\0' || !(o.speed > 0.0) || o.speed > 1e6)
                    usageError("--speed '" + v + "': expected a number above 0 (up to 1000000) or max");
            }
        } else if (a == "--start" || a == "--until") {
            const std::string v = value();
            const auto t = lw::config::parseTimeOfDay(v);
            if (!t) usageError(a + " '" + v + "': expected a time of day as HH:MM");
            (a == "--start" ? o.startMin : o.untilMin) = *t;
        } else if (a == "--power-cut") {
            const std::string v = value();
            const auto t = lw::config::parseTimeOfDay(v);
            if (!t) usageError(a + " '" + v + "': expected a time of day as HH:MM");
            o.powerCutMin = *t;
        } else if (a == "--firmware") {
            o.firmware = static_cast<int>(wholeNumber(a, value(), 1, lw::protocol::kProtocolRevision));
        } else if (a == "--out") o.out = value();
        else if (a == "--stdout") o.toStdout = true;
        else if (a == "--port") o.port = value();
        else if (a == "--baud") {
            o.baud = static_cast<int>(wholeNumber(a, value(), 0, 10000000));
            if (o.baud != 9600 && o.baud != 115200) usageError("--baud: expected 9600 or 115200");
        } else if (a == "--acked") o.acked = value();
        else if (a == "--truth") o.truth = value();
        else if (a == "--truth-events") o.truthEvents = value();
        else if (a == "--quiet") o.quiet = true;
        else usageError("unknown option '" + a + "'");
    }
    const int sinks = (o.out.empty() ? 0 : 1) + (o.toStdout ? 1 : 0) + (o.port.empty() ? 0 : 1);
    if (sinks == 0 && o.truth.empty() && o.truthEvents.empty())
        usageError("nothing to do: give --out FILE, --stdout, --port DEVICE or --truth FILE");
    if (!o.port.empty() && sinks > 1) usageError("--port cannot be combined with --out or --stdout");
    if (o.maxSpeed && !o.port.empty()) usageError("--speed max needs --out or --stdout: a kiosk on --port runs in real time");
    if (!o.acked.empty() && o.port.empty()) usageError("--acked needs --port (only a kiosk sends ACKs)");
    if (o.startMin >= 0 && o.untilMin >= 0 && o.days == 1 && o.untilMin <= o.startMin)
        usageError("--until must be later than --start");
    return o;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64: one independent-looking seed per day and per purpose
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::atomic<bool> stopRequested{false};
extern "C" void onSignal(int) { stopRequested = true; }

std::string ticketOf(const lw::protocol::Message& m) {
    using namespace lw::protocol;
    if (const auto* x = std::get_if<TicketIssued>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<Call>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<Recall>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<NoShow>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<ServiceStarted>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<ServiceFinished>(&m)) return x->ticket.label();
    if (const auto* x = std::get_if<Transfer>(&m)) return x->ticket.label();
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::int64_t firstDay = 0;
    if (!parseDate(o.date, firstDay)) usageError("--date '" + o.date + "': expected a real date as YYYY-MM-DD");

    BranchProfile profile;
    try {
        profile = loadProfile(o.profile);
    } catch (const std::exception& e) {
        std::cerr << "lobbywatch-sim: " << e.what() << "\n";
        return 2;
    }

    constexpr TimeMs kMinute = 60000;
    std::vector<SimulatedDay> days;
    std::vector<Transmission> all;
    for (int d = 0; d < o.days; ++d) {
        DayPlan plan;
        plan.localMidnight = (firstDay + d) * 1440 * kMinute - o.utcOffsetMin * kMinute;
        plan.startAt = plan.localMidnight + (d == 0 && o.startMin >= 0 ? o.startMin : profile.openMin) * kMinute;
        plan.stopAt = plan.localMidnight + (d == o.days - 1 && o.untilMin >= 0 ? o.untilMin : 1440) * kMinute;
        plan.seed = mix(mix(o.seed) + static_cast<std::uint64_t>(d));
        SimulatedDay day{d + 1, simulateDay(profile, plan)};
        all.insert(all.end(), day.result.transmissions.begin(), day.result.transmissions.end());
        days.push_back(std::move(day));
    }

    auto writeFile = [&](const std::string& path, auto writer) {
        std::ofstream f(path, std::ios::binary);
        if (!f) {
            std::cerr << "lobbywatch-sim: " << path << ": cannot be written\n";
            std::exit(1);
        }
        writer(f);
    };
    if (!o.truth.empty()) writeFile(o.truth, [&](std::ostream& f) { writeCustomerTruth(f, days, o.utcOffsetMin); });
    if (!o.truthEvents.empty())
        writeFile(o.truthEvents, [&](std::ostream& f) { writeEventTruth(f, days, o.utcOffsetMin); });

    // The devices are switched on each morning a quarter of an hour before opening (or at their first frame, if
    // that is earlier) and off at night; a power cut restarts them all.
    PowerPlan power;
    power.firmwareRevision = o.firmware;
    power.seed = mix(o.seed ^ 0x626F6F74ULL);
    for (int d = 0; d < o.days; ++d) {
        const TimeMs midnight = (firstDay + d) * 1440 * kMinute - o.utcOffsetMin * kMinute;
        TimeMs on = midnight + (profile.openMin - 15) * kMinute;
        const auto& sent = days[static_cast<std::size_t>(d)].result.transmissions;
        if (!sent.empty()) on = std::min(on, sent.front().time);
        power.powerOns.push_back(on);
        if (o.powerCutMin >= 0 && midnight + o.powerCutMin * kMinute > on) power.powerOns.push_back(midnight + o.powerCutMin * kMinute);
    }
    std::sort(power.powerOns.begin(), power.powerOns.end());
    DeviceSequences sequences;
    const std::vector<WireFrame> frames = encodeTransmissions(all, sequences, &power);
    LineNoise noise(profile.noisePerByte, mix(o.seed ^ 0x6E6F697365ULL));
    std::size_t customers = 0;
    for (const auto& d : days) customers += d.result.customers.size();
    if (!o.quiet)
        std::cerr << "lobbywatch-sim: " << profile.name << " (" << profile.source << "), seed " << o.seed << ", "
                  << o.days << " day(s) from " << o.date << ": " << customers << " customers, " << frames.size()
                  << " frames\n";

    const TimeMs simStart = days.front().result.transmissions.empty() ? 0 : days.front().result.transmissions.front().time;
    const auto realStart = std::chrono::steady_clock::now();
    auto realMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - realStart).count();
    };
    // With --speed N the simulated clock runs N times faster than the wall clock from the first frame on.
    auto simNow = [&] { return simStart + static_cast<TimeMs>(static_cast<double>(realMs()) * o.speed); };
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);

    if (!o.out.empty() || o.toStdout) {
        const FilePlayback playback = playToFile(frames, noise);
        if (!o.out.empty()) {
            writeFile(o.out, [&](std::ostream& f) {
                lw::protocol::CaptureWriter writer(
                    f, {{"source", "lobbywatch-sim"}, {"profile", o.profile}, {"seed", std::to_string(o.seed)},
                        {"date", o.date}, {"days", std::to_string(o.days)},
                        {"utc_offset_min", std::to_string(o.utcOffsetMin)}});
                for (const auto& r : playback.records) writer.write(r);
            });
        }
        if (o.toStdout) {
            for (const auto& r : playback.records) {
                if (stopRequested) break;
                if (!o.maxSpeed) {
                    const TimeMs wait = static_cast<TimeMs>(static_cast<double>(r.time - simNow()) / o.speed);
                    if (wait > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait));
                }
                std::cout.write(r.bytes.data(), static_cast<std::streamsize>(r.bytes.size()));
                if (!o.maxSpeed) std::cout.flush();
                if (!std::cout) return 1;
            }
            std::cout.flush();
        }
        if (!o.quiet)
            std::cerr << "lobbywatch-sim: " << playback.records.size() << " sends, " << playback.corruptedFrames
                      << " damaged by line noise and sent again\n";
        return 0;
    }
    if (o.port.empty()) return 0;

    SerialPort port(o.port, o.baud);
    StopAndWaitLine line(port, noise);
    std::ofstream ackedFile;
    if (!o.acked.empty()) {
        ackedFile.open(o.acked, std::ios::app);
        if (!ackedFile) {
            std::cerr << "lobbywatch-sim: " << o.acked << ": cannot be written\n";
            return 1;
        }
    }
    line.onAcked = [&](const WireFrame& f) {
        if (ackedFile.is_open())
            ackedFile << f.transmission.address << ',' << f.sequence << ','
                      << lw::protocol::typeCode(f.transmission.message) << ',' << ticketOf(f.transmission.message)
                      << std::endl;
    };
    line.onNotice = [&](const std::string& text) {
        if (!o.quiet) std::cerr << "lobbywatch-sim: " << text << "\n";
    };
    std::size_t next = 0;
    TimeMs lastReport = 0;
    while (!stopRequested && (next < frames.size() || !line.idle())) {
        const TimeMs now = simNow();
        while (next < frames.size() && frames[next].transmission.time <= now) line.queue(frames[next++]);
        int wait = 50;
        if (next < frames.size() && line.idle()) {
            const double realWait = static_cast<double>(frames[next].transmission.time - now) / o.speed;
            wait = static_cast<int>(std::max(0.0, std::min(50.0, realWait)));
        }
        line.poll(realMs(), wait);
        if (!o.quiet && now - lastReport >= 15 * kMinute) {
            lastReport = now;
            const auto& s = line.stats();
            std::cerr << "lobbywatch-sim: " << localIsoTime(now, o.utcOffsetMin) << "  sent " << s.sent << ", acked "
                      << s.acked << ", resent " << s.resent << ", queued " << (frames.size() - next) << "\n";
        }
    }
    const auto& s = line.stats();
    if (!o.quiet)
        std::cerr << "lobbywatch-sim: done: sent " << s.sent << ", acked " << s.acked << ", resent " << s.resent
                  << ", rejected " << s.rejected << ", port reopened " << s.reopened << " time(s)\n";
    return 0;
}
