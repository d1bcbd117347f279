// Reading branch profiles from INI text, with messages that name the file, line and key at fault.
#include "sim/Profile.h"

#include "config/Ini.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace lw::sim {

using config::ConfigError;
using config::IniSection;

namespace {

// A misspelt key would otherwise silently fall back to its default.
void onlyKnownKeys(const IniSection& section, const std::set<std::string>& known) {
    for (const auto& key : section.keys()) {
        if (known.count(key)) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        section.fail(key, "one of the keys of [" + section.name() + "]: " + list);
    }
}

int timeRequired(const IniSection& s, const std::string& key) {
    if (!s.has(key)) s.fail(key, "a time of day as HH:MM");
    return s.timeOfDay(key, 0);
}

char categoryCode(const IniSection& s, const std::string& key, const std::string& word) {
    if (word.size() != 1 || word[0] < 'A' || word[0] > 'Z')
        s.fail(key, "a category letter A..Z, not '" + word + "'");
    return word[0];
}

std::vector<RateStep> readRates(const IniSection& s) {
    const std::string expected = "a list of 'HH:MM customers-per-hour' steps in time order, e.g. '08:30 60, 09:00 140'";
    std::vector<RateStep> steps;
    for (const auto& part : config::split(s.requiredText("rates"), ',')) {
        const auto space = part.find(' ');
        if (space == std::string::npos) s.fail("rates", expected);
        const auto time = config::parseTimeOfDay(part.substr(0, space));
        const std::string number = config::trim(part.substr(space + 1));
        char* end = nullptr;
        const double rate = std::strtod(number.c_str(), &end);
        if (!time || number.empty() || *end != '\0' || rate < 0.0 || rate > 100000.0) s.fail("rates", expected);
        if (!steps.empty() && *time <= steps.back().fromMin) s.fail("rates", expected);
        steps.push_back(RateStep{*time, rate});
    }
    return steps;
}

std::vector<Burst> readBursts(const IniSection& s) {
    const std::string expected = "a list of 'HH:MM customers minutes' in time order, e.g. '10:15 25 5, 14:40 12 3'";
    std::vector<Burst> bursts;
    const std::string text = s.text("bursts", "");
    if (config::trim(text).empty()) return bursts;
    for (const auto& part : config::split(text, ',')) {
        std::istringstream words(config::trim(part));
        std::string time, extra;
        long customers = 0, minutes = 0;
        if (!(words >> time >> customers >> minutes) || (words >> extra)) s.fail("bursts", expected);
        const auto at = config::parseTimeOfDay(time);
        if (!at || customers < 1 || customers > 10000 || minutes < 1 || minutes > 600) s.fail("bursts", expected);
        if (!bursts.empty() && *at <= bursts.back().atMin) s.fail("bursts", expected);
        bursts.push_back(Burst{*at, static_cast<int>(customers), static_cast<int>(minutes)});
    }
    return bursts;
}

std::vector<Pause> readPauses(const IniSection& s) {
    const std::string expected = "a list like '12:00-13:00 LUNCH, 15:30-15:45 BREAK' (LUNCH, BREAK, FAULT or OTHER)";
    std::vector<Pause> pauses;
    const std::string text = s.text("pauses", "");
    if (config::trim(text).empty()) return pauses;
    for (const auto& part : config::split(text, ',')) {
        const auto dash = part.find('-');
        const auto space = part.find(' ');
        if (dash == std::string::npos || space == std::string::npos || space < dash) s.fail("pauses", expected);
        const auto from = config::parseTimeOfDay(part.substr(0, dash));
        const auto to = config::parseTimeOfDay(part.substr(dash + 1, space - dash - 1));
        const auto reason = protocol::parsePauseReason(config::trim(part.substr(space + 1)));
        if (!from || !to || !reason || *to <= *from) s.fail("pauses", expected);
        pauses.push_back(Pause{*from, *to, *reason});
    }
    return pauses;
}

CategoryProfile readCategory(const IniSection& s, char code) {
    onlyKnownKeys(s, {"share", "service_mean_min", "service_cv", "priority", "transfer_to"});
    CategoryProfile c;
    c.code = code;
    c.share = s.number("share", 0.0, 0.0, 1000.0);
    c.serviceMeanS = s.number("service_mean_min", 5.0, 0.1, 600.0) * 60.0;
    c.serviceCv = s.number("service_cv", 0.8, 0.0, 5.0);
    c.priority = s.boolean("priority", false);
    const std::string to = config::trim(s.text("transfer_to", ""));
    if (!to.empty()) c.transferTo = categoryCode(s, "transfer_to", to);
    return c;
}

Fault readFault(const IniSection& s) {
    onlyKnownKeys(s, {"kind", "at", "minutes", "dispenser", "paper_low_lead_min", "window", "device"});
    Fault f;
    const std::string kind = s.requiredText("kind");
    if (kind == "paper_out") f.kind = FaultKind::PaperOut;
    else if (kind == "stuck_window") f.kind = FaultKind::StuckWindow;
    else if (kind == "heartbeat_stop") f.kind = FaultKind::HeartbeatStop;
    else s.fail("kind", "paper_out, stuck_window or heartbeat_stop");
    f.atMin = timeRequired(s, "at");
    f.minutes = s.integer("minutes", 30, 1, 24 * 60);
    f.dispenser = s.integer("dispenser", 1, 1, 2);
    f.paperLowLeadMin = s.integer("paper_low_lead_min", 10, 0, 24 * 60);
    if (f.kind == FaultKind::StuckWindow) {
        if (!s.has("window")) s.fail("window", "the number of the window that gets stuck");
        f.window = s.integer("window", 0, 1, protocol::kMaxWindow);
    }
    if (f.kind == FaultKind::HeartbeatStop) {
        if (!s.has("device")) s.fail("device", "the bus address of the device that goes silent (1, 2 or 10+window)");
        f.device = s.integer("device", 0, 1, protocol::kMaxAddress);
    }
    return f;
}

}  // namespace

