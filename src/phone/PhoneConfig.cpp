// [phone] parsed and checked.
#include "phone/PhoneConfig.h"

#include "config/Ini.h"

#include <arpa/inet.h>

#include <algorithm>
#include <vector>

namespace lw::phone {

bool isNumericAddress(const std::string& text, bool* wildcard) {
    unsigned char buf[16] = {};
    bool any = false;
    if (inet_pton(AF_INET, text.c_str(), buf) == 1) {
        any = std::all_of(buf, buf + 4, [](unsigned char b) { return b == 0; });
    } else if (inet_pton(AF_INET6, text.c_str(), buf) == 1) {
        any = std::all_of(buf, buf + 16, [](unsigned char b) { return b == 0; });
    } else {
        return false;
    }
    if (wildcard) *wildcard = any;
    return true;
}

PhoneConfig parsePhoneSection(const config::IniSection& s) {
    const std::vector<std::string> known{"enabled", "address", "port", "allow_any_address", "session_idle_min",
                                         "session_max_hours"};
    for (const auto& key : s.keys())
        if (std::find(known.begin(), known.end(), key) == known.end())
            s.fail(key, "one of the keys enabled, address, port, allow_any_address, session_idle_min, "
                        "session_max_hours (unknown key; a typo?)");
    PhoneConfig c;
    const bool enabled = s.boolean("enabled", true);
    c.allowAnyAddress = s.boolean("allow_any_address", false);
    c.port = s.integer("port", c.port, 1, 65535);
    c.sessionIdleMin = s.integer("session_idle_min", c.sessionIdleMin, 1, 240);
    c.sessionMaxHours = s.integer("session_max_hours", c.sessionMaxHours, 1, 24);
    const std::string address = s.requiredText("address");
    bool wildcard = false;
    if (!isNumericAddress(address, &wildcard))
        s.fail("address", "the kiosk's numeric IP address on the branch network, e.g. 192.168.1.20 (not a host name)");
    if (wildcard && !c.allowAnyAddress)
        s.fail("address", "one address of the kiosk, e.g. 192.168.1.20: " + address +
                              " serves the page on every network the kiosk is on (allow_any_address = yes to mean it)");
    if (enabled) c.address = address;
    return c;
}

}  // namespace lw::phone
