// lobbywatch --list-ports: the serial adapters of this machine, each with the udev rule line that names it stably.
#pragma once

#include <optional>
#include <string>

namespace lw::app {

struct AdapterFacts {
    std::string device;        // /dev/ttyUSB0
    std::optional<int> vendorId, productId;  // USB ids, when it is a USB adapter
    std::string serialNumber;  // empty: the adapter has none
};

// The rule line for /etc/udev/rules.d/61-lobbywatch-ports.rules that gives this adapter the name
// /dev/lobbywatch/NAME, or a comment saying why it cannot be told apart (not USB, no serial number).
std::string udevRuleFor(const AdapterFacts& adapter, const std::string& name);

int listPortsWithRules();

}  // namespace lw::app
