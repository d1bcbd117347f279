// The page for a phone or tablet that the kiosk serves on the branch network ([phone]): where it listens and how
// long a sign-in lasts. Plain C++: no Qt.
#pragma once

#include <string>

namespace lw::config {
class IniSection;
}

namespace lw::phone {

struct PhoneConfig {
    std::string address;           // the kiosk's own address on the branch network (an IP); empty: no page
    int port = 8080;
    bool allowAnyAddress = false;  // 0.0.0.0 or :: (every network the kiosk is on) only when said so
    int sessionIdleMin = 15;       // a phone's sign-in ends after this long without a request from it
    int sessionMaxHours = 10;      // and after this long whatever happens (a shift)
    bool enabled() const { return !address.empty(); }
};

// [phone]: every key checked, a bad one named with the file and line (throws config::ConfigError). The address
// must be a numeric IPv4 or IPv6 address (a name could resolve to another network); the wildcard addresses are
// refused unless allow_any_address = yes. enabled = no keeps the section but serves nothing.
PhoneConfig parsePhoneSection(const config::IniSection& section);

// True for a numeric IPv4 or IPv6 address; `wildcard` says whether it is 0.0.0.0 or ::.
bool isNumericAddress(const std::string& text, bool* wildcard = nullptr);

}  // namespace lw::phone