const CategoryProfile* BranchProfile::category(char code) const {
    for (const auto& c : categories)
        if (c.code == code) return &c;
    return nullptr;
}

BranchProfile readProfile(const config::IniFile& ini) {
    BranchProfile p;
    p.source = ini.fileName();
    const std::string file = ini.fileName();

    const IniSection& branch = ini.sectionOrEmpty("branch");
    onlyKnownKeys(branch, {"name", "open", "close", "last_ticket", "dispensers", "heartbeat_s"});
    p.name = branch.text("name", file);
    p.openMin = branch.timeOfDay("open", p.openMin);
    p.closeMin = branch.timeOfDay("close", p.closeMin);
    if (p.closeMin <= p.openMin) branch.fail("close", "a time after open");
    p.lastTicketMin = branch.timeOfDay("last_ticket", p.closeMin);
    if (p.lastTicketMin <= p.openMin || p.lastTicketMin > p.closeMin)
        branch.fail("last_ticket", "a time after open and not after close");
    p.dispensers = branch.integer("dispensers", 1, 1, 2);
    p.heartbeatS = branch.integer("heartbeat_s", 30, 1, 3600);

    const IniSection& arrivals = ini.sectionOrEmpty("arrivals");
    onlyKnownKeys(arrivals, {"rates", "scale", "bursts"});
    p.bursts = readBursts(arrivals);
    if (arrivals.has("rates")) p.rates = readRates(arrivals);
    else p.rates = {RateStep{p.openMin, 60.0}};
    p.rateScale = arrivals.number("scale", 1.0, 0.0, 100.0);

    const IniSection& customers = ini.sectionOrEmpty("customers");
    onlyKnownKeys(customers, {"patience_mean_min", "patience_cv", "walk_min_s", "walk_max_s", "recall_share",
                              "transfer_share", "recall_gap_s", "dispenser_queue_gap_s", "balk_after_min"});
    p.balkAfterS = customers.number("balk_after_min", 0.0, 0.0, 24 * 60.0) * 60.0;
    p.patienceMeanS = customers.number("patience_mean_min", 25.0, 0.1, 24 * 60.0) * 60.0;
    p.patienceCv = customers.number("patience_cv", 0.6, 0.0, 5.0);
    p.walkMinS = customers.number("walk_min_s", 15.0, 0.0, 3600.0);
    p.walkMaxS = customers.number("walk_max_s", 60.0, 0.0, 3600.0);
    if (p.walkMaxS < p.walkMinS) customers.fail("walk_max_s", "a number not below walk_min_s");
    p.recallShare = customers.number("recall_share", 0.05, 0.0, 1.0);
    p.transferShare = customers.number("transfer_share", 0.02, 0.0, 1.0);
    p.recallGapS = customers.number("recall_gap_s", 30.0, 1.0, 600.0);
    p.dispenserQueueGapS = customers.number("dispenser_queue_gap_s", 8.0, 0.0, 600.0);

    const IniSection& noise = ini.sectionOrEmpty("noise");
    onlyKnownKeys(noise, {"per_byte"});
    p.noisePerByte = noise.number("per_byte", 0.0, 0.0, 0.1);

    for (const auto& s : ini.sections()) {
        const std::string& n = s.name();
        if (n == "branch" || n == "arrivals" || n == "customers" || n == "noise") continue;
        if (n.rfind("category.", 0) == 0) {
            const std::string code = n.substr(9);
            if (code.size() != 1 || code[0] < 'A' || code[0] > 'Z')
                throw ConfigError(file + ": section [" + n + "]: expected [category.X] with X a letter A..Z");
            p.categories.push_back(readCategory(s, code[0]));
        } else if (n.rfind("window.", 0) == 0) {
            const std::string number = n.substr(7);
            const int w = number.empty() || number.find_first_not_of("0123456789") != std::string::npos || number.size() > 2
                              ? 0 : std::stoi(number);
            if (w < 1 || w > protocol::kMaxWindow)
                throw ConfigError(file + ": section [" + n + "]: expected [window.N] with N from 1 to 99");
            onlyKnownKeys(s, {"serves", "open", "close", "pauses"});
            WindowProfile wp;
            wp.number = w;
            for (const auto& code : config::split(s.requiredText("serves"), ','))
                wp.serves.push_back(categoryCode(s, "serves", code));
            wp.openMin = s.timeOfDay("open", p.openMin);
            wp.closeMin = s.timeOfDay("close", p.closeMin);
            if (wp.closeMin <= wp.openMin || wp.closeMin > p.closeMin)
                s.fail("close", "a time after the window's open time and not after the branch's close");
            wp.pauses = readPauses(s);
            p.windows.push_back(wp);
        } else if (n.rfind("fault.", 0) == 0) {
            p.faults.push_back(readFault(s));
        } else {
            throw ConfigError(file + ": section [" + n + "] is unknown: expected branch, arrivals, customers, noise, "
                              "category.X, window.N or fault.NAME");
        }
    }

    if (p.categories.empty()) {
        p.categories = {CategoryProfile{'A', 0.70, 240.0, 0.8, false, 'B'},
                        CategoryProfile{'B', 0.20, 720.0, 1.0, false, 'A'},
                        CategoryProfile{'V', 0.10, 480.0, 0.8, true, '\0'}};
    }
    double total = 0.0;
    for (const auto& c : p.categories) total += c.share;
    if (total <= 0.0) throw ConfigError(file + ": [category.X] share: expected at least one category with a share above 0");
    if (p.windows.empty()) throw ConfigError(file + ": expected at least one [window.N] section");
    for (const auto& w : p.windows) {
        const auto& s = *ini.section("window." + std::to_string(w.number));
        for (char c : w.serves)
            if (!p.category(c)) s.fail("serves", std::string("categories that have a [category.X] section; there is none for ") + c);
    }
    for (const auto& c : p.categories) {
        if (c.transferTo != '\0' && !p.category(c.transferTo))
            ini.section(std::string("category.") + c.code)->fail("transfer_to", "a category that has a [category.X] section");
    }
    std::sort(p.windows.begin(), p.windows.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
    auto hasWindow = [&](int number) {
        return std::any_of(p.windows.begin(), p.windows.end(), [&](const WindowProfile& w) { return w.number == number; });
    };
    std::size_t faultIndex = 0;
    for (const auto& s : ini.sections()) {
        if (s.name().rfind("fault.", 0) != 0) continue;
        const Fault& f = p.faults[faultIndex++];
        if (f.kind == FaultKind::StuckWindow && !hasWindow(f.window)) s.fail("window", "a window that has a [window.N] section");
        if (f.kind == FaultKind::PaperOut && f.dispenser > p.dispensers)
            s.fail("dispenser", "a dispenser the branch has (1 to [branch] dispensers)");
        if (f.kind == FaultKind::HeartbeatStop && !(f.device <= p.dispensers || (f.device > 10 && hasWindow(f.device - 10))))
            s.fail("device", "the address of a dispenser (1..dispensers) or of a window's keypad (10 + window)");
    }
    for (std::size_t i = 1; i < p.windows.size(); ++i)
        if (p.windows[i].number == p.windows[i - 1].number)
            throw ConfigError(file + ": window " + std::to_string(p.windows[i].number) + " appears twice");
    return p;
}

BranchProfile loadProfile(const std::string& nameOrPath) {
    if (const char* text = bundledProfileText(nameOrPath)) {
        BranchProfile p = readProfile(config::IniFile::parse(text, "bundled:" + nameOrPath));
        return p;
    }
    if (nameOrPath.find('/') == std::string::npos && nameOrPath.find(".ini") == std::string::npos) {
        std::string names;
        for (const auto& n : bundledProfileNames()) names += (names.empty() ? "" : ", ") + n;
        throw ConfigError("profile '" + nameOrPath + "': expected a bundled profile (" + names + ") or a path to an .ini file");
    }
    return readProfile(config::IniFile::load(nameOrPath));
}

}  // namespace lw::sim
