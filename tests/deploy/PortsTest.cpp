// The udev rule line --list-ports prints for an adapter: by vendor, product and serial number, or why not.
#include "app/cli/PortsCommand.h"

#include <catch2/catch.hpp>

using lw::app::AdapterFacts;
using lw::app::udevRuleFor;

TEST_CASE("a USB adapter with a serial number gets a rule naming it /dev/lobbywatch/NAME") {
    AdapterFacts ftdi{"/dev/ttyUSB0", 0x0403, 0x6001, "A10K3XYZ"};
    REQUIRE(udevRuleFor(ftdi, "dispenser-1") ==
            R"(SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", ATTRS{serial}=="A10K3XYZ", )"
            R"(SYMLINK+="lobbywatch/dispenser-1", GROUP="dialout", MODE="0660")");
}

TEST_CASE("an adapter that cannot be told apart gets a comment saying what to do instead, never a rule matching any") {
    AdapterFacts noSerial{"/dev/ttyUSB1", 0x1a86, 0x7523, ""};
    const std::string rule = udevRuleFor(noSerial, "counter");
    REQUIRE(rule.rfind("# ", 0) == 0);
    REQUIRE(rule.find("ID_PATH") != std::string::npos);
    REQUIRE(rule.find("1a86:7523") != std::string::npos);
    for (std::size_t at = 0; (at = rule.find('\n', at)) != std::string::npos; ++at) REQUIRE(rule.compare(at + 1, 2, "# ") == 0);
    AdapterFacts builtIn{"/dev/ttyS0", std::nullopt, std::nullopt, ""};
    REQUIRE(udevRuleFor(builtIn, "port-1").rfind("# /dev/ttyS0: not a USB adapter", 0) == 0);
    AdapterFacts odd{"/dev/ttyUSB2", 0x0403, 0x6001, "AB\"C"};
    REQUIRE(udevRuleFor(odd, "x").rfind("# ", 0) == 0);
}
