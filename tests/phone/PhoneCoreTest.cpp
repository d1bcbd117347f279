// The phone page's core: [phone] config, sessions (idle and absolute expiry, capacity) and the per-address limit on
// PIN tries.
#include "config/Ini.h"
#include "phone/PhoneConfig.h"
#include "phone/PhoneSessions.h"

#include <catch2/catch.hpp>

using namespace lw::phone;
using lw::config::ConfigError;
using lw::config::IniFile;

namespace {

PhoneConfig parse(const std::string& text) {
    IniFile ini = IniFile::parse(text, "kiosk.ini");
    const auto* section = ini.section("phone");
    return section ? parsePhoneSection(*section) : PhoneConfig{};  // as the kiosk's config reads it
}

std::string errorOf(const std::string& text) {
    try {
        parse(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

constexpr TimeMs kMin = 60'000;

}  // namespace

TEST_CASE("phone config: an address and a port; defaults for the rest") {
    PhoneConfig c = parse("[phone]\naddress = 192.168.1.20\nport = 8443\n");
    CHECK(c.enabled());
    CHECK(c.address == "192.168.1.20");
    CHECK(c.port == 8443);
    CHECK(c.sessionIdleMin == 15);
    CHECK(c.sessionMaxHours == 10);
    CHECK(parse("[phone]\naddress = fe80::1\n").address == "fe80::1");
    CHECK_FALSE(parse("[phone]\naddress = 192.168.1.20\nenabled = no\n").enabled());
    CHECK_FALSE(parse("").enabled());  // no section: no page
}

TEST_CASE("phone config: bad values are named with file, line and key") {
    CHECK(errorOf("[phone]\nport = 8080\n").find("kiosk.ini") != std::string::npos);
    CHECK(errorOf("[phone]\nport = 8080\n").find("address") != std::string::npos);
    const std::string name = errorOf("[phone]\naddress = kiosk.branch.local\n");
    CHECK(name.find("kiosk.ini:2") != std::string::npos);
    CHECK(name.find("not a host name") != std::string::npos);
    const std::string any = errorOf("[phone]\naddress = 0.0.0.0\n");
    CHECK(any.find("kiosk.ini:2") != std::string::npos);
    CHECK(any.find("allow_any_address") != std::string::npos);
    CHECK(errorOf("[phone]\naddress = ::\n").find("allow_any_address") != std::string::npos);
    CHECK(parse("[phone]\naddress = 0.0.0.0\nallow_any_address = yes\n").address == "0.0.0.0");
    CHECK(errorOf("[phone]\naddress = 10.0.0.1\nport = 70000\n").find("kiosk.ini:3") != std::string::npos);
    CHECK(errorOf("[phone]\naddress = 10.0.0.1\nadress = 10.0.0.2\n").find("unknown key") != std::string::npos);
    CHECK(errorOf("[phone]\naddress = 10.0.0.1\nsession_idle_min = 0\n").find("session_idle_min") != std::string::npos);
}

TEST_CASE("phone sessions: idle and absolute expiry; seen keeps it; closed is gone") {
    PhoneSessions s(15 * kMin, 10 * 60 * kMin);
    s.open("k1", {"王芳", lw::auth::Role::Manager, "10.0.0.7", 0, 0});
    REQUIRE(s.use("k1", 14 * kMin));
    REQUIRE(s.use("k1", 28 * kMin));          // seen at 14 min: still on
    CHECK_FALSE(s.use("k1", 43 * kMin));       // 15 min without a request
    CHECK(s.size() == 0);
    s.open("k2", {"王芳", lw::auth::Role::Manager, "10.0.0.7", 0, 0});
    for (TimeMs t = 10 * kMin; t < 600 * kMin; t += 10 * kMin) REQUIRE(s.use("k2", t));
    CHECK_FALSE(s.use("k2", 600 * kMin));      // a shift at most
    s.open("k3", {"王芳", lw::auth::Role::Manager, "10.0.0.7", 0, 0});
    CHECK(s.close("k3"));
    CHECK_FALSE(s.use("k3", 1));
    CHECK_FALSE(s.use("nope", 1));
}

TEST_CASE("phone sessions: beyond capacity the one seen longest ago ends") {
    PhoneSessions s(15 * kMin, 600 * kMin, 2);
    s.open("a", {"a", lw::auth::Role::Manager, "x", 0, 0});
    s.open("b", {"b", lw::auth::Role::Manager, "x", 1, 1});
    REQUIRE(s.use("a", 2));
    s.open("c", {"c", lw::auth::Role::Manager, "x", 3, 3});
    CHECK(s.size() == 2);
    CHECK(s.use("a", 4));
    CHECK_FALSE(s.use("b", 4));
    CHECK(s.use("c", 4));
    CHECK(s.expire(4 + 15 * kMin) == 2);
}

TEST_CASE("attempt limiter: at most N tries per address per window; other addresses are not held up") {
    AttemptLimiter l(3, kMin);
    CHECK(l.allow("10.0.0.7", 0));
    CHECK(l.allow("10.0.0.7", 1000));
    CHECK(l.allow("10.0.0.7", 2000));
    CHECK_FALSE(l.allow("10.0.0.7", 3000));
    CHECK(l.retryAfterMs("10.0.0.7", 3000) == kMin - 3000);
    CHECK(l.allow("10.0.0.8", 3000));
    CHECK(l.allow("10.0.0.7", kMin));  // the first try left the window
    CHECK(l.retryAfterMs("10.0.0.9", 0) == 0);
}

TEST_CASE("attempt limiter: remembers a bounded number of addresses") {
    AttemptLimiter l(1, kMin, 4);
    for (int i = 0; i < 100; ++i) CHECK(l.allow("10.0.0." + std::to_string(i), i));
    CHECK_FALSE(l.allow("10.0.0.99", 200));  // the newest are remembered
}
