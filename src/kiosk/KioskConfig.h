// The kiosk's configuration file: ports, the event log, the business day, categories and windows.
#pragma once

#include "central/CentralConfig.h"
#include "notify/NotifyConfig.h"
#include "report/Complaints.h"
#include "lobby/LobbyConfig.h"
#include "forecast/Watch.h"
#include "phone/PhoneConfig.h"

#include <string>
#include <vector>

namespace lw::kiosk {

enum class Parity { None, Even, Odd };

struct PortConfig {
    std::string name;    // the section's name, used in the log ("[port counter]" -> "counter")
    std::string device;  // /dev/ttyUSB0, /dev/serial/by-id/...
    int baud = 9600;
    Parity parity = Parity::None;
};

// The keypad and the alert lifecycle ([security]).
struct SecurityConfig {
    int idleLockMin = 3;        // a signed-in manager is signed out after this long without a touch
    int lockoutTries = 5;       // wrong PINs in a row before the keypad locks ...
    int lockoutMin = 5;         // ... for this long
    int escalateAfterMin = 10;  // an alert nobody acknowledged goes to the branch head after this long
};

// The complaint register ([complaints]): the clocks in working days (rules.replyGeneral is due_working_days: 3;
// 0 = the same day; at most 7) and the calendar of holidays and weekend days worked instead.
struct ComplaintConfig {
    int dueWorkingDays = 3;
    report::WorkCalendar calendar;
    complaint::Rules rules;
};

// The branch ([branch]): its name and the bank's identifier for it (on reports and exports), and the numbers the
// rules require shown to customers: the complaint hotline and the service phone.
struct BranchConfig {
    std::string name, identifier, complaintHotline, servicePhone;
    std::string id, region;  // the branch's key in the central database (default: identifier) and its region
};

// Retention ([retention]): years of events the log keeps (5); older whole months go to compressed archive files in
// `archiveDir` (empty: "archive" beside the log) with their report totals kept in the log (lobbywatch archive).
struct RetentionConfig {
    int years = 5;
    std::string archiveDir;
};

struct KioskConfig {
    std::string database;  // empty: the default in the user's data directory
    std::vector<PortConfig> ports;
    lobby::LobbyConfig lobby;
    SecurityConfig security;
    ComplaintConfig complaints;
    BranchConfig branch;
    forecast::WatchSettings alerts;  // [alerts]: when the rules raise
    RetentionConfig retention;
    central::CentralConfig central;  // [central]: the link to the bank's central PostgreSQL (src/central)
    phone::PhoneConfig phone;        // [phone]: the page for a phone or tablet (src/phone); off unless configured
    notify::NotifyConfig notify;     // [notify NAME]: the chat robots told of alarms and escalations (src/notify)
};

// Reads an INI file (see config/lobbywatch.example.ini). Throws config::ConfigError naming the file, line, key
// and what was expected.
KioskConfig loadKioskConfig(const std::string& path);
KioskConfig parseKioskConfig(const std::string& text, const std::string& fileName);

// Thresholds a manager changed on the screen, kept in the event log's meta table as "A=10,15,25;B=15,20,30":
// they override the config file's. Unknown categories and malformed entries are skipped (the config's stand).
std::string formatThresholds(const std::vector<lobby::CategoryConfig>& categories);
void applySavedThresholds(std::vector<lobby::CategoryConfig>& categories, const std::string& saved);

// Categories a branch has when the config names none: personal, corporate, VIP.
std::vector<lobby::CategoryConfig> defaultCategories();

}  // namespace lw::kiosk
