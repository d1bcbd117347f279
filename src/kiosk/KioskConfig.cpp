// Parsing the kiosk's INI configuration into typed settings, with messages that name file, line and key.
#include "kiosk/KioskConfig.h"

#include "config/Ini.h"

#include <algorithm>
#include <map>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace lw::kiosk {

using config::ConfigError;
using config::IniFile;
using config::IniSection;

std::vector<lobby::CategoryConfig> defaultCategories() {
    return {
        {"A", "个人业务", "Personal", 15, 20, 30},
        {"B", "对公业务", "Corporate", 15, 20, 30},
        {"V", "贵宾业务", "VIP", 10, 15, 20},
    };
}

namespace {

void rejectUnknownKeys(const IniSection& s, const std::set<std::string>& known) {
    for (const auto& key : s.keys()) {
        if (known.count(key) == 0) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            s.fail(key, "one of the keys " + list + " (unknown key; a typo?)");
        }
    }
}

KioskConfig fromIni(const IniFile& ini) {
    KioskConfig cfg;
    const IniSection& kiosk = ini.sectionOrEmpty("kiosk");
    rejectUnknownKeys(kiosk, {"database", "utc_offset_minutes", "business_day_start"});
    cfg.database = kiosk.text("database", "");
    cfg.lobby.utcOffsetMinutes = kiosk.integer("utc_offset_minutes", 480, -720, 840);
    cfg.lobby.businessDayStartMinutes = kiosk.timeOfDay("business_day_start", 4 * 60);
    // 24:00 would be the next day's 00:00 and file every event under the day before.
    if (cfg.lobby.businessDayStartMinutes >= 24 * 60) kiosk.fail("business_day_start", "a time of day from 00:00 to 23:59");
    // The same port, category or window twice under different spellings ([window 01], [window 1]): the last one
    // would silently win.
    std::map<std::string, const IniSection*> seen;
    auto once = [&](const IniSection& s, const std::string& what, const std::string& id) {
        auto [it, fresh] = seen.emplace(what + " " + id, &s);
        if (!fresh)
            throw ConfigError(ini.fileName() + ":" + std::to_string(s.line()) + ": section [" + s.name() + "] is " +
                              what + " " + id + " again (already [" + it->second->name() + "] at line " +
                              std::to_string(it->second->line()) + "): expected each " + what + " once");
    };

    bool anyCategory = false;
    for (const auto& s : ini.sections()) {
        const std::string& name = s.name();
        if (name == "kiosk") continue;
        if (name == "complaints") {
            rejectUnknownKeys(s, {"due_working_days", "holidays", "working_weekends", "answer_working_days",
                                  "reply_simple_working_days", "reply_complex_working_days", "resolve_working_days",
                                  "agree_max_working_days"});
            cfg.complaints.dueWorkingDays = s.integer("due_working_days", 3, 0, 7);
            complaint::Rules& r = cfg.complaints.rules;
            r.replyGeneral = cfg.complaints.dueWorkingDays;
            r.answerWorkingDays = s.integer("answer_working_days", r.answerWorkingDays, 0, 7);
            r.replySimple = s.integer("reply_simple_working_days", r.replySimple, 0, 7);
            r.replyComplex = s.integer("reply_complex_working_days", r.replyComplex, 0, 7);
            r.resolveWorkingDays = s.integer("resolve_working_days", r.resolveWorkingDays, 0, 30);
            r.agreeMaxWorkingDays = s.integer("agree_max_working_days", r.agreeMaxWorkingDays, 0, 7);
            auto days = [&](const char* key, std::set<std::string>& into) {
                for (const auto& d : config::split(s.text(key, ""), ',')) {
                    if (d.empty()) continue;
                    bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                                 std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
                    int month = shape ? std::stoi(d.substr(5, 2)) : 0, day = shape ? std::stoi(d.substr(8, 2)) : 0;
                    if (!shape || month < 1 || month > 12 || day < 1 || day > 31)
                        s.fail(key, "dates YYYY-MM-DD separated by commas, e.g. 2026-10-01, 2026-10-02");
                    into.insert(d);
                }
            };
            days("holidays", cfg.complaints.calendar.holidays);
            days("working_weekends", cfg.complaints.calendar.workingWeekends);
            continue;
        }
        if (name == "retention") {
            rejectUnknownKeys(s, {"years", "archive_dir"});
            cfg.retention.years = s.integer("years", cfg.retention.years, 1, 100);
            cfg.retention.archiveDir = s.text("archive_dir", "");
            continue;
        }
        if (name == "branch") {
            rejectUnknownKeys(s, {"name", "identifier", "complaint_hotline", "service_phone", "id", "region"});
            auto line = [&](const char* key, std::string& into, std::size_t most) {
                into = s.text(key, "");
                if (into.size() > most || !complaint::isOneLine(into))
                    s.fail(key, "one line of at most " + std::to_string(most) + " bytes");
            };
            line("name", cfg.branch.name, 120);
            line("identifier", cfg.branch.identifier, 40);
            line("complaint_hotline", cfg.branch.complaintHotline, 40);
            line("service_phone", cfg.branch.servicePhone, 40);
            line("region", cfg.branch.region, 120);
            cfg.branch.id = s.text("id", "");
            if (s.has("id") && !central::isBranchId(cfg.branch.id))
                s.fail("id", "1-40 letters, digits, '-' or '_' (the branch's key in the central database)");
            continue;
        }
        if (name == "central") {
            cfg.central = central::parseCentralSection(s);
            continue;
        }
        if (name == "phone") {
            cfg.phone = phone::parsePhoneSection(s);
            continue;
        }
        if (name == "notify" || name.rfind("notify ", 0) == 0) {
            const std::string robot = name == "notify" ? std::string() : config::trim(name.substr(7));
            cfg.notify.targets.push_back(notify::parseNotifySection(s, robot));
            once(s, "robot", cfg.notify.targets.back().name);
            continue;
        }
        if (name == "security") {
            rejectUnknownKeys(s, {"idle_lock_min", "lockout_tries", "lockout_min", "escalate_after_min"});
            cfg.security.idleLockMin = s.integer("idle_lock_min", cfg.security.idleLockMin, 1, 120);
            cfg.security.lockoutTries = s.integer("lockout_tries", cfg.security.lockoutTries, 3, 10);
            cfg.security.lockoutMin = s.integer("lockout_min", cfg.security.lockoutMin, 1, 1440);
            cfg.security.escalateAfterMin = s.integer("escalate_after_min", cfg.security.escalateAfterMin, 1, 240);
            continue;
        }
        if (name == "alerts") {
            rejectUnknownKeys(s, {"breach_probability", "breach_within_min", "slow_service_min", "idle_window_min",
                                  "no_shows_in_half_hour", "no_show_ratio", "closed_window_queue",
                                  "situation_clear_min"});
            auto& a = cfg.alerts;
            a.breachProbability = s.number("breach_probability", a.breachProbability, 0.5, 0.99);
            a.breachClearBelow = std::min(a.breachClearBelow, a.breachProbability - 0.1);
            a.breachWithinMin = s.integer("breach_within_min", a.breachWithinMin, 0, 60);
            a.slowServiceMin = s.integer("slow_service_min", a.slowServiceMin, 5, 120);
            a.idleWindowMin = s.integer("idle_window_min", a.idleWindowMin, 1, 60);
            a.noShowsInHalfHour = s.integer("no_shows_in_half_hour", a.noShowsInHalfHour, 2, 20);
            a.noShowRatio = s.number("no_show_ratio", a.noShowRatio, 1.0, 10.0);
            a.situationClearAfterMs = s.integer("situation_clear_min", static_cast<int>(a.situationClearAfterMs / 60'000), 1, 120) * 60'000LL;
            a.closedWindowQueue = s.integer("closed_window_queue", a.closedWindowQueue, 1, 100);
            continue;
        }
        if (name.rfind("port ", 0) == 0) {
            rejectUnknownKeys(s, {"device", "baud", "parity"});
            PortConfig port;
            port.name = config::trim(name.substr(5));
            once(s, "port", port.name);
            port.device = s.requiredText("device");
            port.baud = s.integer("baud", 9600, 1200, 115200);
            if (port.baud != 9600 && port.baud != 19200 && port.baud != 38400 && port.baud != 57600 && port.baud != 115200)
                s.fail("baud", "9600, 19200, 38400, 57600 or 115200");
            std::string parity = s.text("parity", "none");
            if (parity == "none") port.parity = Parity::None;
            else if (parity == "even") port.parity = Parity::Even;
            else if (parity == "odd") port.parity = Parity::Odd;
            else s.fail("parity", "none, even or odd");
            cfg.ports.push_back(port);
        } else if (name.rfind("category ", 0) == 0) {
            rejectUnknownKeys(s, {"name_zh", "name_en", "target_min", "warning_min", "limit_min"});
            lobby::CategoryConfig c;
            c.code = config::trim(name.substr(9));
            if (c.code.size() != 1 || c.code[0] < 'A' || c.code[0] > 'Z')
                throw ConfigError(ini.fileName() + ":" + std::to_string(s.line()) + ": section [" + name +
                                  "]: a category is one letter A-Z");
            once(s, "category", c.code);
            c.nameZh = s.text("name_zh", c.code);
            c.nameEn = s.text("name_en", c.code);
            c.targetMin = s.integer("target_min", 15, 1, 600);
            c.warningMin = s.integer("warning_min", std::max(c.targetMin, 20), c.targetMin, 600);
            c.limitMin = s.integer("limit_min", std::max(c.warningMin, 30), c.warningMin, 600);
            cfg.lobby.categories.push_back(c);
            anyCategory = true;
        } else if (name.rfind("window ", 0) == 0) {
            rejectUnknownKeys(s, {"serves"});
            lobby::WindowConfig w;
            std::string number = config::trim(name.substr(7));
            int n = 0;
            if (number.empty() || number.size() > 2 || !std::all_of(number.begin(), number.end(), ::isdigit) ||
                (n = std::stoi(number)) < 1)
                throw ConfigError(ini.fileName() + ":" + std::to_string(s.line()) + ": section [" + name +
                                  "]: a window number is 1..99");
            w.number = n;
            once(s, "window", std::to_string(n));
            for (const auto& code : config::split(s.requiredText("serves"), ',')) {
                if (code.size() != 1 || code[0] < 'A' || code[0] > 'Z') s.fail("serves", "category letters A-Z separated by commas, e.g. V,A");
                w.serves.push_back(code);
            }
            cfg.lobby.windows.push_back(w);
        } else {
            throw ConfigError(ini.fileName() + ": unknown section [" + name +
                              "] (expected [kiosk], [branch], [central], [phone], [notify NAME], [security], [alerts], [complaints], [retention], [port NAME], [category X] or [window N])");
        }
    }
    if (!anyCategory) cfg.lobby.categories = defaultCategories();
    if (cfg.branch.id.empty() && central::isBranchId(cfg.branch.identifier)) cfg.branch.id = cfg.branch.identifier;
    if (cfg.central.enabled() && cfg.branch.id.empty())
        throw ConfigError(ini.fileName() + ": [central] url is set but [branch] id is not: expected the branch's key in "
                                           "the central database (1-40 letters, digits, '-' or '_')");
    return cfg;
}

}  // namespace

std::string formatThresholds(const std::vector<lobby::CategoryConfig>& categories) {
    std::string out;
    for (const auto& c : categories)
        out += (out.empty() ? "" : ";") + c.code + "=" + std::to_string(c.targetMin) + "," + std::to_string(c.warningMin) +
               "," + std::to_string(c.limitMin);
    return out;
}

void applySavedThresholds(std::vector<lobby::CategoryConfig>& categories, const std::string& saved) {
    for (const auto& entry : config::split(saved, ';')) {
        auto eq = entry.find('=');
        if (eq == std::string::npos) continue;
        std::string code = config::trim(entry.substr(0, eq));
        auto parts = config::split(entry.substr(eq + 1), ',');
        if (parts.size() != 3) continue;
        int v[3] = {0, 0, 0};
        bool ok = true;
        for (int i = 0; i < 3 && ok; ++i) {
            const std::string t = config::trim(parts[static_cast<std::size_t>(i)]);
            ok = !t.empty() && t.size() <= 3 && std::all_of(t.begin(), t.end(), ::isdigit);
            if (ok) v[i] = std::stoi(t);
        }
        if (!ok || v[0] < 1 || v[1] < v[0] || v[2] < v[1] || v[2] > 600) continue;
        for (auto& c : categories)
            if (c.code == code) {
                c.targetMin = v[0];
                c.warningMin = v[1];
                c.limitMin = v[2];
            }
    }
}

KioskConfig loadKioskConfig(const std::string& path) {
    // The config sets the limits alerts are raised at and which ports are read: whoever may write it can silence
    // the kiosk. Refuse one that other users may change, as the event log does.
    // The file's type and size are checked first (a directory, FIFO or device is refused as such, not as a
    // permission problem), on the file actually read.
    config::FileFacts st;
    std::string text = config::readConfigText(path, &st);
    // (Group write counts only for a group other than the kiosk user's own: a umask of 002 gives files to the
    // user's private group.)
    if ((st.mode & S_IWOTH) != 0 || ((st.mode & S_IWGRP) != 0 && st.gid != ::getegid()))
        throw ConfigError(path + ": can be written by other users; the kiosk's configuration must be private. "
                                 "Fix it with: chmod 600 '" + path + "'");
    KioskConfig cfg = fromIni(IniFile::parse(text, path));
    // The password file is checked where the config is read, so that a kiosk with a readable one does not start.
    if (!cfg.central.passwordFile.empty())
        central::readPasswordFile(cfg.central.passwordFile, path + ": [central] password_file");
    // So are the chat robots' secrets, and read: they are not kept in the config.
    for (auto& t : cfg.notify.targets) {
        const std::string where = path + ": [notify" + (t.name == "default" ? std::string() : " " + t.name) + "] ";
        if (!t.secretFile.empty())
            notify::takeSecret(t, central::readPasswordFile(t.secretFile, where + "secret_file", "the robot's secret"),
                               where + "secret_file: " + t.secretFile);
        if (!t.urlFile.empty())
            notify::takeUrl(t, central::readPasswordFile(t.urlFile, where + "url_file", "the robot's webhook address"),
                            where + "url_file: " + t.urlFile);
    }
    return cfg;
}
KioskConfig parseKioskConfig(const std::string& text, const std::string& fileName) {
    return fromIni(IniFile::parse(text, fileName));
}

}  // namespace lw::kiosk
