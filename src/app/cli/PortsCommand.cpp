// The serial adapters and their udev rule lines (by vendor, product and serial number).
#include "app/cli/PortsCommand.h"

#include <QSerialPortInfo>

#include <cstdio>

namespace lw::app {

namespace {

std::string hex4(int v) {
    char text[8];
    std::snprintf(text, sizeof text, "%04x", v & 0xffff);
    return text;
}

}  // namespace

std::string udevRuleFor(const AdapterFacts& a, const std::string& name) {
    if (!a.vendorId || !a.productId)
        return "# " + a.device + ": not a USB adapter; its name does not move, configure it as " + a.device;
    const std::string ids = "ATTRS{idVendor}==\"" + hex4(*a.vendorId) + "\", ATTRS{idProduct}==\"" + hex4(*a.productId) + "\"";
    if (a.serialNumber.empty())
        return "# " + a.device + " (" + hex4(*a.vendorId) + ":" + hex4(*a.productId) + ") has no serial number: name it by its USB "
               "socket instead (udevadm info -q property -n " + a.device + " | grep ID_PATH=), e.g.\n"
               "# SUBSYSTEM==\"tty\", " + ids + ", ENV{ID_PATH}==\"...\", SYMLINK+=\"lobbywatch/" + name +
               "\", GROUP=\"dialout\", MODE=\"0660\"";
    for (char c : a.serialNumber)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            return "# " + a.device + ": its serial number has characters a udev rule cannot match; name it by its USB socket";
    return "SUBSYSTEM==\"tty\", " + ids + ", ATTRS{serial}==\"" + a.serialNumber + "\", SYMLINK+=\"lobbywatch/" + name +
           "\", GROUP=\"dialout\", MODE=\"0660\"";
}

int listPortsWithRules() {
    const auto ports = QSerialPortInfo::availablePorts();
    if (ports.isEmpty()) std::printf("no serial ports found\n");
    int n = 0;
    for (const auto& p : ports) {
        std::printf("%s\t%s\t%s\t%s\n", p.systemLocation().toUtf8().constData(), p.description().toUtf8().constData(),
                    p.manufacturer().toUtf8().constData(), p.serialNumber().toUtf8().constData());
        AdapterFacts a;
        a.device = p.systemLocation().toStdString();
        if (p.hasVendorIdentifier()) a.vendorId = p.vendorIdentifier();
        if (p.hasProductIdentifier()) a.productId = p.productIdentifier();
        a.serialNumber = p.serialNumber().toStdString();
        std::printf("  %s\n", udevRuleFor(a, "port-" + std::to_string(++n)).c_str());
    }
    if (!ports.isEmpty())
        std::printf("# Put the rule lines in /etc/udev/rules.d/61-lobbywatch-ports.rules, each with its own name "
                    "(dispenser-1, counter, ...),\n# run: udevadm control --reload-rules && udevadm trigger --subsystem-match=tty\n"
                    "# and configure the ports as device = /dev/lobbywatch/NAME\n");
    return 0;
}

}  // namespace lw::app
