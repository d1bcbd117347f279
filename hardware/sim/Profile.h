// A branch profile: categories, windows and their hours, the day's arrival rates and the faults to play.
#pragma once

#include "protocol/Message.h"

#include <string>
#include <vector>

namespace lw::config { class IniFile; }

namespace lw::sim {

struct CategoryProfile {
    char code = 'A';
    double share = 0.0;            // of all customers; shares are normalised over the categories
    double serviceMeanS = 240.0;   // lognormal service time
    double serviceCv = 0.8;
    bool priority = false;         // printed on its tickets; they go ahead of ordinary tickets
    char transferTo = '\0';        // where a transferred customer of this category goes ('\0': nowhere)
};

struct Pause {
    int fromMin = 0;  // minutes after local midnight
    int toMin = 0;
    protocol::PauseReason reason = protocol::PauseReason::Lunch;
};

struct WindowProfile {
    int number = 1;
    std::vector<char> serves;  // category codes in the order the window calls them
    int openMin = 0;
    int closeMin = 0;
    std::vector<Pause> pauses;
};

// Customers per hour from `fromMin` until the next step (or the last ticket time).
struct RateStep {
    int fromMin = 0;
    double perHour = 0.0;
};

// Customers who come in together (a coach party, the line at the door on a payday): `customers` more, spread
// evenly at random over `minutes` from `atMin`, on top of the rates.
struct Burst {
    int atMin = 0;
    int customers = 0;
    int minutes = 1;
};

enum class FaultKind { PaperOut, StuckWindow, HeartbeatStop };

struct Fault {
    FaultKind kind = FaultKind::PaperOut;
    int atMin = 0;
    int minutes = 0;
    int dispenser = 1;     // PaperOut: its address
    int paperLowLeadMin = 10;
    int window = 0;        // StuckWindow
    int device = 0;        // HeartbeatStop: the silent device's address
};

struct BranchProfile {
    std::string name;         // from the profile's [branch] name, or the file name
    std::string source;       // "bundled:city" or the file path
    int openMin = 8 * 60 + 30;
    int closeMin = 17 * 60;
    int lastTicketMin = 17 * 60;
    int dispensers = 1;       // at addresses 1 and 2
    std::vector<CategoryProfile> categories;
    std::vector<WindowProfile> windows;
    std::vector<RateStep> rates;
    double rateScale = 1.0;
    std::vector<Burst> bursts;
    double patienceMeanS = 25 * 60.0;
    double patienceCv = 0.6;
    // A customer whose ticket says a wait beyond their patience (the people ahead times the category's mean
    // service, over the windows open for it) leaves after this many seconds instead of waiting out their
    // patience: abandonment that depends on the wait announced. 0: off (patience alone decides).
    double balkAfterS = 0.0;
    double walkMinS = 15.0;
    double walkMaxS = 60.0;
    double recallShare = 0.05;     // present customers who miss the first call
    double transferShare = 0.02;   // services that end by sending the customer to another category
    double recallGapS = 30.0;
    double dispenserQueueGapS = 8.0;  // between tickets printed for a line that formed at an empty dispenser
    int heartbeatS = 30;
    double noisePerByte = 0.0;     // chance that a garbage byte follows any byte sent
    std::vector<Fault> faults;

    const CategoryProfile* category(char code) const;
};

// Reads a profile; every error is a config::ConfigError naming file, line, key and what is expected.
BranchProfile readProfile(const config::IniFile& ini);
// "city" (a bundled profile) or a path to an .ini file.
BranchProfile loadProfile(const std::string& nameOrPath);

// The profiles compiled into the binary (hardware/profiles/*.ini), by name without ".ini".
std::vector<std::string> bundledProfileNames();
const char* bundledProfileText(const std::string& name);  // nullptr if there is none by that name

}  // namespace lw::sim
